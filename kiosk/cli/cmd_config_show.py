"""`kiosk config show`: the settings in effect, or the defaults."""

from __future__ import annotations

import argparse

COMMAND = ("config", "show")
HELP = "show the settings in effect (every key, defaults included)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from kiosk.config.files import add_config_argument

    add_config_argument(parser)
    parser.add_argument("--json", action="store_true", help="print JSON (see docs/config.md)")
    parser.add_argument("--defaults", action="store_true",
                        help="show the built-in defaults, ignoring the file")


def run(args: argparse.Namespace) -> int:
    import sys

    import tomli_w

    from kiosk.cli.output import fail, print_json
    from kiosk.config import Config, ConfigError, config_path, load_config, to_document

    path = None if args.defaults else config_path(args.config)
    try:
        config = Config() if args.defaults else load_config(path)
    except ConfigError as exc:
        return fail(f"{exc}\n(fix the file, or use `kiosk config set KEY VALUE`)")
    doc = to_document(config)
    if args.json:
        print_json("config", {"path": str(path) if path else None, "settings": doc})
    else:
        where = "built-in defaults" if path is None else (
            str(path) if path.exists() else f"{path} (absent: defaults)")
        sys.stdout.write(f"# {where}\n" + tomli_w.dumps(doc))
    return 0
