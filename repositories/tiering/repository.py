"""Category rules, and key-account levels and ABC classes in PostgreSQL: settings, the set-based recompute, runs
and summaries.

The recompute is three statements whatever the number of customers (no per-customer loop):
1. revenue per customer: the trailing 12 months of `customer_monthly_revenue`, every customer (0 without);
2. levels and ABC classes: thresholds as a CASE, ABC by a running sum ordered by revenue desc, customer id
   (domain/tiering/model.py `LevelThresholds.level` and `abc_classes` are the definitions; tests hold them equal);
3. writes: the customers whose revenue, level or ABC class differ (IS DISTINCT FROM) are upserted into
   `customer_tiers`, and those whose level or ABC class changed get a history row, in one statement.
"""

from __future__ import annotations

import builtins
import time
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import orjson
from sqlalchemy import String, and_, column, delete, func, insert, literal, select, text, update, values
from sqlalchemy.ext.asyncio import AsyncSession

from domain.customers.model import Partition
from domain.organisation.model import DataScope, ScopeKind, UserRef
from domain.paging import Page, PageRequest
from domain.scoring.model import CustomerRef, Dimension, Grade
from domain.tiering.model import (
    LEVEL_ORDER,
    AbcClass,
    AbcCount,
    AbcShares,
    CategoryRule,
    DecileBasis,
    KeyAccountLevel,
    LevelCount,
    LevelThresholds,
    PartitionMismatch,
    PartitionRule,
    Progress,
    RankedGroup,
    RecomputeStep,
    TierRun,
    TierRunTrigger,
    TierSettings,
    TierSource,
    percent,
)
from repositories.pagination import decode_cursor, encode_cursor, key_id, key_number
from repositories.scoring.sheets import GRADE_COLUMNS, grades_of
from repositories.tiering.tables import category_rules, customer_tier_history, customer_tiers

# Advisory lock keys (arbitrary, distinct): one recompute at a time; one process runs the nightly jobs.
RECOMPUTE_LOCK = 0x6B68_7401
NIGHTLY_LOCK = 0x6B68_7402

_SETTINGS = text("""
    SELECT level_special, level_a, level_b, abc_a_percent, abc_b_percent, version FROM tier_settings WHERE id = 1
""")

_SAVE_SETTINGS = text("""
    UPDATE tier_settings SET level_special = :level_special, level_a = :level_a, level_b = :level_b,
        abc_a_percent = :abc_a_percent, abc_b_percent = :abc_b_percent, version = version + 1,
        updated_by = :updated_by, updated_at = :at
    WHERE id = 1
    RETURNING level_special, level_a, level_b, abc_a_percent, abc_b_percent, version
""")

# 1. Every customer's net revenue of the window (the months are local, as in customer_monthly_revenue).
_REVENUE = text("""
    CREATE TEMP TABLE tier_revenue ON COMMIT DROP AS
    SELECT c.id AS customer_id, coalesce(m.revenue, 0) AS revenue_12m
    FROM customers c
    LEFT JOIN (SELECT customer_id, sum(net_revenue) AS revenue FROM customer_monthly_revenue
               WHERE month BETWEEN :since AND :until GROUP BY customer_id) m ON m.customer_id = c.id
""")

# 2. Level by the thresholds; ABC class by the revenue of the customers ranked before (revenue desc, id):
# A while it is under a % of all positive revenue, B while under a + b %, else C; no positive revenue: C.
# `before * 100 < a * total` is `before / total * 100 < a` without rounding.
_CLASSIFY = text("""
    CREATE TEMP TABLE tier_result ON COMMIT DROP AS
    SELECT r.customer_id, r.revenue_12m,
           CASE WHEN r.revenue_12m >= :level_special THEN 'special' WHEN r.revenue_12m >= :level_a THEN 'A'
                WHEN r.revenue_12m >= :level_b THEN 'B' ELSE 'C' END AS level,
           CASE WHEN r.revenue_12m <= 0 OR t.positive IS NULL THEN 'C'
                WHEN r.before * 100 < :abc_a * t.positive THEN 'A'
                WHEN r.before * 100 < (:abc_a + :abc_b) * t.positive THEN 'B' ELSE 'C' END AS abc_class
    FROM (SELECT customer_id, revenue_12m,
                 sum(revenue_12m) OVER (ORDER BY revenue_12m DESC, customer_id ROWS UNBOUNDED PRECEDING)
                 - revenue_12m AS before
          FROM tier_revenue) r
    CROSS JOIN (SELECT sum(revenue_12m) FILTER (WHERE revenue_12m > 0) AS positive FROM tier_revenue) t
""")

