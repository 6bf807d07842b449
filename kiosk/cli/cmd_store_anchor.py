"""`kiosk store anchor`: record the audit chain head now (and send it to the back office
with --send); prints it, so a technician can also keep it elsewhere."""

from __future__ import annotations

import argparse

COMMAND = ("store", "anchor")
HELP = "anchor the audit chain head now (in the store; --send: at the back office too)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from kiosk.config import add_config_argument

    add_config_argument(parser)
    parser.add_argument("--send", action="store_true",
                        help="also POST it to the back office's anchor URL")
    parser.add_argument("--json", action="store_true", help="print JSON (docs/cli/store.md)")


def run(args: argparse.Namespace) -> int:
    from kiosk.cli.output import fail, print_json
    from kiosk.config import ConfigError
    from kiosk.store import StoreError
    from kiosk.store.cliutil import open_from_args
    from kiosk.store.outbox import deliverer_from_config

    try:
        config, store = open_from_args(args)
    except (ConfigError, StoreError) as exc:
        return fail(str(exc), 2)
    acknowledged = None
    try:
        if args.send:
            reply = deliverer_from_config(store, config).send_anchor("manual")
            acknowledged = bool(reply and reply.accepted)
            anchor = store.last_anchor()
        else:
            anchor = store.anchor("manual")
    except StoreError as exc:
        return fail(str(exc), 2)
    finally:
        store.close()
    if anchor is None:
        print("the audit log is empty: nothing to anchor")
        return 0
    if args.json:
        print_json("store.anchor", {**anchor.to_json(), "witness": anchor.witness,
                                    "acknowledged": acknowledged})
    else:
        print(f"kiosk {anchor.kiosk_id} entry {anchor.seq} {anchor.entry_hash}"
              + ("" if acknowledged is None else
                 f"; back office: {'acknowledged' if acknowledged else 'NOT acknowledged'}"))
    return 0 if acknowledged in (None, True) else 3
