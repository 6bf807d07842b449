"""`kiosk trust import-ml FILE --root CERT`: verify a CSCA master list and import its CSCAs."""

from __future__ import annotations

import argparse

COMMAND = ("trust", "import-ml")
HELP = "import a CSCA master list after verifying its signature against a root certificate"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from kiosk.trust.location import add_trust_dir_argument

    parser.add_argument("file", metavar="FILE", help="the master list (CMS, .ml)")
    parser.add_argument("--root", metavar="CERT", required=True,
                        help="the certificate the list's signer must chain to (DER or PEM), "
                        "obtained out of band from the publishing state")
    parser.add_argument("--json", action="store_true", help="print JSON (docs/cli/trust.md)")
    add_trust_dir_argument(parser)


def run(args: argparse.Namespace) -> int:
    from kiosk.cli.trust_import import run_import

    return run_import(args, "ml")
