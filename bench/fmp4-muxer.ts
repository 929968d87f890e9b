/**
 * What muxing costs on the recording path: one-second fragments of a 1080p25 camera at about
 * 4 Mbit/s (a 150 kB keyframe, then 24 frames of 15 kB, each of 2 NAL units), plus the init segment.
 *
 *   node --import tsx bench/fmp4-muxer.ts     # prints one JSON line
 *   BENCH_SECONDS=5 node --import tsx bench/fmp4-muxer.ts
 */
import { performance } from 'node:perf_hooks';
import { createFragment } from '../src/media/fmp4/fragment.ts';
import { createInitSegment } from '../src/media/fmp4/init-segment.ts';
import type { Sample } from '../src/media/types.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const KEYFRAME_BYTES = 150_000;
const FRAME_BYTES = 15_000;

function frame(bytes: number, keyframe: boolean): Sample {
  return { data: Buffer.alloc(bytes, keyframe ? 0x65 : 0x41), duration: 3600, keyframe, compositionOffset: 0 };
}
const gop: Sample[] = [frame(KEYFRAME_BYTES, true), ...Array.from({ length: 24 }, () => frame(FRAME_BYTES, false))];
const gopBytes = gop.reduce((sum, s) => sum + s.data.length, 0);

const sps = Buffer.from('6764002aacd940780227e5c05a808080a0000003002000000651e30632', 'hex');
const pps = Buffer.from('68ebecb22c', 'hex');
const track = { codec: 'h264' as const, width: 1920, height: 1080, timescale: 90000, parameterSets: { codec: 'h264' as const, sps: [sps], pps: [pps] }, codecString: 'avc1.64002a' };

const initStart = performance.now();
const initRuns = 10_000;
for (let i = 0; i < initRuns; i++) createInitSegment(track);
const initMicros = ((performance.now() - initStart) * 1000) / initRuns;

for (let i = 0; i < 200; i++) createFragment(i, i * 90000, gop); // warm up
const cpuStart = process.cpuUsage();
const start = performance.now();
let fragments = 0;
let bytes = 0;
while (performance.now() - start < seconds * 1000) {
  bytes += createFragment(fragments + 1, fragments * 90000, gop).length;
  fragments++;
}
const elapsed = (performance.now() - start) / 1000;
const cpu = process.cpuUsage(cpuStart);
const cpuSecondsPerFragment = (cpu.user + cpu.system) / 1e6 / fragments;

console.log(
  JSON.stringify({
    bench: 'fmp4-muxer',
    sampleBytesPerFragment: gopBytes,
    fragmentsPerSecond: Math.round(fragments / elapsed),
    megabytesPerSecond: Math.round(bytes / elapsed / 1e6),
    // One fragment a second per camera: CPU-seconds spent muxing per stream-hour.
    cpuSecondsPerStreamHour: Number((cpuSecondsPerFragment * 3600).toFixed(3)),
    initSegmentMicros: Number(initMicros.toFixed(2)),
  }),
);
