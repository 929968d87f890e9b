/**
 * REG-23-5 (art. 23(4)): before a camera is activated, its RTSP source is tried with each vendor-default
 * credential (admin/12345 and the like). A camera that lets one in is refused activation
 * (409 E_DEFAULT_CREDENTIALS) until its credential is rotated. Only DESCRIBE is sent: nothing is played.
 * A camera that cannot be reached is not refused here (the recorder reports it); one that asks for no
 * credential at all is reported as OPEN.
 */
import { Authenticator, Credentials } from '../../media/rtsp/auth.ts';
import { RtspConnection } from '../../media/rtsp/connection.ts';
import { parseRtspUrl } from '../../media/rtsp/url.ts';
import { ConflictError } from '../../shared/errors.ts';

export interface VendorCredential {
  username: string;
  password: string;
}

export type CredentialProbe =
  | { outcome: 'DEFAULT_ACCEPTED'; username: string }
  | { outcome: 'REFUSED' }
  | { outcome: 'OPEN' }
  | { outcome: 'UNREACHABLE'; error: string }
  | { outcome: 'NOT_RTSP' };

export interface DefaultCredentialOptions {
  credentials: readonly VendorCredential[];
  timeoutMs?: number;
  /** Checked before any connection (the source-address policy). */
  checkTarget?: (url: string) => Promise<void>;
}

/** Tries each credential, one connection each; stops at the first that is accepted. */
export async function probeDefaultCredentials(sourceUrl: string, options: DefaultCredentialOptions): Promise<CredentialProbe> {
  let target;
  try {
    target = parseRtspUrl(sourceUrl);
  } catch {
    return { outcome: 'NOT_RTSP' };
  }
  await options.checkTarget?.(target.url);
  const timeoutMs = options.timeoutMs ?? 3000;
  for (const credential of [undefined, ...options.credentials]) {
    let status: number;
    try {
      status = await describeWith(target.host, target.port, target.url, credential, timeoutMs);
    } catch (error) {
      return { outcome: 'UNREACHABLE', error: error instanceof Error ? error.message : String(error) };
    }
    if (status === 200 && !credential) return { outcome: 'OPEN' };
    if (status === 200 && credential) return { outcome: 'DEFAULT_ACCEPTED', username: credential.username };
    if (status !== 401) return { outcome: 'REFUSED' };
  }
  return { outcome: 'REFUSED' };
}

/** The DESCRIBE status: without a credential as is, with one after answering the 401's challenge. */
async function describeWith(host: string, port: number, url: string, credential: VendorCredential | undefined, timeoutMs: number): Promise<number> {
  const connection = await RtspConnection.connect(host, port, timeoutMs, { onInterleaved: () => undefined, onClose: () => undefined });
  try {
    const headers = { 'User-Agent': 'Custos credential check', Accept: 'application/sdp' };
    const first = await connection.request('DESCRIBE', url, headers, timeoutMs);
    if (first.status !== 401 || !credential) return first.status;
    const auth = new Authenticator(new Credentials(credential.username, credential.password));
    if (!auth.accept(first.headers.getAll('www-authenticate'))) return 401;
    const second = await connection.request('DESCRIBE', url, { ...headers, Authorization: auth.authorization('DESCRIBE', url) }, timeoutMs);
    return second.status;
  } finally {
    connection.close();
  }
}

export function defaultCredentialsAccepted(cameraId: string, username: string): ConflictError {
  return new ConflictError('E_DEFAULT_CREDENTIALS', {
    article: '23(4)',
    message: {
      zh: `摄像机接受厂商默认口令(用户 ${username}),更换设备口令后方可启用`,
      en: `The camera accepts a vendor-default credential (user ${username}); change the device's credential before activating it`,
    },
    details: { cameraId, username },
  });
}

/** The check CamerasService runs before activation: refuses a camera that accepts a vendor default. */
export function defaultCredentialGate(options: DefaultCredentialOptions): (camera: { id: string; sourceUrl: string | null }) => Promise<void> {
  return async (camera) => {
    if (!camera.sourceUrl) return;
    const probe = await probeDefaultCredentials(camera.sourceUrl, options);
    if (probe.outcome === 'DEFAULT_ACCEPTED') throw defaultCredentialsAccepted(camera.id, probe.username);
  };
}
