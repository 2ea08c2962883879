"""Integrations: the customer batch an ERP sends, and API keys as administrators manage them."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, Field, TypeAdapter, ValidationError

from api.schemas.common import OptionalShortText, OptionalText, Phone, ShortText, StrictModel, rejected_item
from api.schemas.customers import Email, ExternalId, RegistrationId, Tag
from domain.customers.model import CustomerType, DecisionRole
from domain.errors import FieldError
from domain.integrations.model import MAX_BATCH_ITEMS, ApiKey, ApiKeyUsage, ApiScope, IncomingCustomer, Rejected


class ContactIn(StrictModel):
    name: ShortText
    decision_role: DecisionRole = DecisionRole.PURCHASER
    title: OptionalShortText = None
    phone: Phone = None
    email: Email | None = None
    wechat: OptionalShortText = None


class CustomerUpsertIn(StrictModel):
    """A customer as the ERP has it. `name` and `customer_type` are required to create; on update only the
    fields sent change."""

    external_id: ExternalId
    name: ShortText = None  # type: ignore[assignment]  # omitted = unchanged
    customer_type: CustomerType = None  # type: ignore[assignment]
    registration_id: RegistrationId | None = None
    address: OptionalText = None
    region: OptionalShortText = None
    phone: Phone = None
    tags: Annotated[list[Tag], Field(max_length=20)] = None  # type: ignore[assignment]
    org_unit_code: str | None = Field(default=None, max_length=50,
                                      description="Owning store; defaults to the owner's unit, else headquarters.")
    owner_username: str | None = Field(default=None, max_length=50, description="Account manager in Keyhold.")
    contact: ContactIn | None = Field(default=None, description="Main contact, matched by name.")


class CustomerBatch(StrictModel):
    customers: Annotated[list[CustomerUpsertIn], Field(max_length=MAX_BATCH_ITEMS)]


CUSTOMER_BATCH_SCHEMA = TypeAdapter(CustomerBatch)
_SCALARS = ("name", "customer_type", "registration_id", "address", "region", "phone", "tags")


def parse_customer(raw: Any) -> IncomingCustomer | Rejected:
    try:
        item = CustomerUpsertIn.model_validate(raw)
    except ValidationError as exc:
        return rejected_item(raw, exc)
    sent = item.model_fields_set
    for required in ("name", "customer_type", "tags"):
        if required in sent and getattr(item, required) is None:
            return Rejected(item.external_id, (FieldError(required, "may be omitted but not null"),))
    return IncomingCustomer(
        external_id=item.external_id, values={k: getattr(item, k) for k in _SCALARS if k in sent},
        org_unit_code=item.org_unit_code, owner_username=item.owner_username,
        contact=item.contact.model_dump(exclude_unset=False) if item.contact else None,
    )


class ApiKeyCreate(StrictModel):
    name: ShortText = Field(description="The integration's name; it becomes the source of what the key writes.")
    scopes: Annotated[list[ApiScope], Field(min_length=1, max_length=len(ApiScope))]


class ApiKeyRead(BaseModel):
    id: int
    name: str
    prefix: str
    scopes: list[str]
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None
    requests_24h: int = Field(description="Requests in the last 24 hours (hourly buckets).")
    items_24h: int = Field(description="Batch items in the last 24 hours.")

    @classmethod
    def of(cls, k: ApiKey, usage: ApiKeyUsage) -> ApiKeyRead:
        return cls(id=k.id, name=k.name, prefix=k.prefix, scopes=sorted(k.scopes), created_at=k.created_at,
                   last_used_at=k.last_used_at, revoked_at=k.revoked_at, requests_24h=usage.requests,
                   items_24h=usage.items)


class ApiKeyCreated(ApiKeyRead):
    key: str = Field(description="The key itself. Shown only in this response; Keyhold keeps only its hash.")
