"""`kiosk diag card`: what the card offers, how a read of it goes, and its proofs (masked)."""

from __future__ import annotations

import argparse

COMMAND = ("diag", "card")
HELP = ("probe the card: access methods, SELECT MF, extended length; with a key, a full read "
        "with timings and PA/CA/AA (personal data masked)")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from kiosk.cli.card_target import add_card_arguments

    add_card_arguments(parser)
    parser.add_argument("--json", action="store_true", help="print JSON (docs/cli/diag.md)")


def run(args: argparse.Namespace) -> int:
    from icao.errors import IcaoError
    from kiosk.cli.card_target import card_target
    from kiosk.cli.output import CliError, fail, print_json
    from kiosk.diag.card import diagnose_card, render_text
    from kiosk.trust.disk import DiskTrustStore, TrustStoreError
    from kiosk.trust.location import trust_dir
    from nfc.errors import NfcError, PcscUnavailable

    try:
        target = card_target(args)
    except CliError as exc:
        return fail(exc.message, exc.code)
    trust = None
    try:
        trust = DiskTrustStore(trust_dir(target.config.trust.dir or None)).load()
    except (TrustStoreError, IcaoError) as exc:
        print(f"note: trust store unusable ({exc}); passive authentication not performed")
    try:
        report = diagnose_card(target.reader, target.key, setup=target.setup, trust=trust,
                               require_crl=target.config.trust.require_crl)
    except PcscUnavailable as exc:
        return fail(str(exc), 3)
    except NfcError as exc:
        return fail(str(exc))
    if args.json:
        print_json("diag.card", report)
    else:
        print(render_text(report), end="")
        if target.key is None:
            print("\nGive --can (or --mrz) for a full read with timings and PA/CA/AA.")
    return 1 if report.needs_technician else 0
