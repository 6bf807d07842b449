"""Accountable and lawful (issue 16): per-kiosk rows and audit chains, the deletable part of
audit entries apart from the chain, anchors, staff accounts, consent, sealed documents,
training submissions, audited settings; row-level security on PostgreSQL.

Existing rows get kiosk_id '' (legacy); the first kiosk that opens the store with the key that
sealed them adopts them (kiosk.store.adopt). Legacy audit entries keep their SHA-256 chain;
their encrypted notes move to audit_private (the chain covers the note's digest, not the note,
so the move changes no hash).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

KIOSK = 40
#: tables whose rows belong to one kiosk: each kiosk role sees and writes only its own
OWN_ROWS = ("submissions", "outbox", "audit_log", "audit_private", "audit_anchors", "consents",
            "documents", "settings_audit")


def _kiosk_col(nullable: bool = False) -> sa.Column:
    return sa.Column("kiosk_id", sa.String(KIOSK), nullable=nullable, server_default="")


def upgrade() -> None:
    op.create_table(
        "consents",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _kiosk_col(),
        sa.Column("text_version", sa.String(64), nullable=False),
        sa.Column("purpose", sa.String(64), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("given_at", sa.DateTime(), nullable=False),
    )
    with op.batch_alter_table("submissions") as batch:
        batch.add_column(_kiosk_col())
        batch.add_column(sa.Column("training", sa.Boolean, nullable=False, server_default="0"))
        batch.add_column(sa.Column("created_by", sa.String(128), nullable=True))
        batch.add_column(sa.Column("purge_reason", sa.String(24), nullable=True))
        batch.add_column(sa.Column("case_sealed", sa.LargeBinary, nullable=True))
        batch.add_column(sa.Column("subject_hmac", sa.String(64), nullable=True))
        batch.add_column(sa.Column("consent_id", sa.Integer, nullable=True))
        batch.create_foreign_key("fk_submissions_consent_id", "consents", ["consent_id"],
                                 ["id"], ondelete="SET NULL")
        batch.create_index("ix_submissions_subject_hmac", ["subject_hmac"])
        batch.create_index("ix_submissions_kiosk_status", ["kiosk_id", "status"])
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(_kiosk_col())
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _kiosk_col(),
        sa.Column("submission_id", sa.Integer,
                  sa.ForeignKey("submissions.id", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("key_id", sa.String(16), nullable=False),
        sa.Column("sealed", sa.LargeBinary, nullable=True),
        sa.Column("file_path", sa.Text, nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_documents_submission_id", "documents", ["submission_id"])
    _audit_tables()
    op.create_table(
        "staff_accounts",
        sa.Column("staff_id", sa.String(32), primary_key=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("pin_hash", sa.String(200), nullable=False),
        sa.Column("enabled", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("disabled_at", sa.DateTime(), nullable=True),
        sa.Column("failed_count", sa.Integer, nullable=False),
        sa.Column("first_failure_at", sa.DateTime(), nullable=True),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("last_login_at", sa.DateTime(), nullable=True),
    )
    op.create_table(
        "settings_audit",
        sa.Column("kiosk_id", sa.String(KIOSK), primary_key=True),
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value_json", sa.Text, nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(128), nullable=False),
    )
    if op.get_bind().dialect.name == "postgresql":
        _row_level_security()


def _audit_tables() -> None:
    op.create_table(
        "audit_private",
        sa.Column("kiosk_id", sa.String(KIOSK), primary_key=True),
        sa.Column("seq", sa.Integer, primary_key=True),
        sa.Column("subject_salt", sa.String(32), nullable=True),
        sa.Column("subject_hmac", sa.String(64), nullable=True),
        sa.Column("note_key_id", sa.String(16), nullable=True),
        sa.Column("note_sealed", sa.LargeBinary, nullable=True),
        sa.Column("note_digest", sa.String(64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_audit_private_subject_hmac", "audit_private", ["subject_hmac"])
    op.create_table(
        "audit_anchors",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kiosk_id", sa.String(KIOSK), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("entry_hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.String(16), nullable=False),
        sa.Column("witness", sa.String(16), nullable=False),
    )
    op.create_index("ix_audit_anchors_kiosk_seq", "audit_anchors", ["kiosk_id", "seq"])
    # audit_log: (kiosk_id, seq) replaces the global seq key. Rebuilt rather than altered,
    # so SQLite and PostgreSQL take the same path (the old unique constraint is unnamed).
    op.create_table(
        "audit_log_new",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _kiosk_col(),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("event", sa.String(64), nullable=False),
        sa.Column("actor", sa.String(128), nullable=False),
        sa.Column("reference", sa.String(16), nullable=True),
        sa.Column("subject_hmac", sa.String(64), nullable=True),
        sa.Column("subject_digest", sa.String(64), nullable=True),
        sa.Column("details", sa.Text, nullable=False),
        sa.Column("note_sha256", sa.String(64), nullable=True),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("entry_hash", sa.String(64), nullable=False),
        sa.Column("mac_key_id", sa.String(16), nullable=True),
        sa.UniqueConstraint("kiosk_id", "seq", name="uq_audit_log_kiosk_seq"),
    )
    op.execute(
        "INSERT INTO audit_log_new (id, kiosk_id, seq, created_at, event, actor, reference, "
        "subject_hmac, details, note_sha256, prev_hash, entry_hash) SELECT id, '', seq, "
        "created_at, event, actor, reference, subject_hmac, details, note_sha256, prev_hash, "
        "entry_hash FROM audit_log")
    op.execute(
        "INSERT INTO audit_private (kiosk_id, seq, note_sealed, created_at) SELECT '', seq, "
        "note_sealed, created_at FROM audit_log WHERE note_sealed IS NOT NULL")
    op.drop_index("ix_audit_log_reference", table_name="audit_log")
    op.drop_table("audit_log")
    op.rename_table("audit_log_new", "audit_log")
    op.create_index("ix_audit_log_reference", "audit_log", ["reference"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute("SELECT setval(pg_get_serial_sequence('audit_log', 'id'), "
                   "COALESCE((SELECT MAX(id) FROM audit_log), 0) + 1, false)")


def _row_level_security() -> None:
    """Each kiosk's database role sees and writes only rows with kiosk_id = its role name.
    The owner (migrations, administration) bypasses row-level security; the privileges a
    kiosk role gets (which tables, which verbs) are granted by kiosk.store.pgroles."""
    for table in OWN_ROWS:
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY kiosk_own_rows ON {table} USING (kiosk_id = current_user) "
                   "WITH CHECK (kiosk_id = current_user)")


def downgrade() -> None:
    raise NotImplementedError(
        "revision 0003 moves audit notes and rebuilds the audit log; going back is not "
        "supported: restore the database backup taken before the upgrade")
