"""kiosk/store/documents.py: PDFs sealed in the store or written 0600 for a printer, and
deleted with the submission's personal data. The attack on main: PDFs plaintext, 0644,
never purged."""

from __future__ import annotations

import os
import stat
import time
from datetime import timedelta

import pytest
from sqlalchemy import select

from kiosk.store import NotFound, Purged
from kiosk.store.documents import attach_pdf, pdf, write_pdf_file
from kiosk.store.models import DocumentRow
from tests.kiosk.store.conftest import FORM

PDF = "%PDF-1.7 Nguyễn Thị Minh Khai 001099012345".encode()


def test_a_pdf_is_sealed_read_back_audited_and_purged_with_its_submission(store, clock):
    sub = store.submit("svc", FORM, actor="staff:nv01")
    attach_pdf(store, sub.reference, PDF)
    with store.transaction() as s:
        row = s.scalars(select(DocumentRow)).one()
        assert row.key_id == store.keys.key_id and PDF not in row.sealed
    assert pdf(store, sub.reference, actor="staff:nv02") == PDF
    assert store.audit_entries(reference=sub.reference)[-1].event == "document.viewed"
    clock.advance(days=91)
    store.purge(after_delivery_days=30, undelivered_days=90)
    with store.transaction() as s:
        assert s.scalars(select(DocumentRow)).all() == []
    with pytest.raises(Purged):
        pdf(store, sub.reference)


def test_a_file_for_the_printer_is_private_and_goes_with_the_submission(store, clock,
                                                                       tmp_path):
    old_umask = os.umask(0o022)
    try:
        sub = store.submit("svc", FORM, actor="staff:nv01")
        path = write_pdf_file(store, sub.reference, PDF, tmp_path / "out")
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert path.read_bytes() == PDF and "001099012345" not in path.name
    clock.advance(days=91)
    report = store.purge(after_delivery_days=30, undelivered_days=90)
    assert report.files == 1 and not path.exists()


def test_a_pdf_for_an_unknown_or_purged_submission_is_refused(store, clock, tmp_path):
    with pytest.raises(NotFound):
        attach_pdf(store, "ZZZZ-ZZZZ", PDF)
    sub = store.submit("svc", FORM, actor="staff:nv01")
    clock.advance(days=91)
    store.purge(after_delivery_days=30, undelivered_days=90)
    with pytest.raises(Purged):
        write_pdf_file(store, sub.reference, PDF, tmp_path)
    assert list(tmp_path.glob("form-*.pdf")) == []


def test_purge_sweeps_pdfs_older_versions_left_in_the_printer_folder(store, clock, tmp_path):
    folder = tmp_path / "pdf"
    folder.mkdir()
    old, new, other = folder / "form-20260101-x.pdf", folder / "form-now.pdf", \
        folder / "notes.pdf"
    for p in (old, new, other):
        p.write_bytes(PDF)
    stale = (clock.now - timedelta(days=100)).timestamp()
    os.utime(old, (stale, stale))
    os.utime(new, (time.time(), time.time()))
    os.utime(other, (stale, stale))
    report = store.purge(after_delivery_days=30, undelivered_days=90, pdf_dir=folder)
    assert report.files == 1
    assert (old.exists(), new.exists(), other.exists()) == (False, True, True)
