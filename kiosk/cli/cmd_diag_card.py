"""`kiosk diag card`: what the card offers, how a read of it goes, and its proofs (masked)."""

from __future__ import annotations

import argparse

COMMAND = ("diag", "card")
HELP = ("probe the card: access methods, SELECT MF, extended length; with a key, a full read "
        "with timings and PA/CA/AA (personal data masked)")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from kiosk.config import add_config_argument
    from kiosk.diag.common import add_key_arguments

    parser.add_argument("--reader", metavar="NAME",
                        help="reader name or a unique part of it (default: first with a card)")
    add_key_arguments(parser)
    parser.add_argument("--json", action="store_true", help="print JSON (docs/cli/diag.md)")
    add_config_argument(parser)


def run(args: argparse.Namespace) -> int:
    from icao.errors import IcaoError
    from kiosk.cli.output import fail, print_json
    from kiosk.config import ConfigError, load_config
    from kiosk.diag.card import diagnose_card, render_text
    from kiosk.diag.common import key_from_args
    from kiosk.diag.profiles import reader_setup
    from kiosk.trust.disk import DiskTrustStore, TrustStoreError
    from kiosk.trust.location import trust_dir
    from nfc.errors import NfcError, PcscUnavailable
    from nfc.readers import list_readers, resolve_reader

    try:
        key = key_from_args(args)
    except ValueError as exc:
        return fail(str(exc), 2)
    try:
        config = load_config(args.config)
    except ConfigError as exc:
        return fail(str(exc), 2)
    trust = None
    try:
        trust = DiskTrustStore(trust_dir(config.trust.dir or None)).load()
    except (TrustStoreError, IcaoError) as exc:
        print(f"note: trust store unusable ({exc}); passive authentication not performed")
    try:
        reader = args.reader
        if reader is not None:
            reader = resolve_reader([r.name for r in list_readers()], reader)
        setup = reader_setup(config, reader) if reader else None
        report = diagnose_card(reader, key, setup=setup, trust=trust)
    except PcscUnavailable as exc:
        return fail(str(exc), 3)
    except NfcError as exc:
        return fail(str(exc))
    if args.json:
        print_json("diag.card", report)
    else:
        print(render_text(report), end="")
        if key is None:
            print("\nGive --can (or --mrz) for a full read with timings and PA/CA/AA.")
    return 1 if report.needs_technician else 0
