/**
 * A Producer Reference Time box (ISO/IEC 14496-12 §8.16.5, version 1): the wall clock (NTP format)
 * at which a fragment's first sample was taken. The live stream puts one before every fragment; the
 * player reads it for its latency and strips it before the bytes reach Media Source Extensions.
 */
const NTP_EPOCH_OFFSET_S = 2_208_988_800;

export function prftBox(wallMs: number, mediaTime = 0, trackId = 1): Buffer {
  const box = Buffer.alloc(32);
  box.writeUInt32BE(32, 0);
  box.write('prft', 4, 'latin1');
  box.writeUInt32BE(0x01000000, 8); // version 1, flags 0
  box.writeUInt32BE(trackId, 12);
  const seconds = Math.floor(wallMs / 1000) + NTP_EPOCH_OFFSET_S;
  box.writeUInt32BE(seconds >>> 0, 16);
  box.writeUInt32BE(Math.floor(((wallMs % 1000) / 1000) * 0x1_0000_0000) >>> 0, 20);
  box.writeBigUInt64BE(BigInt(mediaTime), 24);
  return box;
}

/** The wall clock (ms) of a prft box's NTP timestamp. */
export function prftWallMs(box: Uint8Array): number {
  const view = new DataView(box.buffer, box.byteOffset, box.byteLength);
  return (view.getUint32(16) - NTP_EPOCH_OFFSET_S) * 1000 + Math.round((view.getUint32(20) / 0x1_0000_0000) * 1000);
}
