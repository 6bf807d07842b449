"""`kiosk store pg-setup`: on a central PostgreSQL store, as its owner: the schema, the group
role kiosks belong to with exactly the rights they need, and one login role per kiosk."""

from __future__ import annotations

import argparse

COMMAND = ("store", "pg-setup")
HELP = "central PostgreSQL store (run as its owner): kiosk roles and their rights"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from kiosk.config import add_config_argument

    add_config_argument(parser)
    parser.add_argument("--group", default="kiosk_app", help="group role (kiosk_app)")
    parser.add_argument("--kiosk", action="append", default=[], metavar="NAME",
                        help="create a login role for this kiosk (its id); repeatable")
    parser.add_argument("--json", action="store_true", help="print JSON (docs/cli/store.md)")


def run(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from kiosk.cli.output import fail, print_json
    from kiosk.config import ConfigError, load_config
    from kiosk.store import StoreError
    from kiosk.store.engine import make_engine
    from kiosk.store.migrate import upgrade
    from kiosk.store.pgroles import add_kiosk, provision

    try:
        config = load_config(args.config)
        engine = make_engine(config.store.url or "sqlite://")
    except (ConfigError, StoreError) as exc:
        return fail(str(exc), 2)
    if engine.dialect.name != "postgresql":
        engine.dispose()
        return fail("[store] url is not a PostgreSQL store: roles exist only there", 2)
    try:
        upgrade(engine)
        statements = provision(engine, group=args.group)
        for name in args.kiosk:
            add_kiosk(engine, name, group=args.group)
    except (ValueError, StoreError) as exc:
        return fail(str(exc), 2)
    except SQLAlchemyError as exc:
        cause = type(getattr(exc, "orig", None) or exc).__name__
        return fail(f"the database refused ({cause}): run this as the store's owner", 2)
    finally:
        engine.dispose()
    if args.json:
        print_json("store.pg_setup", {"group": args.group, "kiosks": args.kiosk,
                                      "statements": statements})
    else:
        print(f"group role {args.group}: {len(statements)} statement(s); kiosk roles: "
              f"{', '.join(args.kiosk) or 'none added'}")
    return 0
