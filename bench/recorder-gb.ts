/**
 * The GB/T 28181 side of the recorder benchmark (`--source gb28181`): the Custos child's broker asks
 * the benchmark (IPC) to INVITE; the benchmark passes it to the PS sender process (recorder-gb-sim.ts),
 * which plays the same clip as PS over RTP to the recorder's port and answers with the session.
 */
import type { GbMediaBroker, GbMediaRequest, GbMediaSession, GbMediaTransport } from '../src/gb28181/media-session.ts';
import { gbStreamUrl } from '../src/gb28181/stream-url.ts';
import type { Message } from './recorder-ipc.ts';

export const BENCH_GB_DEVICE = '34020000001320000001';

/** The stream address of bench camera n (1-based). */
export function benchGbUrl(n: number, transport: GbMediaTransport = 'udp'): string {
  return gbStreamUrl({ deviceId: BENCH_GB_DEVICE, channelId: `3402000000131${String(n).padStart(7, '0')}`, transport });
}

/** Custos child side: a broker whose INVITE and BYE go to the parent process. */
export class IpcGbBroker implements GbMediaBroker {
  private nextId = 1;
  private readonly pending = new Map<number, (message: Message) => void>();

  constructor(private readonly send: (message: Message) => void) {}

  /** The parent's answer to a gb-invite or gb-bye. */
  reply(message: Message): void {
    const id = Number(message.id);
    this.pending.get(id)?.(message);
    this.pending.delete(id);
  }

  async invite(request: GbMediaRequest): Promise<GbMediaSession> {
    const answer = await this.ask({ type: 'gb-invite', request });
    if (!answer.session) throw new Error(`E_GB_INVITE_FAILED: ${String(answer.error)}`);
    return answer.session as GbMediaSession;
  }

  async bye(callId: string): Promise<void> {
    await this.ask({ type: 'gb-bye', callId });
  }

  private ask(message: Message): Promise<Message> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.send({ ...message, id });
    });
  }
}
