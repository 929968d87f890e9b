/**
 * PTZCmd (GB/T 28181-2022 Annex A.3): 8 bytes written as 16 hex digits. Byte 1 is A5H; byte 2 the
 * version (high nibble, 0) and a check nibble ((A + 5 + 0) mod 16 = FH); byte 3 the address's low 8
 * bits; byte 4 the command; bytes 5 and 6 data 1 and 2 (pan and tilt speed, or the preset number in
 * byte 6); byte 7 data 3 in the high nibble (zoom speed) and the address's high 4 bits in the low one;
 * byte 8 the sum of bytes 1–7 modulo 256.
 *
 * Command byte (A.3.2, PTZ instructions): bit 5 zoom out, bit 4 zoom in, bit 3 up, bit 2 down, bit 1
 * left, bit 0 right; all clear is stop. Presets (A.3.4): 81H set, 82H call, 83H delete.
 */
import { InvalidError } from '../../shared/errors.ts';
import type { GbPtzCommand } from '../platform-api.ts';

const PRESET_CODES = { 'preset-set': 0x81, 'preset-goto': 0x82, 'preset-delete': 0x83 } as const;

const invalid = (what: string) =>
  new InvalidError('E_GB_PTZ', { message: { zh: `云台命令无效:${what}`, en: `invalid PTZ command: ${what}` }, details: { what } });

/** The 8 command bytes for `command` (address 1 unless given, as devices expect: the channel in DeviceID already names the head). */
export function ptzBytes(command: GbPtzCommand, address = 1): Buffer {
  const bytes = Buffer.alloc(8);
  bytes[0] = 0xa5;
  bytes[1] = 0x0f; // version 0, check nibble (0xA + 0x5 + 0x0) & 0xF
  bytes[2] = address & 0xff;
  let zoomSpeed = 0;
  if (command.kind === 'move') {
    const speed = Math.round(command.speed);
    if (!Number.isInteger(speed) || speed < 0 || speed > 255) throw invalid('speed must be 0–255');
    let code = 0;
    if (command.pan === 1) code |= 0x01;
    if (command.pan === -1) code |= 0x02;
    if (command.tilt === -1) code |= 0x04;
    if (command.tilt === 1) code |= 0x08;
    if (command.zoom === 1) code |= 0x10;
    if (command.zoom === -1) code |= 0x20;
    bytes[3] = code;
    bytes[4] = command.pan === 0 ? 0 : speed;
    bytes[5] = command.tilt === 0 ? 0 : speed;
    zoomSpeed = command.zoom === 0 ? 0 : Math.min(15, speed >> 4);
  } else if (command.kind === 'stop') {
    bytes[3] = 0x00;
  } else {
    if (!Number.isInteger(command.preset) || command.preset < 1 || command.preset > 255) throw invalid('preset must be 1–255');
    bytes[3] = PRESET_CODES[command.kind];
    bytes[5] = command.preset;
  }
  bytes[6] = ((zoomSpeed & 0x0f) << 4) | ((address >> 8) & 0x0f);
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += bytes[i]!;
  bytes[7] = sum % 256;
  return bytes;
}

export const ptzCmd = (command: GbPtzCommand, address = 1): string => ptzBytes(command, address).toString('hex').toUpperCase();
