"""Scoring and tiering data: versioned score models and ordered category rules, with the seed's defaults.

Revision ID: 0003_score_models
Revises: 0002_orders_and_facts
Create Date: 2026-11-23 13:10
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

revision: str = "0003_score_models"
down_revision: str | None = "0002_orders_and_facts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NOW = sa.text("now()")
EMPTY = sa.text("'{}'")

# The seed's model and categories as they were when this revision was written (docs/domain.md sections 4, 5);
# administrators change them through the API, which adds versions.
DEFAULT_INDICATORS = [
    {
        "key": "qualification",
        "dimension": "potential",
        "weight": "20",
        "label_zh": "资质、注册资金",
        "label_en": "Qualification and registered capital",
        "source": "manual",
        "scale": [],
    },
    {
        "key": "business_performance",
        "dimension": "potential",
        "weight": "20",
        "label_zh": "经营业绩",
        "label_en": "Business performance",
        "source": "manual",
        "scale": [],
    },
    {
        "key": "designers",
        "dimension": "potential",
        "weight": "20",
        "label_zh": "设计师数量",
        "label_en": "Number of designers",
        "source": "manual",
        "scale": [],
    },
    {
        "key": "project_managers",
        "dimension": "potential",
        "weight": "20",
        "label_zh": "项目经理数量",
        "label_en": "Number of project managers",
        "source": "manual",
        "scale": [],
    },
    {
        "key": "outlets",
        "dimension": "potential",
        "weight": "20",
        "label_zh": "网点数量",
        "label_en": "Number of outlets",
        "source": "manual",
        "scale": [],
    },
    {
        "key": "competition",
        "dimension": "possibility",
        "weight": "40",
        "label_zh": "竞争克服度",
        "label_en": "Degree competition can be overcome",
        "source": "manual",
        "scale": [],
    },
    {
        "key": "willingness",
        "dimension": "possibility",
        "weight": "20",
        "label_zh": "合作意愿",
        "label_en": "Willingness to cooperate",
        "source": "manual",
        "scale": [],
    },
    {
        "key": "business_fit",
        "dimension": "possibility",
        "weight": "20",
        "label_zh": "业务切合度",
        "label_en": "Business fit",
        "source": "manual",
        "scale": [],
    },
    {
        "key": "satisfaction",
        "dimension": "basis",
        "weight": "30",
        "label_zh": "合作满意度",
        "label_en": "Cooperation satisfaction",
        "source": "satisfaction",
        "scale": [
            {"at_least": "4.5", "points": "30"},
            {"at_least": "4", "points": "24"},
            {"at_least": "3.5", "points": "18"},
            {"at_least": "3", "points": "12"},
            {"at_least": "2", "points": "6"},
        ],
    },
    {
        "key": "transaction_amount",
        "dimension": "basis",
        "weight": "40",
        "label_zh": "成交金额",
        "label_en": "Transaction amount",
        "source": "transaction_amount",
        "scale": [
            {"at_least": "500000", "points": "40"},
            {"at_least": "200000", "points": "32"},
            {"at_least": "100000", "points": "24"},
            {"at_least": "50000", "points": "16"},
            {"at_least": "10000", "points": "8"},
            {"at_least": "0.01", "points": "4"},
        ],
    },
    {
        "key": "order_share",
        "dimension": "basis",
        "weight": "30",
        "label_zh": "成单占全单比例",
        "label_en": "Share of the customer's orders we win",
        "source": "order_share",
        "scale": [
            {"at_least": "80", "points": "30"},
            {"at_least": "60", "points": "24"},
            {"at_least": "40", "points": "18"},
            {"at_least": "20", "points": "12"},
            {"at_least": "0.01", "points": "6"},
        ],
    },
]

DEFAULT_CATEGORY_RULES = [
    {
        "key": "stronghold",
        "label_zh": "阵地客户",
        "label_en": "Stronghold",
        "positioning_zh": "投入开发并维持，稳定销售的基础",
        "positioning_en": "Invest to develop and keep: the base of steady sales",
        "potential": ["A", "B"],
        "possibility": ["A"],
        "basis": ["A"],
    },
    {
        "key": "gold_mine",
        "label_zh": "金矿客户",
        "label_en": "Gold mine",
        "positioning_zh": "投入开发，明天的阵地客户和新的增长点",
        "positioning_en": "Invest: tomorrow's strongholds and new growth",
        "potential": ["A", "B"],
        "possibility": ["A"],
        "basis": ["B", "C"],
    },
    {
        "key": "marginal",
        "label_zh": "鸡肋客户",
        "label_en": "Marginal",
        "positioning_zh": "不做重点投入，关注潜力等级的上升",
        "positioning_en": "No focused investment; watch for a rise in the potential grade",
        "potential": ["B", "C"],
        "possibility": ["A", "B"],
        "basis": ["A", "B"],
    },
    {
        "key": "watch",
        "label_zh": "观察客户",
        "label_en": "Watch",
        "positioning_zh": "低成本服务，下季度再评",
        "positioning_en": "Low-cost service; review next quarter",
        "potential": [],
        "possibility": [],
        "basis": [],
    },
]


def upgrade() -> None:
    score_models = op.create_table(
        "score_models",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("customer_types", ARRAY(sa.Text), nullable=False, server_default=EMPTY),
        sa.Column("indicators", JSONB, nullable=False),
        sa.Column("grade_a_percent", sa.Numeric(5, 2), nullable=False),
        sa.Column("grade_b_percent", sa.Numeric(5, 2), nullable=False),
        sa.Column("created_by", sa.BigInteger, nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=NOW),
        sa.PrimaryKeyConstraint("id", name="pk_score_models"),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"], name="fk_score_models_created_by_users"),
        sa.UniqueConstraint("name", "version", name="uq_score_models_name_version"),
        sa.CheckConstraint(
            "grade_b_percent > 0 AND grade_b_percent <= grade_a_percent AND grade_a_percent <= 100",
            name="ck_score_models_thresholds",
        ),
    )
    category_rules = op.create_table(
        "category_rules",
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("label_zh", sa.Text, nullable=False),
        sa.Column("label_en", sa.Text, nullable=False),
        sa.Column("positioning_zh", sa.Text, nullable=False),
        sa.Column("positioning_en", sa.Text, nullable=False),
        sa.Column("potential", ARRAY(sa.Text), nullable=False, server_default=EMPTY),
        sa.Column("possibility", ARRAY(sa.Text), nullable=False, server_default=EMPTY),
        sa.Column("basis", ARRAY(sa.Text), nullable=False, server_default=EMPTY),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=NOW),
        sa.PrimaryKeyConstraint("position", name="pk_category_rules"),
        sa.UniqueConstraint("key", name="uq_category_rules_key"),
    )
    op.bulk_insert(
        score_models,
        [
            {
                "name": "default",
                "version": 1,
                "customer_types": [],
                "indicators": DEFAULT_INDICATORS,
                "grade_a_percent": 80,
                "grade_b_percent": 60,
            }
        ],
    )
    op.bulk_insert(
        category_rules,
        [{"position": position, **rule} for position, rule in enumerate(DEFAULT_CATEGORY_RULES, start=1)],
    )


def downgrade() -> None:
    op.drop_table("category_rules")
    op.drop_table("score_models")
