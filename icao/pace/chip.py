"""PACE, chip side: a strict state machine for the emulated eMRTD (ICAO 9303-11 4.4).

The card-command dispatcher (icao/chip) passes the data field of MSE:Set AT and of each
GENERAL AUTHENTICATE; this class answers (data, SW). Anything out of order, malformed or
invalid aborts the run (a new MSE:Set AT is needed). A wrong token answers 6300, and the
dispatcher decrements its own retry counter.
"""

from __future__ import annotations

from typing import TypeVar

from icao import ec
from icao.errors import IcaoError
from icao.kdf import KDF_ENC, KDF_MAC, kdf
from icao.pace import cam as cam_mod
from icao.pace.domain import DhDomain, Domain, EcDomain, Rng, default_rng
from icao.pace.im import integrated_map
from icao.pace.mapping import starting_domain
from icao.pace.messages import build_dynamic_auth, parse_dynamic_auth, parse_set_at
from icao.pace.nonce import encrypt_nonce, key_size, nonce_size, password_key
from icao.pace.oids import pace_protocol
from icao.pace.result import CamResult, PaceResult
from icao.pace.tokens import check_token, compute_token

SW_OK = 0x9000
SW_AUTH_FAILED = 0x6300
SW_CONDITIONS = 0x6985  # ISO/IEC 7816-4: conditions of use not satisfied (wrong step order)
SW_WRONG_DATA = 0x6A80
SW_NOT_FOUND = 0x6A88

_IDLE, _NONCE, _MAP, _KA, _TOKEN, _DONE = range(6)
G = TypeVar("G", EcDomain, DhDomain)


class _Abort(Exception):
    def __init__(self, sw: int):
        self.sw = sw


class PaceChip:
    """One PACE configuration of a chip (its PACEInfo) with its password."""

    def __init__(self, password: bytes, password_ref: int, protocol_oid: str, parameter_id: int,
                 *, rng: Rng | None = None, cam_private_key: object | None = None):
        self._password = password
        self._password_ref = password_ref
        self._proto = pace_protocol(protocol_oid)
        self._parameter_id = parameter_id
        self._base: Domain = starting_domain(self._proto, parameter_id)
        self._rng = rng or default_rng
        self._cam_key = _private_int(cam_private_key)
        if self._proto.mapping == "CAM":
            if self._cam_key is None:
                raise ValueError("PACE-CAM needs the chip's static private key (cam_private_key)")
            _check_cam_curve(cam_private_key, self._base)
        self.result: PaceResult | None = None
        self._reset(_IDLE)

    def __repr__(self) -> str:  # never show the password or keys
        return f"PaceChip({self._proto.name}, parameter_id={self._parameter_id})"

    def _reset(self, state: int) -> None:
        self._state = state
        self._s = b""
        self._sk_map = 0
        self._pk_map = b""
        self._domain: Domain = self._base
        self._sk = 0
        self._pk = b""
        self._pk_ifd = b""
        self._keys = (b"", b"")

    # --- MSE:Set AT (9303-11 4.4.4.1) ---------------------------------------------------
    def mse_set_at(self, data: bytes) -> int:
        self.result = None
        self._reset(_IDLE)
        try:
            oid, ref, pid = parse_set_at(data)
        except IcaoError:
            return SW_WRONG_DATA
        if oid != self._proto.oid:
            return SW_WRONG_DATA
        if ref != self._password_ref or (pid is not None and pid != self._parameter_id):
            return SW_NOT_FOUND
        self._state = _NONCE
        return SW_OK

    # --- GENERAL AUTHENTICATE (9303-11 4.4.4.2, 4.4.5) ----------------------------------
    def general_authenticate(self, data: bytes, *, last: bool | None = None) -> tuple[bytes, int]:
        """Answer one step. `last` (optional) is False for CLA 10 (chained), True for CLA 00;
        when given it must match the step (9303-11 4.4.4.3)."""
        state = self._state
        handlers = {_NONCE: self._nonce, _MAP: self._map, _KA: self._key_agreement,
                    _TOKEN: self._token}
        if state not in handlers or (last is not None and last != (state == _TOKEN)):
            self._reset(_IDLE)
            return b"", SW_CONDITIONS
        try:
            objs = parse_dynamic_auth(data)
            return handlers[state](objs), SW_OK
        except _Abort as abort:
            self._reset(_IDLE)
            return b"", abort.sw
        except (IcaoError, ValueError, ArithmeticError):
            self._reset(_IDLE)
            return b"", SW_WRONG_DATA

    def _nonce(self, objs: dict[int, bytes]) -> bytes:
        if objs:
            raise _Abort(SW_WRONG_DATA)
        spec = self._proto.spec
        self._s = self._rng(nonce_size(spec))
        z = encrypt_nonce(spec, password_key(self._password, spec), self._s)
        self._state = _MAP
        return build_dynamic_auth((0x80, z))

    def _map(self, objs: dict[int, bytes]) -> bytes:
        if set(objs) != {0x81}:
            raise _Abort(SW_WRONG_DATA)
        spec, base = self._proto.spec, self._base
        if self._proto.mapping == "IM":
            if len(objs[0x81]) != key_size(spec):
                raise _Abort(SW_WRONG_DATA)
            self._domain = integrated_map(base, spec, self._s, objs[0x81])
            self._state = _KA
            return build_dynamic_auth((0x82, b""))  # 4.4.5.2.2: empty for IM
        if isinstance(base, EcDomain):
            self._sk_map, self._pk_map, self._domain = _generic_map(base, objs[0x81], self._s,
                                                                    self._rng)
        else:
            self._sk_map, self._pk_map, self._domain = _generic_map(base, objs[0x81], self._s,
                                                                    self._rng)
        self._state = _KA
        return build_dynamic_auth((0x82, self._pk_map))

    def _key_agreement(self, objs: dict[int, bytes]) -> bytes:
        if set(objs) != {0x83}:
            raise _Abort(SW_WRONG_DATA)
        dom, spec = self._domain, self._proto.spec
        if isinstance(dom, EcDomain):
            self._sk, self._pk, shared = _agree(dom, objs[0x83], self._rng)
        else:
            self._sk, self._pk, shared = _agree(dom, objs[0x83], self._rng)
        self._pk_ifd = objs[0x83]
        self._keys = (kdf(shared, KDF_ENC, spec), kdf(shared, KDF_MAC, spec))
        self._state = _TOKEN
        return build_dynamic_auth((0x84, self._pk))

    def _token(self, objs: dict[int, bytes]) -> bytes:
        if 0x85 not in objs:
            raise _Abort(SW_WRONG_DATA)
        proto, dom = self._proto, self._domain
        ks_enc, ks_mac = self._keys
        try:
            check_token(proto.spec, ks_mac, proto.oid, dom.pk_tag, self._pk, objs[0x85], who="terminal")
        except IcaoError:
            raise _Abort(SW_AUTH_FAILED) from None
        t_ic = compute_token(proto.spec, ks_mac, proto.oid, dom.pk_tag, self._pk_ifd)
        out = [(0x86, t_ic)]
        cam = None
        if proto.mapping == "CAM":
            assert isinstance(dom, EcDomain) and self._cam_key is not None
            ca_ic = cam_mod.chip_authentication_data(dom.curve, self._cam_key, self._sk_map)
            out.append((0x8A, cam_mod.encrypt_ca_data(proto.spec, ks_enc, ca_ic)))
            cam = CamResult(dom.curve, ca_ic, self._pk_map)
        self.result = PaceResult(proto.spec, ks_enc, ks_mac, proto.oid, self._parameter_id,
                                 proto.mapping, self._pk, cam)
        self._reset(_DONE)
        return build_dynamic_auth(*out)


