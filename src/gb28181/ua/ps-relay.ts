/**
 * Pictures from a live source sent on as PS over RTP (one PS pack per picture, GB/T 28181-2022
 * Annex C): from the first keyframe on, parameter sets before each keyframe; a TCP peer that falls
 * behind loses pictures until the next keyframe.
 */
import { muxPsPicture } from '../../media/ps/muxer.ts';
import { packetizePs } from '../../media/ps/rtp-ps-packetizer.ts';
import type { ParameterSets, VideoCodec } from '../../media/types.ts';
import type { PsSink } from './media-transport.ts';

export interface LivePicture {
  nalus: readonly Buffer[];
  keyframe: boolean;
  pts90k: number;
}

const MAX_BUFFERED_BYTES = 2 * 1024 * 1024;

export class PsRelay {
  readonly stats = { picturesSent: 0, picturesDropped: 0, bytesSent: 0 };
  private sequence = Math.floor(Math.random() * 0x10000);
  private waitingForKeyframe = true;

  constructor(
    private readonly sink: PsSink,
    private readonly ssrc: number,
    private readonly codec: VideoCodec,
    private readonly parameterSets: () => ParameterSets,
  ) {}

  push(picture: LivePicture): void {
    const congested = this.sink.kind === 'tcp' && (this.sink.socket.destroyed || this.sink.socket.writableLength > MAX_BUFFERED_BYTES);
    if (congested || (this.waitingForKeyframe && !picture.keyframe)) {
      this.waitingForKeyframe = true;
      this.stats.picturesDropped++;
      return;
    }
    this.waitingForKeyframe = false;
    const pack = muxPsPicture({ codec: this.codec, nalus: picture.nalus, keyframe: picture.keyframe, parameterSets: this.parameterSets(), pts90k: picture.pts90k });
    const packets = packetizePs(pack, { sequence: this.sequence, timestamp: picture.pts90k >>> 0, ssrc: this.ssrc }, { framed: this.sink.kind === 'tcp' });
    this.sequence = (this.sequence + packets.length) & 0xffff;
    if (this.sink.kind === 'tcp') this.sink.socket.write(Buffer.concat(packets));
    else for (const packet of packets) this.sink.socket.send(packet, this.sink.port, this.sink.host);
    this.stats.picturesSent++;
    for (const packet of packets) this.stats.bytesSent += packet.length;
  }
}
