"""`kiosk bench startup`: `kiosk --help` against a bare `python -c pass`, interleaved, and
`kiosk read`'s process wall time beside its own read time (kiosk/cli/startup.py)."""

from __future__ import annotations

import argparse

COMMAND = ("bench", "startup")
HELP = ("start-up of the command line: `kiosk --help` vs `python -c pass` (target <= 2.5x) "
        "and `kiosk read` process vs in-process time")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--runs", type=int, default=20, metavar="N",
                        help="measurements of each (default 20)")
    parser.add_argument("--read-runs", type=int, default=5, metavar="N",
                        help="`kiosk read` runs (default 5; 0 skips the read)")
    parser.add_argument("--reader", metavar="NAME",
                        help="read the card in this reader (with --can); default: the "
                             "emulated chip in vpcd slot 0")
    parser.add_argument("--can", metavar="N", help="the card's CAN, with --reader")
    parser.add_argument("--json", action="store_true", help="print JSON (kind bench.startup)")


def run(args: argparse.Namespace) -> int:
    import dataclasses

    from kiosk.cli.output import fail, print_json
    from kiosk.cli.startup import measure_read, measure_startup, with_emulated_chip
    from nfc.errors import NfcError

    if args.runs < 1 or args.read_runs < 0:
        return fail("--runs must be at least 1 and --read-runs at least 0", 2)
    if (args.reader is None) != (args.can is None):
        return fail("--reader and --can go together", 2)
    report = measure_startup(args.runs)
    if args.read_runs:
        try:
            if args.reader is not None:
                read = measure_read(args.read_runs, args.reader, args.can)
            else:
                read = with_emulated_chip(
                    lambda reader, can: measure_read(args.read_runs, reader, can))
            report = dataclasses.replace(report, read=read)
        except (NfcError, RuntimeError) as exc:
            report = dataclasses.replace(report, read_skipped=str(exc))
    if args.json:
        print_json("bench.startup", report.as_dict())
        return 0 if report.passed else 1
    p, k = report.python_pass, report.kiosk_help
    print(f"python -c pass: median {p.median_ms:.1f} ms (min {p.min_ms:.1f})")
    print(f"kiosk --help:   median {k.median_ms:.1f} ms (min {k.min_ms:.1f}); "
          f"{report.ratio:.2f}x (target <= 2.5x): {'ok' if report.passed else 'too slow'}")
    if report.read is not None:
        r = report.read
        print(f"kiosk read:     process {r.process.median_ms:.0f} ms, the read itself "
              f"{r.in_process.median_ms:.0f} ms (start-up and set-up "
              f"{r.process.median_ms - r.in_process.median_ms:.0f} ms)")
    elif report.read_skipped:
        print(f"kiosk read:     not measured ({report.read_skipped})")
    return 0 if report.passed else 1
