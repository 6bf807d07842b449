"""`kiosk store verify-audit`: check this kiosk's audit chain, its MACs and its anchors;
non-zero when tampering shows. Says what it cannot prove."""

from __future__ import annotations

import argparse

COMMAND = ("store", "verify-audit")
HELP = ("verify the audit log's keyed chain and anchors (exit 1 and the first bad entry when "
        "tampered); lists what cannot be proven")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from kiosk.config import add_config_argument

    add_config_argument(parser)
    parser.add_argument("--anchors", metavar="FILE",
                        help="anchors exported by the back office (JSON lines: kiosk_id, seq, "
                        "entry_hash, created_at), checked too")
    parser.add_argument("--json", action="store_true", help="print JSON (docs/cli/store.md)")


def run(args: argparse.Namespace) -> int:
    from kiosk.cli.output import fail, print_json
    from kiosk.config import ConfigError
    from kiosk.store import StoreError
    from kiosk.store.cliutil import open_from_args

    try:
        _, store = open_from_args(args)
        try:
            v = store.verify_audit(anchors_file=args.anchors)
        finally:
            store.close()
    except (ConfigError, StoreError) as exc:
        return fail(str(exc), 2)
    if args.json:
        print_json("store.verify_audit", v)
    elif v.ok:
        print(f"audit log intact: {v.entries} entries, head {v.head}")
        anchored = (f"entry {v.anchored_seq} ({v.anchored_at:%Y-%m-%d %H:%M} UTC)"
                    if v.anchored_seq and v.anchored_at else
                    f"entry {v.anchored_seq}" if v.anchored_seq else "none")
        print(f"kiosk {v.kiosk_id}; {v.anchors_checked} anchor(s) checked; newest anchor "
              f"outside this kiosk: {anchored}")
        for note in v.unproven:
            print(f"cannot prove: {note}")
    else:
        print(f"AUDIT LOG TAMPERED: {v.reason} (first bad entry: {v.first_broken}); keep "
              "this database and the key file as evidence and report it")
    return 0 if v.ok else 1
