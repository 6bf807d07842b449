"""The one PC/SC read of the kiosk: open a reader, read the chip, close.

The app (through ReadingService), `kiosk read`, `kiosk bench soak` and `kiosk diag card /
calibrate / trace` all read through `read_document`, so a change to how the kiosk talks to a
reader (timeouts, reset, trace hooks) is made once. Kept apart from the rest of kiosk.reading
so `kiosk read --no-verify` does not load passive authentication and the identity code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import cast

from icao.apdu import Transport
from icao.document import Document
from icao.keys import AccessKey
from icao.reader import DEFAULT_FILES, ReadOptions, read
from nfc.trace import TraceHook
from nfc.transport import PcscTransport

#: (stage, bytes done, bytes total): icao.reader's stages, then "verify".
Progress = Callable[[str, int, int], None]


def read_document(reader: str | None, key: AccessKey, *, options: ReadOptions,
                  timeout: float | None, files: Iterable[str] = DEFAULT_FILES,
                  hooks: Iterable[TraceHook] = (), reset: bool = False,
                  progress: Progress | None = None) -> Document:
    """Open `reader` (None: the first with a card), read `files` with `key`, close."""
    with PcscTransport(reader, timeout=timeout, hooks=list(hooks)) as transport:
        if reset:
            transport.reconnect()  # a fresh tap: the chip leaves any previous session
        # nfc's Response and icao.apdu's have the same fields; nfc knows nothing of icao
        # (DESIGN.md), so the protocol holds structurally, not by name.
        return read(cast(Transport, transport), key, tuple(files), progress, options=options)
