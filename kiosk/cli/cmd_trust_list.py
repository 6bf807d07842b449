"""`kiosk trust list [--json]`: what the trust store holds."""

from __future__ import annotations

import argparse

COMMAND = ("trust", "list")
HELP = "list the CSCA, link certificates and CRLs in the trust store"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from kiosk.trust.location import add_trust_dir_argument

    parser.add_argument("--json", action="store_true", help="print JSON (docs/cli/trust.md)")
    add_trust_dir_argument(parser)


def run(args: argparse.Namespace) -> int:
    from kiosk.cli.output import fail, print_json, print_table
    from kiosk.trust.disk import DiskTrustStore, TrustStoreError
    from kiosk.trust.location import trust_dir

    root = trust_dir(args.trust_dir)
    try:
        entries = DiskTrustStore(root).entries()
    except TrustStoreError as exc:
        return fail(str(exc))
    if args.json:
        print_json("trust.list", {"trust_dir": root, "entries": list(entries)})
        return 0
    if not entries:
        print(f"the trust store at {root} is empty; import a master list with "
              "`kiosk trust import-ml FILE --root CERT`")
        return 0
    rows = [[e.kind, e.subject, (e.not_after or "-")[:10], e.sha256[:16]] for e in
            sorted(entries, key=lambda e: (e.kind, e.subject))]
    print_table(rows, ["kind", "subject", "valid to", "sha256"])
    print(f"{len(entries)} entries in {root}")
    return 0
