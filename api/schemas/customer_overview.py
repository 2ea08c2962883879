"""The customer 360 page in one answer: each part has the shape of the endpoint it stands for."""

from __future__ import annotations

from pydantic import BaseModel, Field

from api.schemas.common import Items, Page
from api.schemas.complaints import ComplaintRead
from api.schemas.customers import AuditRecordRead, ContactRead, CustomerRead, OwnershipPeriodRead
from api.schemas.loyalty import CustomerLoyaltyRead
from api.schemas.orders import FactsRead, OrderRead
from api.schemas.scoring import ScoreSheetRead
from api.schemas.tiering import CustomerTiersRead, TierHistoryRead
from api.schemas.visits import CustomerVisitPlanRead, VisitRead


class CustomerOverviewRead(BaseModel):
    customer: CustomerRead
    contacts: Items[ContactRead] = Field(description="As `GET /customers/{id}/contacts`.")
    ownership: Items[OwnershipPeriodRead] = Field(description="As `GET /customers/{id}/ownership`.")
    audit: Page[AuditRecordRead] = Field(description="The first page of `GET /customers/{id}/audit`.")
    facts: FactsRead = Field(description="As `GET /customers/{id}/facts`.")
    orders: Page[OrderRead] = Field(description="The first page of `GET /customers/{id}/orders`.")
    tier_history: Items[TierHistoryRead] = Field(description="As `GET /customers/{id}/tier-history`.")
    tiers: CustomerTiersRead = Field(description="As `GET /customers/{id}/tiers`.")
    score_sheets: Items[ScoreSheetRead] = Field(description="As `GET /customers/{id}/score-sheets`.")
    loyalty: CustomerLoyaltyRead | None = Field(description="As `GET /customers/{id}/loyalty`.")
    complaints: Page[ComplaintRead] = Field(description="The first page of `GET /complaints?customer_id={id}`.")
    visit_plan: CustomerVisitPlanRead = Field(description="As `GET /customers/{id}/visit-plan`.")
    visits: Page[VisitRead] = Field(description="The first page of `GET /customers/{id}/visits`.")
