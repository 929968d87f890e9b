"""A foreign RTSP peer for tests: GStreamer's RTSP server serving the committed clips, looping.

Usage: /usr/bin/python3 gst-rtsp-server.py PORT H264_CLIP H265_CLIP
Serves rtsp://127.0.0.1:PORT/h264 and /h265 at 25 fps, and /h264-bframes and /h265-bframes: a live
test pattern encoded as a camera with B-frames would (x264/x265, 2 B-frames, a keyframe each second,
RTP timestamps = presentation times, sent in decode order). Then prints "READY PORT" on stdout.
"""
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402

FPS = 25


def stamp_frames(factory: GstRtspServer.RTSPMediaFactory, media: GstRtspServer.RTSPMedia) -> None:
    # A raw Annex B file carries no timestamps and the parsers (1.22) do not invent them, so every
    # RTP packet would share one timestamp; number the access units at a fixed frame rate instead.
    frame = Gst.SECOND // FPS
    count = [0]

    def probe(_pad: Gst.Pad, info: Gst.PadProbeInfo) -> Gst.PadProbeReturn:
        buf = info.get_buffer()
        buf.pts = buf.dts = count[0] * frame
        buf.duration = frame
        count[0] += 1
        return Gst.PadProbeReturn.OK

    pay = media.get_element().get_by_name("pay0")
    pay.get_static_pad("sink").add_probe(Gst.PadProbeType.BUFFER, probe)


def factory(clip: str, codec: str) -> GstRtspServer.RTSPMediaFactory:
    f = GstRtspServer.RTSPMediaFactory()
    f.set_launch(
        f"( multifilesrc location={clip} loop=true ! {codec}parse ! video/x-{codec},alignment=au "
        f"! rtp{codec}pay name=pay0 pt=96 config-interval=1 )"
    )
    f.connect("media-configure", stamp_frames)
    return f


ENCODERS = {
    # Without a profile in the caps x264enc negotiates baseline with the payloader: no B-frames.
    "h264": "x264enc bframes=2 b-adapt=false key-int-max=25 speed-preset=superfast ! video/x-h264,profile=high",
    "h265": 'x265enc key-int-max=25 speed-preset=superfast option-string="bframes=2:b-adapt=0:open-gop=0:log-level=error"',
}


def bframes_factory(codec: str) -> GstRtspServer.RTSPMediaFactory:
    f = GstRtspServer.RTSPMediaFactory()
    f.set_launch(
        f"( videotestsrc is-live=true ! video/x-raw,width=640,height=360,framerate={FPS}/1 "
        f"! {ENCODERS[codec]} ! {codec}parse ! rtp{codec}pay name=pay0 pt=96 config-interval=1 )"
    )
    return f


def main() -> None:
    port, h264, h265 = sys.argv[1], sys.argv[2], sys.argv[3]
    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(port)
    mounts = server.get_mount_points()
    mounts.add_factory("/h264", factory(h264, "h264"))
    mounts.add_factory("/h265", factory(h265, "h265"))
    mounts.add_factory("/h264-bframes", bframes_factory("h264"))
    mounts.add_factory("/h265-bframes", bframes_factory("h265"))
    if server.attach(None) == 0:
        print(f"FAILED cannot listen on port {port}", flush=True)
        sys.exit(1)
    print(f"READY {server.get_bound_port()}", flush=True)
    GLib.MainLoop().run()


main()
