"""Shapes shared by several resources."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Path, Query
from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    field_validator,
)

from domain.customers.model import phone_problem
from domain.dates import END_MOMENT, FIRST_DAY, FIRST_MOMENT, LAST_DAY, RANGE_TEXT
from domain.errors import FieldError
from domain.integrations.model import Rejected
from domain.organisation.model import UserRef as DomainUserRef
from domain.scoring.model import (
    FIRST_QUARTER,
    LAST_QUARTER,
    Dimension,
    Grade,
)
from domain.scoring.model import CustomerRef as DomainCustomerRef

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null on the last page.")


class Items(BaseModel, Generic[T]):
    items: list[T]


class UserRef(BaseModel):
    id: int
    username: str
    display_name: str


class OrgUnitRef(BaseModel):
    id: int
    code: str
    name: str


def _blank_to_none(value: object) -> object:
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _check_phone(value: str | None) -> str | None:
    if value is not None:
        problem = phone_problem(value)
        if problem:
            raise ValueError(problem)
    return value


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
# The UI's languages (docs/domain.md section 2, "Names in two languages").
UI_LOCALES = ("zh-CN", "en")


def _name_translations(names: dict[str, str]) -> dict[str, str]:
    unknown = sorted(set(names) - set(UI_LOCALES))
    if unknown:
        raise ValueError(f"translations are by UI language ({', '.join(UI_LOCALES)}), not {', '.join(unknown)}")
    # A blank translation is none: the primary name shows.
    return {locale: name for locale, name in names.items() if name}


NameTranslations = Annotated[
    dict[str, Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]],
    AfterValidator(_name_translations),
    Field(description="The name in the UI's languages (zh-CN, en), by locale: shown instead of `name` (the primary "
                      "name, in the company's first language) to people using that language.",
          examples=[{"en": "General complaints"}]),
]
OptionalText = Annotated[Text | None, BeforeValidator(_blank_to_none)]
OptionalShortText = Annotated[ShortText | None, BeforeValidator(_blank_to_none)]
UnitCode = Annotated[str, StringConstraints(max_length=50), Field(description="An org unit's code.")]
Phone = Annotated[
    Annotated[str, StringConstraints(strip_whitespace=True, max_length=40)] | None,
    BeforeValidator(_blank_to_none), AfterValidator(_check_phone),
]

def field_name(loc: tuple[Any, ...]) -> str:
    """A validation error's location as the dotted field name problem+json reports (`lines.2.quantity`)."""
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("body", "query", "path", "header", "cookie"):
        where, parts = parts[0], parts[1:]
        if where == "header" and parts:
            return parts[0]
    return ".".join(parts) or "body"


def rejected_item(raw: Any, exc: ValidationError) -> Rejected:
    """A batch item whose shape is wrong: its external id (when it has one) and each bad field."""
    external_id = raw.get("external_id") if isinstance(raw, dict) else None
    return Rejected(external_id if isinstance(external_id, str) else None, tuple(
        FieldError(field_name(e["loc"]), e["msg"].removeprefix("Value error, ")) for e in exc.errors()))


# Request bodies that routes read themselves (batches are validated item by item), documented here.
REQUEST_SCHEMAS: dict[str, dict[str, Any]] = {}


def documented_body(name: str, adapter: TypeAdapter[Any]) -> dict[str, Any]:
    """`openapi_extra` declaring a JSON request body the route parses itself; the schema lands in
    components.schemas (see api.app)."""
    schema = adapter.json_schema(ref_template="#/components/schemas/{model}")
    REQUEST_SCHEMAS.update(schema.pop("$defs", {}))
    REQUEST_SCHEMAS[name] = schema
    return {"requestBody": {"required": True, "content": {
        "application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}}}}


# A query parameter: declare `limit: LIMIT = 50` (wrapping it again, Annotated[int, LIMIT], loses the bounds).
LIMIT = Annotated[int, Query(ge=1, le=200, description="Page size, 1 to 200.")]
CURSOR = Annotated[str | None, Query(max_length=1000, description="`next_cursor` of the page before; a cursor "
                                                                   "this list did not return is a 422.")]

# Dates and moments within the business range (domain/dates.py); JSON Schema has no bounds for a string's
# date, so the description carries the range.
BusinessDate = Annotated[date, Field(ge=FIRST_DAY, le=LAST_DAY, description=f"A date {RANGE_TEXT}.")]
BusinessMoment = Annotated[AwareDatetime, Field(ge=FIRST_MOMENT, lt=END_MOMENT,
                                                description=f"ISO 8601 with a UTC offset, {RANGE_TEXT}.")]

# Ids are PostgreSQL bigints: anything larger is a 422, not a database error.
BIGINT_MAX = 2**63 - 1
Id = Annotated[int, Field(ge=1, le=BIGINT_MAX)]
PathId = Annotated[int, Path(ge=1, le=BIGINT_MAX)]


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul_characters(cls, value: Any) -> Any:
        # PostgreSQL text cannot hold U+0000: refuse it here, on the field, instead of failing in the database.
        texts = value if isinstance(value, list) else [value]
        if any(isinstance(t, str) and "\x00" in t for t in texts):
            raise ValueError("must not contain NUL characters")
        return value


# A machine name: score-model indicator keys, category rule keys.
Key = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,49}$")]


# The pattern keeps the business dates' centuries (19xx to 21xx); the domain checks the exact range.
_CENTURIES = "|".join(str(c) for c in range(FIRST_QUARTER.year // 100, LAST_QUARTER.year // 100 + 1))


Period = Annotated[str, Field(pattern=rf"^({_CENTURIES})\d{{2}}Q[1-4]$", examples=["2026Q3"],
                              description=f"A quarter: 2026Q3, from {FIRST_QUARTER} to {LAST_QUARTER}.")]


def user_ref(u: DomainUserRef | None) -> UserRef | None:
    return UserRef(id=u.id, username=u.username, display_name=u.display_name) if u else None


def grades_read(grades: dict[Dimension, Grade] | None) -> Grades | None:
    return Grades(**{d.value: g for d, g in grades.items()}) if grades else None


class Grades(BaseModel):
    potential: Grade
    possibility: Grade
    basis: Grade


class CustomerSummary(BaseModel):
    id: int
    code: str
    name: str
    customer_type: str
    owner: UserRef | None

    @classmethod
    def of(cls, c: DomainCustomerRef) -> CustomerSummary:
        return cls(id=c.id, code=c.code, name=c.name, customer_type=c.customer_type, owner=user_ref(c.owner))
