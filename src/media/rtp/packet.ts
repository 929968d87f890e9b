import { InvalidError } from '../../shared/errors.ts';
import type { RtpPacket } from '../types.ts';

const HEADER_BYTES = 12;

function malformed(reason: string): InvalidError {
  return new InvalidError('E_RTP_MALFORMED', {
    message: { zh: `RTP 包格式错误：${reason}`, en: `malformed RTP packet: ${reason}` },
    details: { reason },
  });
}

/**
 * Reads one RTP packet (RFC 3550 §5.1). The payload is a view into `buf`, without CSRCs,
 * header extension and padding. Throws InvalidError E_RTP_MALFORMED and nothing else.
 * With `into`, fills and returns that object instead of a new one (a caller that keeps no packet
 * past its use saves an object per packet).
 */
export function parseRtpPacket(buf: Buffer, into?: RtpPacket): RtpPacket {
  const length = buf.length;
  if (length < HEADER_BYTES) throw malformed('shorter than the fixed header');
  const b0 = buf[0]!;
  const version = b0 >>> 6;
  if (version !== 2) throw malformed(`version ${version}`);
  const padding = (b0 & 0x20) !== 0;
  const extension = (b0 & 0x10) !== 0;
  let offset = HEADER_BYTES + (b0 & 0x0f) * 4;
  if (extension) {
    if (offset + 4 > length) throw malformed('header extension beyond the packet');
    offset += 4 + ((buf[offset + 2]! << 8) | buf[offset + 3]!) * 4;
  }
  if (offset > length) throw malformed('header beyond the packet');
  let end = length;
  if (padding) {
    const pad = buf[length - 1]!;
    if (pad === 0 || offset + pad > length) throw malformed('bad padding length');
    end -= pad;
  }
  const b1 = buf[1]!;
  const marker = (b1 & 0x80) !== 0;
  const payloadType = b1 & 0x7f;
  const sequenceNumber = (buf[2]! << 8) | buf[3]!;
  const timestamp = ((buf[4]! << 24) | (buf[5]! << 16) | (buf[6]! << 8) | buf[7]!) >>> 0;
  const ssrc = ((buf[8]! << 24) | (buf[9]! << 16) | (buf[10]! << 8) | buf[11]!) >>> 0;
  const payload = buf.subarray(offset, end);
  if (!into) return { version, padding, extension, marker, payloadType, sequenceNumber, timestamp, ssrc, payload };
  into.version = version;
  into.padding = padding;
  into.extension = extension;
  into.marker = marker;
  into.payloadType = payloadType;
  into.sequenceNumber = sequenceNumber;
  into.timestamp = timestamp;
  into.ssrc = ssrc;
  into.payload = payload;
  return into;
}
