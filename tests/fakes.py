"""In-memory fakes of the ports (domain/ports.py) the use cases of complaints, score sheets and customers need,
so their tests run without a database.

`FakeUnitOfWork` keeps the committed state (`committed`, a `FakeDb`) and gives each transaction a deep copy to
work on: `commit` makes the copy the committed state, leaving the block without committing forgets it. Only the
repositories and methods those use cases call are here; any other repository is absent, so a use case that
starts needing more fails loudly instead of passing on a silent stub. Set-based work (the SLA sweep, reports,
measures from the transaction facts, pagination cursors) stays with the integration tests on PostgreSQL.
"""

from __future__ import annotations

import builtins
import copy
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from decimal import Decimal
from types import TracebackType
from typing import Any, Self, TypeVar

from domain.audit import AuditEntry, AuditRecord
from domain.complaints.model import Complaint, ComplaintEvent, ComplaintStatus, NewComplaint, NewEvent
from domain.customers.model import CurrentTiers, Customer, CustomerType, LeadSource, OwnershipPeriod, Partition
from domain.errors import FieldError, RuleViolation
from domain.integrations.model import IdempotencyRequest
from domain.notifications.model import NewNotification, NotificationKind
from domain.organisation.model import DataScope, OrgUnit, OrgUnitKind, Role, User, UserRef
from domain.paging import Page, PageRequest
from domain.scoring.model import (
    CustomerRef,
    MissingSheets,
    NewScoreSheet,
    PeriodMeasures,
    Quarter,
    QuarterCounts,
    ScoreModel,
    ScoreSheet,
    SheetFilters,
    SheetReviewers,
    SheetStatus,
)
from domain.sla.model import NamedCalendar, Severity, SlaPolicy, Timer, TimerKind
from domain.tiering.model import CategoryRule, TierHistoryEntry, TierSource

_TIMER_ORDER = {kind: i for i, kind in enumerate(TimerKind)}
T = TypeVar("T")


class FrozenClock:
    """A clock the test moves by hand."""

    def __init__(self, at: datetime) -> None:
        self.at = at

    def now(self) -> datetime:
        return self.at

    def advance(self, **delta: float) -> None:
        self.at += timedelta(**delta)


@dataclass(frozen=True)
class Notified:
    user_id: int
    kind: NotificationKind
    complaint_id: int
    at: datetime


@dataclass
class FakeDb:
    """Every row the fakes hold. Plain data, so a deep copy is a transaction and equality compares states."""

    org_units: dict[int, OrgUnit] = field(default_factory=dict)
    users: dict[int, User] = field(default_factory=dict)
    customers: dict[int, Customer] = field(default_factory=dict)
    ownership: list[tuple[int, OwnershipPeriod]] = field(default_factory=list)
    audit: list[tuple[AuditEntry, datetime]] = field(default_factory=list)
    idempotency: dict[tuple[str, str], tuple[str, Any]] = field(default_factory=dict)
    calendars: dict[int, NamedCalendar] = field(default_factory=dict)
    policies: dict[int, SlaPolicy] = field(default_factory=dict)
    complaints: dict[int, Complaint] = field(default_factory=dict)
    complaint_events: list[tuple[int, ComplaintEvent]] = field(default_factory=list)
    notifications: list[Notified] = field(default_factory=list)
    # Notifications about sheets and customers (the notifications port's `send`), with read_at once read.
    sent: list[tuple[NewNotification, datetime | None]] = field(default_factory=list)
    score_models: dict[int, ScoreModel] = field(default_factory=dict)
    category_rules: list[CategoryRule] = field(default_factory=list)
    score_sheets: dict[int, ScoreSheet] = field(default_factory=dict)
    # A customer's figures for a quarter; absent ones read as no revenue and no declared purchasing.
    measures: dict[tuple[int, Quarter], PeriodMeasures] = field(default_factory=dict)
    tier_history: list[tuple[int, TierHistoryEntry]] = field(default_factory=list)
    last_id: int = 0

    def next_id(self) -> int:
        self.last_id += 1
        return self.last_id

    # --- seeding (tests write the committed state directly) -------------------------------------------------

    def add_org_unit(self, code: str, kind: OrgUnitKind, parent_code: str | None = None) -> OrgUnit:
        parent = self.unit(parent_code) if parent_code else None
        unit_id = self.next_id()
        unit = OrgUnit(unit_id, code, code, kind, parent.id if parent else None,
                       f"{parent.path if parent else ''}{unit_id}/")
        self.org_units[unit_id] = unit
        return unit

    def add_user(self, username: str, role: Role, unit_code: str, *, created_at: datetime) -> User:
        user = User(self.next_id(), username, username, role, self.unit(unit_code), True, "", 1, created_at)
        self.users[user.id] = user
        return user

    def add_customer(self, name: str, owner: str | None, unit_code: str, *, at: datetime,
                     customer_type: CustomerType = CustomerType.HOTEL, **values: Any) -> Customer:
        customer_id = self.next_id()
        customer = Customer(customer_id, f"C{customer_id:07d}", 1, name, customer_type, self.unit(unit_code),
                            self.user(owner).ref if owner else None, at, at, **values)
        self.customers[customer_id] = customer
        self.ownership.append((customer_id, OwnershipPeriod(customer.owner, customer.org_unit, at, None, "created",
                                                            None)))
        return customer

    def unit(self, code: str) -> OrgUnit:
        return next(u for u in self.org_units.values() if u.code == code)

    def user(self, username: str) -> User:
        return next(u for u in self.users.values() if u.username == username)


