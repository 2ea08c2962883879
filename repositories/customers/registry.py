"""`REPOSITORIES`: what the unit of work (repositories/uow.py) offers of this feature, by the name the domain's
UnitOfWork port gives it; `Repositories` holds each implementation to its port (mypy)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypedDict

from sqlalchemy.ext.asyncio import AsyncSession

from domain.customers.ports import ContactRepository, CustomerRepository
from repositories.customers.repository import SqlContactRepository, SqlCustomerRepository


class Repositories(TypedDict):
    customers: Callable[[AsyncSession], CustomerRepository]
    contacts: Callable[[AsyncSession], ContactRepository]


REPOSITORIES: Repositories = {"customers": SqlCustomerRepository, "contacts": SqlContactRepository}
