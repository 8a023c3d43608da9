"""Alembic environment: runs on the connection handed in by `Database.upgrade`."""

from __future__ import annotations

from alembic import context

from commandcenter.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through `commandcenter db upgrade`")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