# Units and users every test can use: HQ > OPS > KAD; HQ > SH > SH-PD; HQ > HZ (tests/conftest.py commits them
# to the database, base_db() to a fake).
BASE_UNITS = (
    ("HQ", "总部", OrgUnitKind.HEADQUARTERS, None),
    ("OPS", "运营中心", OrgUnitKind.OPERATIONS_CENTRE, "HQ"),
    ("KAD", "大客户部", OrgUnitKind.DEPARTMENT, "OPS"),
    ("SH", "上海区域中心店", OrgUnitKind.REGIONAL_STORE, "HQ"),
    ("SH-PD", "浦东店", OrgUnitKind.STORE, "SH"),
    ("HZ", "杭州区域中心店", OrgUnitKind.REGIONAL_STORE, "HQ"),
)
BASE_USERS = (
    ("admin", Role.ADMIN, "HQ"),
    ("hq", Role.HQ_KEY_ACCOUNT, "KAD"),
    ("analyst", Role.ANALYST, "HQ"),
    ("sm_sh", Role.STORE_MANAGER, "SH"),
    ("sm_hz", Role.STORE_MANAGER, "HZ"),
    ("am_zhang", Role.ACCOUNT_MANAGER, "SH"),
    ("am_li", Role.ACCOUNT_MANAGER, "SH-PD"),
    ("am_wang", Role.ACCOUNT_MANAGER, "HZ"),
    ("cs", Role.SERVICE_AGENT, "SH"),
)


def base_db(at: datetime) -> FakeDb:
    """The base organisation and its users, committed."""
    db = FakeDb()
    for code, _name, kind, parent in BASE_UNITS:
        db.add_org_unit(code, kind, parent)
    for username, role, unit in BASE_USERS:
        db.add_user(username, role, unit, created_at=at)
    return db


def _copy(value: T) -> T:
    """What a repository hands out is the caller's own: changing it changes nothing stored."""
    return copy.deepcopy(value)


class FakeOrgUnitRepository:
    def __init__(self, db: FakeDb) -> None:
        self.db = db

    async def get(self, unit_id: int) -> OrgUnit | None:
        return self.db.org_units.get(unit_id)

    async def get_by_code(self, code: str) -> OrgUnit | None:
        return next((u for u in self.db.org_units.values() if u.code == code), None)


class FakeUserRepository:
    def __init__(self, db: FakeDb) -> None:
        self.db = db

    async def get(self, user_id: int) -> User | None:
        return _copy(self.db.users.get(user_id))


