"""`kiosk face calibrate DIR`: genuine/impostor distances and a threshold for a target FMR."""

from __future__ import annotations

import argparse
import sys

COMMAND = ("face", "calibrate")
HELP = ("compute genuine and impostor distance distributions from DIR (one subfolder of "
        "photos per person) and propose a threshold for a target false-match rate")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dir", metavar="DIR", help="folder with one subfolder per person")
    parser.add_argument("--target-fmr", type=float, default=0.001,
                        help="target false-match rate (default 0.001)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from kiosk.cli.output import print_json
    from kiosk.face.calibrate import calibrate_folder
    from kiosk.face.errors import FaceError

    if not 0 < args.target_fmr < 1:
        print("kiosk: error: --target-fmr must be between 0 and 1", file=sys.stderr)
        return 2
    try:
        report = calibrate_folder(Path(args.dir), args.target_fmr)
    except FaceError as exc:
        if args.json:
            print_json("face.error", {"code": exc.code, "message": exc.message,
                                      "advice": exc.advice})
        else:
            print(f"kiosk: error ({exc.code}): {exc}", file=sys.stderr)
        return 2
    if args.json:
        print_json("face.calibrate", report)
        return 0
    p = report.proposal
    print(f"people     {report.people}; photos used {report.photos_used}; skipped "
          f"{report.photos_skipped or 0}")
    for name, s in (("genuine", report.genuine), ("impostor", report.impostor)):
        print(f"{name:<10} n={s.count} min={s.min} median={s.median} mean={s.mean} max={s.max}")
    print(f"threshold  {p.threshold} for target FMR {p.target_fmr:g} "
          f"(empirical FMR {p.empirical_fmr}, FNMR {p.empirical_fnmr})")
    print(f"supported  {'yes' if p.supported else 'no'}: {p.note}")
    return 0
