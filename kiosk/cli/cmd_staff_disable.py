"""`kiosk staff disable ID --as TECH_ID`: the account can no longer log in (kept for the
audit log, which names it)."""

from __future__ import annotations

import argparse

COMMAND = ("staff", "disable")
HELP = "disable a staff or technician account (a technician does it: --as TECH_ID)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from kiosk.config import add_config_argument

    add_config_argument(parser)
    parser.add_argument("staff_id", metavar="ID")
    parser.add_argument("--as", dest="as_id", metavar="TECH_ID", required=True,
                        help="the technician disabling it (asked for their PIN)")
    parser.add_argument("--json", action="store_true", help="print JSON (docs/cli/store.md)")


def run(args: argparse.Namespace) -> int:
    from kiosk.accounts import AccountError, Accounts, LoginRefused
    from kiosk.accounts.prompt import login_as
    from kiosk.cli.output import fail, print_json
    from kiosk.config import ConfigError
    from kiosk.store import StoreError
    from kiosk.store.cliutil import open_from_args

    try:
        _, store = open_from_args(args, lenient=True)
    except (ConfigError, StoreError) as exc:
        return fail(str(exc), 2)
    try:
        by = login_as(store, args.as_id)
        account = Accounts(store).disable(args.staff_id, by=by)
    except (AccountError, LoginRefused) as exc:
        return fail(str(exc), 1)
    except StoreError as exc:
        return fail(str(exc), 2)
    finally:
        store.close()
    if args.json:
        print_json("staff.account", account)
    else:
        print(f"{account.role} account {account.staff_id} disabled")
    return 0
