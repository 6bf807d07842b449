"""Choose the starting group for a PACE run from the protocol and the domain parameters."""

from __future__ import annotations

from icao.ec import Curve
from icao.ecparams import DomainParameters, domain_parameters
from icao.errors import UnsupportedProtocol
from icao.pace.domain import Domain, standard_domain
from icao.pace.oids import PaceProtocol


def starting_domain(proto: PaceProtocol, parameter_id: int | None,
                    explicit: DomainParameters | None = None) -> Domain:
    """The static group (9303-11 9.5.1) the mapping starts from; agreement must match the OID."""
    if explicit is not None:
        params = explicit
    elif parameter_id is None:
        raise UnsupportedProtocol(
            "PACE needs the domain parameter ID from EF.CardAccess (PACEInfo.parameterId)",
            step="pace",
        )
    else:
        params = domain_parameters(parameter_id)
    is_ec = isinstance(params, Curve)
    if is_ec != (proto.agreement == "ECDH"):
        raise UnsupportedProtocol(
            f"{proto.name} does not match domain parameters {params!r}", step="pace"
        )
    if proto.mapping == "IM" and is_ec and params.p % 4 != 3:
        # 9303-11 App. B gives f_G for p = 3 mod 4 only; among the standardized curves
        # that excludes NIST P-224 (ID 10).
        raise UnsupportedProtocol(
            f"Integrated Mapping is not defined on {params.name} (p = 1 mod 4)", step="pace"
        )
    return standard_domain(params)
