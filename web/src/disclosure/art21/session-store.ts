/**
 * The view-only tokens of a session just opened, kept for this tab only (sessionStorage) so that the
 * viewing page can be reloaded; they are never shown and expire with the session.
 */
import type { OpenedSession } from './types.ts';

const key = (sessionId: string) => `custos.art21.session.${sessionId}`;

export function keepSession(opened: OpenedSession): void {
  sessionStorage.setItem(key(opened.session.id), JSON.stringify(opened));
}

export function keptSession(sessionId: string): OpenedSession | undefined {
  const text = sessionStorage.getItem(key(sessionId));
  return text ? (JSON.parse(text) as OpenedSession) : undefined;
}

export function forgetSession(sessionId: string): void {
  sessionStorage.removeItem(key(sessionId));
}
