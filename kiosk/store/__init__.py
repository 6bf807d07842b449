"""The submission store: encrypted submissions, the delivery outbox, the audit log, retention.

    from kiosk.store import open_store
    store = open_store()                                   # or open_store_from_config(cfg)
    sub = store.submit("khai-sinh", form, actor="staff:nv01", subject=id_number)
    sub.reference                                          # 'K7M2-9QXP' for the receipt
    store.audit("face.override", actor="staff:nv01", reference=sub.reference,
                details={"reason": "glasses"})
"""

from kiosk.store.audit import AuditEntry, AuditVerification
from kiosk.store.errors import (
    AuditDetailsError,
    KeyFileError,
    NotFound,
    Purged,
    SchemaError,
    StoreError,
    StoreUnavailable,
)
from kiosk.store.store import Store, open_store, open_store_from_config
from kiosk.store.submissions import OutboxStats, Submission

__all__ = [
    "AuditDetailsError", "AuditEntry", "AuditVerification", "KeyFileError", "NotFound",
    "OutboxStats", "Purged", "SchemaError", "Store", "StoreError", "StoreUnavailable",
    "Submission", "open_store", "open_store_from_config",
]
