"""Parsed views outside the inspection step, and the portrait for the screens.

Production decodes a chip file only after its hash verified (kiosk.reading.inspection). A
technician who asks `kiosk read --no-verify` takes responsibility for reading unverified
files; `unverified_views` parses them with the same `icao.lds` parsers (the ones the fuzzers
exercise), every decode error typed and kept, never raised.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

from icao.lds.decoder import PARSERS, Decoder, ParsedFiles
from icao.lds.portrait import Portrait


def unverified_views(files: Mapping[str, bytes]) -> ParsedFiles:
    """Every file read, parsed once without passive authentication (`--no-verify` only)."""
    decoder = Decoder(files)
    decoder.allow(name for name in files if name in PARSERS)
    return decoder.snapshot()


def display_png(portrait: Portrait) -> bytes:
    """The portrait as PNG for the screens (DG2 may be JPEG 2000, which Qt cannot show),
    decoded within icao.lds.portrait's pixel bound. Raises ParseError when corrupt."""
    image = portrait.decode()
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
