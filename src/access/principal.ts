import type { TokenScope } from './actions.ts';

/** The signed-in user behind a request: who they are and for which unit they act (REG-16-5 单位, 姓名). */
export interface Principal {
  userId: string;
  username: string;
  /** 姓名 */
  displayName: string;
  unitId: string | null;
  /** 单位 */
  unitName: string;
  kind: 'STAFF' | 'CONTRACTOR';
  via: 'session' | 'token';
  sessionId?: string;
  /** For API tokens: the scopes the token was limited to. */
  tokenScopes?: readonly TokenScope[];
  clientAddress: string;
  /**
   * An officer of a public security organ signed in on an inspector account (art. 24, REG-24-1): read-only,
   * every request logged; unitName is the organ and unitId null, so only the inspection grants give reach.
   */
  inspector?: { accountId: string; officerName: string; organ: string; warrantRef: string; unitId: string; validTo: string };
}
