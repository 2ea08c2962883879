"""The customer 360 page's reads in one request (a slow network pays one round trip instead of ten).

Each part is answered by the same route function that serves it alone, so the two can never disagree; the
SPA primes its per-card caches from the parts and later pages and refreshes go to the single endpoints.
"""

from __future__ import annotations

from fastapi import APIRouter, Response

from api.deps import AppSettings, CurrentClock, CurrentPrincipal, Uow
from api.errors import problem_responses
from api.routers import complaints, customers, loyalty, orders, scoring, tiering, visits
from api.schemas.common import PathId
from api.schemas.customer_overview import CustomerOverviewRead

router = APIRouter(tags=["customers"])

# First pages; the cards fetch later pages with their own page size (keyset cursors do not depend on it).
AUDIT_PAGE = 20
ORDERS_PAGE = 20
COMPLAINTS_PAGE = 10
VISITS_PAGE = 10


@router.get("/customers/{customer_id}/overview", response_model=CustomerOverviewRead,
            operation_id="customers-overview", responses=problem_responses(401, 403, 404, 422))
async def overview(customer_id: PathId, response: Response, principal: CurrentPrincipal, uow: Uow,
                   clock: CurrentClock, settings: AppSettings) -> CustomerOverviewRead:
    """Everything the customer 360 page shows first: the customer (the ETag is its version), contacts,
    ownership, the first pages of the audit trail, orders and complaints, transaction facts, tiers and tier
    history, score sheets, loyalty, the visit plan with its due days and the first page of visits (the plan's
    ETag is left out: the answer's ETag is the customer's). 404 when the customer lies outside the caller's
    scope."""
    customer = await customers.get_customer(customer_id, response, principal, uow)
    return CustomerOverviewRead(
        customer=customer,
        contacts=await customers.list_contacts(customer_id, principal, uow),
        ownership=await customers.ownership(customer_id, principal, uow),
        audit=await customers.audit(customer_id, principal, uow, limit=AUDIT_PAGE, cursor=None),
        facts=await orders.customer_facts(customer_id, principal, uow, clock, settings),
        orders=await orders.customer_orders(customer_id, principal, uow, limit=ORDERS_PAGE, cursor=None),
        tier_history=await tiering.tier_history(customer_id, principal, uow),
        tiers=await tiering.customer_tiers(customer_id, principal, uow, settings),
        score_sheets=await scoring.customer_sheets(customer_id, principal, uow),
        loyalty=await loyalty.customer_loyalty(customer_id, principal, uow, clock, settings),
        complaints=await complaints.list_complaints(principal, uow, clock, limit=COMPLAINTS_PAGE, cursor=None,
                                                    customer_id=customer_id),
        visit_plan=await visits.get_customer_plan(customer_id, Response(), principal, uow, clock, settings),
        visits=await visits.customer_visits(customer_id, principal, uow, limit=VISITS_PAGE, cursor=None),
    )
