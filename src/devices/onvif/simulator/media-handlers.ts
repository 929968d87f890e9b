/** The simulator's Media service: a main stream and a substream, each an RTSP simulator camera. */
import { SimFault, type Handler } from './context.ts';
import { esc, field } from './soap-io.ts';

const profileXml = (p: import('./state.ts').SimProfile) =>
  `<trt:Profiles token="${esc(p.token)}" fixed="true"><tt:Name>${esc(p.name)}</tt:Name>` +
  `<tt:VideoEncoderConfiguration token="vec-${esc(p.token)}"><tt:Name>${esc(p.name)}</tt:Name><tt:UseCount>1</tt:UseCount><tt:Encoding>${p.encoding}</tt:Encoding>` +
  `<tt:Resolution><tt:Width>${p.width}</tt:Width><tt:Height>${p.height}</tt:Height></tt:Resolution><tt:Quality>5</tt:Quality>` +
  `<tt:RateControl><tt:FrameRateLimit>${p.fps}</tt:FrameRateLimit><tt:EncodingInterval>1</tt:EncodingInterval><tt:BitrateLimit>2048</tt:BitrateLimit></tt:RateControl></tt:VideoEncoderConfiguration>` +
  (p.ptz ? `<tt:PTZConfiguration token="ptz-0"><tt:Name>PTZ</tt:Name><tt:UseCount>1</tt:UseCount><tt:NodeToken>node-0</tt:NodeToken></tt:PTZConfiguration>` : '') +
  `</trt:Profiles>`;

function profileOf(ctx: Parameters<Handler>[0], operation: Parameters<Handler>[1]) {
  const token = field(operation, 'ProfileToken');
  const profile = ctx.profiles.find((p) => p.token === token);
  if (!profile) throw new SimFault('ter:InvalidArgVal', 'No such profile');
  return profile;
}

export const mediaHandlers: Record<string, Handler> = {
  GetProfiles: (ctx) => `<trt:GetProfilesResponse>${ctx.profiles.map(profileXml).join('')}</trt:GetProfilesResponse>`,
  GetStreamUri: (ctx, operation) => {
    const profile = profileOf(ctx, operation);
    if ((field(operation, 'Protocol') ?? 'RTSP') !== 'RTSP') throw new SimFault('ter:InvalidArgVal', 'Only RTSP');
    return `<trt:GetStreamUriResponse><trt:MediaUri><tt:Uri>${esc(profile.streamUri)}</tt:Uri><tt:InvalidAfterConnect>false</tt:InvalidAfterConnect><tt:InvalidAfterReboot>false</tt:InvalidAfterReboot><tt:Timeout>PT0S</tt:Timeout></trt:MediaUri></trt:GetStreamUriResponse>`;
  },
  GetSnapshotUri: (ctx, operation) => {
    const profile = profileOf(ctx, operation);
    return `<trt:GetSnapshotUriResponse><trt:MediaUri><tt:Uri>${ctx.base}/snapshot/${esc(encodeURIComponent(profile.token))}.jpg</tt:Uri><tt:InvalidAfterConnect>false</tt:InvalidAfterConnect><tt:InvalidAfterReboot>false</tt:InvalidAfterReboot><tt:Timeout>PT0S</tt:Timeout></trt:MediaUri></trt:GetSnapshotUriResponse>`;
  },
};
