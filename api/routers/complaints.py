"""Complaints: receive, the queue, one complaint with its timeline, the flow's actions; notifications; the SLA
report. Every response that returns a complaint carries its timers with their status now."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from api.batch import IdempotencyKey, idempotency_request
from api.deps import AppSettings, CurrentClock, CurrentPrincipal, ExpectedVersion, Uow
from api.errors import problem_responses
from api.schemas.common import BIGINT_MAX, CURSOR, LIMIT, Page, PathId
from api.schemas.complaints import (
    ComplaintCreate,
    ComplaintRead,
    ConfirmBody,
    EscalateBody,
    FeedbackBody,
    MarkedRead,
    NotificationPage,
    NotificationRead,
    PauseBody,
    ResolveBody,
    RespondBody,
    ResumeBody,
    ReturnVisitBody,
    SlaReportRead,
    TaskGroupBody,
)
from domain.complaints import service as svc
from domain.complaints.model import LONGEST_REPORT_DAYS, ComplaintFilters, ComplaintStatus, ComplaintView, Severity
from domain.dates import FIRST_DAY, LAST_DAY, RANGE_TEXT
from domain.paging import PageRequest

router = APIRouter(tags=["complaints"])
ACTION_ERRORS = problem_responses(401, 403, 404, 409, 412, 422)


def _read(view: ComplaintView, response: Response | None = None) -> ComplaintRead:
    if response is not None:
        response.headers["ETag"] = f'"{view.complaint.version}"'
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
async def respond(complaint_id: PathId, body: RespondBody, response: Response, principal: CurrentPrincipal,
                  uow: Uow, clock: CurrentClock, expected_version: ExpectedVersion) -> ComplaintRead:
    """The first response to the customer: meets the first-response timer."""
    return _read(await svc.respond(uow, principal, complaint_id, body.note, clock=clock,
                                   expected_version=expected_version), response)


@router.post("/complaints/{complaint_id}/escalate", response_model=ComplaintRead,
             operation_id="complaints-escalate", responses=ACTION_ERRORS)
async def escalate(complaint_id: PathId, body: EscalateBody, response: Response, principal: CurrentPrincipal,
                   uow: Uow, clock: CurrentClock, expected_version: ExpectedVersion) -> ComplaintRead:
    """A general complaint the store cannot handle goes to the operations centre as a major one: the
    confirmation timer starts now and the resolution timer becomes the major policy's, still counted from
    when the customer complained."""
    return _read(await svc.escalate(uow, principal, complaint_id, body.reason, clock=clock,
                                    expected_version=expected_version), response)


@router.post("/complaints/{complaint_id}/confirm", response_model=ComplaintRead, operation_id="complaints-confirm",
             responses=ACTION_ERRORS)
async def confirm(complaint_id: PathId, body: ConfirmBody, response: Response, principal: CurrentPrincipal,
                  uow: Uow, clock: CurrentClock, expected_version: ExpectedVersion) -> ComplaintRead:
    """The operations centre confirms a major complaint (HQ key-account department): verified, it goes to a task
    group; not verified, it is closed with the note as the explanation."""
    return _read(await svc.confirm(uow, principal, complaint_id, body.verified, body.note, clock=clock,
                                   expected_version=expected_version), response)


@router.post("/complaints/{complaint_id}/task-group", response_model=ComplaintRead,
             operation_id="complaints-set-task-group", responses=ACTION_ERRORS)
async def set_task_group(complaint_id: PathId, body: TaskGroupBody, response: Response,
                         principal: CurrentPrincipal, uow: Uow, clock: CurrentClock,
                         expected_version: ExpectedVersion) -> ComplaintRead:
    """Sets the task group of a verified major complaint (key-account department, marketing, purchasing &
    logistics); each member gets a notification."""
    members = [(m.user_id, m.department) for m in body.members]
    return _read(await svc.set_task_group(uow, principal, complaint_id, members, clock=clock,
                                          expected_version=expected_version), response)


@router.post("/complaints/{complaint_id}/resolve", response_model=ComplaintRead, operation_id="complaints-resolve",
             responses=ACTION_ERRORS)
async def resolve(complaint_id: PathId, body: ResolveBody, response: Response, principal: CurrentPrincipal,
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
async def pause(complaint_id: PathId, body: PauseBody, response: Response, principal: CurrentPrincipal, uow: Uow,
                clock: CurrentClock, expected_version: ExpectedVersion) -> ComplaintRead:
    """Waiting on the customer: the working-time timers stop from `at` (default now). Around-the-clock timers
    keep running."""
    return _read(await svc.pause(uow, principal, complaint_id, body.reason, body.at, clock=clock,
                                 expected_version=expected_version), response)


@router.post("/complaints/{complaint_id}/resume", response_model=ComplaintRead, operation_id="complaints-resume",
             responses=ACTION_ERRORS)
async def resume(complaint_id: PathId, response: Response, principal: CurrentPrincipal, uow: Uow,
                 clock: CurrentClock, expected_version: ExpectedVersion,
                 body: ResumeBody | None = None) -> ComplaintRead:
    """The timers run again from `at` (default now); the paused working time is added to their deadlines."""
    return _read(await svc.resume(uow, principal, complaint_id, body.at if body else None, clock=clock,
                                  expected_version=expected_version), response)


@router.post("/complaints/{complaint_id}/return-visit", response_model=ComplaintRead,
             operation_id="complaints-return-visit", responses=ACTION_ERRORS)
async def return_visit(complaint_id: PathId, body: ReturnVisitBody, response: Response,
                       principal: CurrentPrincipal, uow: Uow, clock: CurrentClock,
                       expected_version: ExpectedVersion) -> ComplaintRead:
    """The return visit after closing (回访): the customer's satisfaction from 1 to 5, once."""
    return _read(await svc.return_visit(uow, principal, complaint_id, body.satisfaction, body.note, clock=clock,
                                        expected_version=expected_version), response)


