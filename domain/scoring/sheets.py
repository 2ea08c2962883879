"""Quarterly score sheets (评分档案表): filled by an account manager, reviewed by someone else, and on approval
the source of the customer's grades and category (docs/domain.md sections 4 and 5)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from domain.audit import AuditEntry
from domain.customers.model import Customer, Partition, merge_patch
from domain.errors import (
    Conflict,
    FieldError,
    NotFound,
    RuleViolation,
    check_version,
)
from domain.notifications.model import NewNotification, NotificationKind
from domain.organisation.model import Permission, Principal, UserRef
from domain.paging import Page, PageRequest
from domain.ports import Clock, UnitOfWork
from domain.scoring.model import (
    FIRST_QUARTER,
    LAST_QUARTER,
    SHEET_ACTION_PERMISSION,
    Evaluation,
    NewScoreSheet,
    Quarter,
    ScoreModel,
    ScoreSheet,
    SheetAction,
    SheetFilters,
    SheetStatus,
    available_actions,
    computed_values,
    evaluate,
    require_action,
    return_recipients,
    review_recipients,
    sheet_problems,
    submit_problems,
)
from domain.scoring.service import choose_model
from domain.tiering.model import CategoryRule, categorise

# Opening a quarter creates sheets in batches of this many customers.
OPEN_BATCH = 2000
# Opening a quarter drafts a sheet for every customer in scope, so it is for the quarter being scored and two
# years of catching up: the current quarter and the seven before it (the eight the SPA offers). Older quarters
# are history; a sheet for one customer can still be created on its own.
OPEN_QUARTERS_BACK = 7
# The preview lists the owners with the most drafts to come; the others are counted in `more_owners`.
OPEN_OWNER_ROWS = 50


@dataclass(frozen=True)
class SheetView:
    """A sheet with the model version it is scored with, its live result and what the caller may do to it."""

    sheet: ScoreSheet
    model: ScoreModel
    evaluation: Evaluation
    category: CategoryRule
    actions: list[SheetAction]



def parse_period(text: str, *, now: datetime, time_zone: str, field: str = "period") -> Quarter:
    """A quarter like "2026Q3" of the business dates (from 1900Q1), not after the current one (company time
    zone)."""
    quarter = Quarter.parse(text)
    if quarter is None or not FIRST_QUARTER <= quarter <= LAST_QUARTER:
        raise RuleViolation([FieldError(field, f"a quarter like 2026Q3, from {FIRST_QUARTER} on")])
    if quarter > Quarter.of(now.astimezone(ZoneInfo(time_zone)).date()):
        raise RuleViolation([FieldError(field, "a quarter that has not started cannot be scored")])
    return quarter


async def _views(uow: UnitOfWork, principal: Principal, sheets: list[ScoreSheet]) -> list[SheetView]:
    models: dict[int, ScoreModel] = {}
    rules = await uow.category_rules.list()
    views = []
    for sheet in sheets:
        if sheet.model_id not in models:
            model = await uow.score_models.get(sheet.model_id)
            assert model is not None  # a foreign key
            models[sheet.model_id] = model
        model = models[sheet.model_id]
        evaluation = evaluate(model, sheet.values)
        views.append(SheetView(sheet, model, evaluation, categorise(rules, evaluation.grades),
                               available_actions(sheet, principal)))
    return views


async def _view(uow: UnitOfWork, principal: Principal, sheet: ScoreSheet) -> SheetView:
    return (await _views(uow, principal, [sheet]))[0]


async def _load(uow: UnitOfWork, principal: Principal, sheet_id: int, *, for_update: bool = False) -> ScoreSheet:
    sheet = await uow.score_sheets.get(sheet_id, principal.scope, for_update=for_update)
    if sheet is None:
        raise NotFound(f"Score sheet {sheet_id} not found.")
    return sheet


async def _reload(uow: UnitOfWork, principal: Principal, sheet_id: int) -> SheetView:
    return await _view(uow, principal, await _load(uow, principal, sheet_id))


def _new_sheets(models: list[ScoreModel], customers: list[tuple[int, str]], period: Quarter,
                measures: Mapping[int, Any]) -> list[NewScoreSheet]:
    sheets = []
    for customer_id, customer_type in customers:
        model = choose_model(models, customer_type)
        if model is None or model.id is None:
            continue
        computed = computed_values(model, measures[customer_id])
        sheets.append(NewScoreSheet(customer_id, period, model.id, {k: c.points for k, c in computed.items()},
                                    computed))
    return sheets


async def create_sheet(uow: UnitOfWork, principal: Principal, customer_id: int, period: str, *, clock: Clock,
                       time_zone: str) -> SheetView:
    """A draft sheet for the customer and quarter, scored with the model for the customer's type. Indicators
    the data can compute (transaction amount in the quarter, share of the customer's declared purchasing,
    satisfaction from surveys) come prefilled. One sheet per customer and quarter."""
    principal.require(Permission.CUSTOMERS_WRITE)
    now = clock.now()
    quarter = parse_period(period, now=now, time_zone=time_zone)
    async with uow:
        customer = await uow.customers.get(customer_id, principal.scope, for_update=True)
        if customer is None:
            raise NotFound(f"Customer {customer_id} not found.")
        if await uow.score_sheets.exists(customer.id, quarter):
            raise Conflict(f"{customer.name} already has a score sheet for {quarter}.")
        models = await uow.score_models.current()
        if choose_model(models, customer.customer_type) is None:
            raise RuleViolation([FieldError("customer_type", "no score model applies to this customer type")])
        measures = await uow.score_sheets.measures([customer.id], quarter)
        new = _new_sheets(models, [(customer.id, customer.customer_type)], quarter, measures)
        [sheet_id] = await uow.score_sheets.add(new, principal.id, at=now)
        await _audit(uow, principal, "create", sheet_id, customer, None, {"period": str(quarter)}, now)
        view = await _reload(uow, principal, sheet_id)
        await uow.commit()
    return view


async def _audit(uow: UnitOfWork, principal: Principal, action: str, sheet_id: int, customer: Customer | int,
                 before: dict[str, Any] | None, after: dict[str, Any] | None, at: datetime) -> None:
    customer_id = customer if isinstance(customer, int) else customer.id
    # Prefixed like the contacts' actions, so the customer's audit trail names them apart from its own.
    await uow.audit.record(AuditEntry(f"score_sheet_{action}", "score_sheet", sheet_id, customer_id, principal.id,
                                      before, after), at)


@dataclass(frozen=True)
class OwnerDrafts:
    owner: UserRef | None  # None: customers without an account manager
    drafts: int


@dataclass(frozen=True)
class OpenedQuarter:
    period: Quarter
    dry_run: bool
    include_regular: bool
    # Drafts created now (in a dry run: that would be created).
    created: int
    # Customers of those partitions in scope that already have a sheet for the quarter.
    existing: int
    # Customers whose type no score model covers.
    without_model: int
    # The drafts per owner (as counted before creating), most first; at most OPEN_OWNER_ROWS.
    by_owner: list[OwnerDrafts]
    more_owners: int


def current_quarter(now: datetime, time_zone: str) -> Quarter:
    """The quarter in progress on the company's calendar."""
    return Quarter.of(now.astimezone(ZoneInfo(time_zone)).date())


