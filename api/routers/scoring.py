"""Scoring: score models (rules as data), the what-if evaluation, and the quarterly score sheets."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.deps import AppSettings, CurrentClock, CurrentPrincipal, ExpectedVersion, Uow
from api.errors import problem_responses
from api.schemas.common import BIGINT_MAX, CURSOR, LIMIT, Items, Page, PathId, Period
from api.schemas.scoring import (
    EvaluateRequest,
    EvaluationRead,
    OpenQuarterRequest,
    OpenQuarterResult,
    ReturnDecision,
    ReviewDecision,
    ScoreModelCreate,
    ScoreModelRead,
    ScoreSheetCreate,
    ScoreSheetRead,
    ScoreSheetUpdate,
)
from domain.customers.model import CustomerType
from domain.errors import FieldError, RuleViolation
from domain.paging import PageRequest
from domain.scoring import service as svc
from domain.scoring import sheets
from domain.scoring.model import Quarter, SheetFilters, SheetStatus
from domain.scoring.sheets import SheetView

router = APIRouter(tags=["scoring"])

ACTION = problem_responses(401, 403, 404, 409, 412, 422)


def _with_etag(response: Response, view: SheetView) -> ScoreSheetRead:
    response.headers["ETag"] = f'"{view.sheet.version}"'
    return ScoreSheetRead.of(view)


@router.get("/score-models/current", response_model=ScoreModelRead, operation_id="scoring-current-model",
            responses=problem_responses(401, 403, 404, 422))
async def current_model(principal: CurrentPrincipal, uow: Uow, customer_type: Annotated[CustomerType | None, Query(
        description="The model made for this type, else the one for every type.")] = None) -> ScoreModelRead:
    """The latest version of the score model that applies."""
    return ScoreModelRead.of(await svc.current_model(uow, principal, customer_type))


@router.get("/score-models", response_model=Items[ScoreModelRead], operation_id="scoring-list-models",
            responses=problem_responses(401, 403))
async def list_models(principal: CurrentPrincipal, uow: Uow) -> Items[ScoreModelRead]:
    """Every version of every score model (sheets keep the version they were scored with)."""
    return Items(items=[ScoreModelRead.of(m) for m in await svc.list_models(uow, principal)])


@router.post("/score-models", response_model=ScoreModelRead, status_code=201, operation_id="scoring-create-version",
             responses=problem_responses(401, 403, 409, 422))
async def create_version(body: ScoreModelCreate, principal: CurrentPrincipal, uow: Uow,
                         clock: CurrentClock) -> ScoreModelRead:
    """Saves the model as the next version of its name (administrators). Every dimension needs indicators;
    computed indicators need a points scale; a customer type belongs to one model."""
    return ScoreModelRead.of(await svc.create_version(uow, principal, body.to_domain(), clock=clock))


@router.post("/score-models/{model_id}/evaluate", response_model=EvaluationRead, operation_id="scoring-evaluate",
             responses=problem_responses(401, 403, 404, 422))
async def evaluate(model_id: PathId, body: EvaluateRequest, principal: CurrentPrincipal, uow: Uow) -> EvaluationRead:
    """What if a customer scored these points: per dimension the points, maximum, percentage and grade, the
    three grades and the category. Nothing is saved. A value outside 0..weight or an unknown key is a 422
    naming `values.<key>`."""
    return EvaluationRead.of(await svc.what_if(uow, principal, model_id, body.values))


@router.post("/customers/{customer_id}/score-sheets", response_model=ScoreSheetRead, status_code=201,
             operation_id="scoring-create-sheet", responses=problem_responses(401, 403, 404, 409, 422))
async def create_sheet(customer_id: PathId, body: ScoreSheetCreate, response: Response, principal: CurrentPrincipal,
                       uow: Uow, clock: CurrentClock, settings: AppSettings) -> ScoreSheetRead:
    """A draft score sheet for the customer and quarter (one per customer and quarter; 409 when it exists),
    scored with the model for the customer's type. Computed indicators come prefilled from the data: the
    transaction amount in the quarter, the share of the customer's declared annual purchasing
    (characteristic `annual_purchasing`) won over the 12 months ending with the quarter, satisfaction from
    surveys when there are any."""
    view = await sheets.create_sheet(uow, principal, customer_id, body.period, clock=clock,
                                     time_zone=settings.time_zone)
    return _with_etag(response, view)


@router.get("/customers/{customer_id}/score-sheets", response_model=Items[ScoreSheetRead],
            operation_id="scoring-list-customer-sheets", responses=problem_responses(401, 403, 404, 422))
async def customer_sheets(customer_id: PathId, principal: CurrentPrincipal, uow: Uow) -> Items[ScoreSheetRead]:
    """The customer's sheets, newest quarter first."""
    return Items(items=[ScoreSheetRead.of(v) for v in await sheets.customer_sheets(uow, principal, customer_id)])