class FakeCustomerRepository:
    """Customers, their current tiers (on the customer) and ownership periods. `created_at` and `updated_at` are
    the `at` the use case passes (its clock's time), as the SQL repository writes them."""

    def __init__(self, db: FakeDb) -> None:
        self.db = db

    def _set(self, customer: Customer, values: dict[str, Any]) -> None:
        for key, value in values.items():
            if key == "owner_id":
                customer.owner = self.db.users[value].ref if value is not None else None
            elif key == "org_unit_id":
                customer.org_unit = self.db.org_units[value]
            elif key == "customer_type":
                customer.customer_type = CustomerType(value)
            elif key == "partition":
                customer.partition = Partition(value)
            elif key == "lead_source":
                customer.lead_source = LeadSource(value) if value is not None else None
            elif key == "tags":
                customer.tags = tuple(value or ())
            elif key == "characteristics":
                customer.characteristics = {k: v for k, v in (value or {}).items() if v is not None}
            else:
                assert hasattr(customer, key), f"customers have no column {key}"
                setattr(customer, key, value)

    async def get(self, customer_id: int, scope: DataScope, *, for_update: bool = False) -> Customer | None:
        customer = self.db.customers.get(customer_id)
        if customer is None or not scope.allows(customer.owner.id if customer.owner else None,
                                                customer.org_unit.path):
            return None
        return _copy(customer)

    async def add(self, values: dict[str, Any], *, owner_id: int | None, org_unit_id: int,
                  at: datetime) -> Customer:
        customer_id = self.db.next_id()
        customer = Customer(id=customer_id, code=f"C{customer_id:07d}", version=1, name=values["name"],
                            customer_type=CustomerType(values["customer_type"]),
                            org_unit=self.db.org_units[org_unit_id], owner=None, created_at=at, updated_at=at)
        self._set(customer, {**values, "owner_id": owner_id})
        self.db.customers[customer_id] = customer
        return _copy(customer)

    async def update(self, customer_id: int, values: dict[str, Any], expected_version: int, *,
                     at: datetime) -> Customer | None:
        customer = self.db.customers.get(customer_id)
        if customer is None or customer.version != expected_version:
            return None
        self._set(customer, values)
        customer.version += 1
        customer.updated_at = at
        return _copy(customer)

    async def ids_in_scope(self, ids: list[int], scope: DataScope) -> list[int]:
        return [i for i in ids if await self.get(i, scope) is not None]

    async def external_id_taken(self, source_system: str | None, external_id: str, exclude_id: int | None) -> bool:
        return any((c.source_system or "") == (source_system or "") and c.external_id == external_id
                   and c.id != exclude_id for c in self.db.customers.values())

    async def start_ownership(self, customer_id: int, *, owner_id: int | None, org_unit_id: int, at: datetime,
                              reason: str | None, changed_by: int | None) -> None:
        self.db.ownership = [(cid, replace(p, ended_at=at) if cid == customer_id and p.ended_at is None else p)
                             for cid, p in self.db.ownership]
        self.db.ownership.append((customer_id, OwnershipPeriod(
            owner=self.db.users[owner_id].ref if owner_id is not None else None,
            org_unit=self.db.org_units[org_unit_id], started_at=at, ended_at=None, reason=reason,
            changed_by=self.db.users[changed_by].ref if changed_by is not None else None)))

    async def ownership_history(self, customer_id: int) -> list[OwnershipPeriod]:
        periods = [p for cid, p in self.db.ownership if cid == customer_id]
        return list(reversed(periods))  # appended in time order; newest first


class FakeAuditLog:
    def __init__(self, db: FakeDb) -> None:
        self.db = db

    async def record(self, entry: AuditEntry, at: datetime) -> None:
        self.db.audit.append((entry, at))

    async def list_for_customer(self, customer_id: int, page: PageRequest) -> Page[AuditRecord]:
        mine = [(i, e, at) for i, (e, at) in enumerate(self.db.audit, 1) if e.customer_id == customer_id]
        records = [AuditRecord(i, at, self.db.users[e.actor_id].ref if e.actor_id else None, e.action,
                               e.entity_type, e.entity_id, e.before, e.after) for i, e, at in reversed(mine)]
        return Page(records[:page.limit], None)


class FakeIdempotencyStore:
    def __init__(self, db: FakeDb) -> None:
        self.db = db

    async def claim(self, request: IdempotencyRequest, now: datetime, ttl: timedelta) -> Any | None:
        stored = self.db.idempotency.get((request.owner, request.key))
        if stored is None:
            self.db.idempotency[(request.owner, request.key)] = (request.request_hash, None)
            return None
        if stored[0] != request.request_hash:
            raise RuleViolation([FieldError("Idempotency-Key", "this key was used for a different request")])
        return stored[1]

    async def record(self, request: IdempotencyRequest, outcome: Any) -> None:
        self.db.idempotency[(request.owner, request.key)] = (request.request_hash, outcome)


class FakeSlaRepository:
    def __init__(self, db: FakeDb) -> None:
        self.db = db

    async def calendar(self, calendar_id: int, *, for_update: bool = False) -> NamedCalendar | None:
        return self.db.calendars.get(calendar_id)

    async def policies(self) -> list[SlaPolicy]:
        return sorted(self.db.policies.values(), key=lambda p: p.id)


