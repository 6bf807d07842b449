"""A generated test PKI for the emulated chip: a CSCA "VN test", a Document Signer, a CRL.

Used by the emulated chip (`icao.chip`), tests, demos and benchmarks. Nothing here is a real
state key. The structure follows ICAO 9303-12 7.1: CSCA self-signed with keyCertSign/cRLSign
and basicConstraints CA; DS issued by it with digitalSignature and AKI = CSCA SKI; the CRL is
signed by the CSCA (9303-12 7.1.4). Export `csca_der` / `crl_der` so `kiosk trust import-csca`
and `kiosk trust import-crl` can import them.

API:
    generate_test_pki(*, algorithm="ec-p256", now=None, ds_expired=False, ds_revoked=False,
                      with_crl=True, country="VN") -> TestPki
    ALGORITHMS = ("ec-p256", "ec-brainpoolP256r1", "rsa-2048", "rsa-pss-2048")
    TestPki.csca_der, .ds_der, .crl_der, .ds_key, .csca_key, .algorithm, .now

Keys are cached per (algorithm, role) within the process, so tests that build many PKIs
(expired, revoked, ...) pay for key generation once. `now` is the injected clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import NameOID

ALGORITHMS = ("ec-p256", "ec-brainpoolP256r1", "rsa-2048", "rsa-pss-2048")

PrivateKey = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey

DS_SERIAL = 0x0D5
CSCA_SERIAL = 0x0CA


@dataclass(frozen=True)
class TestPki:
    algorithm: str
    now: datetime
    csca_der: bytes = field(repr=False)
    ds_der: bytes = field(repr=False)
    crl_der: bytes | None = field(repr=False)
    csca_key: PrivateKey = field(repr=False)
    ds_key: PrivateKey = field(repr=False)
    ds_expired: bool = False
    ds_revoked: bool = False


@lru_cache(maxsize=16)
def _key(algorithm: str, role: str) -> PrivateKey:
    """One key per (algorithm, role) per process; `role` keeps CSCA and DS keys distinct."""
    if algorithm == "ec-p256":
        return ec.generate_private_key(ec.SECP256R1())
    if algorithm == "ec-brainpoolP256r1":
        return ec.generate_private_key(ec.BrainpoolP256R1())
    if algorithm in ("rsa-2048", "rsa-pss-2048"):
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)
    raise ValueError(f"unknown test PKI algorithm {algorithm!r}; use one of {ALGORITHMS}")


def signing_padding(algorithm: str) -> padding.AsymmetricPadding | None:
    """The RSA padding this PKI signs with (None for ECDSA)."""
    if algorithm == "rsa-pss-2048":
        return padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32)
    if algorithm == "rsa-2048":
        return padding.PKCS1v15()
    return None


def _name(country: str, cn: str) -> x509.Name:
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, country),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Chip ID kiosk test PKI"),
        x509.NameAttribute(NameOID.COMMON_NAME, cn),
    ])


def _sign(builder, key: PrivateKey, algorithm: str):  # type: ignore[no-untyped-def]
    pad = signing_padding(algorithm)
    if pad is not None and isinstance(pad, padding.PSS):
        return builder.sign(key, hashes.SHA256(), rsa_padding=pad)
    return builder.sign(key, hashes.SHA256())


def generate_test_pki(*, algorithm: str = "ec-p256", now: datetime | None = None,
                      ds_expired: bool = False, ds_revoked: bool = False,
                      with_crl: bool = True, country: str = "VN") -> TestPki:
    """Build CSCA, DS and (optionally) CRL certificates valid around `now`."""
    now = (now or datetime.now(UTC)).replace(microsecond=0)
    csca_key, ds_key = _key(algorithm, "csca"), _key(algorithm, "ds")
    csca_name = _name(country, f"CSCA {country} test")
    csca_ski = x509.SubjectKeyIdentifier.from_public_key(csca_key.public_key())
    csca = _sign(
        x509.CertificateBuilder()
        .subject_name(csca_name).issuer_name(csca_name)
        .public_key(csca_key.public_key())
        .serial_number(CSCA_SERIAL)
        .not_valid_before(now - timedelta(days=365))
        .not_valid_after(now + timedelta(days=15 * 365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False),
                       critical=True)
        .add_extension(csca_ski, critical=False),
        csca_key, algorithm)
    if ds_expired:
        ds_from, ds_to = now - timedelta(days=3 * 365), now - timedelta(days=1)
    else:
        ds_from, ds_to = now - timedelta(days=30), now + timedelta(days=10 * 365)
    ds = _sign(
        x509.CertificateBuilder()
        .subject_name(_name(country, f"DS {country} test 1")).issuer_name(csca_name)
        .public_key(ds_key.public_key())
        .serial_number(DS_SERIAL)
        .not_valid_before(ds_from).not_valid_after(ds_to)
        .add_extension(x509.KeyUsage(True, False, False, False, False, False, False, False, False),
                       critical=True)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(csca_ski),
                       critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ds_key.public_key()),
                       critical=False),
        csca_key, algorithm)
    crl_der = None
    if with_crl or ds_revoked:
        builder = (x509.CertificateRevocationListBuilder()
                   .issuer_name(csca_name)
                   .last_update(now - timedelta(days=1))
                   .next_update(now + timedelta(days=90))
                   .add_extension(
                       x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(csca_ski),
                       critical=False)
                   .add_extension(x509.CRLNumber(1), critical=False))
        if ds_revoked:
            builder = builder.add_revoked_certificate(
                x509.RevokedCertificateBuilder().serial_number(DS_SERIAL)
                .revocation_date(now - timedelta(hours=1)).build())
        crl_der = _sign(builder, csca_key, algorithm).public_bytes(Encoding.DER)
    return TestPki(
        algorithm=algorithm, now=now,
        csca_der=csca.public_bytes(Encoding.DER), ds_der=ds.public_bytes(Encoding.DER),
        crl_der=crl_der, csca_key=csca_key, ds_key=ds_key,
        ds_expired=ds_expired, ds_revoked=ds_revoked,
    )