@router.post("/score-sheets/open-quarter", response_model=OpenQuarterResult, operation_id="scoring-open-quarter",
             responses=problem_responses(401, 403, 422))
async def open_quarter(body: OpenQuarterRequest, principal: CurrentPrincipal, uow: Uow, clock: CurrentClock,
                       settings: AppSettings) -> OpenQuarterResult:
    """Draft sheets for the customers in the caller's scope that have none for the quarter: by default the
    current quarter (company time zone) and key customers only (`include_regular` adds regular ones; abandoned
    customers never). `dry_run=true` answers the counts (drafts to create per owner and in total, customers
    that already have a sheet) and creates nothing. Running it again creates only what is missing. Only the
    current quarter and the seven before it can be opened: an older `period` is a 422."""
    return OpenQuarterResult.of(await sheets.open_quarter(
        uow, principal, body.period, include_regular=body.include_regular, dry_run=body.dry_run, clock=clock,
        time_zone=settings.time_zone))


@router.get("/score-sheets", response_model=Page[ScoreSheetRead], operation_id="scoring-list-sheets",
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
    page = await sheets.list_sheets(uow, principal, filters, PageRequest(limit, cursor))
    return Page(items=[ScoreSheetRead.of(v) for v in page.items], next_cursor=page.next_cursor)


@router.get("/score-sheets/{sheet_id}", response_model=ScoreSheetRead, operation_id="scoring-get-sheet",
            responses=problem_responses(401, 403, 404, 422))
async def get_sheet(sheet_id: PathId, response: Response, principal: CurrentPrincipal, uow: Uow) -> ScoreSheetRead:
    """One sheet with its indicators (computed values marked), live grades and category."""
    return _with_etag(response, await sheets.get_sheet(uow, principal, sheet_id))


@router.patch("/score-sheets/{sheet_id}", response_model=ScoreSheetRead, operation_id="scoring-update-sheet",
              responses=problem_responses(401, 403, 404, 409, 412, 422, 428))
async def update_sheet(sheet_id: PathId, body: ScoreSheetUpdate, response: Response, principal: CurrentPrincipal,
                       uow: Uow, clock: CurrentClock, expected_version: ExpectedVersion) -> ScoreSheetRead:
    """Enters points (0..weight; null clears) and notes on a draft or returned sheet. Overriding a computed value
    needs a note (422 naming `notes.<key>`). Send If-Match with the version you edited."""
    view = await sheets.update_sheet(uow, principal, sheet_id, body.values, body.notes, expected_version, clock=clock)
    return _with_etag(response, view)


@router.post("/score-sheets/{sheet_id}/submit", response_model=ScoreSheetRead, operation_id="scoring-submit-sheet",
             responses=ACTION)
async def submit_sheet(sheet_id: PathId, response: Response, principal: CurrentPrincipal, uow: Uow,
                       clock: CurrentClock, expected_version: ExpectedVersion) -> ScoreSheetRead:
    """Sends the sheet to review; the caller becomes its filler. Every indicator needs a value."""
    return _with_etag(response, await sheets.submit_sheet(uow, principal, sheet_id, expected_version, clock=clock))


@router.post("/score-sheets/{sheet_id}/approve", response_model=ScoreSheetRead, operation_id="scoring-approve-sheet",
             responses=ACTION)
async def approve_sheet(sheet_id: PathId, response: Response, principal: CurrentPrincipal, uow: Uow,
                        clock: CurrentClock, expected_version: ExpectedVersion,
                        body: ReviewDecision | None = None) -> ScoreSheetRead:
    """A store manager or HQ key-account user who is not the filler (403 for the filler) approves a submitted
    sheet: its grades and category become the customer's and join the customer's tier history."""
    comment = body.comment if body else None
    return _with_etag(response, await sheets.approve_sheet(uow, principal, sheet_id, comment, expected_version,
                                                        clock=clock))


@router.post("/score-sheets/{sheet_id}/return", response_model=ScoreSheetRead, operation_id="scoring-return-sheet",
             responses=ACTION)
async def return_sheet(sheet_id: PathId, body: ReturnDecision, response: Response, principal: CurrentPrincipal,
                       uow: Uow, clock: CurrentClock, expected_version: ExpectedVersion) -> ScoreSheetRead:
    """The reviewer sends a submitted sheet back to the filler with a comment."""
    return _with_etag(response, await sheets.return_sheet(uow, principal, sheet_id, body.comment, expected_version,
                                                       clock=clock))
