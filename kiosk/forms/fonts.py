"""TrueType fonts for the printed forms, found at run time and embedded in every PDF.

Why embedded TrueType: the standard PDF fonts cannot show Vietnamese (ơ, ư, ạ, ề ...), and a
form must print the same on any printer. Official forms are set in a serif face; DejaVu Serif
(Debian fonts-dejavu-core) is used first, then Noto Serif (fonts-noto-core), then DejaVu Sans.
KIOSK_FONT_DIR overrides the search directory.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SEARCH_DIRS = (
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/truetype/noto",
    "/usr/share/fonts/TTF",
    "/usr/local/share/fonts",
)
#: (family, regular, bold, italic, bold italic) in order of preference.
FAMILIES = (
    ("DejaVuSerif", "DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf",
     "DejaVuSerif-BoldItalic.ttf"),
    ("NotoSerif", "NotoSerif-Regular.ttf", "NotoSerif-Bold.ttf", "NotoSerif-Italic.ttf",
     "NotoSerif-BoldItalic.ttf"),
    ("DejaVuSans", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf",
     "DejaVuSans-BoldOblique.ttf"),
)


class FontsMissing(RuntimeError):
    """No usable TrueType font: the technician installs the fonts package named here."""


@dataclass(frozen=True)
class FormFonts:
    regular: str
    bold: str
    italic: str
    bold_italic: str
    files: tuple[Path, ...]


def _dirs() -> list[Path]:
    env = os.environ.get("KIOSK_FONT_DIR")
    return [Path(env)] if env else [Path(d) for d in SEARCH_DIRS]


def _find(name: str) -> Path | None:
    for d in _dirs():
        p = d / name
        if p.is_file():
            return p
    return None


@lru_cache(maxsize=1)
def form_fonts() -> FormFonts:
    """Register the first complete family with reportlab (once per process) and name it."""
    # reportlab loads with the first PDF (kiosk.forms.render_pdf), not with kiosk.forms
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for family, *files in FAMILIES:
        paths = [_find(f) for f in files]
        if all(paths):
            names = [f"Kiosk{family}", f"Kiosk{family}-Bold", f"Kiosk{family}-Italic",
                     f"Kiosk{family}-BoldItalic"]
            for name, path in zip(names, paths, strict=True):
                pdfmetrics.registerFont(TTFont(name, str(path)))
            pdfmetrics.registerFontFamily(names[0], normal=names[0], bold=names[1],
                                          italic=names[2], boldItalic=names[3])
            regular, bold, italic, bold_italic = names
            return FormFonts(regular, bold, italic, bold_italic,
                             files=tuple(p for p in paths if p))
    searched = ", ".join(str(d) for d in _dirs())
    raise FontsMissing(
        "No Vietnamese-capable TrueType font found for printing forms (searched "
        f"{searched}). Install the Debian package fonts-dejavu-core (or fonts-noto-core), "
        "or set KIOSK_FONT_DIR to a folder holding DejaVuSerif.ttf and its bold/italic files.")
