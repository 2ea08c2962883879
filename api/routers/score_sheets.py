"""Quarterly score sheets and the movement of grades and categories."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.deps import AppSettings, CurrentClock, CurrentPrincipal, ExpectedVersion, Uow
from api.errors import problem_responses
from api.schemas.common import BIGINT_MAX, CURSOR, LIMIT, Items, Page, PathId
from api.schemas.score_sheets import (
    AlertsRead,
    CategoryMatrixRead,
    OpenQuarterRequest,
    OpenQuarterResult,
    Period,
    ReturnDecision,
    ReviewDecision,
    ScoreSheetCreate,
    ScoreSheetRead,
    ScoreSheetUpdate,
    TierHistoryRead,
    TransitionsRead,
)
from domain.errors import FieldError, RuleViolation
from domain.paging import PageRequest
from domain.scoring import sheets as svc
from domain.scoring.model import Quarter, SheetFilters, SheetStatus
from domain.scoring.sheets import SheetView
from domain.tiering import movement as tier_movement

router = APIRouter(tags=["score-sheets"])

ACTION = problem_responses(401, 403, 404, 409, 412, 422)


def _with_etag(response: Response, view: SheetView) -> ScoreSheetRead:
    response.headers["ETag"] = f'"{view.sheet.version}"'
    return ScoreSheetRead.of(view)


@router.post("/customers/{customer_id}/score-sheets", response_model=ScoreSheetRead, status_code=201,
             operation_id="score-sheets-create", responses=problem_responses(401, 403, 404, 409, 422))
async def create_sheet(customer_id: PathId, body: ScoreSheetCreate, response: Response, principal: CurrentPrincipal,
                       uow: Uow, clock: CurrentClock, settings: AppSettings) -> ScoreSheetRead:
    """A draft score sheet for the customer and quarter (one per customer and quarter; 409 when it exists),
    scored with the model for the customer's type. Computed indicators come prefilled from the data: the
    transaction amount in the quarter, the share of the customer's declared annual purchasing
    (characteristic `annual_purchasing`) won over the 12 months ending with the quarter, satisfaction from
    surveys when there are any."""
    view = await svc.create_sheet(uow, principal, customer_id, body.period, clock=clock, time_zone=settings.time_zone)
    return _with_etag(response, view)


@router.get("/customers/{customer_id}/score-sheets", response_model=Items[ScoreSheetRead],
            operation_id="score-sheets-list-for-customer", responses=problem_responses(401, 403, 404, 422))
async def customer_sheets(customer_id: PathId, principal: CurrentPrincipal, uow: Uow) -> Items[ScoreSheetRead]:
    """The customer's sheets, newest quarter first."""
    return Items(items=[ScoreSheetRead.of(v) for v in await svc.customer_sheets(uow, principal, customer_id)])


@router.post("/score-sheets/open-quarter", response_model=OpenQuarterResult, operation_id="score-sheets-open-quarter",
             responses=problem_responses(401, 403, 422))
async def open_quarter(body: OpenQuarterRequest, principal: CurrentPrincipal, uow: Uow, clock: CurrentClock,
                       settings: AppSettings) -> OpenQuarterResult:
    """Draft sheets for every customer in the caller's scope that has none for the quarter (abandoned customers
    aside). Running it again creates only what is missing. Only the current quarter and the seven before it can
    be opened: an older `period` is a 422."""
    return OpenQuarterResult.of(await svc.open_quarter(uow, principal, body.period, clock=clock,
                                                       time_zone=settings.time_zone))


@router.get("/score-sheets", response_model=Page[ScoreSheetRead], operation_id="score-sheets-list",
            responses=problem_responses(401, 403, 422))
async def list_sheets(
    principal: CurrentPrincipal, uow: Uow,
    status: SheetStatus | None = None,
    period: Annotated[Period | None, Query()] = None,
    filled_by: Annotated[int | None, Query(ge=1, le=BIGINT_MAX)] = None,
    to_review: Annotated[bool, Query(description="Submitted sheets the caller may review: not their own.")] = False,
    limit: LIMIT = 50,
    cursor: CURSOR = None,
) -> Page[ScoreSheetRead]:
    """Sheets of the customers in the caller's scope, newest first. `to_review=true` is the review queue."""
    quarter = Quarter.parse(period) if period else None
    if to_review and status not in (None, SheetStatus.SUBMITTED):
        raise RuleViolation([FieldError("status", "the review queue holds submitted sheets")])
    filters = SheetFilters(status=SheetStatus.SUBMITTED if to_review else status, period=quarter,
                           filled_by=filled_by, not_filled_by=principal.id if to_review else None)
    page = await svc.list_sheets(uow, principal, filters, PageRequest(limit, cursor))
    return Page(items=[ScoreSheetRead.of(v) for v in page.items], next_cursor=page.next_cursor)


@router.get("/score-sheets/{sheet_id}", response_model=ScoreSheetRead, operation_id="score-sheets-get",
            responses=problem_responses(401, 403, 404, 422))
async def get_sheet(sheet_id: PathId, response: Response, principal: CurrentPrincipal, uow: Uow) -> ScoreSheetRead:
    """One sheet with its indicators (computed values marked), live grades and category."""
    return _with_etag(response, await svc.get_sheet(uow, principal, sheet_id))