async def open_quarter(uow: UnitOfWork, principal: Principal, period: str | None, *, include_regular: bool = False,
                       dry_run: bool = False, clock: Clock, time_zone: str) -> OpenedQuarter:
    """Draft sheets for the customers in the caller's scope that have none for the quarter (default: the current
    one, company time zone): key customers, and regular ones only when asked (abandoned customers never: they
    are set aside until their review date). A dry run counts what would be created (per owner and in total,
    and how many customers already have a sheet) and writes nothing. Reruns create only what is missing.
    Only the current quarter and the OPEN_QUARTERS_BACK before it can be opened (docs/domain.md section 4)."""
    principal.require(Permission.CUSTOMERS_WRITE)
    now = clock.now()
    current = current_quarter(now, time_zone)
    quarter = current if period is None else parse_period(period, now=now, time_zone=time_zone)
    if current.quarters_after(quarter) > OPEN_QUARTERS_BACK:
        raise RuleViolation([FieldError("period", f"only the current quarter and the {OPEN_QUARTERS_BACK} "
                                                  "before it can be opened")])
    partitions = {Partition.KEY, Partition.REGULAR} if include_regular else {Partition.KEY}
    async with uow:
        models = await uow.score_models.current()
        counts = await uow.score_sheets.quarter_counts(principal.scope, quarter, partitions)
        per_owner: dict[int | None, OwnerDrafts] = {}
        without_model = 0
        for row in counts.missing:
            if choose_model(models, row.customer_type) is None:
                without_model += row.customers
                continue
            key = row.owner.id if row.owner else None
            drafts = per_owner[key].drafts if key in per_owner else 0
            per_owner[key] = OwnerDrafts(row.owner, drafts + row.customers)
        ranked = sorted(per_owner.values(), key=lambda o: (-o.drafts, o.owner is None,
                                                           o.owner.display_name if o.owner else ""))
        drafts = sum(o.drafts for o in ranked)
        if not dry_run:
            missing = await uow.score_sheets.customers_without_sheet(principal.scope, quarter, partitions)
            drafts = 0
            for start in range(0, len(missing), OPEN_BATCH):
                batch = missing[start:start + OPEN_BATCH]
                measures = await uow.score_sheets.measures([c for c, _ in batch], quarter)
                drafts += len(await uow.score_sheets.add(_new_sheets(models, batch, quarter, measures), principal.id,
                                                         at=now))
            await uow.audit.record(AuditEntry("score_sheet_open_quarter", "score_sheet", 0, None, principal.id, None,
                                              {"period": str(quarter), "created": drafts,
                                               "partitions": sorted(str(p) for p in partitions)}), now)
            await uow.commit()
    return OpenedQuarter(quarter, dry_run, include_regular, drafts, counts.existing, without_model,
                         ranked[:OPEN_OWNER_ROWS], max(0, len(ranked) - OPEN_OWNER_ROWS))


