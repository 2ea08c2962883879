"""Complaints: receive, the queue, one complaint with its timeline, the flow's actions. Every response that
returns a complaint carries its timers with their status now."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from api.batch import IdempotencyKey, idempotency_request
from api.deps import AppSettings, CurrentClock, CurrentPrincipal, ExpectedVersion, Uow, set_etag
from api.errors import problem_responses
from api.schemas.common import BIGINT_MAX, CURSOR, LIMIT, Page, PathId
from api.schemas.complaints import (
    ComplaintConfirmation,
    ComplaintCreate,
    ComplaintEscalation,
    ComplaintPause,
    ComplaintRead,
    ComplaintResolution,
    ComplaintResponse,
    ComplaintResumption,
    CustomerFeedback,
    ReturnVisit,
    TaskGroup,
)
from domain.complaints import service as svc
from domain.complaints.model import ComplaintFilters, ComplaintStatus, ComplaintView
from domain.paging import PageRequest
from domain.sla.model import Severity

router = APIRouter(tags=["complaints"])
ACTION_ERRORS = problem_responses(401, 403, 404, 409, 412, 422)


def _read(view: ComplaintView, response: Response | None = None) -> ComplaintRead:
    if response is not None:
        set_etag(response, view.complaint.version)
    return ComplaintRead.of(view)


@router.post("/complaints", response_model=ComplaintRead, status_code=201, operation_id="complaints-create",
             responses=problem_responses(401, 403, 409, 422))
async def create_complaint(body: ComplaintCreate, request: Request, response: Response, principal: CurrentPrincipal,
                           uow: Uow, clock: CurrentClock, settings: AppSettings,
                           idempotency_key: IdempotencyKey = None) -> ComplaintRead:
    """Records a complaint the customer's store received. Its timers start from `received_at` under the SLA
    policy for its severity and the customer's tier: first response (24 clock hours by default), confirmation
    (major only, 4 working hours) and resolution (3 working days major, 5 general). 422 names each bad field
    (an unknown or out-of-scope customer, a future `received_at`); 409 when no SLA policy applies. With an
    Idempotency-Key, a retry returns the complaint the first request recorded instead of a second one."""
    view = await svc.create(
        uow, principal, body.to_domain(), clock=clock,
        idempotency=idempotency_request(principal, idempotency_key, request, await request.body()),
        idempotency_ttl=timedelta(hours=settings.idempotency_key_hours))
    response.headers["Location"] = f"/api/v1/complaints/{view.complaint.id}"
    return _read(view, response)


@router.get("/complaints", response_model=Page[ComplaintRead], operation_id="complaints-list",
            responses=problem_responses(401, 403, 422))
async def list_complaints(
    principal: CurrentPrincipal, uow: Uow, clock: CurrentClock,
    limit: LIMIT = 50, cursor: CURSOR = None,
    status: ComplaintStatus | None = None,
    open: Annotated[bool | None, Query(description="true: not yet resolved or closed")] = None,
    severity: Severity | None = None,
    breached: Annotated[bool | None, Query(description="true: a deadline passed without being met")] = None,
    customer_id: Annotated[int | None, Query(ge=1, le=BIGINT_MAX)] = None,
    org_unit_id: Annotated[int | None, Query(ge=1, le=BIGINT_MAX,
                                             description="Received by this unit or one under it")] = None,
    mine: Annotated[bool, Query(description="Only complaints you received, manage the customer of, or sit in "
                                            "the task group of")] = False,
    q: Annotated[str | None, Query(max_length=100, description="Part of the customer's name or the summary")] = None,
) -> Page[ComplaintRead]:
    """The complaint queue in your scope: the nearest deadline first, then complaints without a running timer,
    newest first. Each item has its timers with their status now."""
    filters = ComplaintFilters(status=status, open=open, severity=severity, breached=breached,
                               customer_id=customer_id, org_unit_id=org_unit_id,
                               involving_user_id=principal.id if mine else None, q=q or None)
    page = await svc.list_complaints(uow, principal, filters, PageRequest(limit, cursor), clock=clock)
    return Page(items=[_read(v) for v in page.items], next_cursor=page.next_cursor)


@router.get("/complaints/{complaint_id}", response_model=ComplaintRead, operation_id="complaints-get",
            responses=problem_responses(401, 403, 404))
async def get_complaint(complaint_id: PathId, response: Response, principal: CurrentPrincipal, uow: Uow,
                        clock: CurrentClock) -> ComplaintRead:
    """The complaint, its timers now, its timeline (every step and timer change, who and when) and the actions
    you may take. The ETag is its version (actions accept it as If-Match)."""
    return _read(await svc.get(uow, principal, complaint_id, clock=clock), response)


@router.post("/complaints/{complaint_id}/respond", response_model=ComplaintRead, operation_id="complaints-respond",
             responses=ACTION_ERRORS)
async def respond(complaint_id: PathId, body: ComplaintResponse, response: Response, principal: CurrentPrincipal,
                  uow: Uow, clock: CurrentClock, expected_version: ExpectedVersion) -> ComplaintRead:
    """The first response to the customer: meets the first-response timer."""
    return _read(await svc.respond(uow, principal, complaint_id, body.note, clock=clock,
                                   expected_version=expected_version), response)


@router.post("/complaints/{complaint_id}/escalate", response_model=ComplaintRead,
             operation_id="complaints-escalate", responses=ACTION_ERRORS)
async def escalate(complaint_id: PathId, body: ComplaintEscalation, response: Response, principal: CurrentPrincipal,
                   uow: Uow, clock: CurrentClock, expected_version: ExpectedVersion) -> ComplaintRead:
    """A general complaint the store cannot handle goes to the operations centre as a major one: the
    confirmation timer starts now and the resolution timer becomes the major policy's, still counted from
    when the customer complained."""
    return _read(await svc.escalate(uow, principal, complaint_id, body.reason, clock=clock,
                                    expected_version=expected_version), response)


@router.post("/complaints/{complaint_id}/confirm", response_model=ComplaintRead, operation_id="complaints-confirm",
             responses=ACTION_ERRORS)
async def confirm(complaint_id: PathId, body: ComplaintConfirmation, response: Response, principal: CurrentPrincipal,
                  uow: Uow, clock: CurrentClock, expected_version: ExpectedVersion) -> ComplaintRead:
    """The operations centre confirms a major complaint (HQ key-account department): verified, it goes to a task
    group; not verified, it is closed with the note as the explanation."""
    return _read(await svc.confirm(uow, principal, complaint_id, body.verified, body.note, clock=clock,
                                   expected_version=expected_version), response)


@router.post("/complaints/{complaint_id}/task-group", response_model=ComplaintRead,
             operation_id="complaints-set-task-group", responses=ACTION_ERRORS)
async def set_task_group(complaint_id: PathId, body: TaskGroup, response: Response,
                         principal: CurrentPrincipal, uow: Uow, clock: CurrentClock,
                         expected_version: ExpectedVersion) -> ComplaintRead:
    """Sets the task group of a verified major complaint (key-account department, marketing, purchasing &
    logistics); each member gets a notification."""
    members = [(m.user_id, m.department) for m in body.members]
    return _read(await svc.set_task_group(uow, principal, complaint_id, members, clock=clock,
                                          expected_version=expected_version), response)


@router.post("/complaints/{complaint_id}/resolve", response_model=ComplaintRead, operation_id="complaints-resolve",
             responses=ACTION_ERRORS)
async def resolve(complaint_id: PathId, body: ComplaintResolution, response: Response, principal: CurrentPrincipal,
                  uow: Uow, clock: CurrentClock, expected_version: ExpectedVersion) -> ComplaintRead:
    """Resolved with its remedies (compensation, price cut, replacement, other) and their amounts: meets the
    resolution timer."""
    return _read(await svc.resolve(uow, principal, complaint_id, [r.to_domain() for r in body.remedies], body.note,
                                   clock=clock, expected_version=expected_version), response)


@router.post("/complaints/{complaint_id}/close", response_model=ComplaintRead, operation_id="complaints-close",
             responses=ACTION_ERRORS)
async def close(complaint_id: PathId, response: Response, principal: CurrentPrincipal, uow: Uow,
                clock: CurrentClock, expected_version: ExpectedVersion) -> ComplaintRead:
    """Closes a resolved complaint."""
    return _read(await svc.close(uow, principal, complaint_id, clock=clock, expected_version=expected_version),
                 response)


@router.post("/complaints/{complaint_id}/pause", response_model=ComplaintRead, operation_id="complaints-pause",
             responses=ACTION_ERRORS)
async def pause(complaint_id: PathId, body: ComplaintPause, response: Response, principal: CurrentPrincipal, uow: Uow,
                clock: CurrentClock, expected_version: ExpectedVersion) -> ComplaintRead:
    """Waiting on the customer: the working-time timers stop from `at` (default now). Around-the-clock timers
    keep running."""
    return _read(await svc.pause(uow, principal, complaint_id, body.reason, body.at, clock=clock,
                                 expected_version=expected_version), response)


@router.post("/complaints/{complaint_id}/resume", response_model=ComplaintRead, operation_id="complaints-resume",
             responses=ACTION_ERRORS)
async def resume(complaint_id: PathId, response: Response, principal: CurrentPrincipal, uow: Uow,
                 clock: CurrentClock, expected_version: ExpectedVersion,
                 body: ComplaintResumption | None = None) -> ComplaintRead:
    """The timers run again from `at` (default now); the paused working time is added to their deadlines."""
    return _read(await svc.resume(uow, principal, complaint_id, body.at if body else None, clock=clock,
                                  expected_version=expected_version), response)


@router.post("/complaints/{complaint_id}/return-visit", response_model=ComplaintRead,
             operation_id="complaints-return-visit", responses=ACTION_ERRORS)
async def return_visit(complaint_id: PathId, body: ReturnVisit, response: Response,
                       principal: CurrentPrincipal, uow: Uow, clock: CurrentClock,
                       expected_version: ExpectedVersion) -> ComplaintRead:
    """The return visit after closing (回访): the customer's satisfaction from 1 to 5, once."""
    return _read(await svc.return_visit(uow, principal, complaint_id, body.satisfaction, body.note, clock=clock,
                                        expected_version=expected_version), response)


@router.post("/complaints/{complaint_id}/feedback", response_model=ComplaintRead,
             operation_id="complaints-feedback", responses=ACTION_ERRORS)
async def feedback(complaint_id: PathId, body: CustomerFeedback, response: Response, principal: CurrentPrincipal,
                   uow: Uow, clock: CurrentClock, expected_version: ExpectedVersion) -> ComplaintRead:
    """Experience feedback (经验反馈) on a resolved or closed complaint; a later note replaces it."""
    return _read(await svc.feedback(uow, principal, complaint_id, body.note, clock=clock,
                                    expected_version=expected_version), response)
