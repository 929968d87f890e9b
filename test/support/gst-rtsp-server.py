"""A foreign RTSP peer for tests: GStreamer's RTSP server serving the committed clips, looping.

Usage: /usr/bin/python3 gst-rtsp-server.py PORT H264_CLIP H265_CLIP
Serves rtsp://127.0.0.1:PORT/h264 and /h265, then prints "READY PORT" on stdout.
"""
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402


def factory(clip: str, codec: str) -> GstRtspServer.RTSPMediaFactory:
    f = GstRtspServer.RTSPMediaFactory()
    # The raw clips carry no container timing, so the caps give the frame rate the parser stamps.
    f.set_launch(
        f"( multifilesrc location={clip} loop=true caps=video/x-{codec},stream-format=byte-stream "
        f"! {codec}parse ! rtp{codec}pay name=pay0 pt=96 config-interval=1 )"
    )
    f.set_shared(True)
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
    if server.attach(None) == 0:
        print(f"FAILED cannot listen on {port}", flush=True)
        sys.exit(1)
    print(f"READY {server.get_bound_port()}", flush=True)
    GLib.MainLoop().run()


main()
