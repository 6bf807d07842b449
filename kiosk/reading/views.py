"""The parsed views of one read: each chip file parsed once, by its `icao.lds` parser.

Production uses the same parsers the fuzzers exercise (tests/fuzz, tests/icao/lds); there is
no second DG1 parser in the kiosk, and the face check takes its portrait from `dg2` here
instead of parsing DG2 again. Hashes are never computed over these views: passive
authentication hashes the raw bytes, which travel beside them in the Document.

The field names are those of `icao.lds.decoder.ParsedFiles` (issue 14's "verify before
decode" step), so when the inspection step lands its `files` replace `parse_views()` in
kiosk/reading/inspection.py without changing any reader of the views.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TypeVar

from icao.errors import IcaoError
from icao.lds.com import Com, parse_com
from icao.lds.dg1 import Dg1, parse_dg1
from icao.lds.dg2 import Dg2, parse_dg2
from icao.lds.dg13 import Dg13, parse_dg13
from icao.lds.portrait import Portrait

_T = TypeVar("_T")


@dataclass(frozen=True)
class ChipViews:
    """What the kiosk reads from the chip's files. `errors` holds the typed error of each file
    that was read but does not parse (the file name, never its content)."""

    com: Com | None = None
    dg1: Dg1 | None = None
    dg2: Dg2 | None = None
    dg13: Dg13 | None = None
    errors: Mapping[str, IcaoError] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def portrait(self) -> Portrait | None:
        """The first face image of DG2 (the one the face check compares against)."""
        return self.dg2.portrait if self.dg2 is not None else None

    def __repr__(self) -> str:
        parsed = [n for n in ("com", "dg1", "dg2", "dg13") if getattr(self, n) is not None]
        return f"ChipViews(parsed={parsed}, errors={sorted(self.errors)})"


def parse_views(files: Mapping[str, bytes]) -> ChipViews:
    """Parse COM, DG1, DG2 and DG13 when read; a malformed file is kept as its error."""
    errors: dict[str, IcaoError] = {}
    return ChipViews(com=_parse(files, "COM", parse_com, errors),
                     dg1=_parse(files, "DG1", parse_dg1, errors),
                     dg2=_parse(files, "DG2", parse_dg2, errors),
                     dg13=_parse(files, "DG13", parse_dg13, errors),
                     errors=MappingProxyType(errors))


def _parse(files: Mapping[str, bytes], name: str, parse: Callable[[bytes], _T],
           errors: dict[str, IcaoError]) -> _T | None:
    raw = files.get(name)
    if raw is None:
        return None
    try:
        return parse(raw)
    except IcaoError as exc:  # every icao.lds parser raises only typed IcaoErrors
        errors[name] = exc
        return None


def display_png(portrait: Portrait) -> bytes:
    """The portrait as PNG for the screens (DG2 may be JPEG 2000, which Qt cannot show).

    Raises icao.errors.ParseError when the image data is corrupt (Portrait.decode)."""
    image = portrait.decode()
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