# 3. Only what changed is written. `tiered_at` is when the current level and ABC class were set.
_WRITE = text("""
    WITH changed AS (
        SELECT r.customer_id, r.revenue_12m, r.level, r.abc_class,
               (t.level IS DISTINCT FROM r.level OR t.abc_class IS DISTINCT FROM r.abc_class) AS moved
        FROM tier_result r LEFT JOIN customer_tiers t ON t.customer_id = r.customer_id
        WHERE (t.level, t.abc_class, t.revenue_12m) IS DISTINCT FROM (r.level, r.abc_class, r.revenue_12m)
    ), history AS (
        INSERT INTO customer_tier_history (customer_id, at, source, tier_run_id, level, abc_class, revenue_12m)
        SELECT customer_id, :at, 'recompute', :run_id, level, abc_class, revenue_12m FROM changed WHERE moved
    ), upserted AS (
        INSERT INTO customer_tiers AS t (customer_id, level, abc_class, revenue_12m, tiered_at)
        SELECT customer_id, level, abc_class, revenue_12m, :at FROM changed ORDER BY customer_id
        ON CONFLICT (customer_id) DO UPDATE SET
            level = excluded.level, abc_class = excluded.abc_class, revenue_12m = excluded.revenue_12m,
            tiered_at = CASE WHEN t.level IS DISTINCT FROM excluded.level
                                  OR t.abc_class IS DISTINCT FROM excluded.abc_class
                             THEN excluded.tiered_at ELSE t.tiered_at END
    )
    SELECT (SELECT count(*) FROM tier_result) AS customers, count(*) FILTER (WHERE moved) AS moved FROM changed
""")

_RUN_COLUMNS = """
    r.id, r.trigger, r.triggered_by, u.username, u.display_name, r.started_at, r.finished_at, r.as_of_month,
    r.customers, r.changed, r.settings
"""

# What each decile basis ranks customers by: (table aliased t, figure, which rows count). Future profit is the
# lifetime-value prediction of the latest loyalty recompute (customers who never bought have none).
_FIGURES: dict[DecileBasis, tuple[str, str, str]] = {
    DecileBasis.REVENUE: ("customer_tiers", "t.revenue_12m", "t.level IS NOT NULL"),
    DecileBasis.FUTURE_PROFIT: ("customer_loyalty", "t.future_profit", "t.future_profit IS NOT NULL"),
}


def _settings_from(row: Any) -> TierSettings:
    return TierSettings(LevelThresholds(row.level_special, row.level_a, row.level_b),
                        AbcShares(row.abc_a_percent, row.abc_b_percent), row.version)


def _settings_json(settings: TierSettings) -> dict[str, Any]:
    return {**{k: str(v) for k, v in settings.values().items()}, "version": settings.version}


def _settings_from_json(data: dict[str, Any]) -> TierSettings:
    return TierSettings(LevelThresholds(Decimal(data["level_special"]), Decimal(data["level_a"]),
                                        Decimal(data["level_b"])),
                        AbcShares(Decimal(data["abc_a_percent"]), Decimal(data["abc_b_percent"])),
                        int(data.get("version", 0)))


def _run_from(row: Any) -> TierRun:
    by = UserRef(row.triggered_by, row.username, row.display_name) if row.triggered_by is not None else None
    return TierRun(id=row.id, trigger=TierRunTrigger(row.trigger), triggered_by=by, started_at=row.started_at,
                   finished_at=row.finished_at, as_of_month=row.as_of_month, customers=row.customers,
                   changed=row.changed, settings=_settings_from_json(row.settings))


