"""`kiosk trust verify DIR [--at DATE] [--json]`: offline passive authentication of a folder
of raw EF files (EF.SOD.bin, EF.COM.bin, DG1.bin ... EF.CardSecurity.bin)."""

from __future__ import annotations

import argparse

COMMAND = ("trust", "verify")
HELP = "passive authentication of a folder of raw EF files against the trust store"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from kiosk.trust.location import add_trust_dir_argument

    parser.add_argument("dir", metavar="DIR", help="folder with EF.SOD.bin, DG1.bin, ...")
    parser.add_argument("--at", metavar="DATE", default=None,
                        help="verification time, ISO 8601 (YYYY-MM-DD or with time; UTC "
                        "when no zone); default: now")
    parser.add_argument("--json", action="store_true", help="print JSON (docs/cli/trust.md)")
    add_trust_dir_argument(parser)


def run(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime
    from pathlib import Path

    from icao.pki.verify import Status, verify
    from kiosk.cli.output import fail, print_json, print_table
    from kiosk.trust.disk import DiskTrustStore, TrustStoreError
    from kiosk.trust.files import read_ef_folder
    from kiosk.trust.location import trust_dir

    if args.at:
        try:
            at = datetime.fromisoformat(args.at)
        except ValueError:
            return fail(f"--at {args.at!r} is not an ISO 8601 date (e.g. 2026-06-01)", 2)
        at = at if at.tzinfo else at.replace(tzinfo=UTC)
    else:
        at = datetime.now(UTC)
    try:
        files = read_ef_folder(Path(args.dir))
    except OSError as exc:
        return fail(f"cannot read {args.dir}: {exc.strerror}", 2)
    if not files:
        return fail(f"no EF files (EF.SOD.bin, DG1.bin, ...) in {args.dir}", 2)
    root = trust_dir(args.trust_dir)
    try:
        store = DiskTrustStore(root).load()
    except TrustStoreError as exc:
        return fail(str(exc))
    result = verify(files, store, at)
    if args.json:
        print_json("trust.verify", {
            "status": result.status, "passed": result.passed, "at": result.at,
            "files": sorted(files), "covered": sorted(result.covered, key=_dg_order),
            "listed": sorted(result.listed, key=_dg_order),
            "ds_subject": result.ds_subject, "csca_subject": result.csca_subject,
            "hash_algorithm": result.hash_algorithm,
            "signature_algorithm": result.signature_algorithm,
            "checks": list(result.checks),
        })
    else:
        print_table([[c.name, c.status.value, c.reason] for c in result.checks],
                    ["check", "status", "reason"])
        print(f"passive authentication: {result.status.value.upper().replace('_', ' ')} "
              f"(at {result.at:%Y-%m-%d %H:%M} UTC, trust store {root})")
    return 0 if result.status is Status.PASSED else 1


def _dg_order(name: str) -> int:
    return int(name[2:]) if name[2:].isdigit() else 99
