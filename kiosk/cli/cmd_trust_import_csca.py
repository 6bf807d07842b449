"""`kiosk trust import-csca CERT`: add one CSCA or link certificate to the trust store."""

from __future__ import annotations

import argparse

COMMAND = ("trust", "import-csca")
HELP = "import one CSCA (self-signature checked) or link certificate (DER or PEM)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from kiosk.trust.location import add_trust_dir_argument

    parser.add_argument("cert", metavar="CERT", help="the certificate file")
    parser.add_argument("--json", action="store_true", help="print JSON (docs/cli/trust.md)")
    add_trust_dir_argument(parser)


def run(args: argparse.Namespace) -> int:
    from kiosk.cli.trust_import import run_import

    return run_import(args, "csca")
