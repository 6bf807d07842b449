"""`kiosk diag calibrate`: measure read settings on this reader and write its profile."""

from __future__ import annotations

import argparse

COMMAND = ("diag", "calibrate")
HELP = ("read the card repeatedly with each candidate setting and choose the reader model's "
        "profile; --apply stores it in the config")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from kiosk.config import add_config_argument
    from kiosk.diag.common import add_key_arguments

    parser.add_argument("--reader", metavar="NAME", required=True,
                        help="reader name or a unique part of it")
    add_key_arguments(parser)
    parser.add_argument("--runs", type=int, default=5, metavar="N",
                        help="reads per candidate setting (default 5)")
    parser.add_argument("--apply", action="store_true",
                        help="store the profile under the reader's model in the config file")
    parser.add_argument("--json", action="store_true", help="print JSON (docs/cli/diag.md)")
    add_config_argument(parser)


def run(args: argparse.Namespace) -> int:
    import sys

    from kiosk.cli.output import fail, print_json
    from kiosk.config import ConfigError
    from kiosk.diag.calibrate import KeyRefused, apply, calibrate, render_text
    from kiosk.diag.common import key_from_args
    from nfc.errors import NfcError, PcscUnavailable
    from nfc.readers import list_readers, resolve_reader

    try:
        key = key_from_args(args)
    except ValueError as exc:
        return fail(str(exc), 2)
    if key is None:
        return fail("calibration reads the card: give --can N (or --mrz / --doc --birth "
                    "--expiry)", 2)
    if args.runs < 1:
        return fail("--runs must be at least 1", 2)
    try:
        reader = resolve_reader([r.name for r in list_readers()], args.reader)
    except PcscUnavailable as exc:
        return fail(str(exc), 3)
    except NfcError as exc:
        return fail(str(exc))

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
