"""The demo company (api/demo/) loads through the use cases and the ports, in the test's transaction: a small
company (200 customers and two years of their orders) with its score sheets, tiers, loyalty and complaints, and
the two reads the demo's loaders make through the ports (its owned customers, their net revenue)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import text

from api.demo.content import generate_demo_company
from api.demo.customers import owned_customers
from api.demo.data import demo_external_id, load_demo_company, load_demo_orders
from api.demo.orders import DemoBuyer
from api.demo.scores import SCORED_CUSTOMERS, TOP_BUYERS
from domain.complaints.model import ComplaintFilters
from domain.customers.model import Partition
from domain.organisation.model import DataScope, ScopeKind
from domain.paging import PageRequest
from domain.scoring.model import Quarter, SheetFilters, SheetStatus
from domain.visits.model import DueFilters
from repositories.settings import Settings
from repositories.uow import SqlAlchemyUnitOfWork

ALL = DataScope(ScopeKind.ALL)
# (what, table, time stamp column, the least share of distinct times) of the demo's records people see with their
# time. One step records several events, audit rows or notifications (one per person told) at its one time.
_STAMPS = [
    ("complaints", "complaints", "created_at", 0.9),
    ("complaint events", "complaint_events", "at", 0.3),
    ("score sheets created", "score_sheets", "created_at", 0.9),
    ("score sheets submitted", "score_sheets", "submitted_at", 0.9),
    ("score sheets approved", "score_sheets", "reviewed_at", 0.9),
    ("audit records", "audit_log", "at", 0.3),
    ("notifications", "notifications", "created_at", 0.1),
]


async def test_the_demo_company_loads_through_the_ports(uow: SqlAlchemyUnitOfWork, test_settings: Settings) -> None:
    now = datetime.now(UTC)
    async with uow:
        before = await uow.customers.count()
    company = generate_demo_company(customer_count=200)

    assert await load_demo_company(uow, company, now=now, settings=test_settings) == 200

    async with uow:
        assert await uow.customers.count() == before + 200
        imported = await uow.customers.by_external_ids("erp-demo", [demo_external_id(i) for i in range(200)])
        first = imported[demo_external_id(0)]
        # Bulk-imported with its first ownership period, as created then.
        [period] = await uow.customers.ownership_history(first.id)
        assert (period.reason, period.started_at, period.ended_at) == ("created", first.created_at, None)
        revenue = {c.id: facts.net_revenue for c in imported.values() if c.owner is not None
                   and c.partition is not Partition.ABANDONED and (facts := await uow.facts.get(c.id)) is not None}
        last = Quarter.of(now.astimezone(ZoneInfo(test_settings.time_zone)).date()).previous()
        approved = await uow.score_sheets.list(ALL, SheetFilters(status=SheetStatus.APPROVED, period=last),
                                               PageRequest(limit=500))
        complaints = await uow.complaints.list(ALL, ComplaintFilters(), PageRequest(limit=500), hq_sees_major=True,
                                               now=now)
    # The score sheets went to the biggest buyers first (by net revenue), then to a sample of the rest.
    biggest = sorted(revenue, key=lambda i: (-revenue[i], i))[:TOP_BUYERS]
    scored = {s.customer.id for s in approved.items}
    assert len(scored) == SCORED_CUSTOMERS and set(biggest) <= scored
    # The complaints came from customers who have an account manager and are not abandoned.
    owned = {customer_id for customer_id, _ in await owned_customers(uow)}
    assert len(complaints.items) == 60 and {c.customer_id for c in complaints.items} <= owned
    # Recorded over time as a team would have, not all at the instant the demo was loaded: complaints, score
    # sheets at each step, their audit records and the SLA sweep's notifications each have their own times.
    async with uow:
        spread = {}
        for name, table, column, _ in _STAMPS:
            query = f"SELECT count(DISTINCT {column}), count({column}), min({column}), max({column}) FROM {table}"  # noqa: S608
            spread[name] = (await uow.session.execute(text(query))).one()
    # Visits: twelve months of them by the account managers, some flagged, customers located, some overdue.
    async with uow:
        visits = (await uow.session.execute(text(
            "SELECT count(*), count(*) FILTER (WHERE anomalies <> '{}'), count(*) FILTER (WHERE status = 'planned'),"
            " min(planned_on) FROM visits"))).one()
        located = (await uow.session.execute(text("SELECT count(latitude) FROM customers"))).scalar_one()
        overdue = await uow.visits.due(ALL, DueFilters(overdue_only=True), PageRequest(limit=5), today=now.date())
    assert visits[0] > 1000 and visits[1] > 10 and visits[2] > 10
    assert (now.date() - visits[3]).days >= 350
    assert located >= 200 and overdue.items
    for name, _, _, share in _STAMPS:
        distinct, count, first, last = spread[name]
        assert count > 1, name
        assert distinct >= count * share, f"{name}: {distinct} distinct times among {count}"
        assert last <= datetime.now(UTC), name  # never in the future (recomputes run after `now`)
        assert last - first > timedelta(days=1), f"{name}: all within {last - first}"
    # Sheets were worked on over days (past quarters' sheets in the weeks after their quarter).
    assert spread["score sheets approved"][3] - spread["score sheets approved"][2] > timedelta(days=60)


async def test_the_demo_reads_its_customers_and_their_revenue_through_the_ports(
        uow: SqlAlchemyUnitOfWork, test_settings: Settings) -> None:
    now = datetime.now(UTC)
    company = generate_demo_company(customer_count=60)
    await load_demo_company(uow, company, now=now, settings=test_settings, with_orders=False)
    buyers = [DemoBuyer(demo_external_id(i), c.customer_type, None, now - timedelta(days=c.created_days_ago),
                        abandoned=False) for i, c in enumerate(company.customers[:30])]
    await load_demo_orders(uow, buyers, now=now, settings=test_settings)

    owned = await owned_customers(uow)
    async with uow:
        imported = await uow.customers.by_external_ids("erp-demo", [demo_external_id(i) for i in range(60)])
        expected = sorted((c.id, c.owner.id) for c in imported.values()
                          if c.owner is not None and c.partition is not Partition.ABANDONED)
        assert len(expected) < len(imported)  # some are abandoned
        assert [o for o in owned if o[0] in {c.id for c in imported.values()}] == expected
        ids = [c.id for c in imported.values()]
        facts = {i: f.net_revenue for i in ids if (f := await uow.facts.get(i)) is not None}
        assert facts and len(facts) < len(ids)  # some customers have not ordered
        assert await uow.facts.net_revenue(ids) == facts
        assert await uow.facts.net_revenue([]) == {}
