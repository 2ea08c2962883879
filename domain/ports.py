"""The ports the use cases need; repositories/ implements them, tests/fakes.py fakes them."""

from __future__ import annotations

import builtins
from collections.abc import Collection
from datetime import date, datetime, timedelta
from types import TracebackType
from typing import Any, Protocol, Self

from domain.audit import AuditEntry, AuditRecord
from domain.clv import CustomerSummary
from domain.complaints import (
    Complaint,
    ComplaintEvent,
    ComplaintFilters,
    NamedCalendar,
    NewComplaint,
    NewEvent,
    Notification,
    NotificationKind,
    SlaPolicy,
    SlaReport,
    SweepOutcome,
)
from domain.customers import (
    Contact,
    Customer,
    CustomerFilters,
    OwnershipPeriod,
    Page,
    PageRequest,
)
from domain.integrations import ApiKey, ApiKeyUsage, IdempotencyRequest
from domain.loyalty import (
    ChurnRisk,
    ClvFit,
    CustomerLoyalty,
    LoyaltyRun,
    LoyaltyRunTrigger,
    LoyaltySettings,
    PortfolioMeasures,
    PortfolioResults,
    PortfolioSummary,
    RecordedHealth,
    SegmentSize,
)
from domain.orders import (
    FactsDelta,
    MonthDelta,
    OrderToWrite,
    OrderWritten,
    StoredOrder,
    TransactionFacts,
)
from domain.organisation import DataScope, OrgUnit, OrgUnitKind, Role, User
from domain.scoring import (
    Dimension,
    Grade,
    NewScoreSheet,
    PeriodMeasures,
    Quarter,
    ScoreModel,
    ScoreSheet,
    SheetFilters,
)
from domain.signin import Failures
from domain.sla import BusinessCalendar, CalendarDay, Timer
from domain.tiering import (
    AbcCount,
    CategoryRule,
    DecileBasis,
    LevelCount,
    Movement,
    Progress,
    RankedGroup,
    TierHistoryEntry,
    TierRun,
    TierRunTrigger,
    TierSettings,
)


class Clock(Protocol):
    def now(self) -> datetime:
        """An aware UTC datetime."""
        ...


class PasswordHasher(Protocol):
    """Slow on purpose (argon2): implementations keep the work off the event loop and refuse with
    TooManyAttempts when too many checks wait already."""

    async def hash(self, password: str) -> str: ...

    async def verify(self, password_hash: str | None, password: str) -> bool:
        """Whether the password matches the hash. With no hash (no such user) it spends the same work on a
        stand-in hash and answers False, so the time taken reveals nothing."""
        ...


class OrgUnitRepository(Protocol):
    async def get(self, unit_id: int) -> OrgUnit | None: ...

    async def get_by_code(self, code: str) -> OrgUnit | None: ...

    async def list(self) -> list[OrgUnit]: ...

    async def add(self, *, code: str, name: str, kind: OrgUnitKind, parent: OrgUnit | None) -> OrgUnit: ...


class UserRepository(Protocol):
    async def get(self, user_id: int) -> User | None: ...

    async def get_by_username(self, username: str) -> User | None: ...

    async def list(
        self,
        *,
        unit_path: str | None,
        role: Role | None,
        org_unit_code: str | None,
        q: str | None,
        is_active: bool | None,
        page: PageRequest,
    ) -> Page[User]: ...

    async def add(
        self, *, username: str, display_name: str, role: Role, org_unit: OrgUnit, password_hash: str
    ) -> User: ...

    async def set_active(self, user_id: int, active: bool) -> None: ...

    async def set_password(self, user_id: int, password_hash: str) -> None: ...


class CustomerRepository(Protocol):
    async def get(self, customer_id: int, scope: DataScope, *, for_update: bool = False) -> Customer | None: ...

    async def list(self, scope: DataScope, filters: CustomerFilters, page: PageRequest) -> Page[Customer]: ...

    async def add(self, values: dict[str, Any], *, owner_id: int | None, org_unit_id: int) -> Customer: ...

    async def update(self, customer_id: int, values: dict[str, Any], expected_version: int) -> Customer | None:
        """Applies values if the stored version is expected_version; None when it is not."""
        ...

    async def ids_in_scope(self, ids: builtins.list[int], scope: DataScope) -> builtins.list[int]: ...

    async def external_id_taken(self, source_system: str | None, external_id: str, exclude_id: int | None) -> bool: ...

    async def start_ownership(
        self, customer_id: int, *, owner_id: int | None, org_unit_id: int, at: datetime, reason: str | None,
        changed_by: int | None,
    ) -> None:
        """Closes the open ownership period (if any) at `at` and opens a new one."""
        ...

    async def ownership_history(self, customer_id: int) -> builtins.list[OwnershipPeriod]: ...

    async def count(self) -> int: ...

    async def lock_source(self, source: str) -> None:
        """Until the transaction ends, other writers of this source's customers wait."""
        ...

    async def by_external_ids(self, source: str, external_ids: builtins.list[str]) -> dict[str, Customer]: ...


