"""Audit notes: free text from staff (e.g. why a face match was overridden), encrypted.

The chain covers the note's SHA-256, not the note, so retention can delete the ciphertext
and the chain still verifies.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("note_sha256", sa.String(64), nullable=True))
        batch.add_column(sa.Column("note_sealed", sa.LargeBinary, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("note_sealed")
        batch.drop_column("note_sha256")
