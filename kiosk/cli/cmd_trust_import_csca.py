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
    from pathlib import Path

    from icao.errors import IcaoError
    from kiosk.cli.output import fail, print_json
    from kiosk.trust.disk import DiskTrustStore, TrustStoreError
    from kiosk.trust.location import trust_dir

    root = trust_dir(args.trust_dir)
    try:
        data = Path(args.cert).read_bytes()
    except OSError as exc:
        return fail(f"cannot read {exc.filename}: {exc.strerror}")
    try:
        report = DiskTrustStore(root).import_csca(data, Path(args.cert).name)
    except IcaoError as exc:
        return fail(f"certificate refused: {exc.message}")
    except TrustStoreError as exc:
        return fail(str(exc))
    if args.json:
        print_json("trust.import", {"trust_dir": root, "added": report.added,
                                    "already_present": report.already_present,
                                    "source": report.source})
    elif report.added:
        e = report.entries[0]
        print(f"added {e.kind} {e.subject} (valid to {e.not_after[:10] if e.not_after else '-'})"
              f" to {root}")
    else:
        print(f"already present in {root}")
    return 0
