"""`kiosk config confirm --as TECH_ID`: a technician vouches for the security settings as
they are in the file (after a hand edit, or the first time after an upgrade); each one that
differs from its audited value is audited and `diag health` stops flagging it."""

from __future__ import annotations

import argparse

COMMAND = ("config", "confirm")
HELP = "audit the security settings as they are now (after a hand edit); needs --as TECH_ID"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from kiosk.config.files import add_config_argument

    add_config_argument(parser)
    parser.add_argument("--as", dest="as_id", metavar="TECH_ID", required=True)
    parser.add_argument("--json", action="store_true", help="print JSON (docs/config.md)")


def run(args: argparse.Namespace) -> int:
    from kiosk.accounts import AccountError, LoginRefused
    from kiosk.accounts.prompt import login_as
    from kiosk.accounts.settings import confirm_settings
    from kiosk.cli.output import fail, print_json
    from kiosk.config import ConfigError, load_config
    from kiosk.store import StoreError, open_store_from_config

    try:
        config = load_config(args.config)
        store = open_store_from_config(config)
    except (ConfigError, StoreError) as exc:
        return fail(str(exc), 2)
    try:
        by = login_as(store, args.as_id)
        changes = confirm_settings(config, store=store, by=by)
    except (AccountError, LoginRefused) as exc:
        return fail(str(exc))
    except StoreError as exc:
        return fail(str(exc), 2)
    finally:
        store.close()
    if args.json:
        print_json("config.confirm", {"by": by.actor, "confirmed": [
            {"key": c.key, "old": c.old, "new": c.new} for c in changes]})
    else:
        for c in changes:
            print(f"{c.key}: {c.old!r} -> {c.new!r}")
        print(f"{len(changes)} setting(s) confirmed by {by.actor}")
    return 0