class ContactRepository(Protocol):
    async def get(self, contact_id: int) -> Contact | None: ...

    async def list_for_customer(self, customer_id: int) -> list[Contact]: ...

    async def add(self, customer_id: int, values: dict[str, Any]) -> Contact: ...

    async def update(self, contact_id: int, values: dict[str, Any], expected_version: int) -> Contact | None: ...

    async def clear_primary(self, customer_id: int, except_id: int | None) -> None: ...


class AuditLog(Protocol):
    async def record(self, entry: AuditEntry, at: datetime) -> None: ...

    async def list_for_customer(self, customer_id: int, page: PageRequest) -> Page[AuditRecord]: ...


class LoginThrottle(Protocol):
    """Failed sign-ins counted per keyed-hash key (domain/signin.py)."""

    async def lock(self, keys: Collection[str], *, forget_before: datetime) -> dict[str, Failures]:
        """The keys' counts, locked until the transaction ends (parallel attempts on a key queue here). A count
        whose last failure is before `forget_before` reads as none."""
        ...

    async def count_attempt(self, keys: Collection[str], at: datetime) -> None:
        """One more attempt on each (locked) key, counted before the password is checked."""
        ...

    async def give_back(self, keys: Collection[str], *, clear: str | None = None) -> None:
        """Takes back one counted attempt from each key (the password was right, or never checked); `clear`
        forgets its key's count altogether."""
        ...

    async def purge(self, before: datetime) -> int:
        """Forgets the counts whose last failure is before `before`; how many."""
        ...


class SessionRegistry(Protocol):
    """Sessions ended before their token expires (sign-out): a deny list of session ids."""

    async def user_of_session(self, user_id: int, session_id: str) -> User | None:
        """The user, unless the session was ended (one round trip for both)."""
        ...

    async def end(self, session_id: str, expires_at: datetime) -> None:
        """Denies the session until its token would have expired anyway."""
        ...

    async def purge(self, now: datetime) -> int:
        """Forgets ended sessions whose tokens have expired; how many."""
        ...


class ApiKeyRepository(Protocol):
    async def add(
        self, *, name: str, prefix: str, key_hash: str, scopes: list[str], created_by: int | None
    ) -> ApiKey: ...

    async def find_by_prefix(self, prefix: str) -> tuple[ApiKey, str] | None:
        """The key and its stored hash."""
        ...

    async def touch(self, key_id: int, at: datetime) -> None: ...

    async def list(self) -> list[ApiKey]: ...

    async def revoke(self, key_id: int, at: datetime) -> bool: ...

    async def record_usage(self, key_id: int, at: datetime, items: int) -> None:
        """Counts one request carrying `items` items in the hour of `at`."""
        ...

    async def usage_since(self, since: datetime) -> builtins.list[ApiKeyUsage]: ...


class IdempotencyStore(Protocol):
    async def claim(self, request: IdempotencyRequest, now: datetime, ttl: timedelta) -> Any | None:
        """Claims the key for this transaction and returns None, or returns the outcome recorded for it
        earlier. Waits while another transaction holds the same key. Raises RuleViolation when the key
        was used for a different request."""
        ...

    async def record(self, request: IdempotencyRequest, outcome: Any) -> None: ...

    async def purge_expired(self, now: datetime) -> int: ...


class OrderRepository(Protocol):
    async def customer_ids(self, source: str, external_ids: Collection[str]) -> dict[str, int]:
        """Keyhold's id of each customer the source knows by these external ids."""
        ...

    async def orders_by_external_id(self, source: str, external_ids: Collection[str]) -> dict[str, tuple[int, int]]:
        """(order id, customer id) of the source's orders with these external ids."""
        ...

    async def write(
        self, source: str, writes: builtins.list[OrderToWrite], now: datetime
    ) -> builtins.list[OrderWritten]:
        """Upserts by (source, external id): new orders are created, changed ones updated with their previous
        state kept in the history, unchanged ones (same fingerprint) left alone."""
        ...

    async def get(self, order_id: int) -> StoredOrder | None: ...

    async def list_for_customer(self, customer_id: int, page: PageRequest) -> Page[StoredOrder]: ...


