/**
 * The init segment of a fragmented MP4 with one video track: ftyp + moov, the sample tables empty,
 * mvex/trex announcing that the samples come in movie fragments. Track id 1.
 */
import type { VideoTrack } from '../types.ts';
import { BoxWriter } from './boxes.ts';
import { sampleEntrySize, writeSampleEntry } from './sample-entry.ts';

export const TRACK_ID = 1;

/** Every box of the init segment except the sample entry, with room to spare. */
const FIXED_PART_BOUND = 1024;
const UNITY_MATRIX = [0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000];

export function createInitSegment(track: VideoTrack): Buffer {
  const buf = Buffer.alloc(FIXED_PART_BOUND + sampleEntrySize(track));
  const w = new BoxWriter(buf);
  writeFtyp(w);
  const moov = w.box('moov');
  writeMvhd(w, track.timescale);
  writeTrak(w, track);
  const mvex = w.box('mvex');
  const trex = w.fullBox('trex', 0, 0);
  w.u32(TRACK_ID);
  w.u32(1); // default_sample_description_index
  w.zeros(12); // default duration, size, flags: every trun says them
  w.end(trex);
  w.end(mvex);
  w.end(moov);
  return Buffer.from(buf.subarray(0, w.pos));
}

function writeFtyp(w: BoxWriter): void {
  const start = w.box('ftyp');
  w.fourcc('iso5'); // default-base-is-moof needs iso5
  w.u32(512);
  for (const brand of ['iso5', 'iso6', 'mp41']) w.fourcc(brand);
  w.end(start);
}

function writeMatrix(w: BoxWriter): void {
  for (const v of UNITY_MATRIX) w.u32(v);
}

function writeMvhd(w: BoxWriter, timescale: number): void {
  const start = w.fullBox('mvhd', 0, 0);
  w.zeros(8); // creation, modification time
  w.u32(timescale);
  w.u32(0); // duration: in the fragments
  w.u32(0x00010000); // rate 1.0
  w.u16(0x0100); // volume 1.0
  w.zeros(10); // reserved
  writeMatrix(w);
  w.zeros(24); // pre_defined
  w.u32(TRACK_ID + 1); // next_track_ID
  w.end(start);
}

function writeTrak(w: BoxWriter, track: VideoTrack): void {
  const trak = w.box('trak');
  const tkhd = w.fullBox('tkhd', 0, 0x000003); // enabled, in movie
  w.zeros(8); // creation, modification time
  w.u32(TRACK_ID);
  w.u32(0); // reserved
  w.u32(0); // duration
  w.zeros(8); // reserved
  w.u16(0); // layer
  w.u16(0); // alternate_group
  w.u16(0); // volume: video
  w.u16(0); // reserved
  writeMatrix(w);
  w.u32(track.width * 0x10000);
  w.u32(track.height * 0x10000);
  w.end(tkhd);

  const mdia = w.box('mdia');
  const mdhd = w.fullBox('mdhd', 0, 0);
  w.zeros(8);
  w.u32(track.timescale);
  w.u32(0);
  w.u16(0x55c4); // language 'und'
  w.u16(0);
  w.end(mdhd);
  const hdlr = w.fullBox('hdlr', 0, 0);
  w.u32(0);
  w.fourcc('vide');
  w.zeros(12);
  w.bytes(Buffer.from('VideoHandler\0', 'latin1'));
  w.end(hdlr);
  writeMinf(w, track);
  w.end(mdia);
  w.end(trak);
}

function writeMinf(w: BoxWriter, track: VideoTrack): void {
  const minf = w.box('minf');
  const vmhd = w.fullBox('vmhd', 0, 1);
  w.zeros(8); // graphicsmode, opcolor
  w.end(vmhd);
  const dinf = w.box('dinf');
  const dref = w.fullBox('dref', 0, 0);
  w.u32(1);
  w.end(w.fullBox('url ', 0, 1)); // media in this file
  w.end(dref);
  w.end(dinf);
  const stbl = w.box('stbl');
  const stsd = w.fullBox('stsd', 0, 0);
  w.u32(1);
  writeSampleEntry(w, track);
  w.end(stsd);
  for (const type of ['stts', 'stsc', 'stco']) {
    const empty = w.fullBox(type, 0, 0);
    w.u32(0); // entry_count
    w.end(empty);
  }
  const stsz = w.fullBox('stsz', 0, 0);
  w.u32(0); // sample_size
  w.u32(0); // sample_count
  w.end(stsz);
  w.end(stbl);
  w.end(minf);
}
