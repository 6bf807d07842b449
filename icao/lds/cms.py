"""A read-only view of one CMS SignedData (RFC 5652 5) as EF.SOD, EF.CardSecurity and CSCA
master lists use it: the encapsulated content, the one signer, and exactly the bytes it signed.

Why a view and not asn1crypto objects everywhere: verification must hash the bytes the card
sent (RFC 5652 5.4: the DER of SignedAttributes with the SET OF tag), and callers should not
need to know asn1crypto's lazy-parsing quirks. Only `ParseError` escapes.

API:
    parse_signed_data(der: bytes, *, what: str) -> SignedObject
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from asn1crypto import algos, cms, core

from icao import tlv
from icao.errors import ParseError
from icao.lds._guard import parsing

ID_SIGNED_DATA = "1.2.840.113549.1.7.2"


@dataclass(frozen=True)
class SignerId:
    """issuerAndSerialNumber or subjectKeyIdentifier (RFC 5652 5.3)."""

    issuer_der: bytes | None
    serial: int | None
    subject_key_identifier: bytes | None


@dataclass(frozen=True)
class SignedObject:
    econtent_type: str
    econtent: bytes = field(repr=False)
    digest_algorithm: str                     # e.g. "sha256"
    signature_scheme: str                     # "rsassa_pkcs1v15" | "rsassa_pss" | "ecdsa"
    signature_algorithm_oid: str
    pss_params_der: bytes | None = field(repr=False)
    signature: bytes = field(repr=False)
    signed_bytes: bytes = field(repr=False)   # what the signature covers (RFC 5652 5.4)
    has_signed_attrs: bool
    message_digest: bytes | None = field(repr=False)
    content_type_attr: str | None
    signing_time: datetime | None
    certificates: tuple[bytes, ...] = field(repr=False)
    crls: tuple[bytes, ...] = field(repr=False)
    signer_id: SignerId = field(repr=False)
    raw: bytes = field(repr=False)

    def pss_params(self) -> algos.RSASSAPSSParams | None:
        if not self.pss_params_der:
            return None
        return algos.RSASSAPSSParams.load(self.pss_params_der)


def _scheme(sig_alg: algos.SignedDigestAlgorithm) -> str:
    name = sig_alg["algorithm"].native
    if name == "rsassa_pss":
        return "rsassa_pss"
    if name in ("ecdsa", "ec") or name.endswith("_ecdsa"):
        return "ecdsa"
    if name in ("rsassa_pkcs1v15", "rsa") or name.endswith("_rsa"):
        return "rsassa_pkcs1v15"
    return name


def parse_signed_data(der: bytes, *, what: str) -> SignedObject:
    """Parse ContentInfo(SignedData) with exactly one SignerInfo."""
    with parsing(what, step="lds.cms"):
        info = cms.ContentInfo.load(bytes(der), strict=True)
        if info["content_type"].dotted != ID_SIGNED_DATA:
            raise ParseError(f"{what} is not CMS SignedData", step="lds.cms")
        sd = info["content"]
        encap = sd["encap_content_info"]
        content = encap["content"]
        if isinstance(content, core.Void):
            raise ParseError(f"{what} has no encapsulated content", step="lds.cms")
        econtent = content.native
        if not isinstance(econtent, bytes):
            raise ParseError(f"{what} content is not an OCTET STRING", step="lds.cms")
        signers = sd["signer_infos"]
        if len(signers) != 1:
            raise ParseError(f"{what} must have exactly one signer, has {len(signers)}",
                             step="lds.cms")
        si = signers[0]
        sig_alg = si["signature_algorithm"]
        params = sig_alg["parameters"]
        pss_der = params.dump() if sig_alg["algorithm"].native == "rsassa_pss" and not isinstance(
            params, core.Void) else None
        attrs = si["signed_attrs"]
        has_attrs = not isinstance(attrs, core.Void) and len(attrs) > 0
        md = ctype = stime = None
        if has_attrs:
            # RFC 5652 5.4: the signature is over the DER of SignedAttrs with the SET OF tag.
            signed = tlv.encode(0x31, bytes(attrs.contents))
            for attr in attrs:
                kind = attr["type"].dotted
                values = attr["values"]
                if len(values) != 1:
                    raise ParseError(f"{what} signed attribute {kind} is not single-valued",
                                     step="lds.cms")
                if kind == "1.2.840.113549.1.9.4":
                    md = bytes(values[0].native)
                elif kind == "1.2.840.113549.1.9.3":
                    ctype = values[0].dotted
                elif kind == "1.2.840.113549.1.9.5":
                    stime = values[0].native
        else:
            signed = econtent
        sid = si["sid"]
        if sid.name == "issuer_and_serial_number":
            signer_id = SignerId(sid.chosen["issuer"].dump(), int(sid.chosen["serial_number"].native),
                                 None)
        else:
            signer_id = SignerId(None, None, bytes(sid.chosen.native))
        certs = tuple(c.chosen.dump() for c in sd["certificates"]) if not isinstance(
            sd["certificates"], core.Void) else ()
        crls = tuple(c.chosen.dump() for c in sd["crls"]) if not isinstance(
            sd["crls"], core.Void) else ()
        return SignedObject(
            econtent_type=encap["content_type"].dotted,
            econtent=bytes(econtent),
            digest_algorithm=si["digest_algorithm"]["algorithm"].native,
            signature_scheme=_scheme(sig_alg),
            signature_algorithm_oid=sig_alg["algorithm"].dotted,
            pss_params_der=pss_der,
            signature=bytes(si["signature"].native),
            signed_bytes=signed,
            has_signed_attrs=has_attrs,
            message_digest=md,
            content_type_attr=ctype,
            signing_time=stime,
            certificates=certs,
            crls=crls,
            signer_id=signer_id,
            raw=bytes(der),
        )
