/**
 * The MESSAGE side both the simulator and the cascade client share: a platform's query is answered
 * 200 at once, then its Response documents follow as MESSAGEs of their own (GB/T 28181-2022 §9.5).
 */
import type { SipRequest } from '../sip/message.ts';
import { MANSCDP_CONTENT_TYPE, ManscdpParseError, parseManscdp, type ManscdpMessage } from './manscdp.ts';
import type { SipUserAgent } from './user-agent.ts';

/** What a handler returns: the Response bodies to send, in order (none: nothing more to say). */
export type QueryHandler = (query: ManscdpMessage, request: SipRequest) => Buffer[] | Promise<Buffer[]>;

/**
 * Answers a MESSAGE: 400 when its body is not MANSCDP, 200 then the handler's responses otherwise.
 * Unknown CmdTypes get 200 and nothing more, as devices do.
 */
export async function answerMessage(ua: SipUserAgent, request: SipRequest, handlers: Record<string, QueryHandler>): Promise<ManscdpMessage | undefined> {
  let query: ManscdpMessage;
  try {
    query = parseManscdp(request.body);
  } catch (error) {
    if (error instanceof ManscdpParseError) {
      ua.reply(request, 400);
      return undefined;
    }
    throw error;
  }
  ua.reply(request, 200);
  const handler = handlers[query.cmdType];
  if (!handler) return query;
  const bodies = await handler(query, request);
  for (const body of bodies) {
    // One at a time, as devices do: the next only when the last was answered (or timed out).
    await ua.request('MESSAGE', { body, contentType: MANSCDP_CONTENT_TYPE, timeoutMs: 4000 }).catch(() => undefined);
  }
  return query;
}
