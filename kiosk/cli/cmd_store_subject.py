"""`kiosk store subject --id NUMBER --as TECH_ID`: one citizen's data on request: find it,
export it (JSON), or erase it; says what the audit log keeps and why. Finds the person on
every form they are on: as its declarant, or as another party (a spouse, a parent)."""

from __future__ import annotations

import argparse

COMMAND = ("store", "subject")
HELP = ("find, export (--export FILE) or erase (--erase) one citizen's data, by ID number; "
        "a technician does it (--as TECH_ID)")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from kiosk.config import add_config_argument

    add_config_argument(parser)
    parser.add_argument("--id", dest="id_number", required=True, metavar="NUMBER",
                        help="the citizen's ID number; - to type it (keeps it out of the "
                        "shell history)")
    parser.add_argument("--as", dest="as_id", metavar="TECH_ID", required=True)
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--export", metavar="FILE",
                      help="write everything held about the person as JSON (0600); - for "
                      "stdout")
    what.add_argument("--erase", action="store_true",
                      help="delete the person's forms, cases, PDFs and notes now")
    parser.add_argument("--erase-pseudonyms", action="store_true",
                        help="with --erase: also delete the audit log's pseudonyms now")
    parser.add_argument("--json", action="store_true", help="print JSON (docs/cli/store.md)")


WHY = ("The audit log keeps its entries about this person (what was done, when, by which "
       "staff member, to which reference) and their pseudonym, a keyed HMAC-SHA256 of the ID "
       "number that only this kiosk's key file can link to a number, until {until}: the "
       "record of who processed personal data must stay complete and tamper-evident, and the "
       "pseudonym is what lets a later request or complaint about this person be answered. "
       "Retention then deletes the pseudonym; the entries and the chain's anchors stay.")


def run(args: argparse.Namespace) -> int:
    import json
    import os
    import sys

    from kiosk.accounts import AccountError, LoginRefused
    from kiosk.accounts.prompt import login_as, read_secret
    from kiosk.cli.output import fail, print_json, to_jsonable
    from kiosk.config import ConfigError
    from kiosk.store import StoreError, subject
    from kiosk.store.cliutil import open_from_args

    try:
        config, store = open_from_args(args)
    except (ConfigError, StoreError) as exc:
        return fail(str(exc), 2)
    try:
        by = login_as(store, args.as_id)
        number = read_secret("ID number: ") if args.id_number == "-" else args.id_number
        if args.export:
            doc = subject.export(store, number, actor=by.actor)
            data = json.dumps(to_jsonable(doc), ensure_ascii=False, indent=2) + "\n"
            if args.export == "-":
                sys.stdout.write(data)
            else:
                fd = os.open(args.export, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    fh.write(data)
                print(f"exported {len(doc['submissions'])} submission(s) and "
                      f"{len(doc['audit_entries'])} audit entries to {args.export}")
            return 0
        if args.erase:
            e = subject.erase(store, number, actor=by.actor,
                              retention_days=config.store.audit_pseudonym_days,
                              erase_pseudonyms=args.erase_pseudonyms)
            until = "now (erased at your request)" if args.erase_pseudonyms else (
                f"{e.pseudonyms_kept_until:%Y-%m-%d}" if e.pseudonyms_kept_until else "-")
            why = ("The audit log keeps its entries (what, when, by whom, which reference) "
                   "without the pseudonym." if args.erase_pseudonyms else WHY.format(
                       until=until))
            if args.json:
                print_json("store.subject.erase", {**to_jsonable(e), "audit_log_keeps": why})
            else:
                print(f"erased the personal data of {len(e.references)} submission(s) "
                      f"({', '.join(e.references) or 'none'}); {e.files} PDF file(s) deleted")
                if e.delivered:
                    print(f"already delivered to the back office: {', '.join(e.delivered)}: "
                          "ask it to erase its copies too")
                if e.as_party:
                    print(f"this person was another party (a spouse, a parent) of "
                          f"{', '.join(e.as_party)}: the whole form was erased on this "
                          "kiosk, the declarant's data with it (docs/security.md)")
                if e.not_delivered:
                    print(f"never delivered: {', '.join(e.not_delivered)}: the declarant's "
                          "application ends here; tell them (the reference is on their "
                          "receipt) to apply again")
                print(why)
            return 0
        found = subject.find(store, number)
        if args.json:
            print_json("store.subject.find", found)
        else:
            for sub in found.submissions:
                print(f"{sub.reference}  {sub.service_code}  {sub.status}  "
                      f"{sub.created_at:%Y-%m-%d %H:%M} UTC  "
                      f"{found.roles.get(sub.reference, 'declarant')}")
            print(f"{len(found.submissions)} submission(s); {found.audit_entries} audit "
                  "entries carry this person's pseudonym")
        return 0
    except FileExistsError:
        return fail(f"{args.export} exists: choose a new file name")
    except (AccountError, LoginRefused) as exc:
        return fail(str(exc))
    except StoreError as exc:
        return fail(str(exc), 2)
    finally:
        store.close()
