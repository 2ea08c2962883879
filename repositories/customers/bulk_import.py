"""Bulk import of prepared customers (demo data, first migration of an archive).

One transaction and a handful of multi-row statements for thousands of customers: the caller has
validated every record with the domain rules already.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from domain.customers.model import EDITABLE_FIELDS
from repositories.audit import audit_log
from repositories.customers.repository import column_values, jsonable
from repositories.customers.tables import contacts, customer_ownership, customers

_CHUNK = 500
# Record keys that are not customer columns.
_NOT_COLUMNS = ("contacts", "owner_id", "org_unit_id", "org_unit_code", "created_at", "updated_at")


async def import_customers(
    session: AsyncSession,
    records: list[dict[str, Any]],
    *,
    actor_id: int | None,
) -> list[int]:
    """Insert customers with their contacts, first ownership period and a `create` audit row.

    Each record holds the customer's column values plus `owner_id`, `org_unit_id`, `created_at`,
    `updated_at` and `contacts` (a list of contact column dicts). Returns the new ids in order.
    """
    ids: list[int] = []
    for start in range(0, len(records), _CHUNK):
        chunk = records[start:start + _CHUNK]
        rows = []
        for record in chunk:
            values = {k: v for k, v in record.items() if k not in _NOT_COLUMNS}
            rows.append({**column_values(values), "owner_id": record["owner_id"],
                         "org_unit_id": record["org_unit_id"], "created_at": record["created_at"],
                         "updated_at": record["updated_at"]})
        # Every row names the same keys so one multi-row INSERT covers the chunk.
        keys = sorted({k for row in rows for k in row})
        rows = [{k: row.get(k) for k in keys} for row in rows]
        for row in rows:
            if row.get("tags") is None:
                row["tags"] = []
            if row.get("characteristics") is None:
                row["characteristics"] = {}
        result = await session.execute(
            insert(customers).returning(customers.c.id, sort_by_parameter_order=True), rows
        )
        new = [r.id for r in result]
        ids.extend(new)

        ownership, audit, contact_rows = [], [], []
        for record, row, customer_id in zip(chunk, rows, new, strict=True):
            ownership.append({
                "customer_id": customer_id, "owner_id": record["owner_id"], "org_unit_id": record["org_unit_id"],
                "started_at": record["created_at"], "ended_at": None, "reason": "created", "changed_by": actor_id,
            })
            # The same shape as Customer.snapshot(), so the audit trail reads alike for every customer.
            snapshot = {k: row.get(k) for k in (*EDITABLE_FIELDS, "abandon_reason", "abandon_review_on")}
            snapshot.update(owner_id=record["owner_id"], org_unit_code=record["org_unit_code"])
            audit.append({
                "at": record["created_at"], "actor_id": actor_id, "action": "create", "entity_type": "customer",
                "entity_id": customer_id, "customer_id": customer_id, "before": None,
                "after": jsonable(snapshot),
            })
            for contact in record.get("contacts", []):
                contact_rows.append(_contact_row(customer_id, contact, record["created_at"]))
        await session.execute(insert(customer_ownership), ownership)
        await session.execute(insert(audit_log), audit)
        if contact_rows:
            await session.execute(insert(contacts), contact_rows)
    return ids


_CONTACT_KEYS = ("name", "decision_role", "title", "phone", "email", "wechat", "notes", "is_primary",
                 "started_on", "ended_on", "ended_reason")


def _contact_row(customer_id: int, contact: dict[str, Any], created_at: datetime) -> dict[str, Any]:
    row: dict[str, Any] = {k: contact.get(k) for k in _CONTACT_KEYS}
    row["is_primary"] = bool(row["is_primary"])
    started_on = row["started_on"]
    if not isinstance(started_on, date):
        row["started_on"] = created_at.date()
    row.update(customer_id=customer_id, created_at=created_at, updated_at=created_at)
    return row
