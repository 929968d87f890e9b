/**
 * Test and bench only: a GbMediaBroker that plays the device itself. Each INVITE starts a PsSender
 * (test/support/ps-sender.ts) toward the recorder's receiver, or listening for it (tcp-active); BYE
 * stops it. The real SIP platform is another module's; this is the edge of the recorder's world.
 */
import type { GbMediaBroker, GbMediaRequest, GbMediaSession } from '../../src/gb28181/media-session.ts';
import type { Clip } from '../../src/media/simulator/clip.ts';
import type { VideoCodec } from '../../src/media/types.ts';
import { PsSender, type PsSenderFault } from './ps-sender.ts';

export class FakeGbBroker implements GbMediaBroker {
  readonly invites: GbMediaRequest[] = [];
  readonly byes: string[] = [];
  readonly senders = new Map<string, PsSender>();
  /** Per channel: the fault its sender starts with. */
  readonly faults = new Map<string, PsSenderFault>();
  private calls = 0;

  constructor(private readonly clips: Record<VideoCodec, Clip>, private readonly codecOf: (channelId: string) => VideoCodec = () => 'h264') {}

  async invite(request: GbMediaRequest): Promise<GbMediaSession> {
    this.invites.push(request);
    const n = ++this.calls;
    const ssrc = String(100_000_000 + n).padStart(10, '0');
    const sender = await PsSender.start({
      clip: this.clips[this.codecOf(request.channelId)],
      transport: request.transport,
      target: request.receiver,
      ssrc: Number(ssrc),
      fault: this.faults.get(request.channelId),
    });
    const callId = `call-${n}@fake`;
    this.senders.set(callId, sender);
    return { callId, ssrc, payload: 'PS', ...(request.transport === 'tcp-active' ? { deviceMedia: { host: '127.0.0.1', port: sender.port } } : {}) };
  }

  async bye(callId: string): Promise<void> {
    this.byes.push(callId);
    this.senders.get(callId)?.stop();
    this.senders.delete(callId);
  }

  /** The live sender of a channel (the latest INVITE's). */
  senderOf(channelId: string): PsSender | undefined {
    const index = this.invites.map((r) => r.channelId).lastIndexOf(channelId);
    return index < 0 ? undefined : [...this.senders.entries()].find(([callId]) => callId === `call-${index + 1}@fake`)?.[1];
  }

  close(): void {
    for (const sender of this.senders.values()) sender.stop();
    this.senders.clear();
  }
}
