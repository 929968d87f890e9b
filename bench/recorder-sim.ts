/**
 * The benchmark's camera simulator, in a process of its own so that its CPU counts for neither side.
 * 'drain' stalls every camera, waits for the sockets to empty, reports what each camera sent and
 * closes the server, so that every client sees the end of its stream.
 */
import { startSimulator } from '../src/media/simulator/server.ts';
import type { Message } from './recorder-ipc.ts';

const { cameras, clip } = JSON.parse(process.argv[2]!) as { cameras: number; clip: string };
const send = (message: Message) => process.send?.(message);
process.on('disconnect', () => process.exit(0));

const sim = await startSimulator({ cameras, clip: { h264: clip }, codec: 'h264', host: '127.0.0.1', sessionTimeoutS: 0 });
const numbers = Array.from({ length: cameras }, (_, i) => i + 1);

process.on('message', (message: Message) => {
  void (async () => {
    if (message.type === 'stats') {
      send({ type: 'stats', stats: numbers.map((n) => sim.stats(n)) });
    } else if (message.type === 'drain') {
      for (const n of numbers) sim.setFault(n, { kind: 'stall' });
      await new Promise((resolve) => setTimeout(resolve, Number(message.ms)));
      const stats = numbers.map((n) => sim.stats(n));
      await sim.close();
      send({ type: 'stats', stats });
    } else if (message.type === 'close') {
      process.exit(0);
    }
  })();
});
send({ type: 'ready', urls: numbers.map((n) => sim.url(n)) });
