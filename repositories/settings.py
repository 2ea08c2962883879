"""All configuration, from environment variables prefixed KEYHOLD_ (and DATABASE_URL)."""

from __future__ import annotations

from datetime import time
from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEV_SECRET_KEY = "keyhold-dev-secret-not-for-production"  # noqa: S105 - announced as dev-only by `make run`


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="KEYHOLD_", extra="ignore")

    # postgresql+asyncpg://user:pass@host/db; unset = an embedded PostgreSQL under data_dir.
    database_url: str | None = Field(default=None, validation_alias=AliasChoices("DATABASE_URL",
                                                                                 "KEYHOLD_DATABASE_URL"))
    data_dir: Path = PROJECT_ROOT / ".keyhold"
    database_name: str = "keyhold"
    secret_key: str = DEV_SECRET_KEY
    access_token_minutes: int = 12 * 60
    company_name: str = "Keyhold Demo Co."
    time_zone: str = "Asia/Shanghai"
    default_locale: str = "zh-CN"
    spa_dir: Path = PROJECT_ROOT / "frontend" / "dist"
    # Secure cookies need HTTPS; set true behind a TLS-terminating proxy.
    cookie_secure: bool = False
    db_pool_size: int = 10
    # Interactive requests: PostgreSQL cancels a statement running longer (jobs and the command line have none).
    statement_timeout_seconds: float = Field(default=30, gt=0, le=3600)
    # Request bodies larger than this are refused (413) before they are read whole; ERP batches get more.
    max_body_bytes: int = Field(default=1024 * 1024, ge=1024)
    max_batch_body_bytes: int = Field(default=32 * 1024 * 1024, ge=1024)
    # Revenue is kept in one currency; ERPs convert before sending.
    currency: str = "CNY"
    # How long a machine write's Idempotency-Key is remembered.
    idempotency_key_hours: int = 24
    # `keyhold serve` runs the nightly jobs (tiers recompute, idempotency purge) daily at this local time (company
    # time zone); one process runs them when several serve. Off: run `keyhold jobs nightly` from cron instead.
    nightly_at: time = time(2, 30)
    nightly_jobs: bool = True
    # Every serve process also runs the SLA sweep (warnings, breaches, escalations) this often; safe in parallel.
    sla_sweep_seconds: int = 60

    @property
    def uses_dev_secret(self) -> bool:
        return self.secret_key == DEV_SECRET_KEY