class FactsRepository(Protocol):
    async def apply(self, customers: dict[int, FactsDelta], months: dict[tuple[int, date], MonthDelta],
                    now: datetime, time_zone: str) -> None:
        """Adds the deltas to the stored facts, in the transaction that wrote the orders, and marks the quarters
        of the orders stale for the loyalty recompute."""
        ...

    async def rebuild(self, time_zone: str, now: datetime) -> int:
        """Recomputes every customer's facts (quarterly ones too) from the orders, set-based; returns the
        customers with facts."""
        ...

    async def recount_stale_quarters(self, time_zone: str) -> int:
        """Counts the quarters marked stale again from their orders; returns how many."""
        ...

    async def get(self, customer_id: int) -> TransactionFacts | None: ...


class ScoreModelRepository(Protocol):
    async def get(self, model_id: int) -> ScoreModel | None: ...

    async def list(self) -> builtins.list[ScoreModel]: ...

    async def current(self) -> builtins.list[ScoreModel]:
        """The latest version of every model."""
        ...

    async def add_version(self, model: ScoreModel, created_by: int | None) -> ScoreModel:
        """Stores the model as the next version of its name."""
        ...


class CategoryRuleRepository(Protocol):
    async def list(self) -> builtins.list[CategoryRule]: ...

    async def replace(self, rules: builtins.list[CategoryRule]) -> None:
        """Stores the rules in this order (first match wins)."""
        ...

    async def grade_combinations(self) -> builtins.list[tuple[dict[Dimension, Grade], str | None, int]]:
        """(grades, current category, customers) for every grade combination customers have now."""
        ...

    async def recategorise(self, categories: builtins.list[tuple[dict[Dimension, Grade], str]], at: datetime) -> int:
        """Sets each grade combination's category on customers' current tiers, with a history row for every
        customer whose category changes; returns how many changed."""
        ...


class ScoreSheetRepository(Protocol):
    async def get(self, sheet_id: int, scope: DataScope, *, for_update: bool = False) -> ScoreSheet | None:
        """A sheet of a customer within the scope."""
        ...

    async def exists(self, customer_id: int, period: Quarter) -> bool: ...

    async def add(self, sheets: builtins.list[NewScoreSheet], created_by: int | None) -> builtins.list[int]: ...

    async def update(self, sheet_id: int, changes: dict[str, Any], expected_version: int) -> bool:
        """Applies the changes if the stored version is expected_version (and bumps it)."""
        ...

    async def list(self, scope: DataScope, filters: SheetFilters, page: PageRequest) -> Page[ScoreSheet]: ...

    async def measures(self, customer_ids: Collection[int], period: Quarter) -> dict[int, PeriodMeasures]:
        """Each customer's figures for the quarter, set-based."""
        ...

    async def customers_without_sheet(self, scope: DataScope, period: Quarter) -> builtins.list[tuple[int, str]]:
        """(id, customer type) of the customers in scope, abandoned ones aside, with no sheet for the quarter."""
        ...

    async def record_grades(self, sheet: ScoreSheet, at: datetime) -> None:
        """Makes an approved sheet's grades and category the customer's current ones (unless a later quarter
        is already approved) and appends them to the customer's tier history."""
        ...

    async def tier_history(self, customer_id: int) -> builtins.list[TierHistoryEntry]: ...

    async def category_matrix(self, scope: DataScope) -> builtins.list[tuple[dict[Dimension, Grade] | None, str | None,
                                                                             int]]:
        """(grades, category, customers) per grade combination of the customers in scope; None = not graded."""
        ...

    async def transitions(self, scope: DataScope, before: Quarter, after: Quarter) -> builtins.list[
            tuple[str | None, str | None, int]]:
        """(category in `before`, category in `after`, customers) from approved sheets; None = no approved sheet."""
        ...

    async def movements(self, scope: DataScope, before: Quarter, after: Quarter,
                        before_categories: Collection[str]) -> builtins.list[Movement]:
        """Customers with approved sheets in both quarters whose category in `before` is one of these, with both
        results."""
        ...


