/**
 * A recorder in a worker thread reaches the main thread's GB/T 28181 media broker through messages:
 * `gb-invite` and `gb-bye` with a request id, answered by `gb-reply`. The worker side is a
 * GbMediaBroker like any other; the main side answers with the real one.
 */
import type { GbMediaBroker, GbMediaRequest, GbMediaSession } from '../gb28181/media-session.ts';
import { DomainError } from '../shared/errors.ts';
import type { FromWorker, GbReply } from './worker-protocol.ts';

/** Worker side: forwards to the main thread and waits for its answer. */
export class WorkerGbBroker implements GbMediaBroker {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (session: GbMediaSession | undefined) => void; reject: (error: Error) => void }>();

  constructor(private readonly post: (message: FromWorker) => void) {}

  invite(request: GbMediaRequest): Promise<GbMediaSession> {
    return this.ask((id) => ({ type: 'gb-invite', id, request })).then((session) => {
      if (!session) throw new Error('E_GB_INVITE_FAILED: no session in the answer');
      return session;
    });
  }

  async bye(callId: string): Promise<void> {
    await this.ask((id) => ({ type: 'gb-bye', id, callId }));
  }

  /** The main thread's answer. */
  reply(message: GbReply): void {
    const waiting = this.pending.get(message.id);
    if (!waiting) return;
    this.pending.delete(message.id);
    if (message.error) waiting.reject(new Error(`${message.error.code}: ${message.error.en}`));
    else waiting.resolve(message.session);
  }

  private ask(message: (id: number) => FromWorker): Promise<GbMediaSession | undefined> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.post(message(id));
    });
  }
}

/** Main side: runs a worker's request on the broker and sends the answer back; never throws. */
export function answerGbRequest(broker: GbMediaBroker | undefined, message: Extract<FromWorker, { type: 'gb-invite' | 'gb-bye' }>, send: (reply: GbReply) => void): void {
  const fail = (error: unknown) =>
    send({
      type: 'gb-reply',
      id: message.id,
      error: error instanceof DomainError ? { code: error.code, zh: error.localized.zh, en: error.localized.en } : { code: 'E_GB_INVITE_FAILED', zh: String((error as Error)?.message ?? error), en: String((error as Error)?.message ?? error) },
    });
  if (!broker) return fail(new Error('GB/T 28181 platform not enabled'));
  try {
    const answer: Promise<GbMediaSession | undefined> = message.type === 'gb-invite' ? broker.invite(message.request) : broker.bye(message.callId).then(() => undefined);
    void answer.then((session) => send({ type: 'gb-reply', id: message.id, ...(session ? { session } : {}) })).catch(fail);
  } catch (error) {
    fail(error);
  }
}
