"""`kiosk diag trace`: an APDU trace of one read, personal data redacted, for a ticket."""

from __future__ import annotations

import argparse

COMMAND = ("diag", "trace")
HELP = "write an APDU trace of one read (headers, lengths, SW, timings; no data) to a file"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from kiosk.cli.card_target import add_card_arguments

    parser.add_argument("--out", metavar="FILE", required=True, help="trace file (JSON)")
    add_card_arguments(parser)
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")


def run(args: argparse.Namespace) -> int:
    from kiosk.cli.card_target import card_target
    from kiosk.cli.output import CliError, fail, print_json
    from kiosk.diag.trace import render_text, write_trace
    from nfc.errors import NfcError, PcscUnavailable

    try:
        target = card_target(args, need_key="a trace records a read: give --can N (or --mrz / "
                                            "--doc --birth --expiry)")
    except CliError as exc:
        return fail(exc.message, exc.code)
    assert target.key is not None  # need_key
    try:
        report = write_trace(args.out, target.reader, target.key, setup=target.setup)
    except PcscUnavailable as exc:
        return fail(str(exc), 3)
    except NfcError as exc:
        return fail(str(exc))
    except OSError as exc:
        return fail(f"cannot write the trace: {exc.strerror or type(exc).__name__}")
    if args.json:
        print_json("diag.trace.summary", report)
    else:
        print(render_text(report), end="")
    return 0 if report.ok else 1
