"""`kiosk store deliver`: send pending submissions to the back office, once or continuously."""

from __future__ import annotations

import argparse

COMMAND = ("store", "deliver")
HELP = "deliver pending submissions to [backoffice] url (once, or --forever)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from kiosk.config import add_config_argument

    add_config_argument(parser)
    parser.add_argument("--forever", action="store_true",
                        help="keep delivering until SIGTERM / Ctrl-C")
    parser.add_argument("--idle", type=float, default=2.0, metavar="S",
                        help="with --forever: seconds to wait when nothing is due (default 2)")
    parser.add_argument("--json", action="store_true", help="print JSON (docs/cli/store.md)")


def run(args: argparse.Namespace) -> int:
    import signal
    import threading

    from kiosk.cli.output import fail, print_json
    from kiosk.config import ConfigError
    from kiosk.store import StoreError
    from kiosk.store.cliutil import open_from_args
    from kiosk.store.outbox import DeliveryReport, deliverer_from_config

    try:
        config, store = open_from_args(args)
    except (ConfigError, StoreError) as exc:
        return fail(str(exc), 2)
    try:
        if config.kiosk.training_mode:
            report, note = DeliveryReport(0, 0, 0, 0), "training mode: nothing is delivered"
        else:
            deliverer = deliverer_from_config(store, config)
            note = None
            if args.forever:
                stop = threading.Event()
                signal.signal(signal.SIGTERM, lambda *_: stop.set())
                try:
                    deliverer.run_forever(stop, idle_s=args.idle,
                                          anchor_interval_s=config.backoffice.anchor_interval_s)
                except KeyboardInterrupt:
                    pass
                return 0
            report = deliverer.run_once()
            if report.delivered:
                deliverer.send_anchor("delivery")
        stats = store.outbox_stats()
    except StoreError as exc:
        return fail(str(exc), 2)
    finally:
        store.close()
    if args.json:
        print_json("store.deliver", {"attempted": report.attempted,
                                     "delivered": report.delivered,
                                     "retrying": report.retrying, "failed": report.failed,
                                     "backlog": stats.pending, "failed_total": stats.failed,
                                     "note": note})
    else:
        print(note or f"delivered {report.delivered} of {report.attempted}; "
              f"{report.retrying} will be retried, {report.failed} rejected; "
              f"backlog {stats.pending}, failed in total {stats.failed}")
    if report.failed:
        return 1
    return 3 if report.retrying else 0
