"""The customer archive (docs/domain.md section 3): customers, contacts, ownership, partitions."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from domain.errors import FieldErrors
from domain.organisation.model import OrgUnit, UserRef


class CustomerType(StrEnum):
    HOTEL = "hotel"
    RESTAURANT = "restaurant"
    CONTRACTOR = "contractor"
    DESIGN_FIRM = "design_firm"
    DEALER = "dealer"
    OTHER = "other"


class Partition(StrEnum):
    """Archive partitions: every customer is in 'all'; key and abandoned are decisions."""

    REGULAR = "regular"
    KEY = "key"
    ABANDONED = "abandoned"


class LeadSource(StrEnum):
    REFERRAL = "referral"
    EXHIBITION = "exhibition"
    COLD_CALL = "cold_call"
    ONLINE = "online"
    EXISTING_NETWORK = "existing_network"
    OTHER = "other"


class GrowthPotential(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class DecisionRole(StrEnum):
    """A contact's role in the customer's buying decision."""

    BOSS = "boss"
    DECISION_LEADER = "decision_leader"
    HEAD_CHEF = "head_chef"
    DESIGNER = "designer"
    PURCHASER = "purchaser"
    OPINION_LEADER = "opinion_leader"
    OTHER = "other"


# Characteristics (客户特质): keys and the kind of value each holds.
CHARACTERISTIC_KEYS: tuple[str, ...] = (
    "qualification",
    "registered_capital",
    "business_performance",
    "designer_count",
    "project_manager_count",
    "outlet_count",
    "market_share_pct",
    "annual_purchasing",
    "growth_potential",
    "business_philosophy",
    "ownership",
    "scale",
    "financial_status",
    "credit_rating",
    "corporate_image",
    "staff_quality",
    "competitor_relations",
    "known_problems",
)

# Fields a person edits on the basic-info and characteristics cards.
EDITABLE_FIELDS: tuple[str, ...] = (
    "name",
    "customer_type",
    "external_id",
    "registration_id",
    "address",
    "region",
    "phone",
    "tags",
    "lead_source",
    "referrer",
    "partition",
    "characteristics",
    "latitude",
    "longitude",
)

_MOBILE = re.compile(r"^\+?(86)?1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}\d{7,8}(\d{1,6})?$")
_INTERNATIONAL = re.compile(r"^\+\d{7,15}$")
_REGISTRATION_ID = re.compile(r"^[0-9A-Za-z\-]{6,64}$")


def phone_problem(value: str) -> str | None:
    """Mainland mobiles (13812345678), landlines with area code (021-62345678, ext. allowed)
    or international numbers (+852...). Spaces and dashes are separators only."""
    compact = re.sub(r"[\s\-()]", "", value)
    if _MOBILE.match(compact) or _LANDLINE.match(compact) or _INTERNATIONAL.match(compact):
        return None
    return "not a valid phone number (e.g. 13812345678 or 021-62345678)"


def registration_id_problem(value: str) -> str | None:
    if _REGISTRATION_ID.match(value):
        return None
    return "a registration id is 6-64 letters, digits or dashes (unified social credit code: 18)"


@dataclass
class Customer:
    id: int
    code: str
    version: int
    name: str
    customer_type: CustomerType
    org_unit: OrgUnit
    owner: UserRef | None
    created_at: datetime
    updated_at: datetime
    partition: Partition = Partition.REGULAR
    external_id: str | None = None
    source_system: str | None = None
    registration_id: str | None = None
    address: str | None = None
    region: str | None = None
    phone: str | None = None
    tags: tuple[str, ...] = ()
    lead_source: LeadSource | None = None
    referrer: str | None = None
    abandon_reason: str | None = None
    abandon_review_on: date | None = None
    characteristics: dict[str, Any] = field(default_factory=dict)
    tiers: CurrentTiers | None = None
    # The health score of the latest loyalty recompute (docs/domain.md section 6); None before the first.
    health_score: Decimal | None = None
    # Where the customer is (WGS 84 degrees), for checking visits' check-in positions (docs/domain.md section 8).
    latitude: Decimal | None = None
    longitude: Decimal | None = None

    def snapshot(self) -> dict[str, Any]:
        """The audited state: what a person can see and change, in JSON-friendly form."""
        return {
            "name": self.name,
            "customer_type": str(self.customer_type),
            "external_id": self.external_id,
            "registration_id": self.registration_id,
            "address": self.address,
            "region": self.region,
            "phone": self.phone,
            "tags": list(self.tags),
            "lead_source": str(self.lead_source) if self.lead_source else None,
            "referrer": self.referrer,
            "partition": str(self.partition),
            "abandon_reason": self.abandon_reason,
            "abandon_review_on": self.abandon_review_on.isoformat() if self.abandon_review_on else None,
            "characteristics": dict(self.characteristics),
            "latitude": str(self.latitude) if self.latitude is not None else None,
            "longitude": str(self.longitude) if self.longitude is not None else None,
            "owner_id": self.owner.id if self.owner else None,
            "org_unit_code": self.org_unit.code,
        }


@dataclass(frozen=True)
class CurrentTiers:
    """Where the customer stands now: grades and category from the last approved score sheet, key-account level
    and ABC class from the last recompute (docs/domain.md section 5). None where not set yet."""

    potential: str | None = None
    possibility: str | None = None
    basis: str | None = None
    category: str | None = None
    graded_period: str | None = None
    level: str | None = None
    abc_class: str | None = None
    # The trailing-12-month net revenue the level was set from (the tiers page's figure).
    revenue_12m: Decimal | None = None


def diff(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Only the keys whose value changed, as (before, after)."""
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after.get(k) for k in keys}


