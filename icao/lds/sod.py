"""EF.SOD: the Document Security Object (ICAO 9303-10 4.6.2, 9303-10 Appendix D).

A CMS SignedData (tag 77 wrapper) whose content is the LDSSecurityObject v0 or v1: the hash
of every data group, signed by the Document Signer. We keep the raw bytes, accept the legacy
eContentType id-data (some early documents; recorded so verification can flag it) and leave
every cryptographic judgement to `icao.pki.verify`.

API:
    parse_sod(raw: bytes) -> Sod
    Sod.dg_hashes: dict[int, bytes]; Sod.signed: icao.lds.cms.SignedObject
    LDSSecurityObject (asn1crypto class), LDS_SECURITY_OBJECT_OID
"""

from __future__ import annotations

from dataclasses import dataclass, field

from asn1crypto import algos, core

from icao import tlv
from icao.errors import ParseError
from icao.lds._guard import parsing
from icao.lds.cms import SignedObject, parse_signed_data

SOD_TAG = 0x77
LDS_SECURITY_OBJECT_OID = "2.23.136.1.1.1"   # id-icao-mrtd-security-ldsSecurityObject
ID_DATA = "1.2.840.113549.1.7.1"             # legacy / non-conformant eContentType
ACCEPTED_CONTENT_TYPES = (LDS_SECURITY_OBJECT_OID, ID_DATA)


class DataGroupHash(core.Sequence):
    _fields = [("data_group_number", core.Integer), ("data_group_hash_value", core.OctetString)]


class DataGroupHashValues(core.SequenceOf):
    _child_spec = DataGroupHash


class LDSVersionInfo(core.Sequence):
    _fields = [("lds_version", core.PrintableString), ("unicode_version", core.PrintableString)]


class LDSSecurityObject(core.Sequence):
    """9303-10 Appendix D.1: LDSSecurityObject ::= SEQUENCE { version, hashAlgorithm, ... }"""

    _fields = [
        ("version", core.Integer),
        ("hash_algorithm", algos.DigestAlgorithm),
        ("data_group_hash_values", DataGroupHashValues),
        ("lds_version_info", LDSVersionInfo, {"optional": True}),
    ]


@dataclass(frozen=True)
class Sod:
    version: int                          # 0 or 1 (v1 carries LDS/Unicode versions)
    hash_algorithm: str                   # "sha256" ...
    dg_hashes: dict[int, bytes] = field(repr=False)
    lds_version: str | None
    unicode_version: str | None
    econtent_type: str
    signed: SignedObject = field(repr=False)
    raw: bytes = field(repr=False)

    @property
    def conformant_content_type(self) -> bool:
        return self.econtent_type == LDS_SECURITY_OBJECT_OID


def parse_sod(raw: bytes) -> Sod:
    """Parse EF.SOD (with or without its tag 77 wrapper)."""
    data = bytes(raw)
    with parsing("EF.SOD", step="lds.sod"):
        body = tlv.decode(data).value if data[:1] == bytes([SOD_TAG]) else data
        signed = parse_signed_data(body, what="EF.SOD")
        if signed.econtent_type not in ACCEPTED_CONTENT_TYPES:
            raise ParseError("EF.SOD does not hold an LDS security object", step="lds.sod")
        lso = LDSSecurityObject.load(signed.econtent, strict=True)
        version = int(lso["version"].native)
        if version not in (0, 1):
            raise ParseError(f"LDS security object version {version} is unknown", step="lds.sod")
        hashes: dict[int, bytes] = {}
        for item in lso["data_group_hash_values"]:
            number = int(item["data_group_number"].native)
            if not 1 <= number <= 16 or number in hashes:
                raise ParseError(f"EF.SOD lists an invalid or repeated data group {number}",
                                 step="lds.sod")
            hashes[number] = bytes(item["data_group_hash_value"].native)
        info = lso["lds_version_info"]
        has_info = not isinstance(info, core.Void)
        return Sod(
            version=version,
            hash_algorithm=lso["hash_algorithm"]["algorithm"].native,
            dg_hashes=hashes,
            lds_version=info["lds_version"].native if has_info else None,
            unicode_version=info["unicode_version"].native if has_info else None,
            econtent_type=signed.econtent_type,
            signed=signed,
            raw=data,
        )