def _generic_map(base: G, pk_map_ifd_bytes: bytes, s: bytes,
                 rng: Rng) -> tuple[int, bytes, Domain]:
    """9303-11 4.4.3.3.1, chip side: (SK_Map,IC, PK_Map,IC encoded, the mapped group)."""
    pk_map_ifd = base.decode(pk_map_ifd_bytes, step="pace-map")
    sk_map = base.private_key(rng)
    pk_map = base.public(sk_map)
    if pk_map == pk_map_ifd:
        raise _Abort(SW_WRONG_DATA)
    h = base.agree_element(sk_map, pk_map_ifd, step="pace-map")
    return sk_map, base.encode(pk_map), base.generic_map(int.from_bytes(s, "big"), h)


def _agree(dom: G, pk_ifd_bytes: bytes, rng: Rng) -> tuple[int, bytes, bytes]:
    """Key agreement, chip side: (SK_IC, PK_IC encoded, the shared secret)."""
    pk_ifd = dom.decode(pk_ifd_bytes, step="pace-ka")
    sk = dom.private_key(rng)
    pk = dom.public(sk)
    if pk == pk_ifd:  # 9303-11 4.4.1: the chip checks PK_IFD != PK_IC
        raise _Abort(SW_WRONG_DATA)
    return sk, dom.encode(pk), dom.agree(sk, pk_ifd, step="pace-ka")


def _check_cam_curve(key: object, base: Domain) -> None:
    """A `cryptography` static key must lie on the PACE curve (9303-11 4.4.3.5.1 uses one group)."""
    public_key = getattr(key, "public_key", None)
    if public_key is None or not isinstance(base, EcDomain):
        return
    nums = public_key().public_numbers()
    if not ec.is_on_curve(base.curve, ec.Point(nums.x, nums.y)):
        raise ValueError(f"the CAM static key is not on {base.curve.name}")


def _private_int(key: object | None) -> int | None:
    """Accept an int or a `cryptography` EC private key for the static CAM key."""
    if key is None or isinstance(key, int):
        return key
    numbers = getattr(key, "private_numbers", None)
    if numbers is None:
        raise TypeError("cam_private_key must be an int or an EC private key object")
    return int(numbers().private_value)


__all__ = ["PaceChip"]