class FakeComplaintRepository:
    """Complaints with their timers, remedies and task groups (all on the frozen Complaint) and the timeline.
    Visible as the real repository decides: to whoever sees the customer now, and every major complaint to the
    HQ key-account department. The breach event the SQL `save` adds for a timer met late (and
    everything the sweep records) is left to the integration tests."""

    def __init__(self, db: FakeDb) -> None:
        self.db = db

    def _visible(self, c: Complaint, scope: DataScope, hq_sees_major: bool) -> bool:
        customer = self.db.customers[c.customer_id]
        return (scope.allows(customer.owner.id if customer.owner else None, customer.org_unit.path)
                or (hq_sees_major and c.severity is Severity.MAJOR))

    def _ref(self, user_id: int | None) -> UserRef | None:
        return self.db.users[user_id].ref if user_id is not None else None

    def _append(self, complaint_id: int, events: list[NewEvent], actor_id: int | None) -> None:
        for e in events:
            self.db.complaint_events.append((complaint_id, ComplaintEvent(
                self.db.next_id(), e.kind, e.at, self._ref(actor_id), e.timer_kind, dict(e.data))))

    async def add(self, new: NewComplaint, *, org_unit_id: int, account_manager_id: int | None,
                  received_by: int | None, policy_id: int, calendar_id: int, timers: list[Timer],
                  events: list[NewEvent], at: datetime) -> int:
        complaint_id = self.db.next_id()
        self.db.complaints[complaint_id] = Complaint(
            id=complaint_id, customer_id=new.customer_id, customer_name=self.db.customers[new.customer_id].name,
            org_unit_id=org_unit_id, org_unit_name=self.db.org_units[org_unit_id].name,
            account_manager=self._ref(account_manager_id), received_by=self._ref(received_by),
            severity=new.severity, status=ComplaintStatus.RECEIVED, channel=new.channel, summary=new.summary,
            details=new.details, products=new.products, order_refs=new.order_refs, received_at=new.received_at,
            policy_id=policy_id, policy_name=self.db.policies[policy_id].name, calendar_id=calendar_id,
            timers=tuple(sorted(timers, key=lambda t: _TIMER_ORDER[t.kind])),
            last_event_at=max(e.at for e in events))
        self._append(complaint_id, events, received_by)
        return complaint_id

    async def get(self, complaint_id: int, scope: DataScope, *, hq_sees_major: bool,
                  for_update: bool = False) -> Complaint | None:
        c = self.db.complaints.get(complaint_id)
        return c if c is not None and self._visible(c, scope, hq_sees_major) else None

    async def save(self, before: Complaint, after: Complaint, events: list[NewEvent], *, actor_id: int | None,
                   at: datetime) -> None:
        stored = self.db.complaints[after.id]
        last = max(e.at for e in events)
        policy = self.db.policies[after.policy_id]
        self.db.complaints[after.id] = replace(
            after, policy_name=policy.name, version=stored.version + 1,
            last_event_at=max(last, before.last_event_at or last),
            timers=tuple(sorted(after.timers, key=lambda t: _TIMER_ORDER[t.kind])),
            task_group=tuple(sorted(after.task_group, key=lambda m: (m.department.value, m.user.display_name))))
        self._append(after.id, events, actor_id)

    async def events(self, complaint_id: int) -> list[ComplaintEvent]:
        return sorted((e for cid, e in self.db.complaint_events if cid == complaint_id), key=lambda e: (e.at, e.id))


class FakeNotificationRepository:
    """What the use cases notify (listing and reading them is left to the integration tests)."""

    def __init__(self, db: FakeDb) -> None:
        self.db = db

    async def notify(self, user_ids: list[int], kind: NotificationKind, complaint_id: int, at: datetime) -> None:
        self.db.notifications.extend(Notified(u, kind, complaint_id, at) for u in user_ids)

    async def notify_role(self, role: Role, kind: NotificationKind, complaint_id: int, at: datetime) -> None:
        await self.notify([u.id for u in self.db.users.values() if u.role is role and u.is_active], kind,
                          complaint_id, at)


    async def send(self, items: list[NewNotification], at: datetime) -> None:
        self.db.sent.extend((n, None) for n in items if self.db.users[n.user_id].is_active)

    async def mark_read_about_sheet(self, score_sheet_id: int, kind: NotificationKind, at: datetime) -> int:
        marked = [i for i, (n, read) in enumerate(self.db.sent)
                  if n.score_sheet_id == score_sheet_id and n.kind is kind and read is None]
        for i in marked:
            self.db.sent[i] = (self.db.sent[i][0], at)
        return len(marked)


