"""Authentication tokens (ICAO 9303-11 4.4.3.4) over the public key data object (9.4).

T = MAC(KS_mac, 7F49{06 OID, 86 point | 84 DH value}) with the retail MAC for 3DES and
8-byte CMAC for AES; the MAC pads internally (no application padding). Each side MACs the
OTHER side's ephemeral public key, so a token proves knowledge of KS_mac, i.e. of the password.
"""

from __future__ import annotations

import hmac

from icao import tlv
from icao.crypto import CipherSpec, mac
from icao.errors import CryptoError
from icao.pace.oids import oid_to_value


def public_key_data_object(protocol_oid: str, pk_tag: int, public_key: bytes) -> bytes:
    """7F49 with the protocol OID and the ephemeral key only (no domain parameters, 9.4.5)."""
    body = tlv.encode(0x06, oid_to_value(protocol_oid)) + tlv.encode(pk_tag, public_key)
    return tlv.encode(0x7F49, body)


def compute_token(spec: CipherSpec, ks_mac: bytes, protocol_oid: str, pk_tag: int,
                  other_public_key: bytes) -> bytes:
    return mac(spec, ks_mac, public_key_data_object(protocol_oid, pk_tag, other_public_key))


def check_token(spec: CipherSpec, ks_mac: bytes, protocol_oid: str, pk_tag: int,
                other_public_key: bytes, token: bytes, *, who: str) -> None:
    expected = compute_token(spec, ks_mac, protocol_oid, pk_tag, other_public_key)
    if not hmac.compare_digest(expected, token):
        raise CryptoError(f"the {who}'s PACE authentication token is wrong", step="pace-token")
