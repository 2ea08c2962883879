"""`keyhold demo-data`: the demo company in the database, built from `api.demo.content`.

Org units and users go through the same use cases as the admin screens; the 2,000 customers are
checked with the domain's field rules and then imported in bulk through the customer port (one transaction),
so the archive looks as if it had grown over the last years: each customer keeps its own creation time.
Everything goes through the use cases and the ports (UnitOfWork); only load_demo_data wires in the SQL one.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from api.demo.complaints import load_demo_complaints
from api.demo.content import DEMO_PASSWORD, DemoCompany, DemoCustomer, generate_demo_company
from api.demo.orders import DEMO_SOURCE, DemoBuyer, generate_demo_orders
from api.demo.scores import load_demo_scores
from api.demo.visits import demo_location, load_demo_visits
from api.security import Argon2PasswordHasher, SystemClock, hash_api_key, new_api_key
from domain.customers.model import validate_contact_fields, validate_customer_fields
from domain.errors import RuleViolation
from domain.integrations.model import ItemStatus
from domain.integrations.service import create_api_key
from domain.loyalty.model import LoyaltyRunTrigger, add_quarters, quarter_start
from domain.loyalty.service import recompute as recompute_loyalty
from domain.orders.service import ingest_orders
from domain.organisation import service as org
from domain.organisation.model import OrgUnitKind, Principal, Role
from domain.ports import Clock, UnitOfWork
from domain.tiering.model import TierRunTrigger
from domain.tiering.service import recompute as recompute_tiers
from domain.visits.model import Location
from repositories.db import make_engine, make_session_factory, resolve_database_url
from repositories.settings import Settings
from repositories.uow import sql_unit_of_work

# Loyalty recomputes of the demo: as of the last six month ends (segment sizes over time) and today.
DEMO_LOYALTY_QUARTERS = 4


def _customer_values(customer: DemoCustomer, index: int = 0) -> dict[str, Any]:
    values: dict[str, Any] = {
        "name": customer.name,
        "customer_type": customer.customer_type,
        "registration_id": customer.registration_id,
        "address": customer.address,
        "region": customer.region,
        "phone": customer.phone,
        "tags": list(customer.tags),
        "lead_source": customer.lead_source,
        "referrer": customer.referrer,
        "characteristics": customer.characteristics,
    }
    values["latitude"], values["longitude"] = demo_location(customer.region, index)
    validate_customer_fields(values)
    # Abandoned customers arrive abandoned (with reason and review date), as an archive migration would.
    return {**values, "partition": customer.partition, "abandon_reason": customer.abandon_reason,
            "abandon_review_on": customer.abandon_review_on}


def _contact_values(customer: DemoCustomer, created_at: datetime) -> list[dict[str, Any]]:
    out = []
    for contact in customer.contacts:
        values: dict[str, Any] = {
            "name": contact.name, "title": contact.title, "decision_role": contact.decision_role,
            "phone": contact.phone, "email": contact.email, "wechat": contact.wechat,
            "is_primary": contact.is_primary, "started_on": created_at.date(),
        }
        validate_contact_fields(values)
        out.append({**values, "ended_on": contact.ended_on, "ended_reason": contact.ended_reason})
    return out


async def load_demo_company(
    uow: UnitOfWork, company: DemoCompany, *, now: datetime, password: str = DEMO_PASSWORD,
    progress: bool = False, with_orders: bool = True, settings: Settings | None = None,
) -> int:
    """Creates what is missing of the company's org units and users, then imports its customers and
    (unless told not to) sends two years of their orders. Returns the number of customers imported."""
    hasher, clock = Argon2PasswordHasher(), SystemClock()
    existing_units = {u.code: u for u in await org.list_org_units(uow)}
    for unit in company.org_units:
        if unit.code not in existing_units:
            await org.create_org_unit(uow, None, code=unit.code, name=unit.name, kind=OrgUnitKind(unit.kind),
                                      parent_code=unit.parent_code, clock=clock)
    units = {u.code: u for u in await org.list_org_units(uow)}

    known = {}
    for user in company.users:
        async with uow:
            existing = await uow.users.get_by_username(user.username)
        known[user.username] = existing or await org.create_user(
                uow, None, hasher, username=user.username, password=password, role=Role(user.role),
                org_unit_code=user.org_unit_code, display_name=user.display_name, clock=clock)

    records = []
    for index, customer in enumerate(company.customers):
        try:
            values = _customer_values(customer, index)
        except RuleViolation as exc:  # a generator bug, not user input: say which record
            raise ValueError(f"demo customer #{index} ({customer.name}): {exc.errors}") from exc
        # Spread creation times over the day too, so lists sorted by time look lived-in.
        created_at = now - timedelta(days=customer.created_days_ago, minutes=(index * 37) % 600)
        records.append({
            **values,
            # The demo ERP knows every customer by its own number; its orders refer to it.
            "source_system": DEMO_SOURCE, "external_id": demo_external_id(index),
            "owner_id": known[customer.owner_username].id,
            "org_unit_id": units[customer.org_unit_code].id,
            "org_unit_code": customer.org_unit_code,
            "created_at": created_at,
            "updated_at": min(now, created_at + timedelta(days=(index * 13) % 90)),
            "contacts": _contact_values(customer, created_at),
        })
    async with uow:
        started = time.monotonic()
        ids = await uow.customers.bulk_import(records, actor_id=None)
        await uow.commit()
    if progress:
        print(f"imported {len(records)} customers in {time.monotonic() - started:.1f}s", flush=True)
    buyers = [DemoBuyer(demo_external_id(i), c.customer_type, str(c.characteristics.get("scale") or "") or None,
                        r["created_at"], c.partition == "abandoned")
              for i, (c, r) in enumerate(zip(company.customers, records, strict=True))]
    if with_orders:
        settings = settings or Settings()
        await load_demo_orders(uow, buyers, now=now, settings=settings, progress=progress)
        await load_demo_scores(uow, known, now=now, time_zone=settings.time_zone, progress=progress)
        # Levels and ABC classes right away, so the tier dashboards have data before the first nightly run.
        run = await recompute_tiers(uow, None, trigger=TierRunTrigger.DEMO, clock=clock,
                                    time_zone=settings.time_zone)
        if progress:
            print(f"demo tiers: levels and ABC classes of {run.customers} customers computed", flush=True)
        # Complaints before loyalty: the health check's complaint signal counts them (unknown while none exist).
        await load_demo_complaints(uow, known, now=now, time_zone=settings.time_zone, progress=progress)
        locations = {i: Location(r["latitude"], r["longitude"]) for i, r in zip(ids, records, strict=True)}
        await load_demo_visits(uow, known, locations, now=now, time_zone=settings.time_zone, progress=progress)
        await load_demo_loyalty(uow, now=now, clock=clock, time_zone=settings.time_zone, progress=progress)
    return len(records)


async def load_demo_loyalty(uow: UnitOfWork, *, now: datetime, clock: Clock, time_zone: str,
                            progress: bool = False, quarters: int = DEMO_LOYALTY_QUARTERS) -> None:
    """Loyalty recomputes as of the last `quarters` quarter ends and today, oldest first, so the segment sizes have
    a history and today's figures are current. (Past runs read today's ABC classes: tiers keep no as-of.)"""
    today = now.astimezone(ZoneInfo(time_zone)).date()
    this_quarter = quarter_start(today)
    quarter_ends = [add_quarters(this_quarter, -k) - timedelta(days=1) for k in range(quarters, 0, -1)]
    started = time.monotonic()
    run = None
    for day in [*quarter_ends, today]:
        run = await recompute_loyalty(uow, None, trigger=LoyaltyRunTrigger.DEMO, clock=clock, time_zone=time_zone,
                                      as_of=day)
    if progress and run:
        print(f"demo loyalty: {quarters + 1} recomputes, the last over {run.customers} customers "
              f"({'CLV fitted' if run.fit else run.fit_error}) in {time.monotonic() - started:.1f}s", flush=True)


def demo_external_id(index: int) -> str:
    return f"KH{index + 1:06d}"


async def load_demo_orders(uow: UnitOfWork, buyers: list[DemoBuyer], *, now: datetime,
                           settings: Settings, progress: bool = False, batch_size: int = 1000) -> int:
    """Two years of orders, sent by the demo ERP integration through the ingestion use case in batches,
    exactly as an ERP's requests would be applied (facts included)."""
    clock = SystemClock()
    api_key, _ = await create_api_key(uow, None, name=DEMO_SOURCE, scopes=["customers:write", "orders:write"],
                                      new_key=new_api_key, hash_key=hash_api_key, clock=clock)
    erp = Principal(api_key_id=api_key.id, api_key_name=api_key.name, api_scopes=api_key.scopes)
    orders = generate_demo_orders(buyers, now=now, time_zone=settings.time_zone)
    started = time.monotonic()
    for start in range(0, len(orders), batch_size):
        results = await ingest_orders(uow, erp, orders[start:start + batch_size], clock=clock,
                                      time_zone=settings.time_zone, currency=settings.currency)
        errors = [r for r in results if r.status is ItemStatus.ERROR]
        if errors:  # a generator bug: say which order
            raise ValueError(f"demo order {errors[0].external_id}: {errors[0].errors}")
        if progress:
            done = min(start + batch_size, len(orders))
            print(f"\rdemo orders: {done}/{len(orders)} ({done * 100 // len(orders)}%)", end="", flush=True)
    async with uow:  # the demo ERP has just used its key
        await uow.api_keys.touch(api_key.id, clock.now())
        await uow.commit()
    if progress:
        print(f"\ndemo orders: {len(orders)} ingested in {time.monotonic() - started:.1f}s", flush=True)
    return len(orders)


async def load_demo_data(settings: Settings, *, only_if_empty: bool = False) -> None:
    engine = make_engine(await asyncio.to_thread(resolve_database_url, settings), pool_size=2)
    try:
        uow = sql_unit_of_work(make_session_factory(engine))
        async with uow:
            count = await uow.customers.count()
        if count and only_if_empty:
            print(f"demo data: skipped, the database already holds {count} customers.")
            return
        if count:
            raise SystemExit(f"The database already holds {count} customers; demo data goes into an empty one.")
        print("demo data: generating the demo company...", flush=True)
        imported = await load_demo_company(uow, generate_demo_company(), now=datetime.now(UTC), progress=True,
                                           settings=settings)
        print(f"demo data: {imported} customers loaded. Development-only logins (password {DEMO_PASSWORD!r}):"
              " admin, hq.lin (HQ key accounts), sm.sh (store manager), am.zhang (account manager),"
              " analyst.wu (analyst), cs.zhou (service agent).")
    finally:
        await engine.dispose()
