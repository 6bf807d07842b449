"""`kiosk bench ui`: start-up to the welcome screen, and the preview rate during a face match.

The measurement is the UI's own (ui/bench.py), run as `python -m ui.bench` in a process of its
own: the command line imports no Qt."""

from __future__ import annotations

import argparse

COMMAND = ("bench", "ui")
HELP = "time to the welcome screen and camera preview rate while a face match runs"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--runs", type=int, default=3, help="start-up measurements (default 3)")
    parser.add_argument("--seconds", type=float, default=6.0, help="preview measurement length")
    parser.add_argument("--json", action="store_true", help="print JSON (kind: bench-ui)")


def run(args: argparse.Namespace) -> int:
    import json
    import subprocess
    import sys

    from kiosk.cli.output import fail, print_json

    done = subprocess.run([sys.executable, "-m", "ui.bench", "--runs", str(args.runs),
                           "--seconds", str(args.seconds)], capture_output=True, text=True,
                          timeout=600)
    if done.returncode != 0:
        last = done.stderr.strip().splitlines()[-1:] or [f"exit code {done.returncode}"]
        return fail(f"the UI benchmark failed: {last[0]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if args.json:
        print_json("bench-ui", result)
        return 0
    print(f"start to welcome screen: median {result['startup_median_ms']:.0f} ms "
          f"(runs: {', '.join(f'{x:.0f}' for x in result['startup_ms'])}; target < 2000 ms)")
    print(f"camera preview while face matching runs: {result['preview_fps']:.1f} fps "
          f"(source {result['source_fps']:.0f} fps; {result['face_checks_completed']} face checks "
          f"completed; target >= 25 fps)")
    return 0
