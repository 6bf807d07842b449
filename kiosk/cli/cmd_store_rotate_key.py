"""`kiosk store rotate-key --as TECH_ID`: a new data key; every encrypted row of this kiosk
re-encrypted in batches; the old key dropped. Run it again after an interruption: it goes on
where it stopped."""

from __future__ import annotations

import argparse

COMMAND = ("store", "rotate-key")
HELP = "re-encrypt this kiosk's data with a new key, in batches (resumable); --as TECH_ID"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from kiosk.config import add_config_argument

    add_config_argument(parser)
    parser.add_argument("--as", dest="as_id", metavar="TECH_ID", required=True)
    parser.add_argument("--batch", type=int, default=100, help="rows per transaction (100)")
    parser.add_argument("--json", action="store_true", help="print JSON (docs/cli/store.md)")


def run(args: argparse.Namespace) -> int:
    from kiosk.accounts import AccountError, LoginRefused
    from kiosk.accounts.prompt import login_as
    from kiosk.cli.output import fail, print_json
    from kiosk.config import ConfigError
    from kiosk.store import StoreError
    from kiosk.store.cliutil import open_from_args
    from kiosk.store.rotation import rotate

    try:
        _, store = open_from_args(args)
    except (ConfigError, StoreError) as exc:
        return fail(str(exc), 2)
    try:
        by = login_as(store, args.as_id)
        report = rotate(store, batch=args.batch, actor=by.actor)
    except (AccountError, LoginRefused) as exc:
        return fail(str(exc))
    except StoreError as exc:
        return fail(str(exc), 2)
    finally:
        store.close()
    if args.json:
        print_json("store.rotate_key", report)
    else:
        verb = "resumed" if report.resumed else "started"
        print(f"rotation {verb}: new key {report.new_key_id}; {report.rows} row(s) "
              f"re-encrypted in {report.batches} batch(es); "
              + (f"retired {', '.join(report.retired)}" if report.finished else
                 "not finished: run it again"))
        print("keep the previous key file with the backups taken before this rotation")
    return 0 if report.finished else 3