@router.post("/complaints/{complaint_id}/feedback", response_model=ComplaintRead,
             operation_id="complaints-feedback", responses=ACTION_ERRORS)
async def feedback(complaint_id: PathId, body: FeedbackBody, response: Response, principal: CurrentPrincipal,
                   uow: Uow, clock: CurrentClock, expected_version: ExpectedVersion) -> ComplaintRead:
    """Experience feedback (经验反馈) on a resolved or closed complaint; a later note replaces it."""
    return _read(await svc.feedback(uow, principal, complaint_id, body.note, clock=clock,
                                    expected_version=expected_version), response)


@router.get("/notifications", response_model=NotificationPage, operation_id="notifications-list",
            responses=problem_responses(401, 403, 422))
async def list_notifications(principal: CurrentPrincipal, uow: Uow, limit: LIMIT = 20,
                             cursor: CURSOR = None, unread: bool = False) -> NotificationPage:
    """Your notifications, newest first (warnings, breaches, escalations, task groups), and the unread count."""
    page, unread_count = await svc.notifications(uow, principal, unread_only=unread,
                                                 page=PageRequest(limit, cursor))
    return NotificationPage(items=[NotificationRead.of(n) for n in page.items], next_cursor=page.next_cursor,
                            unread=unread_count)


@router.post("/notifications/{notification_id}/read", response_model=MarkedRead, operation_id="notifications-read",
             responses=problem_responses(401, 403, 404))
async def mark_read(notification_id: PathId, principal: CurrentPrincipal, uow: Uow,
                    clock: CurrentClock) -> MarkedRead:
    """Marks one of your notifications read."""
    return MarkedRead(marked=await svc.mark_read(uow, principal, notification_id, clock=clock))


@router.post("/notifications/read-all", response_model=MarkedRead, operation_id="notifications-read-all",
             responses=problem_responses(401, 403))
async def mark_all_read(principal: CurrentPrincipal, uow: Uow, clock: CurrentClock) -> MarkedRead:
    """Marks all your notifications read."""
    return MarkedRead(marked=await svc.mark_read(uow, principal, None, clock=clock))


@router.get("/reports/sla", response_model=SlaReportRead, operation_id="reports-sla",
            responses=problem_responses(401, 403, 422))
async def sla_report(
    principal: CurrentPrincipal, uow: Uow, clock: CurrentClock, settings: AppSettings,
    from_: Annotated[date | None, Query(
        alias="from", ge=FIRST_DAY, le=LAST_DAY,
        description=f"First day (company time zone), {RANGE_TEXT}; default 12 weeks before `to`. The "
                    f"period is at most {LONGEST_REPORT_DAYS} days (two years) long")] = None,
    to: Annotated[date | None, Query(ge=FIRST_DAY, le=LAST_DAY,
                                     description=f"Last day, inclusive, {RANGE_TEXT}; default today")] = None,
    org_unit: Annotated[int | None, Query(ge=1, le=BIGINT_MAX, description="Only complaints received by this "
                                                                            "unit or one under it")] = None,
) -> SlaReportRead:
    """SLA report over the complaints received in the period within your scope: on-time rates of first
    response, confirmation and resolution, median and 90th-percentile times (clock hours from the complaint),
    breaches by store and by account manager, the weekly trend, remedy amounts and the average satisfaction.
    The period is at most two years; 422 names `from` or `to` when it is longer, reversed or out of range."""
    report = await svc.report(uow, principal, since=from_, until=to, org_unit_id=org_unit, clock=clock,
                              time_zone=settings.time_zone)
    return SlaReportRead.of(report)
