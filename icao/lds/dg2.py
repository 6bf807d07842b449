"""DG2, the encoded face (ICAO 9303-10 4.7.2): a Biometric Information Template group
(ISO/IEC 7816-11) holding ISO/IEC 19794-5:2005 records (5F2E) or ISO/IEC 39794-5 data (7F2E).

    75 { 7F61 { 02 count, 7F60 { A1 header, 5F2E|7F2E data } ... } }

The BIT group and 39794-5's context-tagged DER are walked with `icao.tlv` (a bounded BER
parser): the fields we need sit at fixed tag paths and everything else is kept raw. The
19794-5 record is a binary (non-TLV) layout, read with explicit bounds on every length.

API:
    parse_dg2(raw: bytes) -> Dg2
    Dg2.faces: tuple[FaceRecord, ...]; FaceRecord.portrait: Portrait; Dg2.portrait (first),
    Dg2.portraits (all)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from icao import tlv
from icao.errors import ParseError
from icao.lds._fields import unwrap
from icao.lds._guard import parsing
from icao.lds.portrait import Portrait, portrait_from_bytes

DG2_TAG = 0x75
BIT_GROUP = 0x7F61
BIT = 0x7F60
BHT = 0xA1
BDB_19794 = 0x5F2E
BDB_39794 = 0x7F2E
MAX_FACES = 8

_FAC = b"FAC\x00"
_GENERAL_HEADER = 14       # 19794-5 5.4: identifier, version, record length, image count
_FACIAL_INFO = 20          # 5.5: block length .. pose uncertainty
_FEATURE_POINT = 8         # 5.6
_IMAGE_INFO = 12           # 5.7


@dataclass(frozen=True)
class FaceRecord:
    standard: str                     # "ISO/IEC 19794-5" | "ISO/IEC 39794-5"
    portrait: Portrait = field(repr=False)
    header: dict[int, bytes] = field(repr=False)   # biometric header template (A1) fields
    declared_width: int | None = None                # what the record says (19794-5)
    declared_height: int | None = None
    image_type: int | None = None                    # 19794-5 face image type (1 = frontal)
    feature_points: int = 0


@dataclass(frozen=True)
class Dg2:
    faces: tuple[FaceRecord, ...] = field(repr=False)
    raw: bytes = field(repr=False)

    @property
    def portrait(self) -> Portrait:
        return self.faces[0].portrait

    @property
    def portraits(self) -> tuple[Portrait, ...]:
        return tuple(f.portrait for f in self.faces)

    def __repr__(self) -> str:
        return f"Dg2(faces={len(self.faces)}, standards={sorted({f.standard for f in self.faces})})"


def parse_dg2(raw: bytes) -> Dg2:
    with parsing("DG2", step="lds.dg2"):
        group = unwrap(raw, DG2_TAG, "DG2").require(BIT_GROUP)
        count_tlv = group.require(0x02)
        count = int.from_bytes(count_tlv.value, "big")
        templates = [c for c in group.children() if c.tag == BIT]
        if not 1 <= count <= MAX_FACES or len(templates) != count:
            raise ParseError(f"DG2 announces {count} biometric templates and holds "
                             f"{len(templates)}", step="lds.dg2")
        faces: list[FaceRecord] = []
        for template in templates:
            header = {c.tag: c.value for c in template.require(BHT).children()}
            bdb = template.find(BDB_19794) or template.find(BDB_39794)
            if bdb is None:
                raise ParseError("DG2 template has no biometric data block", step="lds.dg2")
            if bdb.tag == BDB_19794:
                faces.extend(_parse_19794(bdb.value, header))
            else:
                faces.extend(_parse_39794(bdb, header))
            if len(faces) > MAX_FACES:
                raise ParseError("DG2 holds too many face images", step="lds.dg2")
        if not faces:
            raise ParseError("DG2 holds no face image", step="lds.dg2")
        return Dg2(tuple(faces), bytes(raw))


def _u(data: bytes, pos: int, size: int) -> int:
    if pos + size > len(data):
        raise ParseError("DG2 facial record is truncated", step="lds.dg2")
    return int.from_bytes(data[pos:pos + size], "big")


def _parse_19794(data: bytes, header: dict[int, bytes]) -> list[FaceRecord]:
    """ISO/IEC 19794-5:2005 5.4-5.7 (as profiled by 9303-10 4.7.2 / 9303-9)."""
    if data[:4] != _FAC:
        raise ParseError("DG2 facial record does not start with 'FAC'", step="lds.dg2")
    record_length = _u(data, 8, 4)
    images = _u(data, 12, 2)
    if record_length != len(data):
        raise ParseError("DG2 facial record length does not match its block", step="lds.dg2")
    if not 1 <= images <= MAX_FACES:
        raise ParseError(f"DG2 facial record announces {images} images", step="lds.dg2")
    pos, out = _GENERAL_HEADER, []
    for _ in range(images):
        block_length = _u(data, pos, 4)
        points = _u(data, pos + 4, 2)
        end = pos + block_length
        info = pos + _FACIAL_INFO + points * _FEATURE_POINT
        image_start = info + _IMAGE_INFO
        if end > len(data) or image_start > end:
            raise ParseError("DG2 facial record block lengths are inconsistent", step="lds.dg2")
        image_type = _u(data, info, 1)
        width, height = _u(data, info + 2, 2), _u(data, info + 4, 2)
        out.append(FaceRecord("ISO/IEC 19794-5", portrait_from_bytes(data[image_start:end]),
                              header, width, height, image_type, points))
        pos = end
    return out


def _parse_39794(bdb: tlv.Tlv, header: dict[int, bytes]) -> list[FaceRecord]:
    """ISO/IEC 39794-5 (DER, 9303-10 LDS 2 / 2023 DG2): FaceImageDataBlock ->
    representationBlocks [1] -> RepresentationBlock -> imageRepresentation [1] ->
    base2D [0] -> representation data [0] -> imageData [0]."""
    block = bdb.require(0xA1) if bdb.find(0xA1) is not None else bdb
    face_block = block.find(0x65) or block
    reps = face_block.require(0xA1)
    out = []
    for rep in reps.children():
        if rep.tag != 0x30:
            continue
        image_rep = rep.require(0xA1).require(0xA0)          # 2D image representation
        data2d = image_rep.require(0xA0)
        image = data2d.require(0x80).value
        out.append(FaceRecord("ISO/IEC 39794-5", portrait_from_bytes(image), header))
    return out
