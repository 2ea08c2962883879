"""`REPOSITORIES`: what the unit of work (repositories/uow.py) offers of this feature, by the name the domain's
UnitOfWork port gives it."""

from __future__ import annotations

from repositories.complaints.repository import SqlComplaintRepository

REPOSITORIES = {"complaints": SqlComplaintRepository}
