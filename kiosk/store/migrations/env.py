"""Alembic environment, driven programmatically by kiosk.store.migrate (no alembic.ini).

The caller passes an open connection in `config.attributes["connection"]`; migrations run in
its transaction, so an interrupted upgrade leaves the previous schema (SQLite and PostgreSQL
both have transactional DDL).
"""

from __future__ import annotations

from alembic import context

from kiosk.store.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