class TierRepository(Protocol):
    """Key-account levels and ABC classes: the settings, set-based recomputes and their runs, summaries."""

    async def settings(self, *, for_update: bool = False) -> TierSettings: ...

    async def save_settings(self, settings: TierSettings, *, updated_by: int | None, at: datetime) -> TierSettings:
        """Stores the values as the next version; returns them with it."""
        ...

    async def lock_recompute(self) -> None:
        """Until the transaction ends, other recomputes wait (they then see this one's results)."""
        ...

    async def try_lock_nightly(self) -> bool:
        """Claims the nightly jobs until the transaction ends; False when another process holds them."""
        ...

    async def start_run(self, *, trigger: TierRunTrigger, triggered_by: int | None, started_at: datetime,
                        as_of_month: date, settings: TierSettings) -> int: ...

    async def recompute(self, run_id: int, *, since: date, until: date, settings: TierSettings, at: datetime,
                        progress: Progress | None = None) -> tuple[int, int]:
        """Every customer's net revenue of the months since..until (0 without any), level and ABC class, set-based;
        writes only the customers whose figures changed, with a history row (of the run) for each whose level or
        ABC class changed. Returns (customers, customers whose level or ABC class changed)."""
        ...

    async def finish_run(self, run_id: int, *, customers: int, changed: int, finished_at: datetime) -> TierRun: ...

    async def runs(self, limit: int, trigger: TierRunTrigger | None = None) -> builtins.list[TierRun]:
        """The latest runs first."""
        ...

    async def level_counts(self, scope: DataScope) -> tuple[builtins.list[LevelCount], int]:
        """Customers and revenue per level of the customers in scope, and how many of them are not tiered yet."""
        ...

    async def abc_counts(self, scope: DataScope) -> tuple[builtins.list[AbcCount], int]: ...

    async def ranked_groups(self, scope: DataScope, by: DecileBasis, groups: int) -> builtins.list[RankedGroup]:
        """The tiered customers in scope ranked by the figure (largest first, ties by id) and cut into `groups`
        groups of equal size, the first groups taking one more (ntile), with running sums."""
        ...


class LoyaltyRepository(Protocol):
    """Loyalty figures computed set-based from the orders, stored in bulk, and read per customer or per scope."""

    async def settings(self, *, for_update: bool = False) -> LoyaltySettings: ...

    async def save_settings(self, settings: LoyaltySettings, *, updated_by: int | None,
                            at: datetime) -> LoyaltySettings: ...

    async def lock_recompute(self) -> None:
        """Waits until no other loyalty recompute runs (held until the transaction ends)."""
        ...

    async def start_run(self, *, trigger: LoyaltyRunTrigger, triggered_by: int | None, as_of: date,
                        started_at: datetime, settings_version: int) -> int: ...

    async def finish_run(self, run_id: int, *, customers: int, fit: ClvFit | None, fit_error: str | None,
                         finished_at: datetime) -> LoyaltyRun: ...

    async def runs(self, limit: int, *, run_id: int | None = None,
                   trigger: LoyaltyRunTrigger | None = None) -> builtins.list[LoyaltyRun]: ...

    async def measures(self, as_of: date, time_zone: str, *, quarter_before: bool = True) -> PortfolioMeasures:
        """Every customer's measures as of the end of `as_of` (a local date), in customer id order; the health
        measures as of the day `HealthWindows(as_of).before` too when `quarter_before`."""
        ...

    async def recorded_health(self, quarter_end: date, settings_version: int) -> RecordedHealth | None:
        """The health scores as of `quarter_end` under that settings version that the current figures carry,
        unless orders of the quarters up to it were recounted since (FactsRepository drops the record)."""
        ...

    async def record_health(self, quarter_end: date, settings_version: int, at: datetime) -> None:
        """Notes that the figures the run writes carry the health as of `quarter_end` under that settings version
        (their health a quarter before), for `recorded_health` to read back."""
        ...

    async def clv_summary(self, calibration_end: date, time_zone: str) -> CustomerSummary:
        """Every customer with a purchase up to `calibration_end` (inclusive, a local date): repeat purchase days,
        recency and T in weeks, mean spend of the repeat purchase days, in customer id order (the rule of
        domain/clv.py `summary_from_transactions`)."""
        ...

    async def write(self, run_id: int, as_of: date, m: PortfolioMeasures, results: PortfolioResults,
                    progress: Progress | None = None, step: tuple[int, int] = (1, 1)) -> int:
        """Replaces every customer's figures with the run's; records the segment sizes of `as_of`."""
        ...

    async def customer(self, customer_id: int) -> CustomerLoyalty | None: ...

    async def summary(self, scope: DataScope) -> PortfolioSummary: ...

    async def churn_risk(self, scope: DataScope, page: PageRequest) -> Page[ChurnRisk]: ...

    async def segment_history(self, since: date) -> builtins.list[SegmentSize]: ...


