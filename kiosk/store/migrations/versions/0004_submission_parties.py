"""Every person of a form is a data subject: the other parties' pseudonyms (a spouse, a
parent, the deceased) in `submission_parties`, so a subject request finds them too
(kiosk/store/parties.py, Law 91/2025/QH15 Art. 4).

Existing submissions have no rows here (their other parties were never indexed: the
previous version kept only the declarant's pseudonym); nothing else changes. On PostgreSQL
the table gets the same row-level security as the others, and every role that may write
`submissions` (the kiosks' group role of `kiosk store pg-setup`) gets SELECT, INSERT and
DELETE on it, so kiosks keep working after the upgrade without re-running pg-setup.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

KIOSK = 40


def upgrade() -> None:
    op.create_table(
        "submission_parties",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kiosk_id", sa.String(KIOSK), nullable=False, server_default=""),
        sa.Column("submission_id", sa.Integer,
                  sa.ForeignKey("submissions.id", ondelete="CASCADE"), nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("subject_hmac", sa.String(64), nullable=False),
    )
    op.create_index("ix_submission_parties_submission_id", "submission_parties",
                    ["submission_id"])
    op.create_index("ix_submission_parties_subject_hmac", "submission_parties",
                    ["subject_hmac"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE submission_parties ENABLE ROW LEVEL SECURITY")
        op.execute("CREATE POLICY kiosk_own_rows ON submission_parties USING "
                   "(kiosk_id = current_user) WITH CHECK (kiosk_id = current_user)")
        # the roles that write submissions (pg-setup's group) write their parties too
        grantees = op.get_bind().execute(sa.text(
            "SELECT DISTINCT quote_ident(pg_get_userbyid(a.grantee)) FROM pg_class c, "
            "aclexplode(c.relacl) a WHERE c.oid = 'submissions'::regclass AND "
            "a.privilege_type = 'INSERT' AND a.grantee <> c.relowner AND a.grantee <> 0"
        )).scalars().all()
        sequence = op.get_bind().execute(sa.text(
            "SELECT pg_get_serial_sequence('submission_parties', 'id')")).scalar_one()
        for role in grantees:
            op.execute(f"GRANT SELECT, INSERT, DELETE ON submission_parties TO {role}")
            op.execute(f"GRANT USAGE, SELECT ON SEQUENCE {sequence} TO {role}")


def downgrade() -> None:
    op.drop_table("submission_parties")
