"""The imported demo customers as the score-sheet and complaint loaders pick from them, read back through the
customer port."""

from __future__ import annotations

from domain.customers.model import CustomerFilters, Partition
from domain.organisation.model import DataScope, ScopeKind
from domain.paging import PageRequest
from domain.ports import UnitOfWork

_PAGE = 1000


async def owned_customers(uow: UnitOfWork) -> list[tuple[int, int]]:
    """(customer id, owner id) of every customer who has an account manager and is not abandoned, by customer id
    (the order the seeded picks of scores.py and complaints.py depend on)."""
    found: list[tuple[int, int]] = []
    cursor = None
    async with uow:
        while True:
            page = await uow.customers.list(DataScope(ScopeKind.ALL), CustomerFilters(sort="name"),
                                            PageRequest(limit=_PAGE, cursor=cursor))
            found.extend((c.id, c.owner.id) for c in page.items
                         if c.owner is not None and c.partition is not Partition.ABANDONED)
            if page.next_cursor is None:
                break
            cursor = page.next_cursor
    return sorted(found)
