"""The integrations' port: API keys of machine clients. repositories/ implements them."""

from __future__ import annotations

import builtins
from datetime import datetime
from typing import Protocol

from domain.integrations.model import ApiKey, ApiKeyUsage


class ApiKeyRepository(Protocol):
    async def add(
        self, *, name: str, prefix: str, key_hash: str, scopes: list[str], created_by: int | None, at: datetime
    ) -> ApiKey: ...

    async def find_by_prefix(self, prefix: str) -> tuple[ApiKey, str] | None:
        """The key and its stored hash."""
        ...

    async def touch(self, key_id: int, at: datetime) -> None: ...

    async def list(self) -> list[ApiKey]: ...

    async def revoke(self, key_id: int, at: datetime) -> bool: ...

    async def record_usage(self, key_id: int, at: datetime, items: int) -> None:
        """Counts one request carrying `items` items in the hour of `at`."""
        ...

    async def usage_since(self, since: datetime) -> builtins.list[ApiKeyUsage]: ...
