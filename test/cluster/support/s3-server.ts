/** s3rver in this process, on a free loopback port, storing under `directory` (credentials S3RVER/S3RVER). */
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';

interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverClass = new (options: { address: string; port: number; directory: string; silent: boolean }) => S3rverInstance;

export interface S3TestServer {
  url: string;
  close(): Promise<void>;
}

export async function startS3TestServer(directory: string): Promise<S3TestServer> {
  const S3rver = createRequire(import.meta.url)('s3rver') as S3rverClass;
  const server = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true });
  const { port } = await server.run();
  return { url: `http://127.0.0.1:${port}`, close: () => server.close().catch(() => undefined) };
}
