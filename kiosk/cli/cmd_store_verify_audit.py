"""`kiosk store verify-audit`: check the audit log's hash chain; non-zero when tampered."""

from __future__ import annotations

import argparse

COMMAND = ("store", "verify-audit")
HELP = "verify the audit log's hash chain (exit 1 and the first broken entry when tampered)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from kiosk.config import add_config_argument

    add_config_argument(parser)
    parser.add_argument("--json", action="store_true", help="print JSON (docs/cli/store.md)")


def run(args: argparse.Namespace) -> int:
    from kiosk.cli.output import fail, print_json
    from kiosk.config import ConfigError
    from kiosk.store import StoreError
    from kiosk.store.cliutil import open_from_args

    try:
        _, store = open_from_args(args)
        try:
            v = store.verify_audit()
        finally:
            store.close()
    except (ConfigError, StoreError) as exc:
        return fail(str(exc), 2)
    if args.json:
        print_json("store.verify_audit", v)
    elif v.ok:
        print(f"audit log intact: {v.entries} entries, head {v.head}")
    else:
        print(f"AUDIT LOG TAMPERED: {v.reason} (first broken entry: {v.first_broken}); "
              "keep this database as evidence and report it")
    return 0 if v.ok else 1
