"""`kiosk trust verify DIR [--at DATE] [--require-crl] [--require DGS] [--json]`: offline
passive authentication of a folder of raw EF files (EF.SOD.bin, EF.COM.bin, DG1.bin ...
EF.CardSecurity.bin), under the same policy as the kiosk's reads (icao.pki.policy): the CSCA
must be of the issuing state, EF.COM's DGs must be in the SOD, and so on."""

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
    parser.add_argument("--require-crl", action="store_true",
                        help="a missing or out-of-date CRL fails the check (trust.require_crl)")
    parser.add_argument("--require", metavar="DGS", default="",
                        help="data groups that must be signed and present, e.g. "
                        "DG1,DG2,DG13,DG14 (the Vietnamese ID profile)")
    parser.add_argument("--json", action="store_true", help="print JSON (docs/cli/trust.md)")
    add_trust_dir_argument(parser)


def run(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime
    from pathlib import Path

    from icao.pki.policy import PkiPolicy
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
    try:
        policy = PkiPolicy(required_dgs=frozenset(d.strip().upper() for d in
                                                  args.require.split(",") if d.strip()),
                           require_crl=args.require_crl)
    except ValueError as exc:
        return fail(f"--require: {exc}", 2)
    root = trust_dir(args.trust_dir)
    try:
        store = DiskTrustStore(root).load()
    except TrustStoreError as exc:
        return fail(str(exc))
    result = verify(files, store, at, policy)
    if args.json:
        print_json("trust.verify", {
            "status": result.status, "passed": result.passed, "at": result.at,
            "files": sorted(files), "covered": sorted(result.covered, key=_dg_order),
            "listed": sorted(result.listed, key=_dg_order),
            "ds_subject": result.ds_subject, "csca_subject": result.csca_subject,
            "hash_algorithm": result.hash_algorithm,
            "signature_algorithm": result.signature_algorithm,
            "issuing_state": result.issuing_state, "signer_country": result.signer_country,
            "revocation": result.revocation,
            "policy": {"require_crl": policy.require_crl,
                       "required_dgs": sorted(policy.required_dgs, key=_dg_order)},
            "checks": list(result.checks),
        })
    else:
        print_table([[c.name, c.status.value, c.reason] for c in result.checks],
                    ["check", "status", "reason"])
        note = (", revocation not checked" if result.passed and result.revocation ==
                "not_checked" else "")
        print(f"passive authentication: {result.status.value.upper().replace('_', ' ')}{note} "
              f"(at {result.at:%Y-%m-%d %H:%M} UTC, trust store {root})")
    return 0 if result.status is Status.PASSED else 1


def _dg_order(name: str) -> int:
    return int(name[2:]) if name[2:].isdigit() else 99
