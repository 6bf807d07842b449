"""The bounded portrait decode (issue 14 item 3): never more than MAX_DECODED_PIXELS, reduced
by the decoder itself (JPEG DCT scaling, JPEG 2000 resolution levels), typed errors only."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from icao.errors import ParseError
from icao.lds.portrait import (
    MAX_DECODED_PIXELS,
    decode_portrait,
    j2k_decomposition_levels,
    portrait_from_bytes,
)


def _encoded(fmt: str, size: tuple[int, int], **kw: object) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (180, 140, 120)).save(out, format=fmt, **kw)
    return out.getvalue()


@pytest.mark.parametrize(("fmt", "kw", "size", "decoded"), [
    ("JPEG", {}, (480, 640), (480, 640)),                 # an ICAO portrait: full size
    ("JPEG", {}, (2400, 2000), (1200, 1000)),             # 4.8 MP: DCT-scaled by 2
    ("JPEG", {}, (4000, 3000), (1000, 750)),              # 12 MP: by 4
    ("JPEG2000", {}, (2400, 2000), (1200, 1000)),         # one resolution level dropped
    ("JPEG2000", {"num_resolutions": 3, "no_jp2": True}, (4000, 3000), (1000, 750)),
], ids=["jpeg-icao", "jpeg-4.8mp", "jpeg-12mp", "jp2-4.8mp", "j2k-12mp-2-levels"])
def test_decoded_size_is_reduced_while_decoding(fmt: str, kw: dict, size: tuple[int, int],
                                               decoded: tuple[int, int]) -> None:
    portrait = portrait_from_bytes(_encoded(fmt, size, **kw))
    assert (portrait.width, portrait.height) == size
    image = decode_portrait(portrait)
    assert (image.size, image.mode) == (decoded, "RGB")
    assert image.width * image.height <= MAX_DECODED_PIXELS
    assert portrait.decode().size == decoded


def test_a_jpeg2000_that_cannot_be_reduced_enough_is_refused_before_decoding() -> None:
    data = _encoded("JPEG2000", (2400, 2000), num_resolutions=1)  # no wavelet levels at all
    assert j2k_decomposition_levels(data) == 0
    with pytest.raises(ParseError, match=r"\(2400x2000\) cannot be decoded within 1200000"):
        decode_portrait(portrait_from_bytes(data))


def test_decomposition_levels_are_read_from_the_cod_marker() -> None:
    assert j2k_decomposition_levels(_encoded("JPEG2000", (64, 64))) == 5
    assert j2k_decomposition_levels(_encoded("JPEG2000", (64, 64), num_resolutions=3,
                                             no_jp2=True)) == 2
    assert j2k_decomposition_levels(b"\xff\x4f\xff\x51\x00") == 0      # truncated
    assert j2k_decomposition_levels(b"not a codestream") == 0


def test_a_truncated_image_body_is_a_typed_error() -> None:
    data = _encoded("JPEG", (64, 64))
    cut = data[:data.index(b"\xff\xda") + 20]   # header and scan start intact, no pixels
    portrait = portrait_from_bytes(cut)
    assert (portrait.width, portrait.height) == (64, 64)
    with pytest.raises(ParseError, match="corrupt and cannot be decoded"):
        decode_portrait(portrait)