_PARTITION_RULE = text("""
    SELECT level_special, level_a, level_b, level_c, version FROM partition_rule WHERE id = 1
""")


def _partition_rule_from(row: Any) -> PartitionRule:
    def partition(value: str | None) -> Partition | None:
        return Partition(value) if value else None
    return PartitionRule(partition(row.level_special), partition(row.level_a), partition(row.level_b),
                         partition(row.level_c), row.version)


def _key_rank(value: Any) -> int:
    """A level's place in the partition check's order (0 = special .. 3 = C)."""
    if type(value) is not int or value not in LEVEL_ORDER.values():
        raise ValueError(value)
    return value


def _mismatch_join(rule: PartitionRule) -> tuple[str, dict[str, Any]] | None:
    """The rule as a VALUES list (level, its rank, the partition it belongs in) of the levels it decides, to join
    with customer_tiers; None when it decides none."""
    decided = [(level, rank, rule.expected(level)) for level, rank in LEVEL_ORDER.items() if rule.expected(level)]
    if not decided:
        return None
    rows = ", ".join(f"(CAST(:level_{i} AS text), {rank}, CAST(:expected_{i} AS text))"
                     for i, (_, rank, _) in enumerate(decided))
    params: dict[str, Any] = {}
    for i, (level, _, expected) in enumerate(decided):
        params[f"level_{i}"], params[f"expected_{i}"] = level.value, str(expected)
    return f"JOIN (VALUES {rows}) AS r(level, rank, expected) ON r.level = t.level", params


def scope_condition(scope: DataScope) -> tuple[str, dict[str, Any]]:
    """A condition on customers `c` for the data scope (as repositories/customers/repository.py applies it)."""
    if scope.kind is ScopeKind.OWN:
        return "c.owner_id = :scope_user_id", {"scope_user_id": scope.user_id}
    if scope.kind is ScopeKind.UNIT:
        assert scope.unit_path is not None
        return ("c.org_unit_id IN (SELECT id FROM org_units WHERE starts_with(path, :scope_unit_path))",
                {"scope_unit_path": scope.unit_path})
    return "true", {}


class SqlTierRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def partition_rule(self, *, for_update: bool = False) -> PartitionRule:
        sql = _PARTITION_RULE.text + (" FOR UPDATE" if for_update else "")
        return _partition_rule_from((await self.session.execute(text(sql))).one())

    async def save_partition_rule(self, rule: PartitionRule, *, updated_by: int | None,
                                  at: datetime) -> PartitionRule:
        row = (await self.session.execute(text("""
            UPDATE partition_rule SET level_special = :level_special, level_a = :level_a, level_b = :level_b,
                level_c = :level_c, version = version + 1, updated_by = :updated_by, updated_at = :at
            WHERE id = 1
            RETURNING level_special, level_a, level_b, level_c, version
        """), {**{k: str(v) if v else None for k, v in rule.values().items()}, "updated_by": updated_by,
                "at": at})).one()
        return _partition_rule_from(row)

    async def partition_mismatches(self, scope: DataScope, rule: PartitionRule,
                                   page: PageRequest) -> Page[PartitionMismatch]:
        joined = _mismatch_join(rule)
        if joined is None:
            return Page([], None)
        join, params = joined
        where, scope_params = scope_condition(scope)
        params = {**params, **scope_params, "limit": page.limit + 1}
        if page.cursor is not None:
            rank, revenue, after_id = decode_cursor(page.cursor, _key_rank, key_number, key_id)
            where += " AND (r.rank, -t.revenue_12m, c.id) > (:after_rank, -CAST(:after_revenue AS numeric), :after_id)"
            params |= {"after_rank": rank, "after_revenue": str(revenue), "after_id": after_id}
        rows = (await self.session.execute(text(f"""
            SELECT c.id, c.code, c.name, c.customer_type, c.owner_id, u.username, u.display_name, c.partition,
                   t.level, t.revenue_12m, r.rank, r.expected
            FROM customer_tiers t {join}
            JOIN customers c ON c.id = t.customer_id
            LEFT JOIN users u ON u.id = c.owner_id
            WHERE c.partition <> r.expected AND c.partition <> 'abandoned' AND {where}
            ORDER BY r.rank, t.revenue_12m DESC, c.id
            LIMIT :limit
        """), params)).all()
        more = len(rows) > page.limit
        rows = rows[:page.limit]
        items = [PartitionMismatch(
            CustomerRef(r.id, r.code, r.name, r.customer_type,
                        UserRef(r.owner_id, r.username, r.display_name) if r.owner_id else None),
            KeyAccountLevel(r.level), r.revenue_12m, Partition(r.partition), Partition(r.expected)) for r in rows]
        last = rows[-1] if rows else None
        return Page(items, encode_cursor([last.rank, str(last.revenue_12m), last.id]) if more and last else None)

    async def partition_mismatch_counts(self, scope: DataScope,
                                        rule: PartitionRule) -> list[tuple[KeyAccountLevel, int]]:
        joined = _mismatch_join(rule)
        if joined is None:
            return []
        join, params = joined
        where, scope_params = scope_condition(scope)
        rows = await self.session.execute(text(f"""
            SELECT t.level, count(*) AS customers
            FROM customer_tiers t {join}
            JOIN customers c ON c.id = t.customer_id
            WHERE c.partition <> r.expected AND c.partition <> 'abandoned' AND {where}
            GROUP BY t.level
        """), {**params, **scope_params})
        return [(KeyAccountLevel(r.level), int(r.customers)) for r in rows]

    async def customer_tiers(self, customer_id: int) -> tuple[KeyAccountLevel | None, AbcClass | None,
                                                              Decimal | None]:
        row = (await self.session.execute(text(
            "SELECT level, abc_class, revenue_12m FROM customer_tiers WHERE customer_id = :id AND level IS NOT NULL"),
            {"id": customer_id})).one_or_none()
        if row is None:
            return None, None, None
        return KeyAccountLevel(row.level), AbcClass(row.abc_class), row.revenue_12m

    async def settings(self, *, for_update: bool = False) -> TierSettings:
        sql = _SETTINGS.text + (" FOR UPDATE" if for_update else "")
        return _settings_from((await self.session.execute(text(sql))).one())

    async def save_settings(self, settings: TierSettings, *, updated_by: int | None, at: datetime) -> TierSettings:
        row = (await self.session.execute(_SAVE_SETTINGS, {**settings.values(), "updated_by": updated_by,
                                                           "at": at})).one()
        return _settings_from(row)

    async def lock_recompute(self) -> None:
        await self.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": RECOMPUTE_LOCK})

    async def try_lock_nightly(self) -> bool:
        return bool((await self.session.execute(text("SELECT pg_try_advisory_xact_lock(:key)"),
                                                {"key": NIGHTLY_LOCK})).scalar_one())

    async def start_run(self, *, trigger: TierRunTrigger, triggered_by: int | None, started_at: datetime,
                        as_of_month: date, settings: TierSettings) -> int:
        return int((await self.session.execute(text("""
            INSERT INTO tier_runs (trigger, triggered_by, started_at, as_of_month, settings)
            VALUES (:trigger, :triggered_by, :started_at, :as_of_month, CAST(:settings AS jsonb)) RETURNING id
        """), {"trigger": trigger.value, "triggered_by": triggered_by, "started_at": started_at,
               "as_of_month": as_of_month, "settings": orjson.dumps(_settings_json(settings)).decode()})).scalar_one())

    async def recompute(self, run_id: int, *, since: date, until: date, settings: TierSettings, at: datetime,
                        progress: Progress | None = None) -> tuple[int, int]:
        values = settings.values()
        steps: list[tuple[str, Any, dict[str, Any]]] = [
            ("revenue per customer", _REVENUE, {"since": since, "until": until}),
            ("levels and ABC classes", _CLASSIFY, {
                "level_special": values["level_special"], "level_a": values["level_a"],
                "level_b": values["level_b"], "abc_a": values["abc_a_percent"], "abc_b": values["abc_b_percent"]}),
            ("changes written", _WRITE, {"at": at, "run_id": run_id}),
        ]
        # A unit of work that commits to a savepoint (tests) keeps the temporary tables of an earlier run.
        await self.session.execute(text("DROP TABLE IF EXISTS pg_temp.tier_revenue, pg_temp.tier_result"))
        result: Any = None
        for number, (label, statement, params) in enumerate(steps, start=1):
            started = time.perf_counter()
            result = await self.session.execute(statement, params)
            if progress is not None:
                progress(RecomputeStep(number, len(steps), label, time.perf_counter() - started))
        row = result.one()
        return int(row.customers), int(row.moved)

    async def finish_run(self, run_id: int, *, customers: int, changed: int, finished_at: datetime) -> TierRun:
        await self.session.execute(text("""
            UPDATE tier_runs SET customers = :customers, changed = :changed, finished_at = :finished_at
            WHERE id = :id
        """), {"id": run_id, "customers": customers, "changed": changed, "finished_at": finished_at})
        row = (await self.session.execute(text(f"""
            SELECT {_RUN_COLUMNS} FROM tier_runs r LEFT JOIN users u ON u.id = r.triggered_by WHERE r.id = :id
        """), {"id": run_id})).one()
        return _run_from(row)

    async def runs(self, limit: int, trigger: TierRunTrigger | None = None) -> list[TierRun]:
        where = "r.trigger = :trigger" if trigger else "true"
        rows = await self.session.execute(text(f"""
            SELECT {_RUN_COLUMNS} FROM tier_runs r LEFT JOIN users u ON u.id = r.triggered_by
            WHERE {where} ORDER BY r.started_at DESC, r.id DESC LIMIT :limit
        """), {"limit": limit, **({"trigger": trigger.value} if trigger else {})})
        return [_run_from(r) for r in rows]

    async def level_counts(self, scope: DataScope) -> tuple[list[LevelCount], int]:
        rows = await self._counts("level", scope)
        return ([LevelCount(KeyAccountLevel(r.key), r.customers, r.revenue) for r in rows if r.key is not None],
                sum(r.customers for r in rows if r.key is None))

    async def abc_counts(self, scope: DataScope) -> tuple[list[AbcCount], int]:
        rows = await self._counts("abc_class", scope)
        tiered = [r for r in rows if r.key is not None]
        total = sum((r.revenue for r in tiered), Decimal(0))
        return ([AbcCount(AbcClass(r.key), r.customers, r.revenue, percent(r.revenue, total)) for r in tiered],
                sum(r.customers for r in rows if r.key is None))

    async def _counts(self, column: str, scope: DataScope) -> list[Any]:
        where, params = scope_condition(scope)
        # A customer without a recompute's level has no tiers yet (it may have grades from a score sheet).
        return list(await self.session.execute(text(f"""
            SELECT CASE WHEN t.level IS NULL THEN NULL ELSE t.{column} END AS key, count(*) AS customers,
                   coalesce(sum(t.revenue_12m), 0) AS revenue
            FROM customers c LEFT JOIN customer_tiers t ON t.customer_id = c.id
            WHERE {where}
            GROUP BY 1
        """), params))

    async def ranked_groups(self, scope: DataScope, by: DecileBasis, groups: int) -> list[RankedGroup]:
        table, figure, counted = _FIGURES[by]
        where, params = scope_condition(scope)
        join = "" if scope.kind is ScopeKind.ALL else "JOIN customers c ON c.id = t.customer_id"
        rows = await self.session.execute(text(f"""
            WITH ranked AS (
                SELECT {figure} AS figure,
                       ntile(:groups) OVER (ORDER BY {figure} DESC, t.customer_id) AS number
                FROM {table} t {join}
                WHERE {counted} AND {where}
            ), grouped AS (
                SELECT number, count(*) AS customers, sum(figure) AS total, min(figure) AS minimum
                FROM ranked GROUP BY number
            ), running AS (
                SELECT number, customers, total, minimum,
                       sum(customers) OVER w AS cumulative_customers, sum(total) OVER w AS cumulative_total,
                       sum(customers) OVER () AS all_customers, sum(total) OVER () AS grand_total
                FROM grouped WINDOW w AS (ORDER BY number ROWS UNBOUNDED PRECEDING)
            )
            SELECT *, max(cumulative_total) OVER () AS maximum_cumulative_total FROM running ORDER BY number
        """), {**params, "groups": groups})
        return [RankedGroup(
            number=r.number, customers=r.customers, total=r.total, minimum=r.minimum,
            cumulative_customers=int(r.cumulative_customers), cumulative_total=r.cumulative_total,
            all_customers=int(r.all_customers), grand_total=r.grand_total,
            maximum_cumulative_total=r.maximum_cumulative_total) for r in rows]


