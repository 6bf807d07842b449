"""CSCA master lists (ICAO 9303-12 9): a CMS SignedData of CSCA certificates, signed by a
master-list signer whose certificate chains to a root the technician chooses.

We refuse the whole list unless: the CMS parses, the messageDigest matches the content, the
signature verifies under the embedded signer certificate, and that signer was issued by the
given root (directly, or via a CA certificate embedded in the CMS that the root issued).

API:
    parse_master_list(data: bytes, root: bytes | Certificate) -> MasterList
    MasterList.certificates, .signer, .skipped
"""

from __future__ import annotations

from dataclasses import dataclass, field

from asn1crypto import core, x509

from icao.errors import CryptoError, IcaoError, ParseError
from icao.lds._guard import parsing
from icao.lds.cms import SignedObject, parse_signed_data
from icao.pki.cert import Certificate, name_key, parse_certificate
from icao.pki.signature import digest, verify_signature

ID_CSCA_MASTER_LIST = "2.23.136.1.1.2"


class _CertList(core.SetOf):
    _child_spec = core.Any


class CscaMasterList(core.Sequence):
    """9303-12 9: CscaMasterList ::= SEQUENCE { version INTEGER, certList SET OF Certificate }"""

    _fields = [("version", core.Integer), ("cert_list", _CertList)]


@dataclass(frozen=True)
class MasterList:
    version: int
    signer: Certificate
    certificates: tuple[Certificate, ...] = field(repr=False)
    skipped: int            # entries that did not parse as certificates


def find_signer(signed: SignedObject) -> Certificate:
    """The embedded certificate named by the SignerInfo's sid (RFC 5652 5.3).

    Some issuers (a real MY passport here) encode the sid's issuer name with its RDNs in a
    different order than the certificate itself; we then accept the certificate whose serial
    matches, since the signature check that follows proves the key anyway.
    """
    sid = signed.signer_id
    certs = [parse_certificate(der) for der in signed.certificates]
    if sid.subject_key_identifier is not None:
        found = [c for c in certs if c.ski == sid.subject_key_identifier]
    else:
        found = [c for c in certs if c.serial == sid.serial]
        if len(found) > 1 and sid.issuer_der:
            issuer = name_key(x509.Name.load(sid.issuer_der))   # guarded: the sid is card data
            found = [c for c in found if c.issuer_key == issuer] or found
    if not found:
        raise CryptoError("the signer's certificate is not in the CMS", step="pki.cms")
    return found[0]


def check_signed_object(signed: SignedObject, signer: Certificate) -> None:
    """RFC 5652 5.4 / 11.2: messageDigest over eContent, then the signature."""
    if signed.has_signed_attrs:
        if signed.message_digest != digest(signed.digest_algorithm, signed.econtent):
            raise CryptoError("messageDigest does not match the signed content", step="pki.cms")
        if signed.content_type_attr != signed.econtent_type:
            raise CryptoError("contentType attribute differs from eContentType", step="pki.cms")
    verify_signature(signer.public_key(), signed.signature_scheme, signed.digest_algorithm,
                     signed.signature, signed.signed_bytes, pss=signed.pss_params())


def parse_master_list(data: bytes, root: bytes | Certificate) -> MasterList:
    """Verify and unpack a CSCA master list against `root`."""
    anchor = root if isinstance(root, Certificate) else parse_certificate(bytes(root))
    signed = parse_signed_data(bytes(data), what="master list")
    if signed.econtent_type != ID_CSCA_MASTER_LIST:
        raise ParseError("this file is not a CSCA master list", step="pki.masterlist")
    signer = find_signer(signed)
    try:
        check_signed_object(signed, signer)
    except CryptoError:
        raise CryptoError("master list signature does not verify; the file was altered or is "
                          "not genuine", step="pki.masterlist") from None
    if not _issued_by_root(signer, anchor, signed.certificates):
        raise CryptoError(f"master list signer ({signer.subject}) does not chain to the given "
                          f"root ({anchor.subject}); check that you chose the right root",
                          step="pki.masterlist")
    with parsing("master list", step="pki.masterlist"):
        ml = CscaMasterList.load(signed.econtent, strict=True)
        version = int(ml["version"].native)
        certs, skipped = [], 0
        for entry in ml["cert_list"]:
            try:
                certs.append(parse_certificate(entry.dump()))
            except ParseError:
                skipped += 1
    return MasterList(version=version, signer=signer, certificates=tuple(certs), skipped=skipped)


def _issued_by_root(signer: Certificate, root: Certificate, embedded: tuple[bytes, ...]) -> bool:
    if signer.sha256 == root.sha256:
        return True
    if _signed_by(signer, root):
        return True
    for der in embedded:  # one intermediate at most (9303-12 9: signer is issued by the CSCA)
        try:
            mid = parse_certificate(der)
        except ParseError:
            continue
        if mid.sha256 != signer.sha256 and mid.is_ca and _signed_by(mid, root) \
                and _signed_by(signer, mid):
            return True
    return False


def _signed_by(cert: Certificate, issuer: Certificate) -> bool:
    if cert.issuer_key != issuer.subject_key:
        return False
    try:
        cert.verify_issued_by(issuer)
    except IcaoError:
        return False
    return True