class ComplaintRepository(Protocol):
    async def add(self, new: NewComplaint, *, org_unit_id: int, account_manager_id: int | None,
                  received_by: int | None, policy_id: int, calendar_id: int, timers: builtins.list[Timer],
                  events: builtins.list[NewEvent], at: datetime) -> int: ...

    async def get(self, complaint_id: int, scope: DataScope, *, hq_sees_major: bool,
                  for_update: bool = False) -> Complaint | None:
        """With timers, remedies and task group; None outside the scope. for_update locks it and its timers."""
        ...

    async def save(self, before: Complaint, after: Complaint, events: builtins.list[NewEvent], *,
                   actor_id: int | None, at: datetime) -> None: ...

    async def events(self, complaint_id: int) -> builtins.list[ComplaintEvent]: ...

    async def list(self, scope: DataScope, filters: ComplaintFilters, page: PageRequest, *, hq_sees_major: bool,
                   now: datetime) -> Page[Complaint]:
        """Items carry their timers (not remedies or task groups)."""
        ...

    async def sweep(self, now: datetime, batch: int) -> SweepOutcome:
        """One batch of warnings, breaches and escalations, each recorded exactly once across processes."""
        ...

    async def notify(self, user_ids: builtins.list[int], kind: NotificationKind, complaint_id: int,
                     at: datetime) -> None: ...

    async def notify_role(self, role: Role, kind: NotificationKind, complaint_id: int, at: datetime) -> None:
        """Notifies every active user of the role."""

    async def notifications(self, user_id: int, *, unread_only: bool,
                            page: PageRequest) -> tuple[Page[Notification], int]:
        """A page of the user's notifications, newest first, and how many are unread."""
        ...

    async def mark_read(self, user_id: int, notification_id: int | None, at: datetime) -> int: ...

    async def notification_exists(self, user_id: int, notification_id: int) -> bool: ...

    async def report(self, scope: DataScope, *, hq_sees_major: bool, since: date, until: date, time_zone: str,
                     org_unit_id: int | None, now: datetime) -> SlaReport: ...


class SlaRepository(Protocol):
    async def calendars(self) -> builtins.list[NamedCalendar]: ...

    async def calendar(self, calendar_id: int, *, for_update: bool = False) -> NamedCalendar | None: ...

    async def add_calendar(self, name: str, calendar: BusinessCalendar, *, updated_by: int | None,
                           at: datetime) -> int: ...

    async def save_calendar(self, calendar_id: int, name: str, calendar: BusinessCalendar,
                            imported: frozenset[Any], *, updated_by: int | None, at: datetime) -> None: ...

    async def import_days(self, calendar_id: int, days: builtins.list[CalendarDay], *, at: datetime) -> int:
        """Adds or refreshes imported holidays and adjusted working days; days entered by hand are kept."""
        ...

    async def policies(self) -> builtins.list[SlaPolicy]: ...

    async def policy(self, policy_id: int, *, for_update: bool = False) -> SlaPolicy | None: ...

    async def add_policy(self, policy: SlaPolicy, *, updated_by: int | None, at: datetime) -> SlaPolicy: ...

    async def save_policy(self, policy: SlaPolicy, *, updated_by: int | None, at: datetime) -> SlaPolicy: ...

    async def calendar_in_use(self, calendar_id: int) -> bool: ...


class UnitOfWork(Protocol):
    """One business transaction. It rolls back unless the use case commits."""

    org_units: OrgUnitRepository
    users: UserRepository
    customers: CustomerRepository
    contacts: ContactRepository
    audit: AuditLog
    login_throttle: LoginThrottle
    sessions: SessionRegistry
    api_keys: ApiKeyRepository
    idempotency: IdempotencyStore
    orders: OrderRepository
    facts: FactsRepository
    score_models: ScoreModelRepository
    category_rules: CategoryRuleRepository
    tiers: TierRepository
    score_sheets: ScoreSheetRepository
    loyalty: LoyaltyRepository
    complaints: ComplaintRepository
    sla: SlaRepository

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...

    async def commit(self) -> None: ...

    async def rollback(self) -> None: ...
