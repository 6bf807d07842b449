"""`kiosk store purge`: delete personal data whose retention period is over."""

from __future__ import annotations

import argparse

COMMAND = ("store", "purge")
HELP = "delete submissions' personal data past the retention period ([store] retention_days_*)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from kiosk.config import add_config_argument

    add_config_argument(parser)
    parser.add_argument("--dry-run", action="store_true", help="list what would be purged")
    parser.add_argument("--json", action="store_true", help="print JSON (docs/cli/store.md)")


def run(args: argparse.Namespace) -> int:
    from kiosk.cli.output import fail, print_json
    from kiosk.config import ConfigError
    from kiosk.store import StoreError
    from kiosk.store.cliutil import open_from_args

    try:
        config, store = open_from_args(args)
        try:
            report = store.purge(
                after_delivery_days=config.store.retention_days_after_delivery,
                undelivered_days=config.store.retention_days_undelivered,
                audit_pseudonym_days=config.store.audit_pseudonym_days,
                pdf_dir=config.printing.pdf_dir or None,
                dry_run=args.dry_run, actor="system:retention")
        finally:
            store.close()
    except (ConfigError, StoreError) as exc:
        return fail(str(exc))
    if args.json:
        print_json("store.purge", {
            "dry_run": report.dry_run, "delivered_before": report.delivered_before,
            "created_before": report.created_before, "delivered_ids": report.delivered_ids,
            "undelivered_ids": report.undelivered_ids, "training_ids": report.training_ids,
            "purged": len(report.purged_ids), "pseudonyms": report.pseudonyms,
            "files": report.files})
    else:
        verb = "would purge" if report.dry_run else "purged"
        print(f"{verb} {len(report.delivered_ids)} delivered submission(s) (delivered before "
              f"{report.delivered_before:%Y-%m-%d %H:%M} UTC) and "
              f"{len(report.undelivered_ids)} undelivered (created before "
              f"{report.created_before:%Y-%m-%d %H:%M} UTC), {len(report.training_ids)} "
              f"training; {report.pseudonyms} audit pseudonym(s), {report.files} PDF file(s)")
    return 0
