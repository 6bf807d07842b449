"""`kiosk diag calibrate`: measure read settings on this reader and write its profile."""

from __future__ import annotations

import argparse

COMMAND = ("diag", "calibrate")
HELP = ("read the card repeatedly with each candidate setting and choose the reader model's "
        "profile; --apply stores it in the config")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from kiosk.cli.card_target import add_card_arguments

    # --apply --config NEW writes a new settings file; without --apply it must exist (run)
    add_card_arguments(parser, reader_required=True, config_may_create=True)
    parser.add_argument("--runs", type=int, default=5, metavar="N",
                        help="reads per candidate setting (default 5)")
    parser.add_argument("--apply", action="store_true",
                        help="store the profile under the reader's model in the config file")
    parser.add_argument("--json", action="store_true", help="print JSON (docs/cli/diag.md)")


def run(args: argparse.Namespace) -> int:
    import sys

    from kiosk.cli.card_target import card_target
    from kiosk.cli.output import CliError, fail, print_json
    from kiosk.config import ConfigError
    from kiosk.diag.calibrate import KeyRefused, apply, calibrate, render_text

    if args.runs < 1:
        return fail("--runs must be at least 1", 2)
    if args.config and not args.apply:
        from pathlib import Path

        if not Path(args.config).exists():
            return fail(f"--config {args.config}: no settings file there; check the path (with "
                        "--apply the profile is written to a new file)", 2)
    try:
        target = card_target(args, need_key="calibration reads the card: give --can N (or "
                                            "--mrz / --doc --birth --expiry)")
    except CliError as exc:
        return fail(exc.message, exc.code)
    assert target.key is not None and target.reader is not None  # need_key, --reader required
    key, reader = target.key, target.reader

    def progress(text: str) -> None:
        if not args.json:
            sys.stderr.write(f"  trying {text}\n")

    try:
        cal = calibrate(reader, key, runs=args.runs, progress=progress)
    except KeyRefused as exc:
        return fail(f"{exc}. Stopped at once so the card's try counter is not used up; check "
                    "the CAN (or MRZ) and run again", 4)
    if args.apply:
        if cal.verification.successes == 0:
            print(render_text(cal), end="")
            return fail("no read succeeded even with the chosen profile: nothing stored; "
                        "check the card's placement and the access key")
        try:
            cal = apply(cal, args.config)
        except ConfigError as exc:
            return fail(str(exc), 2)
    if args.json:
        print_json("diag.calibrate", cal)
    else:
        print(render_text(cal), end="")
    return 0 if cal.ok else 1
