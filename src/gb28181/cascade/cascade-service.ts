/**
 * The upward links of `cascade.upward[]`, one CascadeClient each: started with the server, stopped
 * with it, and their status (registered, last keepalive, last error, what is shared) for the API.
 */
import type { CascadeUpwardConfig } from './config.ts';
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
