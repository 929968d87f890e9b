/**
 * The upward links of `cascade.upward[]`, one CascadeClient each: started with the server, stopped
 * with it, and their status (registered, last keepalive, last error, what is shared) for the API.
 */
import type { RegisterService } from '../../access/register/register-service.ts';
import type { Db } from '../../db/connect.ts';
import type { Clock } from '../../shared/clock.ts';
import type { CascadeUpwardConfig } from './config.ts';
import type { CascadeLiveSource } from './live-upward.ts';
import { RegisterShareRecorder } from './share-register.ts';
import { RegistrySharedCameras } from './shared-cameras.ts';
import { CascadeClient, type CascadeDeps, type CascadeLinkStatus } from './cascade-client.ts';

export class CascadeService {
  private readonly clients: CascadeClient[];

  constructor(links: readonly CascadeUpwardConfig[], deps: CascadeDeps) {
    this.clients = links.filter((l) => l.enabled).map((l) => new CascadeClient(l, deps));
  }

  /** Starts every enabled link; a superior that is down is retried in the background. */
  async start(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.start().catch(() => false)));
  }

  async stop(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.stop()));
  }

  status(): CascadeLinkStatus[] {
    return this.clients.map((c) => c.status());
  }
}

/**
 * What the server calls at start (after the register exists): every enabled `cascade.upward[]` link
 * registered upward, sharing from the registry, recording each share in the access register.
 */
export async function startCascade(
  links: readonly CascadeUpwardConfig[],
  deps: { db: Db; register: RegisterService; clock: Clock; version?: string; live?: CascadeLiveSource },
): Promise<CascadeService> {
  const service = new CascadeService(links, {
    source: new RegistrySharedCameras(deps.db),
    recorder: new RegisterShareRecorder(deps.register),
    clock: deps.clock,
    ...(deps.version ? { version: deps.version } : {}),
    ...(deps.live ? { live: deps.live } : {}),
  });
  await service.start();
  return service;
}
