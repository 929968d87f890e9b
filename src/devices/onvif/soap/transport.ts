/**
 * Posts a SOAP request and reads the answer: at most `maxBytes`, within `timeoutMs`. A device that
 * answers 401 with an HTTP Digest (or Basic) challenge gets the request again with the answer to it
 * (the RTSP client's authenticator: same RFC 7616 arithmetic); a second 401 is E_ONVIF_AUTH. Faults
 * come back with HTTP 400/500 and a SOAP body, which the caller reads.
 */
import { Authenticator, chooseChallenge, Credentials, parseChallenges } from '../../../media/rtsp/auth.ts';
import type { Credential } from './envelope.ts';
import { OnvifError } from './errors.ts';

export const DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024;

export interface TransportOptions {
  timeoutMs: number;
  maxBytes?: number;
  /** For the HTTP digest fallback. */
  credential?: Credential | undefined;
}

export async function postSoap(url: string, action: string, body: string, options: TransportOptions): Promise<string> {
  const target = new URL(url);
  const deadline = AbortSignal.timeout(options.timeoutMs);
  let authenticator: Authenticator | undefined;
  for (let attempt = 0; attempt < 2; attempt++) {
    const headers: Record<string, string> = { 'content-type': `application/soap+xml; charset=utf-8; action="${action}"` };
    const authorization = authenticator?.authorization('POST', target.pathname + target.search);
    if (authorization) headers.authorization = authorization;
    let response: Response;
    try {
      response = await fetch(target, { method: 'POST', headers, body, redirect: 'error', signal: deadline });
    } catch (error) {
      if (deadline.aborted) throw new OnvifError('E_ONVIF_TIMEOUT', `no answer from ${target.host} within ${options.timeoutMs} ms`);
      throw new OnvifError('E_ONVIF_UNREACHABLE', error instanceof Error ? error.message : String(error));
    }
    if (response.status === 401 && attempt === 0 && options.credential) {
      await response.body?.cancel();
      // Digest only: the password is never sent in clear (Basic) to whatever answers on the address.
      const digest = digestOnly(response.headers.get('www-authenticate') ?? '');
      authenticator = new Authenticator(new Credentials(options.credential.username, options.credential.password));
      if (digest && chooseChallenge(parseChallenges([digest]))?.scheme === 'digest' && authenticator.accept([digest])) continue;
      throw new OnvifError('E_ONVIF_AUTH', 'HTTP 401 without a Digest challenge we can answer');
    }
    if (response.status === 401 || response.status === 403) {
      await response.body?.cancel();
      throw new OnvifError('E_ONVIF_AUTH', `HTTP ${response.status}`);
    }
    const text = await readLimited(response, options.maxBytes ?? DEFAULT_MAX_RESPONSE_BYTES, deadline, options.timeoutMs);
    if (!response.ok && !/<(?:\w+:)?Envelope\b/.test(text)) throw new OnvifError('E_ONVIF_UNREACHABLE', `HTTP ${response.status} from ${target.host}`);
    return text;
  }
  throw new OnvifError('E_ONVIF_AUTH', 'credentials refused');
}

/** The WWW-Authenticate value without its Basic challenges (several challenges may share one value). */
function digestOnly(value: string): string {
  const at = value.search(/\bDigest\s/i);
  if (at < 0) return '';
  const rest = value.slice(at);
  const basic = rest.search(/,\s*Basic\b/i);
  return basic < 0 ? rest : rest.slice(0, basic);
}

async function readLimited(response: Response, maxBytes: number, deadline: AbortSignal, timeoutMs: number): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel();
        throw new OnvifError('E_ONVIF_RESPONSE', `answer larger than ${maxBytes} bytes`);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof OnvifError) throw error;
    if (deadline.aborted) throw new OnvifError('E_ONVIF_TIMEOUT', `answer not complete within ${timeoutMs} ms`);
    throw new OnvifError('E_ONVIF_UNREACHABLE', error instanceof Error ? error.message : String(error));
  }
  return Buffer.concat(chunks).toString('utf8');
}
