"""PostgreSQL roles for a central store: each kiosk its own login role, in one group role.

Run once by the store's owner (`kiosk store pg-setup`), after the schema exists. Revision
0003 turned on row-level security: a kiosk role sees and writes only rows whose `kiosk_id` is
its own role name. The grants below decide which verbs it has at all:

| table | kiosk role may |
|---|---|
| audit_log | SELECT, INSERT; UPDATE only of subject_hmac/subject_digest (pseudonym retention of legacy entries) - never rewrite or delete an entry |
| audit_anchors | SELECT, INSERT - an anchor, once written, is out of the kiosk's reach |
| audit_private | SELECT, INSERT, UPDATE, DELETE (notes and pseudonyms are deleted on schedule) |
| submissions, documents | SELECT, INSERT, UPDATE (documents also DELETE) |
| submission_parties | SELECT, INSERT, DELETE (the other parties' pseudonyms, deleted with the form) |
| outbox | SELECT, INSERT, UPDATE, DELETE |
| consents | SELECT, INSERT |
| settings_audit | SELECT, INSERT, UPDATE |
| staff_accounts | SELECT, INSERT, UPDATE (shared by the kiosks of one office; no row security) |

So a kiosk cannot write another kiosk's log, cannot change or delete its own entries or
anchors, and cannot read another kiosk's citizens. The owner keeps every right (migrations,
an auditor's reading of all chains); keep its password off the kiosks.
"""

from __future__ import annotations

import re

from sqlalchemy import Engine, text

GROUP = "kiosk_app"
_NAME = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,39}$")

GRANTS = (
    ("audit_log", "SELECT, INSERT, UPDATE (subject_hmac, subject_digest)"),
    ("audit_anchors", "SELECT, INSERT"),
    ("audit_private", "SELECT, INSERT, UPDATE, DELETE"),
    ("submissions", "SELECT, INSERT, UPDATE"),
    ("documents", "SELECT, INSERT, UPDATE, DELETE"),
    ("submission_parties", "SELECT, INSERT, DELETE"),
    ("outbox", "SELECT, INSERT, UPDATE, DELETE"),
    ("consents", "SELECT, INSERT"),
    ("settings_audit", "SELECT, INSERT, UPDATE"),
    ("staff_accounts", "SELECT, INSERT, UPDATE"),
    ("alembic_version", "SELECT"),
)


def _ident(name: str) -> str:
    if not _NAME.match(name):
        raise ValueError(f"{name!r} cannot be a role name here: use 1 to 40 lower-case "
                         "letters, digits, '.', '-' or '_'")
    return '"' + name + '"'


def provision(engine: Engine, *, group: str = GROUP) -> list[str]:
    """Create the group role if needed and grant it exactly the rights above on the current
    schema (idempotent). Returns the statements run."""
    g = _ident(group)
    done = []
    with engine.begin() as conn:
        exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :g"),
                              {"g": group}).first()
        stmts = [] if exists else [f"CREATE ROLE {g} NOLOGIN"]
        stmts.append(f"GRANT USAGE ON SCHEMA {_schema(conn)} TO {g}")
        for table, verbs in GRANTS:
            stmts.append(f"REVOKE ALL ON {table} FROM {g}")
            stmts.append(f"GRANT {verbs} ON {table} TO {g}")
        stmts.append(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {_schema(conn)} TO {g}")
        for stmt in stmts:
            conn.execute(text(stmt))
            done.append(stmt)
    return done


def add_kiosk(engine: Engine, name: str, *, group: str = GROUP,
              password: str | None = None) -> None:
    """A login role for one kiosk (its name is the kiosk's id), member of `group`.
    Prefer certificate or ~/.pgpass authentication to a password (pg_hba.conf)."""
    k, g = _ident(name), _ident(group)
    with engine.begin() as conn:
        exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"),
                              {"n": name}).first()
        if not exists:
            conn.execute(text(f"CREATE ROLE {k} LOGIN IN ROLE {g}"))
        else:
            conn.execute(text(f"GRANT {g} TO {k}"))
        if password is not None:  # utility statements take no bind parameters: quote it
            if "\x00" in password:
                raise ValueError("a password cannot contain NUL")
            literal = "'" + password.replace("'", "''") + "'"
            conn.exec_driver_sql(f"ALTER ROLE {k} PASSWORD {literal}")


def _schema(conn) -> str:  # noqa: ANN001 - a Connection
    name = conn.execute(text("SELECT current_schema()")).scalar()
    return '"' + str(name).replace('"', '""') + '"'
