"""PDFs of submitted forms: sealed in the store, or a private file the store will delete.

A printed form holds everything the form does. The kiosk keeps it only in two ways:

- `attach_pdf`: sealed like the form (AES-256-GCM, its key id recorded) in `documents`, for
  a reprint (`pdf`, audited when staff open it); deleted with the submission's personal data;
- `write_pdf_file`: for a printer that needs a file (printer = "pdf"): written 0600 in a
  0700 folder, with no personal data in its name, and registered, so that retention and
  erasure delete the file with the submission.

Printing itself (kiosk/forms, ui/) sends the bytes from memory.
"""

from __future__ import annotations

import os
import secrets
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from kiosk.store.crypto import document_aad
from kiosk.store.errors import NotFound, Purged, StoreError
from kiosk.store.models import DocumentRow, SubmissionRow
from kiosk.store.reference import normalize_reference
from kiosk.store.store import Store

PDF = "pdf"
_MAX = 20 * 1024 * 1024


def _submission(store: Store, s, reference: str) -> SubmissionRow:  # noqa: ANN001 - Session
    row = s.scalars(select(SubmissionRow).where(
        SubmissionRow.kiosk_id == store.kiosk_id,
        SubmissionRow.reference == normalize_reference(reference))).first()
    if row is None:
        raise NotFound(f"no submission with reference {normalize_reference(reference)}")
    if row.purged_at is not None:
        raise Purged(f"submission {row.reference} was purged; no document is kept for it")
    return row


def attach_pdf(store: Store, reference: str, pdf: bytes) -> int:
    """Keep the PDF of a submission, sealed; returns the document id."""
    if not isinstance(pdf, bytes) or not pdf.startswith(b"%PDF") or len(pdf) > _MAX:
        raise StoreError("a PDF (at most 20 MiB) is expected")
    keys = store.keys
    with store.transaction() as s:
        sub = _submission(store, s, reference)
        row = DocumentRow(kiosk_id=store.kiosk_id, submission_id=sub.id, kind=PDF,
                          key_id=keys.key_id,
                          sealed=keys.seal(pdf, document_aad(sub.reference, PDF)),
                          created_at=store.now())
        s.add(row)
        s.flush()
        return row.id


def pdf(store: Store, reference: str, *, actor: str | None = None) -> bytes:
    """The sealed PDF of a submission (its newest); with `actor`, the read is audited."""
    with store.transaction() as s:
        sub = _submission(store, s, reference)
        row = s.scalars(select(DocumentRow).where(
            DocumentRow.submission_id == sub.id, DocumentRow.kind == PDF,
            DocumentRow.sealed.is_not(None)).order_by(DocumentRow.id.desc())).first()
        if row is None:
            raise NotFound(f"no PDF is kept for submission {sub.reference}")
        sealed, key_id, ref = row.sealed, row.key_id, sub.reference
        if actor is not None:
            store._append(s, store.now(), "document.viewed", actor, ref, None, {"kind": PDF})
    assert sealed is not None
    return store.keys.open(sealed, document_aad(ref, PDF), key_id)


def write_pdf_file(store: Store, reference: str, pdf: bytes, folder: str | Path) -> Path:
    """Write the PDF for a printer that reads files: 0600, in a 0700 folder, a name without
    personal data; the store deletes the file with the submission's personal data."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    name = f"form-{datetime.now():%Y%m%d-%H%M%S}-{secrets.token_hex(3)}.pdf"
    path = folder / name
    try:
        with store.transaction() as s:
            sub = _submission(store, s, reference)
            s.add(DocumentRow(kiosk_id=store.kiosk_id, submission_id=sub.id, kind=PDF,
                              key_id=store.keys.key_id, sealed=None, file_path=str(path),
                              created_at=store.now()))
            s.flush()
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                os.fchmod(fd, 0o600)  # whatever the umask
                os.write(fd, pdf)
                os.fsync(fd)
            finally:
                os.close(fd)
    except BaseException:
        path.unlink(missing_ok=True)  # not registered: it must not outlive this call
        raise
    return path
