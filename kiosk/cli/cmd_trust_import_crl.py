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
    from pathlib import Path

    from icao.errors import IcaoError
    from kiosk.cli.output import fail, print_json
    from kiosk.trust.disk import DiskTrustStore, TrustStoreError
    from kiosk.trust.location import trust_dir

    root = trust_dir(args.trust_dir)
    try:
        data = Path(args.file).read_bytes()
    except OSError as exc:
        return fail(f"cannot read {exc.filename}: {exc.strerror}")
    try:
        report = DiskTrustStore(root).import_crl(data, Path(args.file).name)
    except IcaoError as exc:
        return fail(f"CRL refused: {exc.message}")
    except TrustStoreError as exc:
        return fail(str(exc))
    if args.json:
        print_json("trust.import", {"trust_dir": root, "added": report.added,
                                    "already_present": report.already_present,
                                    "replaced": report.replaced, "source": report.source})
    elif report.added:
        print(f"CRL added ({report.replaced} older CRL replaced) to {root}")
    else:
        print(f"this CRL (or a newer one from the same CSCA) is already in {root}")
    return 0
