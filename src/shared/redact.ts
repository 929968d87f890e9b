export const REDACTED = '***';

/** A stream URL with its password replaced, safe to return and to log. */
export function redactUrl(url: string | null): string | null {
  if (url === null) return null;
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = REDACTED;
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
  }
}

/**
 * A URL sent back as it was shown (password redacted) keeps the stored password, so that editing
 * a camera never needs the secret again.
 */
export function keepRedactedPassword(incoming: string | null, stored: string | null): string | null {
  if (incoming === null || stored === null) return incoming;
  try {
    const next = new URL(incoming);
    const previous = new URL(stored);
    if (next.password !== REDACTED || next.username !== previous.username || next.host !== previous.host) return incoming;
    next.password = previous.password;
    return next.toString();
  } catch {
    return incoming;
  }
}
