"""Settings with consequences: which settings weaken the kiosk, for `kiosk diag health`.

    from kiosk.config import weakened_settings
    for w in weakened_settings(config, audited=audited_values):   # list[Weakening]
        print(w.severity, w.key, w.message)

`severity` "warn": the kiosk is less safe than its defaults (training mode, liveness off,
looser face match, genuineness not required, no back-office credentials, longer retention, a
shared role PIN, a cheaper PIN hash, a security setting changed outside `kiosk config set`);
"note": a default that is not the strictest choice (revocation not required, no back office).
`audited`: the last audited value of each security setting (kiosk.accounts.settings
.audited_values(store)); a setting whose value differs was edited by hand, unaudited.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kiosk.config.schema import Config, field_type, sections, security_keys

WARN, NOTE = "warn", "note"


@dataclass(frozen=True)
class Weakening:
    key: str
    value: Any
    severity: str
    message: str


def value_of(config: Config, key: str) -> Any:
    section, name = key.split(".", 1)
    return getattr(getattr(config, section), name)


def default_of(key: str) -> Any:
    section, name = key.split(".", 1)
    cls = sections()[section]
    for f in dataclasses.fields(cls):
        if f.name == name:
            return f.default
    raise KeyError(key)


def shown(key: str, value: Any) -> Any:
    """A value as health and the audit log may show it: a PIN hash only as a short digest
    (which still changes when the PIN does)."""
    if key.endswith("pin_hash"):
        return "set:" + hashlib.sha256(value.encode()).hexdigest()[:12] if value else ""
    return value


def weakened_settings(config: Config, *,
                      audited: Mapping[str, Any] | None = None) -> list[Weakening]:
    out: list[Weakening] = []

    def add(key: str, severity: str, message: str) -> None:
        out.append(Weakening(key, shown(key, value_of(config, key)), severity, message))

    k, f, t, bo = config.kiosk, config.face, config.trust, config.backoffice
    if k.training_mode:
        add("kiosk.training_mode", WARN, "training mode: virtual readers and the emulated "
            "chip are accepted; submissions are marked training and never delivered")
    if not f.liveness:
        add("face.liveness", WARN, "the liveness check is off: a photo of the card holder "
            "can pass the face check")
    if f.target_fmr > default_of("face.target_fmr"):
        add("face.target_fmr", WARN, "the face match accepts more impostors than the default "
            f"(target false match rate {f.target_fmr:g} > {default_of('face.target_fmr'):g})")
    if f.threshold:
        add("face.threshold", NOTE, "an explicit face threshold overrides the calibrated one")
    if not t.require_genuine:
        add("trust.require_genuine", WARN, "cards whose genuineness cannot be proven (no "
            "CSCA of their state, no chip proof) go on to the face check and a form")
    if not t.require_crl:
        add("trust.require_crl", NOTE, "revocation is not required: a card signed by a "
            "revoked document signer passes when no current CRL is imported")
    if not bo.url:
        add("backoffice.url", NOTE, "no back office: submissions stay on this kiosk until "
            "retention deletes them")
    elif bo.url.startswith("http://"):
        add("backoffice.url", WARN, "the back office is reached over plain http://")
    elif not (bo.client_cert_file or bo.token_file):
        add("backoffice.url", WARN, "no client certificate or token: the back office cannot "
            "know this kiosk, and delivery is refused")
    if bo.anchor_interval_s > default_of("backoffice.anchor_interval_s"):
        add("backoffice.anchor_interval_s", WARN, "the audit chain is anchored less often "
            f"than the default ({bo.anchor_interval_s} s > "
            f"{default_of('backoffice.anchor_interval_s')} s): more entries at a time could be "
            "rewritten by someone holding the key file")
    for key in ("store.retention_days_after_delivery", "store.retention_days_undelivered",
                "store.audit_pseudonym_days"):
        if value_of(config, key) > default_of(key):
            add(key, WARN, f"personal data is kept longer than the default "
                f"({value_of(config, key)} days > {default_of(key)})")
    for role in ("staff", "technician"):
        if getattr(config, role).pin_hash:
            add(f"{role}.pin_hash", WARN, f"a PIN shared by every {role} member names nobody "
                "in the audit log: give each person an account (`kiosk staff add`) and clear "
                "it")
    if config.staff.kdf_memory_mib < default_of("staff.kdf_memory_mib") or \
            config.staff.kdf_iterations < default_of("staff.kdf_iterations"):
        add("staff.kdf_iterations", WARN, "PIN hashes are cheaper to guess than the default "
            "Argon2id cost")
    if audited is not None:
        out += unaudited(config, audited)
    return out


def unaudited(config: Config, audited: Mapping[str, Any]) -> list[Weakening]:
    """Security settings whose value is not the last one a technician set (or, never set
    through `kiosk config set`, not the default)."""
    out = []
    for key in security_keys():
        value = shown(key, value_of(config, key))
        want = audited.get(key, shown(key, default_of(key)))
        if _same(key, value, want):
            continue
        out.append(Weakening(key, value, WARN, f"{key} was changed outside `kiosk config "
                             f"set` (audited value: {want!r}); confirm it with `kiosk config "
                             "confirm --as TECHNICIAN` or set it again"))
    return out


def _same(key: str, a: Any, b: Any) -> bool:
    section, name = key.split(".", 1)
    if field_type(sections()[section], name) is float and a is not None and b is not None:
        return float(a) == float(b)
    return bool(a == b)
