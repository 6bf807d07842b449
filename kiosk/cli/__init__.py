"""The `kiosk` command line.

Commands live one per module in this package, named `cmd_<group>_<name>.py` (or `cmd_<name>.py`
for a top-level command). Each module defines:

    COMMAND = ("diag", "readers")   # the words after `kiosk`
    HELP = "one line for --help"
    def add_arguments(parser: argparse.ArgumentParser) -> None: ...
    def run(args: argparse.Namespace) -> int: ...

Modules keep heavy imports inside `run`, so `kiosk --help` stays fast. Discovery means a new
command is one new file; no central table to edit.

`kiosk` with no command starts the Qt app (`kiosk run`).
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from types import ModuleType

GROUP_HELP = {
    "diag": "diagnostics for technicians (readers, card, camera, health)",
    "bench": "benchmarks that print figures",
    "trust": "the trust store (CSCA certificates, master lists, CRLs)",
    "face": "face verification against the chip portrait",
    "capture": "read access keys from images (QR code, MRZ)",
    "forms": "the 25 public services' forms",
    "store": "the submission store (purge, audit log)",
    "config": "settings",
}


def _command_modules() -> list[ModuleType]:
    mods = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("cmd_"):
            mods.append(importlib.import_module(f"{__name__}.{info.name}"))
    return mods


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="Chip ID kiosk: read Vietnamese chip ID cards (ICAO 9303), verify them, "
        "and pre-fill public-service forms. With no command, starts the kiosk app.",
    )
    top = parser.add_subparsers(dest="command", metavar="COMMAND")
    groups: dict[str, argparse._SubParsersAction] = {}
    for mod in _command_modules():
        words = tuple(mod.COMMAND)
        if len(words) == 1:
            sub = top.add_parser(words[0], help=mod.HELP, description=mod.HELP)
        else:
            group, name = words
            if group not in groups:
                gp = top.add_parser(group, help=GROUP_HELP.get(group, group))
                groups[group] = gp.add_subparsers(dest=f"{group}_command", metavar="SUBCOMMAND",
                                                  required=True)
            sub = groups[group].add_parser(name, help=mod.HELP, description=mod.HELP)
        mod.add_arguments(sub)
        sub.set_defaults(_run=mod.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    run = getattr(args, "_run", None)
    if run is None:
        # No command: the kiosk app itself.
        args = parser.parse_args(["run", *(argv or [])]) if _has_run(parser) else None
        if args is None:
            parser.print_help()
            return 2
        run = args._run
    try:
        return int(run(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _has_run(parser: argparse.ArgumentParser) -> bool:
    for action in parser._subparsers._group_actions if parser._subparsers else []:
        if "run" in getattr(action, "choices", {}):
            return True
    return False


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