async def get_sheet(uow: UnitOfWork, principal: Principal, sheet_id: int) -> SheetView:
    principal.require(Permission.CUSTOMERS_READ)
    async with uow:
        return await _reload(uow, principal, sheet_id)


async def list_sheets(uow: UnitOfWork, principal: Principal, filters: SheetFilters,
                      page: PageRequest) -> Page[SheetView]:
    """Sheets of the customers in the caller's scope, newest first; the review queue is status=submitted
    without the caller's own sheets."""
    principal.require(Permission.CUSTOMERS_READ)
    async with uow:
        found = await uow.score_sheets.list(principal.scope, filters, page)
        return Page(await _views(uow, principal, found.items), found.next_cursor)


async def customer_sheets(uow: UnitOfWork, principal: Principal, customer_id: int) -> list[SheetView]:
    """The customer's sheets, newest quarter first."""
    principal.require(Permission.CUSTOMERS_READ)
    async with uow:
        if await uow.customers.get(customer_id, principal.scope) is None:
            raise NotFound(f"Customer {customer_id} not found.")
        found = await uow.score_sheets.list(principal.scope, SheetFilters(customer_id=customer_id),
                                            PageRequest(limit=400))
        views = await _views(uow, principal, found.items)
    return sorted(views, key=lambda v: v.sheet.period, reverse=True)


def _values_snapshot(sheet: ScoreSheet) -> dict[str, Any]:
    return {"values": {k: str(v) for k, v in sorted(sheet.values.items())}, "notes": dict(sorted(
        sheet.notes.items()))}


async def update_sheet(uow: UnitOfWork, principal: Principal, sheet_id: int,
                       values: Mapping[str, Decimal | None], notes: Mapping[str, str | None],
                       expected_version: int | None, *, clock: Clock) -> SheetView:
    """Enters points (0..weight per indicator; null clears one) and notes. Overriding a computed value needs
    a note saying why. Only drafts and returned sheets change; the caller names the version it edited."""
    principal.require(SHEET_ACTION_PERMISSION[SheetAction.EDIT])
    async with uow:
        sheet = await _load(uow, principal, sheet_id, for_update=True)
        check_version("score sheet", sheet.version, expected_version)
        require_action(sheet, principal, SheetAction.EDIT)
        model = await uow.score_models.get(sheet.model_id)
        assert model is not None
        new_values = merge_patch(sheet.values, values)
        new_notes = {k: v.strip() for k, v in merge_patch(sheet.notes, notes).items() if v and v.strip()}
        problems = sheet_problems(model, new_values, sheet.computed, new_notes)
        if problems:
            raise RuleViolation(problems)
        before, now = _values_snapshot(sheet), clock.now()
        await uow.score_sheets.update(sheet.id, {"values": new_values, "notes": new_notes}, sheet.version, at=now)
        updated = await _load(uow, principal, sheet.id)
        await _audit(uow, principal, "update", sheet.id, sheet.customer.id, before, _values_snapshot(updated), now)
        view = await _view(uow, principal, updated)
        await uow.commit()
    return view


