"""A face image from DG2, decoded only when asked (ICAO 9303-10 4.7.2; JPEG or JPEG 2000).

Why lazy and bounded: the image is bytes handed to a C decoder, and a 12-megapixel JPEG 2000
costs about 220 MiB to decode in full. We read only the header at parse time (format, width,
height) and refuse absurd sizes before any pixel is decoded; `decode_portrait` then decodes at
most `MAX_DECODED_PIXELS`, by asking the decoder itself for a reduced image (JPEG DCT scaling
1/2..1/8, ITU-T T.81 A.3; JPEG 2000 resolution levels, ISO/IEC 15444-1 B.5 / COD), never by
decoding everything and shrinking afterwards. Callers decode only a DG2 whose hash verified
(icao.inspection): the bound is for the issuer's mistakes and for what slips through.

Why Pillow inside the pure `icao/`: decoding works on bytes in memory (io.BytesIO), with no
file, device, network or clock, and gives the same pixels for the same bytes; the bound needs
the format's own header fields (SIZ, COD, SOF), which belong with this parser. Pillow is
imported inside the functions so that `icao` stays importable (and fast to import) without it.

API:
    portrait_from_bytes(data: bytes) -> Portrait
    Portrait.format ("jpeg" | "jpeg2000"), .width, .height, .data, .decode() -> PIL.Image
    decode_portrait(portrait, *, max_pixels=MAX_DECODED_PIXELS) -> PIL.Image (RGB)
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
#: Decoded pixels at most: face matching and the staff panel need far less (ICAO portraits are
#: about 0.3 MP); a larger image is decoded at a reduced resolution.
MAX_DECODED_PIXELS = 1_200_000

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
        """Decode to RGB pixels within MAX_DECODED_PIXELS (see `decode_portrait`)."""
        return decode_portrait(self)


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


def _reduced(size: int, factor: int) -> int:
    return -(-size // factor)


def decode_portrait(portrait: Portrait, *, max_pixels: int = MAX_DECODED_PIXELS) -> Image.Image:
    """RGB pixels of `portrait`, at most `max_pixels` of them, reduced while decoding.

    ParseError when the data is corrupt, or when the image cannot be reduced under the bound
    (a JPEG 2000 with too few resolution levels): nothing is decoded in that case.
    """
    from PIL import Image, Jpeg2KImagePlugin, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(portrait.data)) as img:
            width, height = img.size
            if portrait.format == "jpeg":
                factor = next((f for f in (1, 2, 4, 8) if _reduced(width, f)
                               * _reduced(height, f) <= max_pixels), None)
                if factor is None:
                    raise _too_large(width, height)
                if factor > 1:  # the decoder scales by >= factor (libjpeg DCT scaling)
                    img.draft("RGB", (width // factor, height // factor))
            else:
                levels = j2k_decomposition_levels(portrait.data)
                reduce = next((r for r in range(levels + 1) if _reduced(width, 1 << r)
                               * _reduced(height, 1 << r) <= max_pixels), None)
                if reduce is None:
                    raise _too_large(width, height)
                if reduce and isinstance(img, Jpeg2KImagePlugin.Jpeg2KImageFile):
                    img.reduce = reduce  # decode only the lower resolution levels
            img.load()
            out = img.convert("RGB")
    except ParseError:
        raise
    except (OSError, ValueError, SyntaxError, UnidentifiedImageError,
            Image.DecompressionBombError):
        raise ParseError("the portrait image is corrupt and cannot be decoded",
                         step="lds.dg2") from None
    if out.width * out.height > max_pixels:  # the decoder did not reduce as asked
        raise _too_large(width, height)
    return out


def _too_large(width: int, height: int) -> ParseError:
    return ParseError(f"the portrait ({width}x{height}) cannot be decoded within "
                      f"{MAX_DECODED_PIXELS} pixels", step="lds.dg2")


def j2k_decomposition_levels(data: bytes) -> int:
    """Wavelet decomposition levels of a JPEG 2000 image (ISO/IEC 15444-1 A.6.1, COD SPcod),
    i.e. how many times the decoder can halve it; 0 when the main header does not say."""
    pos = data.find(J2K_MAGIC)  # SOC + SIZ start the codestream, inside a JP2 'jp2c' box
    if pos < 0:
        return 0
    pos += 2  # the SIZ marker
    for _ in range(64):  # main header marker segments, bounded
        if pos + 4 > len(data) or data[pos] != 0xFF:
            return 0
        marker, length = data[pos + 1], int.from_bytes(data[pos + 2:pos + 4], "big")
        if marker == 0x52:  # COD: Lcod(2) Scod(1) SGcod(4) SPcod: levels first
            return data[pos + 9] if pos + 9 < len(data) else 0
        if marker in (0x90, 0x93, 0xD9) or length < 2:  # SOT, SOD, EOC: no COD seen
            return 0
        pos += 2 + length
    return 0
