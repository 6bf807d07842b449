"""SecurityInfos of DG14, EF.CardAccess and EF.CardSecurity (ICAO 9303-11 9.2, BSI TR-03110-3 A.1).

The reader uses this to choose PACE (mapping, cipher, domain parameters) and CA; unknown
entries are kept as raw DER so nothing the card said is silently dropped.

API:
    parse_security_infos(raw: bytes) -> SecurityInfos
        raw: a bare SET OF SecurityInfo (EF.CardAccess, CardSecurity eContent) or DG14 (tag 6E).
    SecurityInfos.pace_infos, .pace_domain_parameter_infos, .ca_infos,
        .ca_domain_parameter_infos, .ca_public_keys, .ta_infos, .aa_infos, .unknown
    CaPublicKeyInfo.public_key() -> icao.pki.keys.PublicKey (explicit EC parameters mapped)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from asn1crypto import algos, core

from icao import tlv
from icao.errors import ParseError
from icao.lds._guard import parsing

if TYPE_CHECKING:
    from icao.pki.keys import PublicKey

# ICAO 9303-11 9.2 / TR-03110-3 A.1.1 object identifiers.
BSI_DE = "0.4.0.127.0.7"
ID_PK = BSI_DE + ".2.2.1"            # id-PK-DH .1, id-PK-ECDH .2
ID_TA = BSI_DE + ".2.2.2"
ID_CA = BSI_DE + ".2.2.3"            # id-CA-DH .1, id-CA-ECDH .2, then cipher .1..4
ID_PACE = BSI_DE + ".2.2.4"          # DH-GM .1, ECDH-GM .2, DH-IM .3, ECDH-IM .4, ECDH-CAM .6
ID_AA = "2.23.136.1.1.5"

DG14_TAG = 0x6E


class SecurityInfo(core.Sequence):
    """SecurityInfo ::= SEQUENCE { protocol OID, requiredData ANY, optionalData ANY OPTIONAL }"""

    _fields = [
        ("protocol", core.ObjectIdentifier),
        ("required_data", core.Any),
        ("optional_data", core.Any, {"optional": True}),
    ]


class _SubjectPublicKeyInfo(core.Sequence):
    """RFC 5280 4.1 shape only: TR-03110 keys use algorithm OIDs asn1crypto does not know."""

    _fields = [("algorithm", algos.AnyAlgorithmIdentifier), ("public_key", core.BitString)]


class SecurityInfoSet(core.SetOf):
    _child_spec = SecurityInfo


class PaceInfoAsn1(core.Sequence):
    """9303-11 9.2.1 PACEInfo."""

    _fields = [
        ("protocol", core.ObjectIdentifier),
        ("version", core.Integer),
        ("parameter_id", core.Integer, {"optional": True}),
    ]


class PaceDomainParameterInfoAsn1(core.Sequence):
    """9303-11 9.2.2 PACEDomainParameterInfo (also CA domain parameters, TR-03110-3 A.1.1.2)."""

    _fields = [
        ("protocol", core.ObjectIdentifier),
        ("domain_parameter", algos.AnyAlgorithmIdentifier),
        ("parameter_id", core.Integer, {"optional": True}),
    ]


class ChipAuthenticationInfoAsn1(core.Sequence):
    """9303-11 9.2.5 ChipAuthenticationInfo."""

    _fields = [
        ("protocol", core.ObjectIdentifier),
        ("version", core.Integer),
        ("key_id", core.Integer, {"optional": True}),
    ]


class ChipAuthenticationPublicKeyInfoAsn1(core.Sequence):
    """9303-11 9.2.6 ChipAuthenticationPublicKeyInfo."""

    _fields = [
        ("protocol", core.ObjectIdentifier),
        ("chip_authentication_public_key", core.Any),
        ("key_id", core.Integer, {"optional": True}),
    ]


class TerminalAuthenticationInfoAsn1(core.Sequence):
    """9303-11 9.2.7 TerminalAuthenticationInfo (efCVCA is optional, deprecated)."""

    _fields = [
        ("protocol", core.ObjectIdentifier),
        ("version", core.Integer),
        ("ef_cvca", core.Any, {"optional": True}),
    ]


class ActiveAuthenticationInfoAsn1(core.Sequence):
    """9303-11 9.2.8 ActiveAuthenticationInfo."""

    _fields = [
        ("protocol", core.ObjectIdentifier),
        ("version", core.Integer),
        ("signature_algorithm", core.ObjectIdentifier),
    ]


@dataclass(frozen=True)
class PaceInfo:
    protocol_oid: str
    version: int
    parameter_id: int | None
    raw: bytes = field(repr=False)


@dataclass(frozen=True)
class DomainParameterInfo:
    protocol_oid: str
    algorithm_oid: str
    parameters_der: bytes = field(repr=False)  # DER of the AlgorithmIdentifier parameters
    parameter_id: int | None
    raw: bytes = field(repr=False)


@dataclass(frozen=True)
class CaInfo:
    protocol_oid: str
    version: int
    key_id: int | None
    raw: bytes = field(repr=False)


@dataclass(frozen=True)
class CaPublicKeyInfo:
    protocol_oid: str
    key_id: int | None
    spki: bytes = field(repr=False)  # DER SubjectPublicKeyInfo
    raw: bytes = field(repr=False)

    def public_key(self) -> PublicKey:
        """Decoded key (EC explicit parameters mapped to the named curve they equal)."""
        # icao.pki.keys (cryptography, ecdsa) loads when a key is used, not to parse EF.CardAccess
        from icao.pki.keys import load_public_key

        return load_public_key(self.spki)


@dataclass(frozen=True)
class TaInfo:
    protocol_oid: str
    version: int
    raw: bytes = field(repr=False)


@dataclass(frozen=True)
class AaInfo:
    protocol_oid: str
    version: int
    signature_algorithm_oid: str
    raw: bytes = field(repr=False)


@dataclass(frozen=True)
class UnknownInfo:
    protocol_oid: str
    raw: bytes = field(repr=False)


@dataclass(frozen=True)
class SecurityInfos:
    pace_infos: tuple[PaceInfo, ...] = ()
    pace_domain_parameter_infos: tuple[DomainParameterInfo, ...] = ()
    ca_infos: tuple[CaInfo, ...] = ()
    ca_domain_parameter_infos: tuple[DomainParameterInfo, ...] = ()
    ca_public_keys: tuple[CaPublicKeyInfo, ...] = ()
    ta_infos: tuple[TaInfo, ...] = ()
    aa_infos: tuple[AaInfo, ...] = ()
    unknown: tuple[UnknownInfo, ...] = ()
    raw: bytes = field(default=b"", repr=False)


def _arcs(oid: str, prefix: str) -> list[str] | None:
    """The arcs after `prefix` in `oid`, or None when `oid` is not under it."""
    if oid == prefix:
        return []
    if oid.startswith(prefix + "."):
        return oid[len(prefix) + 1:].split(".")
    return None


def _opt_int(value: core.Integer) -> int | None:
    return None if isinstance(value, core.Void) else int(value.native)


def parse_security_infos(raw: bytes) -> SecurityInfos:
    """Parse DG14 (6E wrapper) or a bare SecurityInfos SET into typed entries."""
    data = bytes(raw)
    with parsing("SecurityInfos", step="lds.security_infos"):
        if data[:1] == bytes([DG14_TAG]):
            data = tlv.decode(data).value
        if data[:1] != b"\x31":
            raise ParseError("SecurityInfos is not a SET", step="lds.security_infos")
        infos = SecurityInfoSet.load(data, strict=True)
        buckets: dict[str, list] = {k: [] for k in (
            "pace", "pace_dp", "ca", "ca_dp", "ca_pk", "ta", "aa", "unknown")}
        for info in infos:
            _classify(info, buckets)
        return SecurityInfos(
            pace_infos=tuple(buckets["pace"]),
            pace_domain_parameter_infos=tuple(buckets["pace_dp"]),
            ca_infos=tuple(buckets["ca"]),
            ca_domain_parameter_infos=tuple(buckets["ca_dp"]),
            ca_public_keys=tuple(buckets["ca_pk"]),
            ta_infos=tuple(buckets["ta"]),
            aa_infos=tuple(buckets["aa"]),
            unknown=tuple(buckets["unknown"]),
            raw=bytes(raw),
        )


def _classify(info: SecurityInfo, buckets: dict[str, list]) -> None:
    der = info.dump()
    oid = info["protocol"].dotted
    pace, ca, pk = _arcs(oid, ID_PACE), _arcs(oid, ID_CA), _arcs(oid, ID_PK)
    if pace is not None and len(pace) == 2:
        p = PaceInfoAsn1.load(der, strict=True)
        buckets["pace"].append(PaceInfo(oid, int(p["version"].native),
                                        _opt_int(p["parameter_id"]), der))
    elif pace is not None and len(pace) == 1:
        buckets["pace_dp"].append(_domain_parameter_info(oid, der))
    elif ca is not None and len(ca) == 2:
        c = ChipAuthenticationInfoAsn1.load(der, strict=True)
        buckets["ca"].append(CaInfo(oid, int(c["version"].native), _opt_int(c["key_id"]), der))
    elif ca is not None and len(ca) == 1:
        buckets["ca_dp"].append(_domain_parameter_info(oid, der))
    elif pk is not None and len(pk) == 1:
        k = ChipAuthenticationPublicKeyInfoAsn1.load(der, strict=True)
        spki = k["chip_authentication_public_key"].dump()
        _ = _SubjectPublicKeyInfo.load(spki, strict=True).native  # structure check only
        buckets["ca_pk"].append(CaPublicKeyInfo(oid, _opt_int(k["key_id"]), spki, der))
    elif oid == ID_TA:
        t = TerminalAuthenticationInfoAsn1.load(der, strict=True)
        buckets["ta"].append(TaInfo(oid, int(t["version"].native), der))
    elif oid == ID_AA:
        a = ActiveAuthenticationInfoAsn1.load(der, strict=True)
        buckets["aa"].append(AaInfo(oid, int(a["version"].native),
                                    a["signature_algorithm"].dotted, der))
    else:
        buckets["unknown"].append(UnknownInfo(oid, der))


def _domain_parameter_info(oid: str, der: bytes) -> DomainParameterInfo:
    d = PaceDomainParameterInfoAsn1.load(der, strict=True)
    alg = d["domain_parameter"]
    params = alg["parameters"]
    return DomainParameterInfo(
        protocol_oid=oid,
        algorithm_oid=alg["algorithm"].dotted,
        parameters_der=b"" if isinstance(params, core.Void) else params.dump(),
        parameter_id=_opt_int(d["parameter_id"]),
        raw=der,
    )
