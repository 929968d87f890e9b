/**
 * The camera simulator in a process of its own (see simulator-process.ts): started from the options in
 * argv[2], then asked over IPC for stats, faults and close.
 */
import { startSimulator, type SimulatorOptions } from '../../src/media/simulator/server.ts';
import type { ChildReply, ChildRequest } from './simulator-process.ts';

const options = JSON.parse(process.argv[2]!) as SimulatorOptions;
const send = (message: ChildReply) => process.send?.(message);
process.on('disconnect', () => process.exit(0));

const sim = await startSimulator(options);

process.on('message', (request: ChildRequest) => {
  void (async () => {
    try {
      if (request.op === 'stats') send({ id: request.id, ok: true, value: sim.stats(request.camera) });
      else if (request.op === 'setFault') {
        sim.setFault(request.camera, request.fault);
        send({ id: request.id, ok: true });
      } else {
        await sim.close();
        send({ id: request.id, ok: true });
      }
    } catch (error) {
      send({ id: request.id, ok: false, error: String(error) });
    }
  })();
});
send({ id: 0, ok: true, value: { port: sim.port, urls: Array.from({ length: options.cameras }, (_, i) => sim.url(i + 1)) } });
