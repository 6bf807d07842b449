"""`kiosk staff kdf`: what one PIN check costs on this machine with the configured Argon2id
parameters; exit 1 below the 250 ms target."""

from __future__ import annotations

import argparse

COMMAND = ("staff", "kdf")
HELP = "measure the PIN hash (Argon2id) cost on this machine; exit 1 below 250 ms"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from kiosk.config import add_config_argument

    add_config_argument(parser)
    parser.add_argument("--rounds", type=int, default=5, help="measurements (median; 5)")
    parser.add_argument("--json", action="store_true", help="print JSON (docs/cli/store.md)")


def run(args: argparse.Namespace) -> int:
    from kiosk.cli.output import fail, print_json
    from kiosk.config import ConfigError, KdfParams, load_config
    from kiosk.config.pins import TARGET_MS, measure_kdf

    try:
        config = load_config(args.config)
    except ConfigError as exc:
        return fail(str(exc), 2)
    params = KdfParams(config.staff.kdf_memory_mib * 1024, config.staff.kdf_iterations)
    ms = measure_kdf(params, args.rounds)
    ok = ms >= TARGET_MS
    if args.json:
        print_json("staff.kdf", {"algorithm": "argon2id", "memory_kib": params.memory_kib,
                                 "iterations": params.iterations, "lanes": params.lanes,
                                 "median_ms": round(ms, 1), "target_ms": TARGET_MS, "ok": ok})
    else:
        print(f"{params}: {ms:.0f} ms per PIN check (median of {args.rounds}); target "
              f">= {TARGET_MS:.0f} ms: {'met' if ok else 'NOT met: raise staff.kdf_iterations'}")
    return 0 if ok else 1
