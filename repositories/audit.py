"""The audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Table,
    Text,
    insert,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession

from domain.audit import AuditEntry, AuditRecord
from domain.organisation.model import UserRef
from domain.paging import Page, PageRequest
from repositories.customers.repository import jsonable
from repositories.metadata import metadata
from repositories.organisation.tables import users
from repositories.pagination import decode_cursor, encode_cursor, key_id

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor_id", BigInteger, ForeignKey("users.id"), nullable=True),
    Column("action", Text, nullable=False),
    Column("entity_type", Text, nullable=False),
    Column("entity_id", BigInteger, nullable=False),
    Column("customer_id", BigInteger, nullable=True),
    Column("before", JSONB, nullable=True),
    Column("after", JSONB, nullable=True),
    Index("ix_audit_log_customer_id_id", "customer_id", text("id DESC")),
    Index("ix_audit_log_entity", "entity_type", "entity_id"),
)


class SqlAuditLog:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def record(self, entry: AuditEntry, at: datetime) -> None:
        await self.session.execute(insert(audit_log).values(
            at=at, actor_id=entry.actor_id, action=entry.action, entity_type=entry.entity_type,
            entity_id=entry.entity_id, customer_id=entry.customer_id,
            before=jsonable(entry.before) if entry.before is not None else None,
            after=jsonable(entry.after) if entry.after is not None else None,
        ))

    async def list_for_customer(self, customer_id: int, page: PageRequest) -> Page[AuditRecord]:
        stmt: Any = (
            select(audit_log, users.c.username, users.c.display_name)
            .outerjoin(users, users.c.id == audit_log.c.actor_id)
            .where(audit_log.c.customer_id == customer_id)
        )
        if page.cursor:
            (last_id,) = decode_cursor(page.cursor, key_id)
            stmt = stmt.where(audit_log.c.id < last_id)
        rows = (await self.session.execute(stmt.order_by(audit_log.c.id.desc()).limit(page.limit + 1))).all()
        items = []
        for row in rows[: page.limit]:
            m = row._mapping
            items.append(AuditRecord(
                id=m["id"], at=m["at"],
                actor=UserRef(m["actor_id"], m["username"], m["display_name"]) if m["actor_id"] else None,
                action=m["action"], entity_type=m["entity_type"], entity_id=m["entity_id"], before=m["before"],
                after=m["after"],
            ))
        return Page(items, encode_cursor([items[-1].id]) if len(rows) > page.limit else None)