class FakeVisitRepository:
    """What the customers' use cases ask of visits (reassignment moves planned visits); the rest is tested
    against PostgreSQL (tests/integration/test_visits.py)."""

    def __init__(self, db: FakeDb) -> None:
        self.db = db

    async def move_planned(self, customer_id: int, owner_id: int, *, at: datetime) -> int:
        return 0


class FakeScoreModelRepository:
    def __init__(self, db: FakeDb) -> None:
        self.db = db

    async def get(self, model_id: int) -> ScoreModel | None:
        return self.db.score_models.get(model_id)

    async def current(self) -> list[ScoreModel]:
        latest: dict[str, ScoreModel] = {}
        for model in self.db.score_models.values():
            if model.name not in latest or model.version > latest[model.name].version:
                latest[model.name] = model
        return list(latest.values())


class FakeCategoryRuleRepository:
    def __init__(self, db: FakeDb) -> None:
        self.db = db

    async def list(self) -> list[CategoryRule]:
        return list(self.db.category_rules)


class FakeScoreSheetRepository:
    """Score sheets as stored, the customer's reference read fresh on every get (as the SQL join does)."""

    _USER_COLUMNS = ("filled_by", "reviewed_by", "created_by")

    def __init__(self, db: FakeDb) -> None:
        self.db = db

    def _visible(self, sheet: ScoreSheet, scope: DataScope) -> bool:
        customer = self.db.customers[sheet.customer.id]
        return scope.allows(customer.owner.id if customer.owner else None, customer.org_unit.path)

    def _fresh(self, sheet: ScoreSheet) -> ScoreSheet:
        c = self.db.customers[sheet.customer.id]
        return replace(_copy(sheet), customer=CustomerRef(c.id, c.code, c.name, str(c.customer_type), c.owner))

    async def get(self, sheet_id: int, scope: DataScope, *, for_update: bool = False) -> ScoreSheet | None:
        sheet = self.db.score_sheets.get(sheet_id)
        return self._fresh(sheet) if sheet is not None and self._visible(sheet, scope) else None

    async def exists(self, customer_id: int, period: Quarter) -> bool:
        return any(s.customer.id == customer_id and s.period == period for s in self.db.score_sheets.values())

    async def add(self, sheets: list[NewScoreSheet], created_by: int | None, *, at: datetime) -> list[int]:
        ids = []
        for new in sheets:
            if await self.exists(new.customer_id, new.period):
                continue  # one per customer and quarter: a sheet opened meanwhile stays
            sheet_id = self.db.next_id()
            self.db.score_sheets[sheet_id] = ScoreSheet(
                id=sheet_id, customer=CustomerRef(new.customer_id, "", "", "", None), period=new.period,
                model_id=new.model_id, status=SheetStatus.DRAFT, values=dict(new.values),
                computed=dict(new.computed), notes={}, created_by=self.db.users[created_by].ref if created_by else None,
                created_at=at, version=1, updated_at=at)
            ids.append(sheet_id)
        return ids

    async def update(self, sheet_id: int, changes: dict[str, Any], expected_version: int, *, at: datetime) -> bool:
        sheet = self.db.score_sheets.get(sheet_id)
        if sheet is None or sheet.version != expected_version:
            return False
        for key, value in changes.items():
            if key in self._USER_COLUMNS:
                value = self.db.users[value].ref if value is not None else None
            elif key == "status":
                value = SheetStatus(value)
            elif key in ("values", "notes", "grades") and value is not None:
                value = dict(value)
            assert hasattr(sheet, key), f"score sheets have no column {key}"
            setattr(sheet, key, value)
        sheet.version += 1
        sheet.updated_at = at
        return True

    async def list(self, scope: DataScope, filters: SheetFilters, page: PageRequest) -> Page[ScoreSheet]:
        found = [self._fresh(s) for s in sorted(self.db.score_sheets.values(), key=lambda s: -s.id)
                 if self._visible(s, scope)
                 and (filters.status is None or s.status is filters.status)
                 and (filters.period is None or s.period == filters.period)
                 and (filters.customer_id is None or s.customer.id == filters.customer_id)
                 and (filters.filled_by is None or (s.filled_by is not None and s.filled_by.id == filters.filled_by))
                 and (filters.not_filled_by is None or s.filled_by is None
                      or s.filled_by.id != filters.not_filled_by)]
        return Page(found[:page.limit], None)

    async def measures(self, customer_ids: Collection[int], period: Quarter) -> dict[int, PeriodMeasures]:
        nothing = PeriodMeasures(Decimal(0), Decimal(0), None)
        return {i: self.db.measures.get((i, period), nothing) for i in customer_ids}

    async def customers_without_sheet(self, scope: DataScope, period: Quarter,
                                      partitions: Collection[Partition]) -> builtins.list[tuple[int, str]]:
        return [(c.id, str(c.customer_type)) for c in sorted(self.db.customers.values(), key=lambda c: c.id)
                if c.partition in partitions
                and scope.allows(c.owner.id if c.owner else None, c.org_unit.path)
                and not await self.exists(c.id, period)]

    async def quarter_counts(self, scope: DataScope, period: Quarter,
                             partitions: Collection[Partition]) -> QuarterCounts:
        missing: Counter[tuple[UserRef | None, str]] = Counter()
        existing = 0
        for c in self.db.customers.values():
            if c.partition in partitions and scope.allows(c.owner.id if c.owner else None, c.org_unit.path):
                if await self.exists(c.id, period):
                    existing += 1
                else:
                    missing[(c.owner, str(c.customer_type))] += 1
        return QuarterCounts([MissingSheets(o, t, n) for (o, t), n in missing.items()], existing)

    async def reviewers(self, customer_id: int) -> SheetReviewers:
        unit = self.db.customers[customer_id].org_unit
        active = [u for u in self.db.users.values() if u.is_active]
        return SheetReviewers(
            frozenset(u.id for u in active if u.role is Role.STORE_MANAGER and u.org_unit.contains(unit)),
            frozenset(u.id for u in active if u.role is Role.HQ_KEY_ACCOUNT))

    async def record_grades(self, sheet: ScoreSheet, at: datetime) -> None:
        assert sheet.grades is not None and sheet.category is not None
        customer = self.db.customers[sheet.customer.id]
        tiers = customer.tiers or CurrentTiers()
        # An older quarter approved late joins the history but does not replace a later quarter's result.
        graded = Quarter.parse(tiers.graded_period) if tiers.graded_period else None
        if graded is None or graded <= sheet.period:
            grades = {str(d): str(g) for d, g in sheet.grades.items()}
            customer.tiers = replace(tiers, potential=grades["potential"], possibility=grades["possibility"],
                                     basis=grades["basis"], category=sheet.category, graded_period=str(sheet.period))
        self.db.tier_history.append((customer.id, TierHistoryEntry(
            at=at, source=TierSource.SCORE_SHEET, period=str(sheet.period), grades=dict(sheet.grades),
            category=sheet.category, level=None, abc_class=None, revenue_12m=None, score_sheet_id=sheet.id)))

    async def tier_history(self, customer_id: int) -> builtins.list[TierHistoryEntry]:
        return [e for cid, e in reversed(self.db.tier_history) if cid == customer_id]


