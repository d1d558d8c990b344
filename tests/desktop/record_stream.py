"""Recording streams parecord cannot make, opened through libpulse itself; runs until killed.

"peak": a volume control's level bar, as pavucontrol and GNOME Settings open one
(PA_STREAM_PEAK_DETECT). "corked": a stream its application has paused (PA_STREAM_START_CORKED).

usage: python -m tests.desktop.record_stream peak|corked APP SOURCE
"""

from __future__ import annotations

import ctypes
import signal
import sys
import time

PA_CONTEXT_READY = 4
PA_SAMPLE_FLOAT32LE = 5
PA_STREAM_START_CORKED = 0x0001
PA_STREAM_DONT_MOVE = 0x0200
PA_STREAM_PEAK_DETECT = 0x0800
PA_STREAM_ADJUST_LATENCY = 0x2000


class SampleSpec(ctypes.Structure):
    _fields_ = [("format", ctypes.c_int), ("rate", ctypes.c_uint32), ("channels", ctypes.c_uint8)]


def main(mode: str, app: str, source: str) -> None:
    pa = ctypes.CDLL("libpulse.so.0")
    for name in ("pa_threaded_mainloop_new", "pa_threaded_mainloop_get_api", "pa_context_new", "pa_stream_new"):
        getattr(pa, name).restype = ctypes.c_void_p
    pa.pa_threaded_mainloop_get_api.argtypes = [ctypes.c_void_p]
    pa.pa_context_new.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
    pa.pa_context_connect.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int, ctypes.c_void_p]
    pa.pa_context_get_state.argtypes = [ctypes.c_void_p]
    pa.pa_stream_new.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(SampleSpec), ctypes.c_void_p]
    pa.pa_stream_connect_record.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_void_p, ctypes.c_int]
    for name in ("pa_threaded_mainloop_start", "pa_threaded_mainloop_lock", "pa_threaded_mainloop_unlock"):
        getattr(pa, name).argtypes = [ctypes.c_void_p]
    loop = pa.pa_threaded_mainloop_new()
    context = pa.pa_context_new(pa.pa_threaded_mainloop_get_api(loop), app.encode())
    if pa.pa_context_connect(context, None, 1, None) < 0:  # 1: never autospawn a server
        sys.exit("cannot connect to the sound server")
    pa.pa_threaded_mainloop_start(loop)
    deadline = time.monotonic() + 10
    while pa.pa_context_get_state(context) != PA_CONTEXT_READY:
        if time.monotonic() > deadline:
            sys.exit("the sound server did not answer")
        time.sleep(0.05)
    spec = SampleSpec(PA_SAMPLE_FLOAT32LE, 25, 1)
    pa.pa_threaded_mainloop_lock(loop)
    stream = pa.pa_stream_new(context, b"Peak detect", ctypes.byref(spec), None)
    flags = PA_STREAM_DONT_MOVE | PA_STREAM_ADJUST_LATENCY
    flags |= PA_STREAM_PEAK_DETECT if mode == "peak" else PA_STREAM_START_CORKED
    result = pa.pa_stream_connect_record(stream, source.encode(), None, flags)
    pa.pa_threaded_mainloop_unlock(loop)
    if result < 0:
        sys.exit("cannot open the recording stream")
    signal.sigwait({signal.SIGTERM, signal.SIGINT})


if __name__ == "__main__":
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    main(sys.argv[1], sys.argv[2], sys.argv[3])
