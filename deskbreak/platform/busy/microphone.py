"""A call on the microphone: a recording stream on PulseAudio (or PipeWire's pulse server).

Through pulsectl (libpulse). A stream counts when it is not corked (paused), does not record
a monitor of an output (screen recorders, visualisers) and is not a peak meter (a volume
control's level bar). A client named in `meeting_apps` counts even when its stream is corked
or a monitor: a muted call is still a call. The daemon asks only when a reminder is due, and
each reading is one short connection, so nothing runs or is held open while the user sits.

libpulse through ctypes costs the process about 9 MiB, so the daemon builds this probe with
`check=False`: the library is loaded when a reminder is first due, not at start, and a session
without a sound server then simply has no call on the microphone. `doctor` checks at once.
"""

from __future__ import annotations

from typing import Any

from deskbreak.platform.choice import Unavailable
from deskbreak.platform.threads import owner_only

CONNECT_TIMEOUT_S = 1.0
NO_MONITOR = 0xFFFFFFFF  # PA_INVALID_INDEX: the source is a real input, not a monitor of a sink


class PulseMicrophone:
    name = "microphone (PulseAudio/PipeWire recording streams, asked when a reminder is due)"

    def __init__(self, meeting_apps: tuple[str, ...] = (), check: bool = True) -> None:
        self._meeting_apps = tuple(app.casefold() for app in meeting_apps)
        if not check:
            return
        import pulsectl

        try:
            with self._connect() as pulse:
                server = pulse.server_info().server_name
        except pulsectl.PulseError as exc:
            raise Unavailable(f"no PulseAudio or PipeWire sound server to ask ({exc})") from None
        self.name = f"microphone ({server} recording streams)"

    @owner_only
    def busy(self) -> str | None:
        import pulsectl

        try:
            pulse = self._connect()
        except pulsectl.PulseError:
            return None  # no sound server now: nothing can be recording
        with pulse:
            monitors = {source.index for source in pulse.source_list() if source.monitor_of_sink != NO_MONITOR}
            recording = pulse.source_output_list()
        for stream in recording:
            if self._meeting_apps and matches(stream.proplist, self._meeting_apps):
                return f"meeting app: {app_name(stream.proplist)}"
        for stream in recording:
            if stream.corked or stream.source in monitors or stream.resample_method == "peaks":
                continue
            return f"microphone: {app_name(stream.proplist)}"
        return None

    @staticmethod
    def _connect() -> Any:
        """A connection that never starts a sound server (libpulse would autospawn one)."""
        import pulsectl

        pulse = pulsectl.Pulse("deskbreak", connect=False)
        try:
            pulse.connect(autospawn=False, timeout=CONNECT_TIMEOUT_S)
        except Exception:
            pulse.close()
            raise
        return pulse


def app_name(props: dict[str, str]) -> str:
    return props.get("application.name") or props.get("application.process.binary") or "an application"


def matches(props: dict[str, str], apps: tuple[str, ...]) -> bool:
    names = " ".join(props.get(key, "") for key in ("application.name", "application.process.binary", "application.id")).casefold()
    return any(app in names for app in apps)
