import { describe, expect, it } from 'vitest';
import { parsePortPair, parseSessionHeader, parseTransportHeader } from '../../src/media/rtsp/headers.ts';
import { describeSdp } from '../../src/media/rtsp/sdp.ts';
import { resolveControl } from '../../src/media/rtsp/url.ts';
import { H264_SDP } from './support/fake-rtsp-server.ts';

describe('SDP track choice and control URLs', () => {
  it('resolves controls the way cameras expect', () => {
    expect(resolveControl('rtsp://h/s', 'trackID=1')).toBe('rtsp://h/s/trackID=1');
    expect(resolveControl('rtsp://h/s/', 'trackID=1')).toBe('rtsp://h/s/trackID=1');
    expect(resolveControl('rtsp://h/s/', '*')).toBe('rtsp://h/s/');
    expect(resolveControl('rtsp://h/s', undefined)).toBe('rtsp://h/s');
    expect(resolveControl('rtsp://h/s', 'rtsp://other/t')).toBe('rtsp://other/t');
  });

  it('takes the first H.264/H.265 video payload, skipping audio and other codecs', () => {
    const sdp = H264_SDP.replace('m=video 0 RTP/AVP 96', 'm=video 0 RTP/AVP 26 97 96').replace('a=rtpmap:96', 'a=rtpmap:26 JPEG/90000\r\na=rtpmap:97 H265/90000\r\na=fmtp:97 sprop-vps=QAE=\r\na=rtpmap:96');
    const { presentation, video } = describeSdp(sdp, 'rtsp://cam/live');
    expect(presentation).toBe('rtsp://cam/live');
    expect(video).toMatchObject({ codec: 'h265', payloadType: 97, fmtp: 'sprop-vps=QAE=', control: 'rtsp://cam/live/trackID=1', clockRate: 90000 });
  });

  it('uses an absolute session control as the base, and never throws on junk', () => {
    const sdp = H264_SDP.replace('a=control:*', 'a=control:rtsp://cam:554/agg/');
    expect(describeSdp(sdp, 'rtsp://cam/live')).toMatchObject({ presentation: 'rtsp://cam:554/agg/', video: { control: 'rtsp://cam:554/agg/trackID=1' } });
    expect(describeSdp('\u0000garbage\r\nm=video', 'rtsp://x/').video).toBeUndefined();
  });

  it('reads Session and Transport headers', () => {
    expect(parseSessionHeader('ABCD;timeout=30')).toEqual({ id: 'ABCD', timeoutSec: 30 });
    expect(parseSessionHeader('ABCD')).toEqual({ id: 'ABCD', timeoutSec: 60 });
    const transport = parseTransportHeader('RTP/AVP/TCP;unicast;interleaved=4-5;ssrc=1234ABCD');
    expect(parsePortPair(transport.get('interleaved'))).toEqual([4, 5]);
    expect(parsePortPair('7')).toEqual([7, 8]);
    expect(parsePortPair('x')).toBeUndefined();
  });
});
