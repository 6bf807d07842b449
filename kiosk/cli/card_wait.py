"""`--wait SECONDS`: give a card time to appear before a card command starts (issue 18).

pcscd sees a card 150-500 ms after it is placed (it polls, docs/reference/RIG.md), so a script
that starts `kiosk chip` (or asks a person to tap a card) and reads at once would find no card.
`kiosk read`, `kiosk diag card`, `diag trace` and `diag calibrate` wait up to --wait seconds
(default 2) for one; with none after that, the command goes on and reports "no card" as it
always did. Light on purpose (no icao, no config): `kiosk read` starts fast.

    add_wait_argument(parser)
    wait_for_card(reader_or_None, seconds) -> bool     True as soon as a card is present
"""

from __future__ import annotations

import argparse

DEFAULT_WAIT_S = 2.0


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 <= value <= 600:
        raise argparse.ArgumentTypeError(f"{text!r}: give 0 to 600 seconds")
    return value


def add_wait_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--wait", type=_seconds, default=DEFAULT_WAIT_S, metavar="SECONDS",
                        help=f"wait up to SECONDS for a card to appear (default "
                             f"{DEFAULT_WAIT_S:g}; 0: do not wait)")


def wait_for_card(reader: str | None, seconds: float) -> bool:
    """Until a reader matching `reader` (a name or a part of one; None: any) holds a card, for
    at most `seconds` (pcscd's card events: nfc.readers.wait_card_present). False on time
    out, or when pcscd cannot be asked or the reader is unknown (the command's own error
    then says what is wrong)."""
    # pyscard loads here, not at import: `kiosk read --help` does not need it
    from nfc.errors import NfcError
    from nfc.readers import wait_card_present

    try:
        return wait_card_present(reader, True, max(0.0, seconds))
    except NfcError:
        return False