async def submit_sheet(uow: UnitOfWork, principal: Principal, sheet_id: int, expected_version: int | None, *,
                       clock: Clock) -> SheetView:
    """The filler (填表人) sends the sheet to review with every indicator scored; the caller becomes its filler.
    The nearest reviewers whose scope holds the customer are told it awaits them (`review_recipients`)."""
    principal.require(SHEET_ACTION_PERMISSION[SheetAction.SUBMIT])
    async with uow:
        sheet = await _load(uow, principal, sheet_id, for_update=True)
        check_version("score sheet", sheet.version, expected_version, required=False)
        require_action(sheet, principal, SheetAction.SUBMIT)
        view = await _view(uow, principal, sheet)
        problems = submit_problems(view.model, sheet.values)
        if problems:
            raise RuleViolation(problems)
        now = clock.now()
        grades = view.evaluation.grades
        await uow.score_sheets.update(sheet.id, {
            "status": SheetStatus.SUBMITTED, "filled_by": principal.id, "submitted_at": now, "grades": grades,
            "category": view.category.key, "reviewed_by": None, "reviewed_at": None}, sheet.version, at=now)
        await _audit(uow, principal, "submit", sheet.id, sheet.customer.id, {"status": str(sheet.status)},
                     {"status": "submitted", "grades": {str(d): str(g) for d, g in grades.items()},
                      "category": view.category.key}, now)
        reviewers = review_recipients(await uow.score_sheets.reviewers(sheet.customer.id), principal.id)
        await uow.notifications.send([NewNotification(u, NotificationKind.SHEET_SUBMITTED, score_sheet_id=sheet.id,
                                                      customer_id=sheet.customer.id, actor_id=principal.id)
                                      for u in sorted(reviewers)], now)
        view = await _reload(uow, principal, sheet.id)
        await uow.commit()
    return view


async def _review(uow: UnitOfWork, principal: Principal, sheet_id: int, expected_version: int | None,
                  action: SheetAction) -> ScoreSheet:
    principal.require(SHEET_ACTION_PERMISSION[action])
    sheet = await _load(uow, principal, sheet_id, for_update=True)
    check_version("score sheet", sheet.version, expected_version, required=False)
    require_action(sheet, principal, action)
    return sheet


async def approve_sheet(uow: UnitOfWork, principal: Principal, sheet_id: int, comment: str | None,
                        expected_version: int | None, *, clock: Clock) -> SheetView:
    """A store manager or the HQ key-account department (审核人), not the filler, approves: the sheet's grades
    and category become the customer's current ones (unless a later quarter is already approved) and join the
    customer's tier history."""
    async with uow:
        sheet = await _review(uow, principal, sheet_id, expected_version, SheetAction.APPROVE)
        now = clock.now()
        await uow.score_sheets.update(sheet.id, {"status": SheetStatus.APPROVED, "reviewed_by": principal.id,
                                                 "reviewed_at": now, "review_comment": (comment or "").strip()
                                                 or None}, sheet.version, at=now)
        approved = await _load(uow, principal, sheet.id)
        await uow.score_sheets.record_grades(approved, now)
        # Reviewed: the other reviewers' "awaits review" no longer asks anything of them.
        await uow.notifications.mark_read_about_sheet(sheet.id, NotificationKind.SHEET_SUBMITTED, now)
        await _audit(uow, principal, "approve", sheet.id, sheet.customer.id, {"status": "submitted"}, {
            "status": "approved", "period": str(sheet.period), "category": approved.category,
            "grades": {str(d): str(g) for d, g in (approved.grades or {}).items()}}, now)
        view = await _view(uow, principal, approved)
        await uow.commit()
    return view


async def return_sheet(uow: UnitOfWork, principal: Principal, sheet_id: int, comment: str,
                       expected_version: int | None, *, clock: Clock) -> SheetView:
    """The reviewer sends the sheet back to the filler with a comment saying what to change; the filler (and the
    customer's account manager) are told, with the comment."""
    if not comment.strip():
        raise RuleViolation([FieldError("comment", "say what the filler should change")])
    async with uow:
        sheet = await _review(uow, principal, sheet_id, expected_version, SheetAction.RETURN)
        now = clock.now()
        await uow.score_sheets.update(sheet.id, {"status": SheetStatus.RETURNED, "reviewed_by": principal.id,
                                                 "reviewed_at": now, "review_comment": comment.strip()},
                                      sheet.version, at=now)
        await _audit(uow, principal, "return", sheet.id, sheet.customer.id, {"status": "submitted"},
                     {"status": "returned", "comment": comment.strip()}, now)
        await uow.notifications.mark_read_about_sheet(sheet.id, NotificationKind.SHEET_SUBMITTED, now)
        await uow.notifications.send([NewNotification(u, NotificationKind.SHEET_RETURNED, score_sheet_id=sheet.id,
                                                      customer_id=sheet.customer.id, comment=comment.strip(),
                                                      actor_id=principal.id)
                                      for u in sorted(return_recipients(sheet, principal.id))], now)
        view = await _reload(uow, principal, sheet.id)
        await uow.commit()
    return view