def category_rule_data(rule: CategoryRule) -> dict[str, Any]:
    return {"key": rule.key, "label_zh": rule.label_zh, "label_en": rule.label_en,
            "positioning_zh": rule.positioning_zh, "positioning_en": rule.positioning_en,
            "potential": sorted(g.value for g in rule.potential),
            "possibility": sorted(g.value for g in rule.possibility), "basis": sorted(g.value for g in rule.basis)}


class SqlCategoryRuleRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def list(self) -> list[CategoryRule]:
        rows = await self.session.execute(select(category_rules).order_by(category_rules.c.position))
        return [CategoryRule(r.key, r.label_zh, r.label_en, r.positioning_zh, r.positioning_en,
                             frozenset(Grade(g) for g in r.potential), frozenset(Grade(g) for g in r.possibility),
                             frozenset(Grade(g) for g in r.basis)) for r in rows]

    async def replace(self, rules: builtins.list[CategoryRule], *, at: datetime) -> None:
        await self.session.execute(delete(category_rules))
        await self.session.execute(insert(category_rules), [
            {"position": position, **category_rule_data(rule), "updated_at": at}
            for position, rule in enumerate(rules, start=1)])

    async def grade_combinations(self) -> builtins.list[tuple[dict[Dimension, Grade], str | None, int]]:
        t = customer_tiers
        columns = [t.c.potential_grade, t.c.possibility_grade, t.c.basis_grade, t.c.category]
        rows = await self.session.execute(select(*columns, func.count().label("customers"))
                                          .where(t.c.potential_grade.is_not(None)).group_by(*columns))
        found = []
        for row in rows:
            grades = grades_of(row._mapping)
            assert grades is not None
            found.append((grades, row.category, row.customers))
        return found

    async def recategorise(self, categories: builtins.list[tuple[dict[Dimension, Grade], str]], at: datetime) -> int:
        if not categories:
            return 0
        mapping = values(column("potential", String), column("possibility", String), column("basis", String),
                         column("category", String), name="mapping").data(
            [(str(g[Dimension.POTENTIAL]), str(g[Dimension.POSSIBILITY]), str(g[Dimension.BASIS]), category)
             for g, category in categories])
        t = customer_tiers
        changed = (
            update(t).where(and_(t.c.potential_grade == mapping.c.potential,
                                 t.c.possibility_grade == mapping.c.possibility,
                                 t.c.basis_grade == mapping.c.basis,
                                 t.c.category.is_distinct_from(mapping.c.category)))
            .values(category=mapping.c.category)
            .returning(t.c.customer_id, t.c.graded_period, t.c.category, *[t.c[c] for c in GRADE_COLUMNS.values()])
            .cte("changed")
        )
        history = customer_tier_history
        result = await self.session.execute(insert(history).from_select(
            ["customer_id", "at", "source", "period", "category", *GRADE_COLUMNS.values()],
            select(changed.c.customer_id, literal(at), literal(TierSource.CATEGORY_RULES.value),
                   changed.c.graded_period, changed.c.category, *[changed.c[c] for c in GRADE_COLUMNS.values()])))
        return int(getattr(result, "rowcount", 0) or 0)
