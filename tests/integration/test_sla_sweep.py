"""The SLA sweep with several processes: two sweeps running at the same time on their own connections record
each breach exactly once, with one escalation and one notification per store manager. Committed data is needed
(the other tests run inside a rolled-back transaction), so this test migrates a scratch database of its own."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from alembic import command
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from api.cli import _alembic_config
from api.security import Argon2PasswordHasher
from domain.complaints import service as svc
from domain.complaints.model import Channel, NewComplaint
from domain.customers import service as customer_svc
from domain.organisation import service as org
from domain.organisation.model import OrgUnitKind, Principal, Role
from domain.sla.model import Severity
from domain.sla.service import sweep
from repositories.db import make_session_factory
from repositories.uow import SqlAlchemyUnitOfWork
from tests.fakes import FrozenClock
from tests.scratch import recreate_database

SCRATCH_DB = "keyhold_sweep"
COMPLAINTS = 120


async def test_two_concurrent_sweeps_record_each_breach_once(database_url: str) -> None:
    url = await recreate_database(database_url, SCRATCH_DB)
    await asyncio.to_thread(command.upgrade, _alembic_config(url), "head")
    engines = [create_async_engine(url, poolclass=NullPool) for _ in range(3)]
    try:
        uow = SqlAlchemyUnitOfWork(make_session_factory(engines[0]))
        clock = FrozenClock(datetime(2026, 11, 23, 2, 0, tzinfo=UTC))
        hasher = Argon2PasswordHasher()
        for code, kind, parent in (("HQ", OrgUnitKind.HEADQUARTERS, None), ("SH", OrgUnitKind.REGIONAL_STORE, "HQ")):
            await org.create_org_unit(uow, None, code=code, name=code, kind=kind, parent_code=parent, clock=clock)
        people = {name: await org.create_user(uow, None, hasher, username=name, password="correct-horse-battery-9",
                                              role=role, org_unit_code=unit, display_name=None, clock=clock)
                  for name, role, unit in (("sm", Role.STORE_MANAGER, "SH"), ("am", Role.ACCOUNT_MANAGER, "SH"),
                                           ("hq", Role.HQ_KEY_ACCOUNT, "HQ"))}
        am = Principal(user=people["am"])
        customer = await customer_svc.create_customer(uow, am, {"name": "并发测试酒店", "customer_type": "hotel"},
                                                      owner_id=None, org_unit_code=None, clock=clock)
        for i in range(COMPLAINTS):
            # Received on Friday 10:00: first response (24 h) and, for majors, confirmation (4 working h) are overdue.
            severity = Severity.MAJOR if i % 3 == 0 else Severity.GENERAL
            await svc.create(uow, am, NewComplaint(customer.id, severity, clock.now() - timedelta(days=3),
                                                   Channel.PHONE, f"投诉 {i}"), clock=clock)
        due = COMPLAINTS + len(range(0, COMPLAINTS, 3))

        sweeps = [sweep(SqlAlchemyUnitOfWork(make_session_factory(e)), clock=clock, batch=25)
                  for e in engines[1:]]
        outcomes = await asyncio.gather(*sweeps)
        assert sum(o.breached for o in outcomes) == due
        assert (await sweep(uow, clock=clock)).breached == 0

        async with engines[0].connect() as conn:
            breaches = (await conn.execute(text("""
                SELECT count(*), count(DISTINCT (complaint_id, timer_kind)) FROM complaint_events
                WHERE kind = 'timer_breached'"""))).one()
            assert tuple(breaches) == (due, due)
            escalations = (await conn.execute(text(
                "SELECT count(*) FROM complaint_events WHERE kind = 'timer_escalated'"))).scalar_one()
            assert escalations == due
            notes = dict((await conn.execute(text("""
                SELECT u.username, count(*) FROM notifications n JOIN users u ON u.id = n.user_id
                WHERE n.kind = 'timer_breached' GROUP BY 1"""))).all())
            assert notes == {"sm": due, "am": due}  # the store manager and the account manager, once each
    finally:
        for engine in engines:
            await engine.dispose()
