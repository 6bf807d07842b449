"""`kiosk diag health`: every part a kiosk needs, one verdict each; non-zero exit on a fail."""

from __future__ import annotations

import argparse

COMMAND = ("diag", "health")
HELP = ("check pcscd, readers, camera, printer, trust store and CRLs, database and outbox, "
        "disk space; exit 1 when a technician is needed")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from kiosk.config import add_config_argument

    parser.add_argument("--json", action="store_true", help="print JSON (docs/cli/diag.md)")
    add_config_argument(parser)


def run(args: argparse.Namespace) -> int:
    from kiosk.cli.output import fail, print_json
    from kiosk.config import ConfigError, load_config
    from kiosk.diag.health import check_health, render_text

    try:
        config = load_config(args.config)
    except ConfigError as exc:
        return fail(str(exc), 2)
    report = check_health(config)
    if args.json:
        print_json("diag.health", {"ok": report.ok, "checked_at": report.checked_at,
                                   "items": [{"name": i.name, "status": i.status,
                                              "reason": i.reason, "value": i.value,
                                              "needs_technician": i.needs_technician}
                                             for i in report.items]})
    else:
        print(render_text(report), end="")
    return report.exit_code
