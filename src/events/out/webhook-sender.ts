/**
 * One webhook attempt: a POST of the signed body, answered within the timeout. Only a 2xx is a
 * success; a redirect is a failure (never followed: it could lead anywhere). The answer's body is
 * read and dropped (at most 64 KiB kept out of memory).
 */
import http from 'node:http';
import https from 'node:https';
import { checkWebhookUrl, guardedLookup, portOf } from './webhook-target.ts';

export interface AttemptResult {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

export interface SendInput {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  ownPorts: () => readonly number[];
}

export type WebhookSend = (input: SendInput) => Promise<AttemptResult>;

export const sendWebhook: WebhookSend = async (input) => {
  const started = performance.now();
  const done = (statusCode: number | null, error: string | null): AttemptResult => ({
    ok: statusCode !== null && statusCode >= 200 && statusCode < 300,
    statusCode,
    error,
    durationMs: Math.round(performance.now() - started),
  });
  let url: URL;
  try {
    url = checkWebhookUrl(input.url, input.ownPorts());
  } catch (error) {
    return done(null, (error as Error).message);
  }
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise<AttemptResult>((resolve) => {
    const request = transport.request(
      url,
      {
        method: 'POST',
        headers: { ...input.headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(input.body), 'user-agent': 'Custos-Webhooks/1' },
        lookup: guardedLookup(input.url, portOf(url), input.ownPorts),
        timeout: input.timeoutMs,
      },
      (response) => {
        response.resume();
        response.on('end', () => {
          const code = response.statusCode ?? 0;
          resolve(done(code, code >= 300 && code < 400 ? `redirect not followed (${code})` : code >= 200 && code < 300 ? null : `HTTP ${code}`));
        });
        response.on('error', (error) => resolve(done(response.statusCode ?? null, error.message)));
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${input.timeoutMs} ms`)));
    request.on('error', (error) => resolve(done(null, error.message)));
    request.end(input.body);
  });
};
