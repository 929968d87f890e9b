/** The PS muxer's packs are what ffprobe reads as H.264/H.265 in MPEG-PS, frame for frame and with their times. */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { crc32Mpeg2, muxPsPicture, pesPackets, programStreamMap } from '../../src/media/ps/muxer.ts';
import { packetizePs } from '../../src/media/ps/rtp-ps-packetizer.ts';
import { loadClip } from '../../src/media/simulator/clip.ts';
import { REPO_ROOT } from '../../src/shared/repo-root.ts';
import { tempDir } from './support/clips.ts';

const run = promisify(execFile);

describe('PS muxer (GB/T 28181 Annex C)', () => {
  for (const codec of ['h264', 'h265'] as const) {
    it(`${codec}: ffprobe reads every picture of the packs, 40 ms apart`, async () => {
      const clip = await loadClip(path.join(REPO_ROOT, `media/clips/testsrc-360p25.${codec}`), codec);
      const frames = clip.frames.slice(0, 50);
      const packs = frames.map((f, i) => muxPsPicture({ codec, nalus: f.nalus, keyframe: f.keyframe, parameterSets: clip.parameterSets, pts90k: 90_000 + 3600 * i }));
      const { dir, remove } = await tempDir();
      try {
        const file = path.join(dir, 'out.ps');
        await writeFile(file, Buffer.concat(packs));
        const { stdout } = await run('ffprobe', ['-v', 'error', '-f', 'mpeg', '-select_streams', 'v', '-show_entries', 'stream=codec_name:packet=pts', '-of', 'json', file]);
        const probed = JSON.parse(stdout) as { streams: Array<{ codec_name: string }>; packets: Array<{ pts: number }> };
        expect(probed.streams[0]!.codec_name).toBe(codec === 'h264' ? 'h264' : 'hevc');
        expect(probed.packets).toHaveLength(frames.length);
        expect(probed.packets.map((p) => p.pts)).toEqual(frames.map((_f, i) => 90_000 + 3600 * i));
      } finally {
        await remove();
      }
    });
  }

  it('the program stream map carries a valid CRC-32/MPEG-2 and the codec stream type', () => {
    const psm = programStreamMap('h265');
    expect(psm[12]).toBe(0x24);
    expect(crc32Mpeg2(psm.subarray(0, 16))).toBe(psm.readUInt32BE(16));
    expect(psm.readUInt16BE(4) + 6).toBe(psm.length);
    expect(crc32Mpeg2(Buffer.from('123456789', 'latin1'))).toBe(0x0376e6e7);
  });

  it('a picture larger than one PES packet is split, only the first packet carrying the PTS', () => {
    const packets = pesPackets(Buffer.alloc(150_000, 7), 1234);
    expect(packets).toHaveLength(3);
    expect(packets.map((p) => p.readUInt16BE(4) + 6)).toEqual(packets.map((p) => p.length));
    expect(packets[0]![7]).toBe(0x80);
    expect(packets[1]![7]).toBe(0x00);
    expect(packets.reduce((sum, p) => sum + p.length - 9 - p[8]!, 0)).toBe(150_000);
  });

  it('RTP packets of a pack stay under the MTU, count up, and mark the last', () => {
    const pack = Buffer.alloc(5000, 1);
    const packets = packetizePs(pack, { sequence: 65_534, timestamp: 42, ssrc: 100_000_001 }, { framed: true });
    expect(packets.every((p) => p.length <= 1402)).toBe(true);
    expect(packets.map((p) => p.readUInt16BE(2 + 2))).toEqual([65_534, 65_535, 0, 1]);
    expect(packets.map((p) => (p[2 + 1]! & 0x80) !== 0)).toEqual([false, false, false, true]);
    expect(packets.map((p) => p.readUInt16BE(0))).toEqual(packets.map((p) => p.length - 2));
    expect(Buffer.concat(packets.map((p) => p.subarray(14)))).toEqual(pack);
  });
});
