"""Notifications (docs/domain.md section 7, escalation and notifications): what a user is told, and whether
they have read it. The SLA sweep (domain/sla) and the complaint flow decide who is told what."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # Only an annotation: domain/sla builds on notifications (its escalation rules say who is notified).
    from domain.sla.model import TimerKind


class NotificationKind(StrEnum):
    TIMER_WARNED = "timer_warned"  # 75 % of a timer's time is gone
    TIMER_BREACHED = "timer_breached"  # escalated to the store manager
    ESCALATED_TO_HQ = "escalated_to_hq"  # still not met some hours after the breach
    TASK_GROUP = "task_group"  # you were put in a major complaint's task group
    CONFIRMATION_NEEDED = "confirmation_needed"  # a major complaint (received or escalated) awaits HQ's confirmation


@dataclass(frozen=True)
class Notification:
    id: int
    kind: NotificationKind
    complaint_id: int | None
    customer_name: str | None
    timer_kind: TimerKind | None
    created_at: datetime
    read_at: datetime | None
