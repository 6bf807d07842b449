"""Build EF.SOD (and EF.CardSecurity) for the emulated chip, signed by a test DS.

ICAO 9303-10 4.6.2 / Appendix D: CMS SignedData (RFC 5652 5) whose eContent is the
LDSSecurityObject v0 with the hash of each data group's raw bytes (exactly what the chip will
return to READ BINARY, tag included), signed attributes contentType + signingTime +
messageDigest (RFC 5652 11), the DS certificate embedded, signer identified by issuer and
serial. `cryptography` signs; asn1crypto builds the structures.

API:
    build_sod(dgs: Mapping[int, bytes], pki: TestPki, *, hash_name="sha256",
              signing_time=None, lds_version=None) -> bytes          (tag 77 included)
    build_card_security(security_infos: bytes, pki: TestPki, *, signing_time=None) -> bytes
        (BSI TR-03110-3 A.1.2.2: id-SecurityObject content, no wrapper tag)
    sign_cms(econtent_type: str, econtent: bytes, pki: TestPki, *, hash_name, signing_time)
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import datetime

from asn1crypto import algos, cms, core
from asn1crypto import x509 as ax509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding

from icao import tlv
from icao.chip.testpki import TestPki, signing_padding
from icao.lds.card_security import ID_SECURITY_OBJECT
from icao.lds.sod import LDS_SECURITY_OBJECT_OID, SOD_TAG, LDSSecurityObject


def _hash(name: str) -> hashes.HashAlgorithm:
    algorithms: dict[str, hashes.HashAlgorithm] = {
        "sha1": hashes.SHA1(), "sha224": hashes.SHA224(), "sha256": hashes.SHA256(),
        "sha384": hashes.SHA384(), "sha512": hashes.SHA512()}
    return algorithms[name]


def build_sod(dgs: Mapping[int, bytes], pki: TestPki, *, hash_name: str = "sha256",
              signing_time: datetime | None = None,
              lds_version: tuple[str, str] | None = None) -> bytes:
    """EF.SOD over the given data groups (number -> raw file bytes)."""
    lso = {
        "version": 1 if lds_version else 0,
        "hash_algorithm": {"algorithm": hash_name},
        "data_group_hash_values": [
            {"data_group_number": n, "data_group_hash_value": hashlib.new(hash_name, raw).digest()}
            for n, raw in sorted(dgs.items())
        ],
    }
    if lds_version:
        lso["lds_version_info"] = {"lds_version": lds_version[0],
                                   "unicode_version": lds_version[1]}
    body = sign_cms(LDS_SECURITY_OBJECT_OID, LDSSecurityObject(lso).dump(), pki,
                    hash_name=hash_name, signing_time=signing_time)
    return tlv.encode(SOD_TAG, body)


def build_card_security(security_infos: bytes, pki: TestPki, *,
                        signing_time: datetime | None = None) -> bytes:
    """EF.CardSecurity: the SecurityInfos SET signed like EF.SOD."""
    return sign_cms(ID_SECURITY_OBJECT, security_infos, pki, hash_name="sha256",
                    signing_time=signing_time)


def sign_cms(econtent_type: str, econtent: bytes, pki: TestPki, *, hash_name: str = "sha256",
             signing_time: datetime | None = None) -> bytes:
    """ContentInfo(SignedData) with one SignerInfo by the test DS."""
    ds = ax509.Certificate.load(pki.ds_der)
    when = signing_time or pki.now
    attrs = cms.CMSAttributes([
        {"type": "content_type", "values": [econtent_type]},
        {"type": "signing_time", "values": [cms.Time({"utc_time": when})]},
        {"type": "message_digest", "values": [hashlib.new(hash_name, econtent).digest()]},
    ])
    signed = attrs.dump(force=True)  # SET OF tag, DER: RFC 5652 5.4
    sig_alg, signature = _sign(pki, hash_name, signed)
    signer = cms.SignerInfo({
        "version": "v1",
        "sid": cms.SignerIdentifier(name="issuer_and_serial_number", value={
            "issuer": ds.issuer, "serial_number": ds.serial_number}),
        "digest_algorithm": {"algorithm": hash_name},
        "signed_attrs": attrs,
        "signature_algorithm": sig_alg,
        "signature": signature,
    })
    sd = cms.SignedData({
        "version": "v3",
        "digest_algorithms": [{"algorithm": hash_name}],
        "encap_content_info": {"content_type": econtent_type,
                               "content": core.ParsableOctetString(econtent)},
        "certificates": [ds],
        "signer_infos": [signer],
    })
    return cms.ContentInfo({"content_type": "signed_data", "content": sd}).dump()


def _sign(pki: TestPki, hash_name: str, data: bytes) -> tuple[algos.SignedDigestAlgorithm, bytes]:
    h = _hash(hash_name)
    key = pki.ds_key
    if isinstance(key, ec.EllipticCurvePrivateKey):
        return (algos.SignedDigestAlgorithm({"algorithm": f"{hash_name}_ecdsa"}),
                key.sign(data, ec.ECDSA(h)))
    pad = signing_padding(pki.algorithm)
    if isinstance(pad, padding.PSS):
        pss = padding.PSS(mgf=padding.MGF1(h), salt_length=h.digest_size)
        params = {"hash_algorithm": {"algorithm": hash_name},
                  "mask_gen_algorithm": {"algorithm": "mgf1",
                                         "parameters": {"algorithm": hash_name}},
                  "salt_length": h.digest_size, "trailer_field": "trailer_field_bc"}
        return (algos.SignedDigestAlgorithm({"algorithm": "rsassa_pss", "parameters": params}),
                key.sign(data, pss, h))
    return (algos.SignedDigestAlgorithm({"algorithm": f"{hash_name}_rsa"}),
            key.sign(data, padding.PKCS1v15(), h))
