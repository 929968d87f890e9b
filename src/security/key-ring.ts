/** The server's symmetric keys, each in its own owner-only file under `<dataDir>/keys/` (see secret-key-file.ts). */
import { loadOrCreateSecretKey, secretKeyFile } from './secret-key-file.ts';

export class KeyRing {
  constructor(private readonly dataDir: string) {}

  /** HMAC-SHA-256 key of media tokens. */
  mediaTokenKey(): Promise<Buffer> {
    return loadOrCreateSecretKey(secretKeyFile(this.dataDir, 'media-token'));
  }

  /** AES-256-GCM key of the users' TOTP secrets. */
  totpKey(): Promise<Buffer> {
    return loadOrCreateSecretKey(secretKeyFile(this.dataDir, 'totp'));
  }

  /** AES-256-GCM key of the webhook endpoints' signing secrets. */
  webhookKey(): Promise<Buffer> {
    return loadOrCreateSecretKey(secretKeyFile(this.dataDir, 'webhook'));
  }

  /** AES-256-GCM key of the GB/T 28181 devices' Digest passwords. */
  gb28181Key(): Promise<Buffer> {
    return loadOrCreateSecretKey(secretKeyFile(this.dataDir, 'gb28181'));
  }

  /** HMAC-SHA-256 key the processes of a cluster sign their internal requests with (copy `keys/` to every node). */
  clusterKey(): Promise<Buffer> {
    return loadOrCreateSecretKey(secretKeyFile(this.dataDir, 'cluster'));
  }
}
