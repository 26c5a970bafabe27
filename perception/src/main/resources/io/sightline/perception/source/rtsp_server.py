#!/usr/bin/env python3
"""A real RTSP server on loopback for the tests: GStreamer's RTSP server serving videotestsrc as H.264.
Usage: rtsp_server.py PORT [WIDTH HEIGHT FPS]. Prints 'ready' when it listens; serves rtsp://127.0.0.1:PORT/test."""
import sys
import gi
gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import Gst, GstRtspServer, GLib

port = sys.argv[1]
w, h, fps = (sys.argv[2], sys.argv[3], sys.argv[4]) if len(sys.argv) > 4 else ("320", "240", "30")
Gst.init(None)
server = GstRtspServer.RTSPServer()
server.set_address("127.0.0.1")
server.set_service(port)
factory = GstRtspServer.RTSPMediaFactory()
factory.set_launch("( videotestsrc is-live=true ! video/x-raw,width=%s,height=%s,framerate=%s/1 ! videoconvert"
                   " ! x264enc tune=zerolatency speed-preset=ultrafast key-int-max=%s ! rtph264pay name=pay0 pt=96 )"
                   % (w, h, fps, fps))
factory.set_shared(True)
server.get_mount_points().add_factory("/test", factory)
if server.attach(None) == 0:
    print("cannot listen on port", port, flush=True)
    sys.exit(1)
print("ready", flush=True)
GLib.MainLoop().run()
