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

// Greedy to the last @ of the word: a password with a raw @ or quote in it goes whole (a path with an @ is hidden too).
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)\S*@/gi;
const SECRET_PARAMS = /\b(pass(?:word|wd)?|pwd|secret|token|auth(?:orization)?|key)=("[^"]*"|'[^']*'|[^&\s'";,]*)/gi;
const BASIC_AUTH = /\b(basic|bearer|digest)\s+[^\s,'"]+/gi;

/**
 * Text (an ffmpeg line, a socket error) with every credential taken out: the user part of any URL,
 * `password=`-like parameters, Authorization values, and the literal password of `url`
 * (raw and percent-encoded) wherever they appear. What leaves the recorder goes through here.
 */
export function stripCredentials(text: string, url?: string | null): string {
  let out = text.replace(URL_USERINFO, `$1${REDACTED}@`).replace(SECRET_PARAMS, `$1=${REDACTED}`).replace(BASIC_AUTH, `$1 ${REDACTED}`);
  for (const secret of secretsOf(url)) out = out.split(secret).join(REDACTED);
  return out;
}

function secretsOf(url: string | null | undefined): string[] {
  if (!url) return [];
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [];
  }
  const found = new Set<string>();
  const part = parsed.password;
  // Shorter ones would take out ordinary words; in URL form they go by the patterns above.
  if (part.length >= 3) {
    found.add(part);
    try {
      found.add(decodeURIComponent(part));
    } catch {
      /* kept encoded only */
    }
  }
  // Longest first, so that a secret containing another is taken out whole.
  return [...found].sort((a, b) => b.length - a.length);
}
