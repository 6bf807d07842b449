"""`kiosk diag trace`: an APDU trace of one read, personal data redacted, for a ticket."""

from __future__ import annotations

import argparse

COMMAND = ("diag", "trace")
HELP = "write an APDU trace of one read (headers, lengths, SW, timings; no data) to a file"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from kiosk.config import add_config_argument
    from kiosk.diag.common import add_key_arguments

    parser.add_argument("--out", metavar="FILE", required=True, help="trace file (JSON)")
    parser.add_argument("--reader", metavar="NAME",
                        help="reader name or a unique part of it (default: first with a card)")
    add_key_arguments(parser)
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    add_config_argument(parser)


def run(args: argparse.Namespace) -> int:
    from kiosk.cli.output import fail, print_json
    from kiosk.config import ConfigError, load_config
    from kiosk.diag.common import key_from_args
    from kiosk.diag.profiles import reader_setup
    from kiosk.diag.trace import render_text, write_trace
    from nfc.errors import NfcError, PcscUnavailable
    from nfc.readers import list_readers, resolve_reader

    try:
        key = key_from_args(args)
    except ValueError as exc:
        return fail(str(exc), 2)
    if key is None:
        return fail("a trace records a read: give --can N (or --mrz / --doc --birth --expiry)",
                    2)
    try:
        config = load_config(args.config)
    except ConfigError as exc:
        return fail(str(exc), 2)
    try:
        reader = args.reader
        if reader is not None:
            reader = resolve_reader([r.name for r in list_readers()], reader)
        report = write_trace(args.out, reader, key,
                             setup=reader_setup(config, reader) if reader else None)
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
