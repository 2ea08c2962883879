"""Names in two languages (docs/domain.md section 2, "Names in two languages"): SLA policies, business calendars and
score models get `name_translations` (locale -> name); the seeded rows get Chinese primary names with English
translations, the seeded score model (whose name is a key) its name in both.

Only rows still carrying their seeded name are renamed: an administrator's own names are theirs.

Revision ID: 0013_names_in_two_languages
Revises: 0012_sign_in_hardening
Create Date: 2026-12-08 01:00
"""

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0013_names_in_two_languages"
down_revision: str | None = "0012_sign_in_hardening"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("business_calendars", "sla_policies", "score_models")
# (table, id, seeded name, Chinese name, English name) as migration 0006 seeded them.
SEEDED = [
    ("business_calendars", 1, "Standard", "标准工作日历", "Standard"),
    ("sla_policies", 1, "General complaints", "一般投诉", "General complaints"),
    ("sla_policies", 2, "Major complaints", "重大投诉", "Major complaints"),
]
# The seed's score model (migration 0003): `name` is a key, so both languages are translations.
MODEL_KEY = "default"
MODEL_NAMES = {"zh-CN": "标准评分模型", "en": "Standard score model"}


def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, sa.Column("name_translations", JSONB, nullable=False,
                                       server_default=sa.text("'{}'::jsonb")))
    for table, row_id, seeded, zh, en in SEEDED:
        # The table names are the constants above.
        op.execute(sa.text(f"UPDATE {table} SET name = :zh, name_translations = CAST(:names AS jsonb) "  # noqa: S608
                           "WHERE id = :id AND name = :seeded")
                   .bindparams(zh=zh, names=json.dumps({"en": en}), id=row_id, seeded=seeded))
    op.execute(sa.text("UPDATE score_models SET name_translations = CAST(:names AS jsonb) "
                       "WHERE name = :key AND name_translations = '{}'::jsonb")
               .bindparams(names=json.dumps(MODEL_NAMES, ensure_ascii=False), key=MODEL_KEY))


def downgrade() -> None:
    for table, row_id, seeded, zh, _en in SEEDED:
        op.execute(sa.text(f"UPDATE {table} SET name = :seeded WHERE id = :id AND name = :zh")  # noqa: S608
                   .bindparams(seeded=seeded, id=row_id, zh=zh))
    for table in reversed(TABLES):
        op.drop_column(table, "name_translations")
