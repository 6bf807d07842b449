"""`kiosk run`: start the kiosk app (also what `kiosk` with no command does)."""

from __future__ import annotations

import argparse

COMMAND = ("run",)
HELP = "start the kiosk app (full screen; --windowed for a normal window)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--windowed", action="store_true", help="a normal window, not kiosk mode")
    parser.add_argument("--role", choices=["citizen", "staff", "technician"], default="citizen",
                        help="open at the citizen flow (default) or the staff/technician login")
    parser.add_argument("--demo", action="store_true",
                        help="no hardware: emulated vn-cccd chip in the virtual reader, a file "
                             "camera, training mode")
    parser.add_argument("--config", help="settings file (default: $KIOSK_CONFIG or the user's)")
    parser.add_argument("--screenshots", metavar="DIR",
                        help="walk through every screen in both languages, save PNGs, and quit")
    parser.add_argument("--quit-after", type=float, metavar="SECONDS",
                        help="quit after this many seconds (for scripted runs)")


def run(args: argparse.Namespace) -> int:
    from ui.app import run as run_app

    return run_app(demo=args.demo, windowed=args.windowed, role=args.role,
                   config_path=args.config, screenshot_dir=args.screenshots,
                   quit_after_s=args.quit_after)
