"""`kiosk config set KEY VALUE`: change one setting, type-checked, written atomically.

Security settings (training, liveness, face match, PA policy, trust store, back office and
its credentials, retention, PIN hashing) need a technician account (`--as TECH_ID`, asked
for its PIN) and are audited with their old and new value.
"""

from __future__ import annotations

import argparse

COMMAND = ("config", "set")
HELP = ("set one dotted key (e.g. reader.apdu_timeout_s 2.5); security settings need "
        "--as TECH_ID")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from kiosk.config.files import add_config_argument

    add_config_argument(parser, may_create=True)
    parser.add_argument("key", metavar="KEY", help="dotted key, e.g. store.retention_days_"
                        "after_delivery or 'reader.profiles.MODEL.max_read'")
    parser.add_argument("value", metavar="VALUE",
                        help="the new value (the obsolete shared staff.pin / technician.pin "
                        "take - and ask for it; named accounts replace them)")
    parser.add_argument("--as", dest="as_id", metavar="TECH_ID",
                        help="the technician making the change (asked for their PIN); "
                        "required for security settings")


def run(args: argparse.Namespace) -> int:
    from kiosk.accounts import AccountError, LoginRefused
    from kiosk.accounts.prompt import login_as, read_secret
    from kiosk.accounts.settings import change_setting, is_security_key
    from kiosk.cli.output import fail
    from kiosk.config import ConfigError, PinError, hash_pin, set_value
    from kiosk.config.validate import ConfigSavedWithProblems
    from kiosk.store import StoreError
    from kiosk.store.cliutil import open_from_args

    key, value = args.key, args.value
    pin_key = key in ("staff.pin", "technician.pin")
    target = key.replace(".pin", ".pin_hash") if pin_key else key
    store = None
    try:
        if not is_security_key(target) and not args.as_id:  # PIN hashes are security keys
            path = set_value(target, value, args.config)
            print(f"{target} saved in {path}")
            return 0
        if not args.as_id:
            raise AccountError(f"{target} is a security setting: only a technician account "
                               "may change it; add --as TECH_ID (see `kiosk staff list`)")
        _, store = open_from_args(args, lenient=True)  # the file may be what is wrong
        by = login_as(store, args.as_id)
        if pin_key:
            if value != "-":
                raise ValueError("give the PIN as - and type it when asked (a PIN on the "
                                 "command line is visible to other users)")
            value = hash_pin(read_secret("New shared PIN: ", confirm=True))
        change = change_setting(target, value, store=store, by=by, path=args.config)
    except ConfigSavedWithProblems as exc:
        return fail(f"{target} was saved, but the file has other problems: {exc}")
    except ConfigError as exc:
        return fail(str(exc))
    except (PinError, ValueError, AccountError, LoginRefused) as exc:
        return fail(str(exc))
    except StoreError as exc:
        return fail(f"{exc} (security settings are changed only when the change can be "
                    "audited)", 2)
    finally:
        if store is not None:
            store.close()
    print(f"{change.key} saved in {change.path} by {by.actor} (audited: {change.old!r} -> "
          f"{change.new!r})")
    return 0
