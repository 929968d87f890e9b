/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): the headers webhook-id,
 * webhook-timestamp (unix seconds) and webhook-signature `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`
 * keyed with the secret's bytes. Receivers verify with any Standard Webhooks library.
 */
import { createHmac } from 'node:crypto';
import { secretBytes } from './webhook-secret.ts';

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

export function signWebhook(secret: string, messageId: string, at: Date, body: string): SignedHeaders {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const mac = createHmac('sha256', secretBytes(secret)).update(`${messageId}.${timestamp}.${body}`).digest('base64');
  return { 'webhook-id': messageId, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${mac}` };
}
