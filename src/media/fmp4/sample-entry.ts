/**
 * The visual sample entry in stsd (ISO/IEC 14496-12 12.1.3): avc1 + avcC for H.264, hvc1 + hvcC for
 * H.265. Parameter sets live only in the configuration record ("1" entries), not needed in band.
 */
import type { VideoTrack } from '../types.ts';
import { avccSize, writeAvcc } from './avcc.ts';
import type { BoxWriter } from './boxes.ts';
import { hvccSize, writeHvcc } from './hvcc.ts';

const VISUAL_SAMPLE_ENTRY_SIZE = 86;

export function sampleEntrySize(track: VideoTrack): number {
  const config = track.codec === 'h264' ? avccSize(track.parameterSets) : hvccSize(track.parameterSets);
  return VISUAL_SAMPLE_ENTRY_SIZE + config;
}

export function writeSampleEntry(w: BoxWriter, track: VideoTrack): void {
  const start = w.box(track.codec === 'h264' ? 'avc1' : 'hvc1');
  w.zeros(6); // reserved
  w.u16(1); // data_reference_index
  w.zeros(16); // pre_defined, reserved, pre_defined[3]
  w.u16(track.width);
  w.u16(track.height);
  w.u32(0x00480000); // 72 dpi
  w.u32(0x00480000);
  w.u32(0); // reserved
  w.u16(1); // frame_count
  w.zeros(32); // compressorname
  w.u16(0x0018); // depth
  w.u16(0xffff); // pre_defined = -1
  if (track.codec === 'h264') writeAvcc(w, track.parameterSets);
  else writeHvcc(w, track.parameterSets);
  w.end(start);
}
