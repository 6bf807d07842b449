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
    from pathlib import Path

    from icao.errors import IcaoError
    from kiosk.cli.output import fail, print_json
    from kiosk.trust.disk import DiskTrustStore, TrustStoreError
    from kiosk.trust.location import trust_dir

    root = trust_dir(args.trust_dir)
    try:
        data = Path(args.file).read_bytes()
        root_der = Path(args.root).read_bytes()
    except OSError as exc:
        return fail(f"cannot read {exc.filename}: {exc.strerror}")
    try:
        report = DiskTrustStore(root).import_master_list(data, root_der, Path(args.file).name)
    except IcaoError as exc:
        return fail(f"master list refused: {exc.message}")
    except TrustStoreError as exc:
        return fail(str(exc))
    if args.json:
        print_json("trust.import", {"trust_dir": root, "added": report.added,
                                    "already_present": report.already_present,
                                    "source": report.source})
    else:
        print(f"master list verified; {report.added} CSCA certificates added, "
              f"{report.already_present} already present ({root})")
    return 0
