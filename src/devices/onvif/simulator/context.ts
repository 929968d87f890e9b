/** What every handler of the simulator sees. */
import type { SimIdentity, SimProfile, SimPtz, SimPullPoint } from './state.ts';

export class SimFault extends Error {
  constructor(
    readonly subcode: string,
    readonly reason: string,
  ) {
    super(reason);
  }
}

export interface SimContext {
  identity: SimIdentity;
  profiles: SimProfile[];
  ptz: SimPtz;
  pullPoints: Map<string, SimPullPoint>;
  /** http://host:port */
  base: string;
  host: string;
  /** The device's clock: now plus its offset. */
  deviceNow(): number;
}

export type Handler = (ctx: SimContext, operation: import('../soap/xml.ts').XmlElement, path: string) => string | Promise<string>;
