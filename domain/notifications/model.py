"""Notifications (docs/domain.md section 7, escalation and notifications): what a user is told, and whether
they have read it. The SLA sweep (domain/sla) and the complaint flow decide who is told of complaints; the
score-sheet flow (domain/scoring) and reassignment (domain/customers) who is told of sheets and customers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
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
    SHEET_SUBMITTED = "sheet_submitted"  # a score sheet you may review awaits review
    SHEET_RETURNED = "sheet_returned"  # a reviewer sent your score sheet back, with a comment
    CUSTOMERS_ASSIGNED = "customers_assigned"  # customers were given to you
    CUSTOMERS_UNASSIGNED = "customers_unassigned"  # customers of yours were given to someone else


@dataclass(frozen=True)
class NewNotification:
    """One notification to write; what it is about is named by the fields its kind uses."""

    user_id: int
    kind: NotificationKind
    score_sheet_id: int | None = None
    # The customer it is about; None when a reassignment moved several (then `customers` counts them).
    customer_id: int | None = None
    customers: int | None = None
    comment: str | None = None  # the reviewer's comment on a returned sheet
    actor_id: int | None = None  # who did it


@dataclass(frozen=True)
class Notification:
    id: int
    kind: NotificationKind
    complaint_id: int | None
    customer_name: str | None
    timer_kind: TimerKind | None
    created_at: datetime
    read_at: datetime | None
    customer_id: int | None = None
    score_sheet_id: int | None = None
    period: str | None = None  # the score sheet's quarter
    customers: int | None = None
    comment: str | None = None
    actor_name: str | None = None


def reassignment_notifications(moves: Sequence[tuple[int, int | None]], new_owner_id: int,
                               actor_id: int | None) -> list[NewNotification]:
    """Who is told of a reassignment (docs/domain.md section 7): `moves` are (customer, previous owner) of the
    customers that changed hands. The new owner is told once of all the customers they got, each previous owner
    once of those they lost; one customer is named, several are counted. Nobody is told of what they did
    themselves (the actor), nor a previous owner who keeps the customer (a move to another unit)."""
    gained = [(customer, owner) for customer, owner in moves if owner != new_owner_id]
    lost = Counter(owner for _, owner in gained if owner is not None)
    only = {owner: customer for customer, owner in gained}
    told: list[NewNotification] = []
    if gained and new_owner_id != actor_id:
        told.append(NewNotification(new_owner_id, NotificationKind.CUSTOMERS_ASSIGNED,
                                    customer_id=gained[0][0] if len(gained) == 1 else None, customers=len(gained),
                                    actor_id=actor_id))
    for owner, count in sorted(lost.items()):
        if owner != actor_id:
            told.append(NewNotification(owner, NotificationKind.CUSTOMERS_UNASSIGNED,
                                        customer_id=only[owner] if count == 1 else None, customers=count,
                                        actor_id=actor_id))
    return told
