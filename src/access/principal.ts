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
}
