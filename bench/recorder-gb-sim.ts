/**
 * The benchmark's GB/T 28181 devices, in a process of their own so that their CPU counts for neither
 * side: one PsSender (test/support/ps-sender.ts) per INVITE, playing the bench clip as PS over RTP.
 * 'drain' stalls every sender and reports what each sent.
 */
import { loadClip } from '../src/media/simulator/clip.ts';
import { PsSender } from '../test/support/ps-sender.ts';
import type { GbMediaRequest } from '../src/gb28181/media-session.ts';
import type { Message } from './recorder-ipc.ts';

const { clip: clipPath } = JSON.parse(process.argv[2]!) as { clip: string };
const send = (message: Message) => process.send?.(message);
process.on('disconnect', () => process.exit(0));

const clip = await loadClip(clipPath, 'h264');
const senders = new Map<string, { channelId: string; sender: PsSender }>();
const sent = new Map<string, number>();
let calls = 0;

function stats() {
  const byChannel = new Map(sent);
  for (const { channelId, sender } of senders.values()) byChannel.set(channelId, (byChannel.get(channelId) ?? 0) + sender.framesSent);
  return [...byChannel.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, framesSent]) => ({ framesSent, framesDropped: 0 }));
}

process.on('message', (message: Message) => {
  void (async () => {
    if (message.type === 'gb-invite') {
      const request = message.request as GbMediaRequest;
      try {
        const n = ++calls;
        const ssrc = String(200_000_000 + n).padStart(10, '0');
        const sender = await PsSender.start({ clip, transport: request.transport, target: request.receiver, ssrc: Number(ssrc) });
        const callId = `bench-${n}`;
        senders.set(callId, { channelId: request.channelId, sender });
        send({ type: 'gb-reply', id: message.id, session: { callId, ssrc, payload: 'PS', ...(request.transport === 'tcp-active' ? { deviceMedia: { host: '127.0.0.1', port: sender.port } } : {}) } });
      } catch (error) {
        send({ type: 'gb-reply', id: message.id, error: (error as Error).message });
      }
    } else if (message.type === 'gb-bye') {
      const entry = senders.get(String(message.callId));
      if (entry) {
        entry.sender.stop();
        sent.set(entry.channelId, (sent.get(entry.channelId) ?? 0) + entry.sender.framesSent);
        senders.delete(String(message.callId));
      }
      send({ type: 'gb-reply', id: message.id });
    } else if (message.type === 'stats') {
      send({ type: 'stats', stats: stats() });
    } else if (message.type === 'drain') {
      for (const { sender } of senders.values()) sender.setFault('stall');
      await new Promise((resolve) => setTimeout(resolve, Number(message.ms)));
      send({ type: 'stats', stats: stats() });
    } else if (message.type === 'close') {
      process.exit(0);
    }
  })();
});
send({ type: 'ready' });
