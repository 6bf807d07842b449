"""`kiosk staff add ID`: a named staff or technician account (ID and PIN)."""

from __future__ import annotations

import argparse

COMMAND = ("staff", "add")
HELP = "add a named staff or technician account (a technician does it: --as TECH_ID)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from kiosk.config import add_config_argument

    add_config_argument(parser)
    parser.add_argument("staff_id", metavar="ID", help="staff code, e.g. nv01 (never a card "
                        "number); IDs are never reused")
    parser.add_argument("--role", choices=("staff", "technician"), default="staff")
    parser.add_argument("--as", dest="as_id", metavar="TECH_ID",
                        help="the technician adding it (asked for their PIN); not needed for "
                        "the first technician account of a store")
    parser.add_argument("--json", action="store_true", help="print JSON (docs/cli/store.md)")


def run(args: argparse.Namespace) -> int:
    from kiosk.accounts import AccountError, Accounts, LoginRefused
    from kiosk.accounts.prompt import login_as, read_secret
    from kiosk.cli.output import fail, print_json
    from kiosk.config import ConfigError, PinError
    from kiosk.store import StoreError
    from kiosk.store.cliutil import open_from_args

    try:
        config, store = open_from_args(args, lenient=True)
    except (ConfigError, StoreError) as exc:
        return fail(str(exc), 2)
    try:
        by = login_as(store, args.as_id) if args.as_id else None
        pin = read_secret(f"New PIN for {args.staff_id}: ", confirm=True)
        account = Accounts.from_config(store, config).add(args.staff_id, args.role, pin,
                                                          by=by)
    except (PinError, AccountError, LoginRefused, ValueError) as exc:
        return fail(str(exc), 1)
    except StoreError as exc:
        return fail(str(exc), 2)
    finally:
        store.close()
    if args.json:
        print_json("staff.account", account)
    else:
        print(f"{account.role} account {account.staff_id} added by {account.created_by}")
    return 0

