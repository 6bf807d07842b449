"""A face image from DG2, decoded only when asked (ICAO 9303-10 4.7.2; JPEG or JPEG 2000).

Why lazy and bounded: the image is attacker-controlled bytes handed to a C decoder. We read
only the header at parse time (format, width, height), refuse absurd sizes before any pixel
is decoded, and decode on demand (face matching, display).

API:
    portrait_from_bytes(data: bytes) -> Portrait
    Portrait.format ("jpeg" | "jpeg2000"), .width, .height, .data, .decode() -> PIL.Image
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from icao.errors import ParseError

if TYPE_CHECKING:
    from PIL import Image

MAX_IMAGE_BYTES = 4 * 1024 * 1024    # an ICAO portrait is 15-30 kB; 4 MB is absurd already
MAX_SIDE = 4096                      # 9303-3/-10 portraits are about 480 x 640
MAX_PIXELS = 12_000_000

JPEG_MAGIC = b"\xff\xd8\xff"
JP2_MAGIC = b"\x00\x00\x00\x0cjP  \r\n\x87\n"    # ISO/IEC 15444-1 I.5.1 signature box
J2K_MAGIC = b"\xff\x4f\xff\x51"                   # raw JPEG 2000 codestream (SOC + SIZ)


@dataclass(frozen=True)
class Portrait:
    format: str           # "jpeg" | "jpeg2000"
    width: int
    height: int
    data: bytes = field(repr=False)

    def decode(self) -> Image.Image:
        """Full decode to pixels (RGB); ParseError if the image data is corrupt."""
        from PIL import Image, UnidentifiedImageError

        try:
            with Image.open(io.BytesIO(self.data)) as img:
                img.load()
                return img.convert("RGB")
        except (OSError, ValueError, UnidentifiedImageError, Image.DecompressionBombError):
            raise ParseError("the portrait image is corrupt and cannot be decoded",
                             step="lds.dg2") from None


def image_format(data: bytes) -> str:
    if data.startswith(JPEG_MAGIC):
        return "jpeg"
    if data.startswith(JP2_MAGIC) or data.startswith(J2K_MAGIC):
        return "jpeg2000"
    raise ParseError("the portrait is neither JPEG nor JPEG 2000", step="lds.dg2")


def portrait_from_bytes(data: bytes) -> Portrait:
    """Identify the image and read its size from the header only."""
    from PIL import Image, UnidentifiedImageError

    if len(data) > MAX_IMAGE_BYTES:
        raise ParseError(f"the portrait is {len(data)} bytes; refusing images over "
                         f"{MAX_IMAGE_BYTES}", step="lds.dg2")
    fmt = image_format(data)
    try:
        with Image.open(io.BytesIO(data)) as img:   # header only, no pixel decode
            width, height = img.size
    except Image.DecompressionBombError:
        raise ParseError("the portrait claims an absurd size", step="lds.dg2") from None
    except (OSError, ValueError, SyntaxError, UnidentifiedImageError):
        raise ParseError("the portrait image header is corrupt", step="lds.dg2") from None
    if not (0 < width <= MAX_SIDE and 0 < height <= MAX_SIDE and width * height <= MAX_PIXELS):
        raise ParseError(f"the portrait claims an absurd size {width}x{height}", step="lds.dg2")
    return Portrait(fmt, width, height, bytes(data))
