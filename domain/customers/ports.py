"""The customer archive's ports: customers with their owners and history, and contacts.
repositories/ implements them."""

from __future__ import annotations

import builtins
from datetime import datetime
from typing import Any, Protocol

from domain.customers.model import Contact, Customer, CustomerFilters, OwnershipPeriod
from domain.organisation.model import DataScope
from domain.paging import Page, PageRequest


class CustomerRepository(Protocol):
    async def get(self, customer_id: int, scope: DataScope, *, for_update: bool = False) -> Customer | None: ...

    async def list(self, scope: DataScope, filters: CustomerFilters, page: PageRequest) -> Page[Customer]: ...

    async def count_matching(self, scope: DataScope, filters: CustomerFilters, *, up_to: int) -> int:
        """How many customers `list` would show, counting no further than `up_to`."""
        ...

    async def add(self, values: dict[str, Any], *, owner_id: int | None, org_unit_id: int,
                  at: datetime) -> Customer:
        """A new customer created (and last updated) `at`."""
        ...

    async def update(self, customer_id: int, values: dict[str, Any], expected_version: int, *,
                     at: datetime) -> Customer | None:
        """Applies values, updated `at`, if the stored version is expected_version; None when it is not."""
        ...

    async def ids_in_scope(self, ids: builtins.list[int], scope: DataScope) -> builtins.list[int]: ...

    async def external_id_taken(self, source_system: str | None, external_id: str, exclude_id: int | None) -> bool: ...

    async def start_ownership(
        self, customer_id: int, *, owner_id: int | None, org_unit_id: int, at: datetime, reason: str | None,
        changed_by: int | None,
    ) -> None:
        """Closes the open ownership period (if any) at `at` and opens a new one."""
        ...

    async def ownership_history(self, customer_id: int) -> builtins.list[OwnershipPeriod]: ...

    async def count(self) -> int: ...

    async def lock_source(self, source: str) -> None:
        """Until the transaction ends, other writers of this source's customers wait."""
        ...

    async def by_external_ids(self, source: str, external_ids: builtins.list[str]) -> dict[str, Customer]: ...

    async def bulk_import(self, records: builtins.list[dict[str, Any]], *, actor_id: int | None) -> builtins.list[int]:
        """Inserts prepared customers (demo data, the first migration of an archive) in a few multi-row statements,
        each with its contacts, first ownership period and `create` audit row; the caller has checked every record
        with the domain's field rules. A record holds the customer's values plus `owner_id`, `org_unit_id`,
        `org_unit_code`, `created_at`, `updated_at` and `contacts` (a list of contact values). Returns the new ids
        in the records' order."""
        ...


class ContactRepository(Protocol):
    async def get(self, contact_id: int) -> Contact | None: ...

    async def list_for_customer(self, customer_id: int) -> list[Contact]: ...

    async def add(self, customer_id: int, values: dict[str, Any], *, at: datetime) -> Contact: ...

    async def update(self, contact_id: int, values: dict[str, Any], expected_version: int, *,
                     at: datetime) -> Contact | None: ...

    async def clear_primary(self, customer_id: int, except_id: int | None, *, at: datetime) -> None: ...