def merge_patch(current: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """Merge-patch: a key with a value replaces, a key with null removes, absent keys stay."""
    merged = dict(current)
    for key, value in changes.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    return merged


def validate_customer_fields(values: dict[str, Any]) -> None:
    """Business checks on basic info that the request shape cannot express."""
    errors = FieldErrors()
    name = values.get("name")
    if "name" in values and (name is None or not str(name).strip()):
        errors.add("name", "a customer needs a name")
    phone = values.get("phone")
    if phone:
        problem = phone_problem(str(phone))
        if problem:
            errors.add("phone", problem)
    registration_id = values.get("registration_id")
    if registration_id:
        problem = registration_id_problem(str(registration_id))
        if problem:
            errors.add("registration_id", problem)
    # A location is both coordinates: set (or cleared) together.
    for one, other in (("latitude", "longitude"), ("longitude", "latitude")):
        if values.get(one) is None and values.get(other) is not None:
            errors.add(one, "give both latitude and longitude, or neither")
    if "partition" in values and values["partition"] == Partition.ABANDONED:
        errors.add("partition", "abandon a customer with the abandon action (it needs a reason and review date)")
    errors.raise_if_any()


@dataclass(frozen=True)
class OwnershipPeriod:
    owner: UserRef | None
    org_unit: OrgUnit
    started_at: datetime
    ended_at: datetime | None
    reason: str | None
    changed_by: UserRef | None


@dataclass
class Contact:
    id: int
    customer_id: int
    version: int
    name: str
    decision_role: DecisionRole
    created_at: datetime
    updated_at: datetime
    title: str | None = None
    phone: str | None = None
    email: str | None = None
    wechat: str | None = None
    notes: str | None = None
    is_primary: bool = False
    started_on: date | None = None
    ended_on: date | None = None
    ended_reason: str | None = None

    def snapshot(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "decision_role": str(self.decision_role),
            "title": self.title,
            "phone": self.phone,
            "email": self.email,
            "wechat": self.wechat,
            "notes": self.notes,
            "is_primary": self.is_primary,
            "started_on": self.started_on.isoformat() if self.started_on else None,
            "ended_on": self.ended_on.isoformat() if self.ended_on else None,
            "ended_reason": self.ended_reason,
        }


CONTACT_EDITABLE_FIELDS: tuple[str, ...] = (
    "name", "decision_role", "title", "phone", "email", "wechat", "notes", "is_primary", "started_on",
)


def validate_contact_fields(values: dict[str, Any]) -> None:
    errors = FieldErrors()
    if "name" in values and (values["name"] is None or not str(values["name"]).strip()):
        errors.add("name", "a contact needs a name")
    if values.get("phone"):
        problem = phone_problem(str(values["phone"]))
        if problem:
            errors.add("phone", problem)
    errors.raise_if_any()


# The search box (docs/domain.md section 3, "Finding customers").
SEARCH_MAX_WORDS = 6
_PHONE_LIKE = re.compile(r"^\+?[\d\s\-()]+$")
_PHONE_SEPARATORS = re.compile(r"[\s\-()]")


def search_words(q: str) -> tuple[tuple[str, ...], ...]:
    """The words of a search, each as the spellings that may match it: a customer matches when every word
    appears, case-insensitively, in one of its fields or one of its current contacts' (AND across words, any
    field). A word that looks like a phone number also matches without its separators, since phones are
    stored as typed ('021-5888' finds 02158881234, '1390000' finds 139-0000-1111). Repeated words count once.
    repositories/customers/repository.py runs the match in SQL (pg_trgm); tests/integration/test_customer_search.py
    holds it to these words."""
    words: list[str] = []
    for word in q.split():
        if word.casefold() not in (w.casefold() for w in words):
            words.append(word)
    if len(words) > SEARCH_MAX_WORDS:
        errors = FieldErrors()
        errors.add("q", f"at most {SEARCH_MAX_WORDS} words")
        errors.raise_if_any()
    out: list[tuple[str, ...]] = []
    for word in words:
        compact = _PHONE_SEPARATORS.sub("", word) if _PHONE_LIKE.match(word) else word
        out.append((word,) if compact in ("", word) else (word, compact))
    return tuple(out)


# The list's total is counted exactly up to this many customers, then shown as "10,000+" (counting every
# row of a large archive on each search would cost more than the page itself).
COUNT_CAP = 10_000


@dataclass(frozen=True)
class CustomerCount:
    """How many customers match: exact when `more` is False, else at least `count`."""

    count: int
    more: bool


@dataclass(frozen=True)
class CustomerFilters:
    q: str | None = None
    external_id: str | None = None
    owner_id: int | None = None
    org_unit_code: str | None = None
    customer_type: CustomerType | None = None
    partition: Partition | None = None
    category: str | None = None
    level: str | None = None
    abc_class: str | None = None
    # Current grades per dimension ("potential", "possibility", "basis") -> "A" | "B" | "C".
    grades: tuple[tuple[str, str], ...] = ()
    # Loyalty figures of the latest recompute (domain/loyalty/model.py).
    segment: str | None = None
    stage: str | None = None
    value_class: str | None = None
    health_min: Decimal | None = None
    health_max: Decimal | None = None
    core: bool | None = None
    sort: str = "-updated_at"

    @property
    def loyalty(self) -> bool:
        return any(v is not None for v in (self.segment, self.stage, self.value_class, self.health_min,
                                            self.health_max, self.core))
