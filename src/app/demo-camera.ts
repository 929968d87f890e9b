/** The demo camera: the built-in simulator serving one looping H.264 camera on 127.0.0.1. */
import { DEFAULT_CLIPS } from '../media/simulator/clip.ts';
import { startSimulator } from '../media/simulator/server.ts';

export interface DemoCamera {
  url: string;
  close(): Promise<void>;
}

export async function startDemoCamera(port: number): Promise<DemoCamera> {
  const simulator = await startSimulator({ cameras: 1, clip: DEFAULT_CLIPS, codec: 'h264', port, host: '127.0.0.1' });
  return { url: simulator.url(1), close: () => simulator.close() };
}
