"""How the kiosk app is started: its options (shared by `kiosk run` and `python -m ui`, the app
itself), and the check that there is a display to show it on.

The app is the `ui` package's program: `kiosk run` checks the display and hands over to it
with exec (kiosk/cli/cmd_run.py), so the command line, like the rest of kiosk/, imports no Qt.
Without a display Qt's xcb plugin aborts the process (exit 134, blaming a package that is
installed); `display_problem` says what is missing and how to run instead (issue 18).
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
from collections.abc import Mapping

from kiosk.config.files import existing_settings_file

#: Qt platform plugins that draw without a window system (tests, screenshots, kiosk
#: framebuffers); any other value is taken as the operator's informed choice.
_WINDOWED = ("", "xcb", "wayland")


def add_run_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--windowed", action="store_true", help="a normal window, not kiosk mode")
    parser.add_argument("--role", choices=["citizen", "staff", "technician"], default="citizen",
                        help="open at the citizen flow (default) or the staff/technician login")
    parser.add_argument("--demo", action="store_true",
                        help="no hardware: emulated vn-cccd chip in the virtual reader, a file "
                             "camera, training mode")
    parser.add_argument("--config", type=existing_settings_file,
                        help="settings file (default: $KIOSK_CONFIG or the user's)")
    parser.add_argument("--screenshots", metavar="DIR",
                        help="walk through every screen in both languages, save PNGs, and quit")
    parser.add_argument("--quit-after", type=float, metavar="SECONDS",
                        help="quit after this many seconds (for scripted runs)")


def run_argv(args: argparse.Namespace) -> list[str]:
    """The parsed options back as arguments for `python -m ui`."""
    out = [*(["--windowed"] if args.windowed else []), "--role", args.role,
           *(["--demo"] if args.demo else [])]
    for flag, value in (("--config", args.config), ("--screenshots", args.screenshots),
                        ("--quit-after", args.quit_after)):
        if value is not None:
            out += [flag, str(value)]
    return out


def _x_server_answers(display: str) -> bool:
    """Whether the local X server of DISPLAY ":N" (or ":N.S") accepts a connection; a remote
    DISPLAY ("host:N") is not checked."""
    host, _, rest = display.rpartition(":")
    number = rest.split(".", 1)[0]
    if host not in ("", "unix") or not number.isdigit():
        return True
    path = f"/tmp/.X11-unix/X{number}"
    for address in (path, "\0" + path):  # the socket file, or Linux's abstract namespace
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(1.0)
            try:
                s.connect(address)
            except OSError:
                continue
            return True
    return False


def display_problem(env: Mapping[str, str] = os.environ,
                    platform: str = sys.platform) -> str | None:
    """One line saying why the app cannot show a window here and how to run it, or None."""
    if not platform.startswith("linux"):
        return None
    qpa = env.get("QT_QPA_PLATFORM", "").split(":", 1)[0]
    if qpa not in _WINDOWED:
        return None
    display, wayland = env.get("DISPLAY", ""), env.get("WAYLAND_DISPLAY", "")
    if wayland and qpa in ("", "wayland"):
        return None
    if qpa != "wayland" and display and _x_server_answers(display):
        return None
    what = (f"the X display {display} does not answer" if display else
            "no display (DISPLAY is not set)")
    return (f"{what}: run the kiosk on a desktop session, set QT_QPA_PLATFORM=offscreen for "
            "a run without a screen, or use scripts/demo, which starts a virtual display "
            "(Xvfb)")
