"""`kiosk bench store`: outbox throughput against a local back-office server."""

from __future__ import annotations

import argparse

COMMAND = ("bench", "store")
HELP = "measure submit and delivery throughput of the store's outbox (local test server)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--n", type=int, default=200, help="submissions (default 200)")
    parser.add_argument("--url", default=None,
                        help="an EMPTY database URL to bench instead of a temporary SQLite file")
    parser.add_argument("--json", action="store_true", help="print JSON (docs/cli/store.md)")


def run(args: argparse.Namespace) -> int:
    from kiosk.cli.output import fail, print_json
    from kiosk.store import StoreError
    from kiosk.store.bench import measure_outbox

    try:
        result = measure_outbox(args.n, url=args.url)
    except (StoreError, ValueError) as exc:
        return fail(str(exc))
    if args.json:
        print_json("bench.store", result)
    else:
        print(f"store outbox bench ({result['backend']}, n={result['n']}):\n"
              f"  submit   {result['submits_per_s']:>8} /s  ({result['submit_ms_each']} ms each)\n"
              f"  deliver  {result['deliveries_per_s']:>8} /s  ({result['deliver_ms_each']} ms "
              f"each, loopback HTTP)\n"
              f"  back office: {result['requests']} requests, {result['effects']} effects; "
              f"audit chain verified: {result['audit_verified']}")
    return 0
