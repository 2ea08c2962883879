"""Score models (versioned) and quarterly score sheets. Written by hand into migrations (alembic)."""

from __future__ import annotations

from sqlalchemy import (
    ARRAY,
    BigInteger,
    Column,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Integer,
    Numeric,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB

from repositories.metadata import GRADE, metadata, timestamp_column

score_models = Table(
    "score_models",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("name", Text, nullable=False),
    # The name in the UI's languages, {"en": "Standard model"}: shown instead of `name` in that language.
    Column("name_translations", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    Column("version", Integer, nullable=False),
    # Customer types the model is for; empty = every type without a model of its own.
    Column("customer_types", ARRAY(Text), nullable=False, server_default=text("'{}'")),
    # [{key, dimension, weight, label_zh, label_en, source, scale: [{at_least, points}]}], decimals as strings.
    Column("indicators", JSONB, nullable=False),
    Column("grade_a_percent", Numeric(5, 2), nullable=False),
    Column("grade_b_percent", Numeric(5, 2), nullable=False),
    Column("created_by", BigInteger, ForeignKey("users.id"), nullable=True),
    timestamp_column("created_at"),
    UniqueConstraint("name", "version"),
)


score_sheets = Table(
    "score_sheets",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("customer_id", BigInteger, ForeignKey("customers.id", ondelete="CASCADE"), nullable=False),
    # The quarter scored, "2026Q3": one sheet per customer and quarter.
    Column("period", Text, nullable=False),
    # The model version it is scored with, kept when the model changes.
    Column("model_id", BigInteger, ForeignKey("score_models.id"), nullable=False),
    Column("status", Text, nullable=False, server_default=text("'draft'")),
    # {indicator key: points as a decimal string}
    Column("values", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    # Computed indicators: {key: {"measured": decimal string, "points": decimal string}}
    Column("computed", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    # {indicator key: why the value differs from the computed one, or any remark}
    Column("notes", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    # The result, set when the sheet is submitted (and kept on approval).
    Column("potential_grade", GRADE, nullable=True),
    Column("possibility_grade", GRADE, nullable=True),
    Column("basis_grade", GRADE, nullable=True),
    Column("category", Text, nullable=True),
    Column("created_by", BigInteger, ForeignKey("users.id"), nullable=True),
    timestamp_column("created_at"),
    # The filler (填表人): who submitted it; a reviewer must be someone else.
    Column("filled_by", BigInteger, ForeignKey("users.id"), nullable=True),
    Column("submitted_at", DateTime(timezone=True), nullable=True),
    # The reviewer (审核人) and their decision.
    Column("reviewed_by", BigInteger, ForeignKey("users.id"), nullable=True),
    Column("reviewed_at", DateTime(timezone=True), nullable=True),
    Column("review_comment", Text, nullable=True),
    Column("version", Integer, nullable=False, server_default=text("1")),
    timestamp_column("updated_at"),
    UniqueConstraint("customer_id", "period"),
    Index("ix_score_sheets_status_period_id", "status", "period", "id"),
)
