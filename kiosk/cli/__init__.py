"""The `kiosk` command line.

Commands live one per module in this package, named `cmd_<group>_<name>.py` (or `cmd_<name>.py`
for a top-level command); the file name spells the words after `kiosk` (underscores in the name
become dashes: cmd_store_verify_audit.py is `kiosk store verify-audit`). Each module defines:

    COMMAND = ("diag", "readers")   # the words after `kiosk`
    HELP = "one line for --help"
    def add_arguments(parser: argparse.ArgumentParser) -> None: ...
    def run(args: argparse.Namespace) -> int: ...

Registration is lazy (issue 15 item 7): `main` reads the command words from the arguments and
imports only the module asked for (for `kiosk GROUP --help`, the group's modules; for `kiosk
--help`, the top-level ones, without their arguments). Modules keep heavy imports inside `run`
(and `add_arguments`), so `kiosk --help` and `kiosk read` start fast; `kiosk bench startup`
measures it. A new command is one new file; no central table to edit.

`kiosk` with no command starts the kiosk app (`kiosk run`).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Iterable, Sequence
from types import ModuleType
from typing import NoReturn

from kiosk import __version__

GROUP_HELP = {
    "diag": "diagnostics for technicians (readers, card, camera, health)",
    "bench": "benchmarks that print figures",
    "trust": "the trust store (CSCA certificates, master lists, CRLs)",
    "face": "face verification against the chip portrait",
    "capture": "read access keys from images (QR code, MRZ)",
    "forms": "the 25 public services' forms",
    "store": "the submission store (delivery, audit log, retention, keys, subject requests)",
    "staff": "named staff and technician accounts (add, disable, list)",
    "config": "settings",
}
DEFAULT_COMMAND = "run"
#: Exit status of a command that stopped on an unexpected exception (sysexits EX_SOFTWARE).
EXIT_BUG = 70


def command_words(module_name: str) -> tuple[str, ...]:
    """The words a command module's file name spells ("cmd_diag_card" -> ("diag", "card"))."""
    parts = module_name.removeprefix("cmd_").split("_")
    if len(parts) > 1 and parts[0] in GROUP_HELP:
        return parts[0], "-".join(parts[1:])
    return ("-".join(parts),)


def _module_names() -> list[str]:
    # a directory listing, not pkgutil.iter_modules: that imports `inspect` (4 ms of start-up)
    return sorted(f.removesuffix(".py") for d in __path__ for f in os.listdir(d)
                  if f.startswith("cmd_") and f.endswith(".py"))


def _load(name: str) -> ModuleType:
    return importlib.import_module(f"{__name__}.{name}")


def _command_modules() -> list[ModuleType]:
    """Every command module, imported (tests, and the full parser)."""
    return [_load(n) for n in _module_names()]


def _positionals(argv: Sequence[str]) -> list[str]:
    """The leading words of argv before the first option (the command words asked for)."""
    words = []
    for arg in argv:
        if arg.startswith("-"):
            break
        words.append(arg)
    return words


def _wanted(argv: Sequence[str]) -> tuple[list[str], set[str]] | None:
    """(modules to register with their arguments, top-level words to list by help only), or
    None when the words name no known command (the full parser gives argparse's message)."""
    index = {command_words(n): n for n in _module_names()}
    words = _positionals(argv)
    top_level = [n for w, n in index.items() if len(w) == 1]
    if not words:  # `kiosk --help`, `kiosk --version`: list the commands, register none
        return [], set(top_level)
    if (words[0],) in index:
        return [index[(words[0],)]], set()
    if words[0] in GROUP_HELP:
        if len(words) > 1 and (words[0], words[1]) in index:
            return [index[(words[0], words[1])]], set()
        return [n for w, n in index.items() if w[0] == words[0] and len(w) == 2], set()
    return None


class _Parser(argparse.ArgumentParser):
    """argparse, with its errors in the form of every other `kiosk` error: "kiosk: error:
    <command words>: <what is wrong>" after the usage line (exit 2)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        words = self.prog.removeprefix("kiosk").strip()
        self.exit(2, f"kiosk: error: {words + ': ' if words else ''}{message}\n")


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser for `argv` (lazy: only the commands asked for are imported), or, with
    argv None, for every command."""
    wanted = None if argv is None else _wanted(argv)
    if wanted is None:
        modules, listed = _module_names(), set[str]()
    else:
        modules, listed = wanted
    parser = _Parser(
        prog="kiosk",
        description="Chip ID kiosk: read Vietnamese chip ID cards (ICAO 9303), verify them, "
        "and pre-fill public-service forms. With no command, starts the kiosk app.",
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    top = parser.add_subparsers(dest="command", metavar="COMMAND")
    _register(top, [_load(n) for n in modules], [_load(n) for n in sorted(listed)],
              list_groups=wanted is not None)
    return parser


def _register(top: argparse._SubParsersAction, modules: Iterable[ModuleType],
              listed: Iterable[ModuleType], *, list_groups: bool) -> None:
    groups: dict[str, argparse._SubParsersAction] = {}
    for mod in listed:  # named in `kiosk --help`, not parsed further
        top.add_parser(mod.COMMAND[0], help=mod.HELP, description=mod.HELP)
    for mod in modules:
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
    if list_groups:
        for group, text in GROUP_HELP.items():
            if group not in groups:
                top.add_parser(group, help=text)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not _positionals(argv) and not any(a in ("-h", "--help", "--version") for a in argv):
        argv = [DEFAULT_COMMAND, *argv]  # no command: the kiosk app itself
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    run = getattr(args, "_run", None)
    if run is None:
        parser.print_help()
        return 2
    from kiosk.cli.output import CliError, fail

    try:
        return int(run(args) or 0)
    except CliError as exc:
        return fail(exc.message, exc.code)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - a bug still ends in one line a person can use
        if os.environ.get("KIOSK_DEBUG"):
            raise
        words = " ".join(_positionals(argv)[:2])
        return fail(f"`kiosk {words}` stopped on an unexpected {type(exc).__name__}: {exc}. "
                    "This is a bug: please report it with the command line (KIOSK_DEBUG=1 "
                    "shows the traceback)", EXIT_BUG)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
