"""`kiosk bench ui`: start-up to the welcome screen, and the preview rate during a face match."""

from __future__ import annotations

import argparse

COMMAND = ("bench", "ui")
HELP = "time to the welcome screen and camera preview rate while a face match runs"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--runs", type=int, default=3, help="start-up measurements (default 3)")
    parser.add_argument("--seconds", type=float, default=6.0, help="preview measurement length")
    parser.add_argument("--json", action="store_true", help="print JSON (kind: bench-ui)")


def run(args: argparse.Namespace) -> int:
    from kiosk.cli.output import print_json
    from ui.bench import run as bench

    result = bench(args.runs, args.seconds)
    if args.json:
        print_json("bench-ui", result)
        return 0
    print(f"start to welcome screen: median {result['startup_median_ms']:.0f} ms "
          f"(runs: {', '.join(f'{x:.0f}' for x in result['startup_ms'])}; target < 2000 ms)")
    print(f"camera preview while face matching runs: {result['preview_fps']:.1f} fps "
          f"(source {result['source_fps']:.0f} fps; {result['face_checks_completed']} face checks "
          f"completed; target >= 25 fps)")
    return 0
