/**
 * The recorder's per-packet path: parseRtpPacket + depacketizer.push, on a real 2 s clip
 * (testsrc2 through libx264 / libx265, packetized at a 1400-byte MTU), repeated for about a second.
 *
 *   node --import tsx bench/depacketizer.ts            # one JSON line
 *   BENCH_SIZE=1920x1080 node --import tsx bench/depacketizer.ts
 */
import { performance } from 'node:perf_hooks';
import { groupAccessUnits, splitAnnexB } from '../src/media/annexb.ts';
import { H264Depacketizer } from '../src/media/h264/depacketizer.ts';
import { H265Depacketizer } from '../src/media/h265/depacketizer.ts';
import { parseRtpPacket } from '../src/media/rtp/packet.ts';
import { makeClip, tempDir } from '../test/media/support/clips.ts';
import { packetize } from '../test/media/support/packetize.ts';

const size = process.env.BENCH_SIZE ?? '640x360';
const temp = await tempDir();
const result: Record<string, unknown> = { bench: 'depacketizer', size, mtu: 1400 };
try {
  for (const codec of ['h264', 'h265'] as const) {
    const clip = await makeClip(temp.dir, codec, codec, { size });
    const packets = packetize(codec, groupAccessUnits(splitAnnexB(clip.data), codec), { mtu: 1400 }).map((p) => p.data);
    const bytes = packets.reduce((sum, p) => sum + p.length, 0);
    const run = (): number => {
      const dep = codec === 'h264' ? new H264Depacketizer() : new H265Depacketizer();
      let units = 0;
      for (let i = 0; i < packets.length; i++) units += dep.push(parseRtpPacket(packets[i]!), i).length;
      return units;
    };
    for (let i = 0; i < 50; i++) run();
    let rounds = 0;
    let units = 0;
    const start = performance.now();
    while (performance.now() - start < 1000) {
      units += run();
      rounds++;
    }
    const seconds = (performance.now() - start) / 1000;
    result[codec] = {
      packetsPerRound: packets.length,
      accessUnitsPerRound: units / rounds,
      packetsPerSecond: Math.round((rounds * packets.length) / seconds),
      nsPerPacket: Math.round((seconds * 1e9) / (rounds * packets.length)),
      mbitPerSecond: Math.round((rounds * bytes * 8) / seconds / 1e6),
      /** How many 25 fps streams of this clip one core could depacketize. */
      streamsPerCore: Math.round((rounds * 2) / seconds),
    };
  }
} finally {
  await temp.remove();
}
process.stdout.write(`${JSON.stringify(result)}\n`);
