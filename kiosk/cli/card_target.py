"""The reader, access key and settings a card command starts from, shared by `kiosk diag card`,
`diag trace` and `diag calibrate` (one flag set, one set of messages and exit codes).

    add_card_arguments(parser, reader_required=False)   --reader, --can|--mrz|--doc, --config,
                                                        --wait (kiosk.cli.card_wait)
    target = card_target(args, need_key="...")          raises CliError(message, exit code)
    target.key, target.reader (resolved PC/SC name or None), target.config, target.setup
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from icao.keys import AccessKey
from kiosk.cli.card_wait import add_wait_argument, wait_for_card
from kiosk.cli.messages import key_flag, with_flag
from kiosk.cli.output import CliError
from kiosk.config import Config, ConfigError, add_config_argument, load_config
from kiosk.diag.common import add_key_arguments, key_from_args
from kiosk.diag.profiles import ReaderSetup, reader_setup


@dataclass(frozen=True)
class CardTarget:
    key: AccessKey | None
    reader: str | None  # None: the first reader holding a card
    config: Config
    setup: ReaderSetup | None  # the reader's calibrated settings; None without --reader


def add_card_arguments(parser: argparse.ArgumentParser, *, reader_required: bool = False,
                       config_may_create: bool = False) -> None:
    parser.add_argument("--reader", metavar="NAME", required=reader_required,
                        help="reader name or a unique part of it"
                        + ("" if reader_required else " (default: first with a card)"))
    add_key_arguments(parser)
    add_config_argument(parser, may_create=config_may_create)
    add_wait_argument(parser)


def card_target(args: argparse.Namespace, *, need_key: str | None = None) -> CardTarget:
    """Check the flags in the order a person fixes them: the key (exit 2), the settings
    (exit 2), then the reader (3: pcscd is not running, 1: no such reader). `need_key`: the
    message when the command cannot run without a key."""
    # pyscard loads here, not at import: `kiosk diag ... --help` does not need it
    from nfc.errors import NfcError, PcscUnavailable
    from nfc.readers import list_readers, resolve_reader

    try:
        key = key_from_args(args)
    except ValueError as exc:
        raise CliError(with_flag(key_flag(args), str(exc)), 2) from None
    if key is None and need_key is not None:
        raise CliError(need_key, 2)
    try:
        config = load_config(args.config)
    except ConfigError as exc:
        raise CliError(str(exc), 2) from None
    reader = args.reader
    try:
        if reader is not None:
            reader = resolve_reader([r.name for r in list_readers()], reader)
    except PcscUnavailable as exc:
        raise CliError(str(exc), 3) from None
    except NfcError as exc:
        raise CliError(str(exc), 1) from None
    wait_for_card(reader, getattr(args, "wait", 0.0))  # none yet: the command reports it
    return CardTarget(key, reader, config, reader_setup(config, reader) if reader else None)