@router.patch("/score-sheets/{sheet_id}", response_model=ScoreSheetRead, operation_id="score-sheets-update",
              responses=problem_responses(401, 403, 404, 409, 412, 422, 428))
async def update_sheet(sheet_id: PathId, body: ScoreSheetUpdate, response: Response, principal: CurrentPrincipal,
                       uow: Uow, clock: CurrentClock, expected_version: ExpectedVersion) -> ScoreSheetRead:
    """Enters points (0..weight; null clears) and notes on a draft or returned sheet. Overriding a computed value
    needs a note (422 naming `notes.<key>`). Send If-Match with the version you edited."""
    view = await svc.update_sheet(uow, principal, sheet_id, body.values, body.notes, expected_version, clock=clock)
    return _with_etag(response, view)


@router.post("/score-sheets/{sheet_id}/submit", response_model=ScoreSheetRead, operation_id="score-sheets-submit",
             responses=ACTION)
async def submit_sheet(sheet_id: PathId, response: Response, principal: CurrentPrincipal, uow: Uow,
                       clock: CurrentClock, expected_version: ExpectedVersion) -> ScoreSheetRead:
    """Sends the sheet to review; the caller becomes its filler. Every indicator needs a value."""
    return _with_etag(response, await svc.submit_sheet(uow, principal, sheet_id, expected_version, clock=clock))


@router.post("/score-sheets/{sheet_id}/approve", response_model=ScoreSheetRead, operation_id="score-sheets-approve",
             responses=ACTION)
async def approve_sheet(sheet_id: PathId, response: Response, principal: CurrentPrincipal, uow: Uow,
                        clock: CurrentClock, expected_version: ExpectedVersion,
                        body: ReviewDecision | None = None) -> ScoreSheetRead:
    """A store manager or HQ key-account user who is not the filler (403 for the filler) approves a submitted
    sheet: its grades and category become the customer's and join the customer's tier history."""
    comment = body.comment if body else None
    return _with_etag(response, await svc.approve_sheet(uow, principal, sheet_id, comment, expected_version,
                                                        clock=clock))


@router.post("/score-sheets/{sheet_id}/return", response_model=ScoreSheetRead, operation_id="score-sheets-return",
             responses=ACTION)
async def return_sheet(sheet_id: PathId, body: ReturnDecision, response: Response, principal: CurrentPrincipal,
                       uow: Uow, clock: CurrentClock, expected_version: ExpectedVersion) -> ScoreSheetRead:
    """The reviewer sends a submitted sheet back to the filler with a comment."""
    return _with_etag(response, await svc.return_sheet(uow, principal, sheet_id, body.comment, expected_version,
                                                       clock=clock))


@router.get("/customers/{customer_id}/tier-history", response_model=Items[TierHistoryRead],
            operation_id="score-sheets-tier-history", responses=problem_responses(401, 403, 404, 422))
async def tier_history(customer_id: PathId, principal: CurrentPrincipal, uow: Uow) -> Items[TierHistoryRead]:
    """The customer's grades and category (from approved sheets and rule changes) and key-account level and ABC
    class (from recomputes) over time, newest first."""
    return Items(items=[TierHistoryRead.of(e) for e in await tier_movement.tier_history(uow, principal, customer_id)])


@router.get("/tiers/category-matrix", response_model=CategoryMatrixRead, operation_id="score-sheets-category-matrix",
            responses=problem_responses(401, 403))
async def category_matrix(principal: CurrentPrincipal, uow: Uow) -> CategoryMatrixRead:
    """Customers in the caller's scope per combination of current grades, with the category it gives."""
    return CategoryMatrixRead.of(await tier_movement.category_matrix(uow, principal))


@router.get("/tiers/transitions", response_model=TransitionsRead, operation_id="score-sheets-transitions",
            responses=problem_responses(401, 403, 422))
async def transitions(principal: CurrentPrincipal, uow: Uow, clock: CurrentClock, settings: AppSettings,
                      from_period: Annotated[Period | None, Query(alias="from")] = None,
                      to_period: Annotated[Period | None, Query(alias="to")] = None) -> TransitionsRead:
    """Category x category counts between two quarters' approved sheets (default: the last complete quarter
    against the one before)."""
    return TransitionsRead.of(await tier_movement.transitions(uow, principal, from_period, to_period,
                                                              now=clock.now(), time_zone=settings.time_zone))


@router.get("/tiers/alerts", response_model=AlertsRead, operation_id="score-sheets-alerts",
            responses=problem_responses(401, 403, 422))
async def alerts(principal: CurrentPrincipal, uow: Uow, clock: CurrentClock, settings: AppSettings,
                 from_period: Annotated[Period | None, Query(alias="from")] = None,
                 to_period: Annotated[Period | None, Query(alias="to")] = None) -> AlertsRead:
    """Marginal customers whose potential grade rose and strongholds that fell between two quarters."""
    return AlertsRead.of(await tier_movement.tier_alerts(uow, principal, from_period, to_period, now=clock.now(),
                                                         time_zone=settings.time_zone))