class FakeUnitOfWork:
    """One business transaction over a `FakeDb`: the repositories work on a copy of the committed state, which
    `commit` makes the committed state; leaving the outermost block forgets whatever was not committed.
    Re-entrant like the SQL unit of work. `commits` counts commits, for tests that check nothing was written."""

    def __init__(self, db: FakeDb, clock: FrozenClock) -> None:
        self.committed = db
        self.clock = clock
        self.commits = 0
        self._depth = 0

    def _begin(self) -> None:
        db = copy.deepcopy(self.committed)
        self.org_units = FakeOrgUnitRepository(db)
        self.users = FakeUserRepository(db)
        self.customers = FakeCustomerRepository(db)
        self.audit = FakeAuditLog(db)
        self.idempotency = FakeIdempotencyStore(db)
        self.sla = FakeSlaRepository(db)
        self.complaints = FakeComplaintRepository(db)
        self.notifications = FakeNotificationRepository(db)
        self.visits = FakeVisitRepository(db)
        self.score_models = FakeScoreModelRepository(db)
        self.category_rules = FakeCategoryRuleRepository(db)
        self.score_sheets = FakeScoreSheetRepository(db)
        self._working = db

    async def __aenter__(self) -> Self:
        self._depth += 1
        if self._depth == 1:
            self._begin()
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        self._depth -= 1
        if self._depth == 0:
            self._begin()  # what was not committed is gone

    async def commit(self) -> None:
        assert self._depth > 0, "commit outside a transaction"
        self.committed = copy.deepcopy(self._working)
        self.commits += 1

    async def rollback(self) -> None:
        self._begin()
