"""How customers' grades and categories move: history, the category matrix, transitions and alerts (docs/domain.md
section 5: grades move between quarters; keep every customer's history and show promotions and demotions)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from domain.errors import FieldError, NotFound, RuleViolation
from domain.organisation.model import Permission, Principal
from domain.ports import UnitOfWork
from domain.scoring.model import Dimension, Grade, Quarter
from domain.scoring.sheets import parse_period
from domain.tiering.model import MARGINAL, STRONGHOLD, AlertKind, CategoryRule, Movement, TierHistoryEntry, alert_for


async def tier_history(uow: UnitOfWork, principal: Principal, customer_id: int) -> list[TierHistoryEntry]:
    """The customer's grades, category, key-account level and ABC class over time, newest first."""
    principal.require(Permission.CUSTOMERS_READ)
    async with uow:
        if await uow.customers.get(customer_id, principal.scope) is None:
            raise NotFound(f"Customer {customer_id} not found.")
        return await uow.score_sheets.tier_history(customer_id)


@dataclass(frozen=True)
class CategoryMatrix:
    rules: list[CategoryRule]
    # (grades, category, customers); grades None = customers not graded yet.
    cells: list[tuple[dict[Dimension, Grade] | None, str | None, int]]


async def category_matrix(uow: UnitOfWork, principal: Principal) -> CategoryMatrix:
    """Customers in the caller's scope per combination of current grades, with the category it gives."""
    principal.require(Permission.CUSTOMERS_READ)
    async with uow:
        return CategoryMatrix(await uow.category_rules.list(), await uow.score_sheets.category_matrix(principal.scope))


@dataclass(frozen=True)
class Transitions:
    before: Quarter
    after: Quarter
    rules: list[CategoryRule]
    # (category in `before`, category in `after`, customers); None = no approved sheet that quarter.
    cells: list[tuple[str | None, str | None, int]]


def _quarters(before: str | None, after: str | None, now: datetime, time_zone: str) -> tuple[Quarter, Quarter]:
    later = parse_period(after, now=now, time_zone=time_zone, field="to") if after else None
    earlier = parse_period(before, now=now, time_zone=time_zone, field="from") if before else None
    if later is None:
        later = earlier.next() if earlier else Quarter.of(now.astimezone(ZoneInfo(time_zone)).date()).previous()
    if earlier is None:
        earlier = later.previous()
    if earlier >= later:
        raise RuleViolation([FieldError("from", "must be a quarter before `to`")])
    return earlier, later


async def transitions(uow: UnitOfWork, principal: Principal, before: str | None, after: str | None, *,
                      now: datetime, time_zone: str) -> Transitions:
    """Category x category counts between two quarters, from approved sheets (default: the last complete
    quarter against the one before)."""
    principal.require(Permission.CUSTOMERS_READ)
    earlier, later = _quarters(before, after, now, time_zone)
    async with uow:
        return Transitions(earlier, later, await uow.category_rules.list(),
                           await uow.score_sheets.transitions(principal.scope, earlier, later))


@dataclass(frozen=True)
class Alert:
    kind: AlertKind
    movement: Movement


@dataclass(frozen=True)
class Alerts:
    before: Quarter
    after: Quarter
    alerts: list[Alert]


async def tier_alerts(uow: UnitOfWork, principal: Principal, before: str | None, after: str | None, *,
                 now: datetime, time_zone: str) -> Alerts:
    """Marginal customers whose potential grade rose (worth investing in now) and strongholds that fell, between
    two quarters' approved sheets."""
    principal.require(Permission.CUSTOMERS_READ)
    earlier, later = _quarters(before, after, now, time_zone)
    async with uow:
        movements = await uow.score_sheets.movements(principal.scope, earlier, later, [MARGINAL, STRONGHOLD])
    found = [Alert(kind, m) for m in movements if (kind := alert_for(m)) is not None]
    return Alerts(earlier, later, found)
