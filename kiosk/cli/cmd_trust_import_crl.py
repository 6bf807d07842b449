"""`kiosk trust import-crl FILE`: add a CSCA's CRL (its signature must verify)."""

from __future__ import annotations

import argparse

COMMAND = ("trust", "import-crl")
HELP = "import a certificate revocation list signed by a CSCA already in the trust store"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from kiosk.trust.location import add_trust_dir_argument

    parser.add_argument("file", metavar="FILE", help="the CRL (DER or PEM)")
    parser.add_argument("--json", action="store_true", help="print JSON (docs/cli/trust.md)")
    add_trust_dir_argument(parser)


def run(args: argparse.Namespace) -> int:
    from kiosk.cli.trust_import import run_import

    return run_import(args, "crl")
