"""DG2: ISO/IEC 39794-5 vectors and ISO/IEC 19794-5 records built from real face photos,
JPEG and JPEG 2000; images decode lazily and absurd sizes are refused."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from icao import tlv
from icao.errors import ParseError
from icao.lds.dg2 import parse_dg2
from icao.lds.portrait import portrait_from_bytes

MISC = "lds/icao9303_p10_and_misc_examples"


@pytest.mark.parametrize("name", ["DG2_ISO39794-5_MandatoryFields.bin",
                                  "DG2_ISO39794-5_AllFields.bin"])
def test_39794_vectors(vectors: Path, name: str) -> None:
    raw = (vectors / MISC / name).read_bytes()
    dg2 = parse_dg2(raw)
    assert dg2.raw == raw
    [face] = dg2.faces
    assert face.standard == "ISO/IEC 39794-5"
    p = dg2.portrait
    assert (p.format, p.width, p.height, len(p.data)) == ("jpeg2000", 413, 531, 15000)
    assert face.header[0x87] == b"\x01\x01" and face.header[0x88] == b"\x00\x2a"
    img = p.decode()
    assert (img.size, img.mode) == ((413, 531), "RGB")


def _record(images: list[tuple[bytes, int, int, int]]) -> bytes:
    """19794-5:2005 record: general header, then per image facial info + image info + data."""
    body = b""
    for data, kind, w, h in images:
        info = b"\x00\x00" + b"\x00" * 14                       # no feature points
        image_info = bytes([1, kind]) + w.to_bytes(2, "big") + h.to_bytes(2, "big") + b"\x01" \
            + b"\x00" * 5
        block = info + image_info + data
        body += (len(block) + 4).to_bytes(4, "big") + block
    return b"FAC\x00010\x00" + (14 + len(body)).to_bytes(4, "big") + \
        len(images).to_bytes(2, "big") + body


def _dg2(record: bytes) -> bytes:
    bht = tlv.encode(0xA1, tlv.encode(0x87, b"\x01\x01") + tlv.encode(0x88, b"\x00\x08"))
    bit = tlv.encode(0x7F60, bht + tlv.encode(0x5F2E, record))
    return tlv.encode(0x75, tlv.encode(0x7F61, tlv.encode(0x02, b"\x01") + bit))


def _encode(path: Path, fmt: str, size: tuple[int, int]) -> bytes:
    img = Image.open(path).convert("RGB").resize(size)
    out = io.BytesIO()
    img.save(out, format=fmt, **({"quality": 80} if fmt == "JPEG" else {}))
    return out.getvalue()


def test_19794_jpeg_and_jpeg2000_images(faces_dir: Path) -> None:
    jpeg = _encode(faces_dir / "obama.jpg", "JPEG", (240, 320))
    j2k = _encode(faces_dir / "biden.jpg", "JPEG2000", (120, 160))
    dg2 = parse_dg2(_dg2(_record([(jpeg, 0, 240, 320), (j2k, 1, 120, 160)])))
    assert [(f.standard, f.portrait.format, f.portrait.width, f.portrait.height,
             f.declared_width, f.declared_height, f.image_type) for f in dg2.faces] == [
        ("ISO/IEC 19794-5", "jpeg", 240, 320, 240, 320, 1),
        ("ISO/IEC 19794-5", "jpeg2000", 120, 160, 120, 160, 1)]
    assert dg2.faces[0].portrait.data == jpeg and dg2.faces[1].portrait.data == j2k
    assert dg2.faces[1].portrait.decode().size == (120, 160)
    assert repr(dg2) == "Dg2(faces=2, standards=['ISO/IEC 19794-5'])"


def test_emulated_chip_dg2_parses(faces_dir: Path) -> None:
    """The reader engineer's builder (icao.chip.lds_build) and this parser agree."""
    from icao.chip.lds_build import facial_record

    jpeg = _encode(faces_dir / "obama.jpg", "JPEG", (300, 400))
    dg2 = parse_dg2(_dg2(facial_record(jpeg, 300, 400)))
    assert (dg2.portrait.format, dg2.portrait.width, dg2.portrait.height) == ("jpeg", 300, 400)


@pytest.mark.parametrize(("side", "message"), [
    (5000, "absurd size 5000x5000"),     # over our bound, under Pillow's bomb limit
    (60000, "absurd size"),              # Pillow's decompression-bomb guard
])
def test_absurd_image_size_is_refused(side: int, message: str) -> None:
    img = Image.new("L", (8, 8))
    out = io.BytesIO()
    img.save(out, format="JPEG")
    data = bytearray(out.getvalue())
    sof = data.index(b"\xff\xc0")
    data[sof + 5:sof + 9] = side.to_bytes(2, "big") + side.to_bytes(2, "big")
    with pytest.raises(ParseError, match=message):
        portrait_from_bytes(bytes(data))


def test_not_an_image_is_refused() -> None:
    with pytest.raises(ParseError, match="neither JPEG nor JPEG 2000"):
        portrait_from_bytes(b"GIF89a....")


def test_corrupt_jpeg_body_fails_only_on_decode(faces_dir: Path) -> None:
    jpeg = _encode(faces_dir / "obama.jpg", "JPEG", (64, 64))
    truncated = jpeg[: len(jpeg) // 3]
    p = portrait_from_bytes(truncated)        # header is fine: lazy
    assert (p.width, p.height) == (64, 64)
    with pytest.raises(ParseError, match="corrupt"):
        p.decode()


@pytest.mark.parametrize("mutate", [
    lambda r: r.replace(b"FAC\x00", b"FAX\x00"),
    lambda r: r[:-5],
    lambda r: r[:12] + b"\x00\x09" + r[14:],
])
def test_bad_19794_records(faces_dir: Path, mutate) -> None:  # type: ignore[no-untyped-def]
    jpeg = _encode(faces_dir / "obama.jpg", "JPEG", (64, 64))
    with pytest.raises(ParseError):
        parse_dg2(_dg2(mutate(_record([(jpeg, 0, 64, 64)]))))


def test_portraits_lists_every_face(vectors: Path) -> None:
    dg2 = parse_dg2((vectors / MISC / "DG2_ISO39794-5_MandatoryFields.bin").read_bytes())
    assert dg2.portraits == (dg2.portrait,)
