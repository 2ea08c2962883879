"""Keyset paging, shared by every list: a page request (size and the cursor of the previous page) and a page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar


@dataclass(frozen=True)
class PageRequest:
    limit: int = 50
    cursor: str | None = None


T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    next_cursor: str | None
