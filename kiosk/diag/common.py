"""Pieces every diagnostic shares: item verdicts, access keys from flags, masking, models.

Everything here is free of personal data by construction: a technician's report is pasted into
tickets and chats, so it may carry lengths, status words and timings, never the holder's data.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal

from icao.errors import IcaoError
from icao.keys import AccessKey
from nfc.errors import NfcError

Status = Literal["ok", "warn", "fail", "skipped"]

#: Marks used by every `render_text`; ASCII so a serial console or a ticket shows them as is.
MARKS: dict[str, str] = {"ok": "[ OK ]", "warn": "[WARN]", "fail": "[FAIL]", "skipped": "[ -- ]"}


@dataclass(frozen=True)
class Item:
    """One verdict: what was checked, the outcome and, whenever it is not ok, why and what
    to do. `needs_technician` is true exactly when status is "fail"."""

    name: str
    status: Status
    reason: str
    value: str | None = None

    @property
    def needs_technician(self) -> bool:
        return self.status == "fail"

    def line(self, width: int = 14) -> str:
        value = f" ({self.value})" if self.value else ""
        return f"{MARKS[self.status]} {self.name:<{width}} {self.reason}{value}"


def access_key(can: str | None = None, mrz: str | None = None, doc: str | None = None,
               birth: str | None = None, expiry: str | None = None) -> AccessKey | None:
    """The access key given on the command line, or None when none was given.

    Raises ValueError with a message that never repeats the value typed (it is personal data).
    """
    try:
        if can:
            return AccessKey.from_can(can)
        if mrz:
            return AccessKey.from_mrz_text(mrz.replace("\\n", "\n"))
        if doc:
            if not (birth and expiry):
                raise ValueError("--doc needs --birth and --expiry (YYMMDD)")
            return AccessKey.from_mrz_fields(doc, birth, expiry)
    except IcaoError as exc:
        raise ValueError(f"the access key is not valid: {exc.message}") from None
    if birth or expiry:
        raise ValueError("--birth and --expiry go with --doc")
    return None


def add_key_arguments(parser: argparse.ArgumentParser, *, required: bool = False) -> None:
    """--can | --mrz | --doc (+ --birth --expiry), as `kiosk read` spells them."""
    group = parser.add_mutually_exclusive_group(required=required)
    group.add_argument("--can", metavar="N", help="6-digit CAN (printed on the card's front)")
    group.add_argument("--mrz", metavar="LINES", help="the whole MRZ (lines separated by \\n)")
    group.add_argument("--doc", metavar="N", help="document number (with --birth, --expiry)")
    parser.add_argument("--birth", metavar="YYMMDD", help="date of birth, with --doc")
    parser.add_argument("--expiry", metavar="YYMMDD", help="date of expiry, with --doc")


def key_from_args(args: argparse.Namespace) -> AccessKey | None:
    return access_key(getattr(args, "can", None), getattr(args, "mrz", None),
                      getattr(args, "doc", None), getattr(args, "birth", None),
                      getattr(args, "expiry", None))


def masked(text: str | None) -> str | None:
    """A personal field as a technician may see it: its length only."""
    if text is None:
        return None
    return f"<{len(text)} chars>" if text else "<empty>"


_SLOT_SUFFIX = re.compile(r"(\s+\d{2})+\s*$")


def reader_model(reader_name: str) -> str:
    """The model part of a PC/SC reader name, which a profile is keyed by.

    pcsc-lite names a reader "<friendly name> [<interface>] NN MM" where NN is the reader
    index and MM the slot (pcsc-lite readerfactory.c); two units of one model differ only in
    those numbers and in the bracketed interface/serial, so both are dropped:
    "ACS ACR1252 1S CL Reader [ACR1252 1S CL Reader(1)] 00 00" -> "ACS ACR1252 1S CL Reader",
    "Virtual PCD 00 01" -> "Virtual PCD".
    """
    name = _SLOT_SUFFIX.sub("", reader_name.strip())
    name = re.sub(r"\s*\[[^\]]*\]\s*$", "", name)
    return name.strip() or reader_name.strip()


def error_text(exc: BaseException) -> str:
    """An exception as one line for a report: type, step, SW and message.

    Errors of icao and nfc carry no personal data by contract (icao/errors.py, nfc/errors.py);
    anything else is reported by type only, since its message is not under our control.
    """
    if isinstance(exc, IcaoError):
        parts = [type(exc).__name__]
        if exc.step:
            parts.append(f"step {exc.step}")
        if exc.sw is not None:
            parts.append(f"SW {exc.sw:04X}")
        return f"{', '.join(parts)}: {exc.message}"
    if isinstance(exc, NfcError):
        return f"{type(exc).__name__}: {exc}"
    return type(exc).__name__


@contextmanager
def store_for(config: Any, store: Any = None) -> Iterator[Any]:
    """`store` (the app's, already open), else the store of `config` opened for the block and
    closed after; StoreError when it cannot be opened. A check never leaves one open."""
    if store is not None:
        yield store
        return
    from kiosk.store import open_store_from_config  # SQLAlchemy: only for checks that need it

    opened = open_store_from_config(config)
    try:
        yield opened
    finally:
        opened.close()
