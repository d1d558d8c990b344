"""Pick the busy probes that work here and that the config turns on, as one probe.

`defer_on` names the kinds: fullscreen, inhibit, microphone, camera, dnd; `meeting_apps` adds
the meeting-app probes. `probe_reports` gives `doctor` one line per probe: working here, or why not.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Callable

from deskbreak.config.settings import DEFER_KINDS as KINDS
from deskbreak.platform import session as sessions
from deskbreak.platform.busy.base import AnyBusy, BusyProbe, NeverBusy
from deskbreak.platform.choice import Chosen, Unavailable, first_fitting

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ProbeReport:
    kind: str
    works: bool
    detail: str  # the probe's name when it works; why not, when it does not
    probe: BusyProbe | None = None


def _fitting(session: sessions.Session, names: tuple[str, ...]) -> Callable[[], BusyProbe]:
    """The first of the session's busy adapters named here that fits and starts (for one kind)."""

    def sway() -> BusyProbe:
        from deskbreak.platform.busy.sway_fullscreen import SwayFullscreen

        return SwayFullscreen()

    def x11() -> BusyProbe:
        from deskbreak.platform.busy.fullscreen_x11 import X11Fullscreen

        return X11Fullscreen()

    def gnome() -> BusyProbe:
        from deskbreak.platform.busy.gnome_inhibit import GnomeIdleInhibited

        return GnomeIdleInhibited()

    factories: dict[str, Callable[[], BusyProbe]] = {"x11-fullscreen": x11, "sway-fullscreen": sway, "gnome-inhibit": gnome}

    def make() -> BusyProbe:
        plan = [(name, unfit) for name, unfit in session.adapters("busy") if name in names]
        chosen = first_fitting(plan, factories, None)
        if chosen.adapter is None:
            raise Unavailable(chosen.why)
        return chosen.adapter

    return make


def _candidates(
    meeting_apps: tuple[str, ...], camera_devices: str, check: bool, session: sessions.Session
) -> list[tuple[str, Callable[[], BusyProbe]]]:
    from deskbreak.platform.busy.camera import CameraInUse
    from deskbreak.platform.busy.dnd import desktop_dnd
    from deskbreak.platform.busy.meeting_windows import MeetingWindows
    from deskbreak.platform.busy.microphone import PulseMicrophone

    return [
        ("fullscreen", _fitting(session, ("x11-fullscreen", "sway-fullscreen"))),
        ("inhibit", _fitting(session, ("gnome-inhibit",))),
        ("microphone", lambda: PulseMicrophone(meeting_apps, check)),
        ("camera", lambda: CameraInUse(camera_devices)),
        ("dnd", desktop_dnd),
        ("meeting apps", lambda: MeetingWindows(meeting_apps)),
    ]


def probe_reports(
    defer_on: tuple[str, ...] = KINDS,
    meeting_apps: tuple[str, ...] = (),
    camera_devices: str = "/dev/video*",
    check: bool = True,
    session: sessions.Session | None = None,
) -> list[ProbeReport]:
    """Every probe, tried: the ones turned off say so, the ones that cannot work say why.
    `check=False` leaves the sound server to the first reading (see busy.microphone). Fullscreen
    and inhibitors are read the way the session (platform/session.py) allows."""
    reports = []
    for kind, make in _candidates(meeting_apps, camera_devices, check, session or sessions.current()):
        if kind in KINDS and kind not in defer_on:
            reports.append(ProbeReport(kind, False, "turned off in the config (desktop.defer_on)"))
            continue
        try:
            probe = make()
        except Unavailable as exc:
            reports.append(ProbeReport(kind, False, str(exc)))
        except ImportError as exc:
            reports.append(ProbeReport(kind, False, f"a library is missing ({exc.name or exc})"))
        except Exception as exc:  # a probe that breaks must not stop deskbreak from starting
            log.exception("the %s probe failed to start", kind)
            reports.append(ProbeReport(kind, False, f"failed to start ({exc or type(exc).__name__})"))
        else:
            reports.append(ProbeReport(kind, True, probe.name, probe))
    return reports


def choose_busy_probe(
    defer_on: tuple[str, ...] = KINDS,
    meeting_apps: tuple[str, ...] = (),
    camera_devices: str = "/dev/video*",
    check: bool = True,
    session: sessions.Session | None = None,
) -> Chosen[BusyProbe]:
    reports = probe_reports(defer_on, meeting_apps, camera_devices, check, session)
    found = [report.probe for report in reports if report.probe is not None]
    rejected = tuple((report.kind, report.detail) for report in reports if report.probe is None)
    if not found:
        return Chosen(NeverBusy(), rejected)
    names = " + ".join(report.kind for report in reports if report.probe is not None)
    return Chosen(found[0] if len(found) == 1 else AnyBusy(found), rejected, names)
