"""The submission store: encrypted submissions, the delivery outbox, the audit log, retention.

    from kiosk.store import open_store, Override
    store = open_store()                                   # or open_store_from_config(cfg)
    consent = store.record_consent(text_version="vi-2026-01", purpose="khai-sinh")
    sub = store.submit("khai-sinh", form, actor="staff:nv01", subject=id_number,
                       verdict={...}, face={...}, consent_id=consent.id,
                       override=Override("staff:nv01", "glasses"))
    sub.reference                                          # 'K7M2-9QXP' for the receipt
    store.audit("login.ok", actor="staff:nv01")

docs/cli/store.md describes the whole API.
"""

from kiosk.store.anchors import Anchor
from kiosk.store.audit import AuditEntry
from kiosk.store.auditverify import AuditVerification
from kiosk.store.casefile import Consent, Override
from kiosk.store.errors import (
    AuditDetailsError,
    DeliveryConfigError,
    KeyFileError,
    KioskIdentityError,
    NotFound,
    Purged,
    SchemaError,
    StoreError,
    StoreForbidden,
    StoreUnavailable,
)
from kiosk.store.opening import open_store, open_store_from_config
from kiosk.store.parties import Party
from kiosk.store.store import Store
from kiosk.store.submissions import OutboxStats, Submission

__all__ = [
    "Anchor", "AuditDetailsError", "AuditEntry", "AuditVerification", "Consent",
    "DeliveryConfigError", "KeyFileError", "KioskIdentityError", "NotFound", "OutboxStats",
    "Override", "Party", "Purged", "SchemaError", "Store", "StoreError", "StoreForbidden",
    "StoreUnavailable", "Submission", "open_store", "open_store_from_config",
]
