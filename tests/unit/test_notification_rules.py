"""Who is told of score sheets and reassignments (docs/domain.md section 7), and when a sheet has a result
(section 4): the pure rules, without a database."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from domain.notifications.model import NewNotification, NotificationKind, reassignment_notifications
from domain.organisation.model import UserRef
from domain.scoring.model import (
    CustomerRef,
    Dimension,
    Quarter,
    ScoreSheet,
    SheetReviewers,
    SheetStatus,
    default_score_model,
    evaluate,
    return_recipients,
    review_recipients,
)

ASSIGNED, UNASSIGNED = NotificationKind.CUSTOMERS_ASSIGNED, NotificationKind.CUSTOMERS_UNASSIGNED


def test_one_customer_moved_names_it_to_both_owners() -> None:
    assert reassignment_notifications([(7, 1)], new_owner_id=2, actor_id=9) == [
        NewNotification(2, ASSIGNED, customer_id=7, customers=1, actor_id=9),
        NewNotification(1, UNASSIGNED, customer_id=7, customers=1, actor_id=9)]


def test_many_customers_moved_are_counted_once_per_person() -> None:
    told = reassignment_notifications([(1, 10), (2, 10), (3, 11), (4, None), (5, 2)], new_owner_id=2, actor_id=9)
    # Customer 5 already was the new owner's (a move to another unit): nobody hears of it.
    assert told == [NewNotification(2, ASSIGNED, customers=4, actor_id=9),
                    NewNotification(10, UNASSIGNED, customers=2, actor_id=9),
                    NewNotification(11, UNASSIGNED, customer_id=3, customers=1, actor_id=9)]


def test_nobody_is_told_of_what_they_did_themselves() -> None:
    assert reassignment_notifications([(1, 10)], new_owner_id=2, actor_id=2) == [
        NewNotification(10, UNASSIGNED, customer_id=1, customers=1, actor_id=2)]
    assert reassignment_notifications([(1, 10)], new_owner_id=2, actor_id=10) == [
        NewNotification(2, ASSIGNED, customer_id=1, customers=1, actor_id=10)]
    assert reassignment_notifications([(1, 2)], new_owner_id=2, actor_id=9) == []
    assert reassignment_notifications([], new_owner_id=2, actor_id=9) == []


def test_the_nearest_reviewers_are_told_never_the_filler() -> None:
    reviewers = SheetReviewers(store_managers=frozenset({3, 4}), hq_key_account=frozenset({8}))
    assert review_recipients(reviewers, filler_id=1) == {3, 4}
    assert review_recipients(reviewers, filler_id=3) == {4}
    # The only store manager over the customer filled it: the key-account department reviews.
    assert review_recipients(SheetReviewers(frozenset({3}), frozenset({8})), filler_id=3) == {8}
    assert review_recipients(SheetReviewers(frozenset(), frozenset({8, 3})), filler_id=3) == {8}
    assert review_recipients(SheetReviewers(frozenset(), frozenset()), filler_id=1) == set()


def _ref(user_id: int | None) -> UserRef | None:
    return UserRef(user_id, f"u{user_id}", f"U{user_id}") if user_id is not None else None


def _sheet(filler: int | None, owner: int | None) -> ScoreSheet:
    at = datetime(2026, 11, 23, tzinfo=UTC)
    ref = _ref
    return ScoreSheet(1, CustomerRef(5, "C1", "金陵饭店", "hotel", ref(owner)), Quarter(2026, 3), 1,
                      SheetStatus.SUBMITTED, {}, {}, {}, None, at, 2, at, filled_by=ref(filler))


def test_a_returned_sheet_tells_its_filler_and_the_account_manager() -> None:
    assert return_recipients(_sheet(filler=1, owner=1), reviewer_id=3) == {1}
    assert return_recipients(_sheet(filler=2, owner=1), reviewer_id=3) == {1, 2}
    assert return_recipients(_sheet(filler=2, owner=3), reviewer_id=3) == {2}
    assert return_recipients(_sheet(filler=2, owner=None), reviewer_id=3) == {2}


def test_a_sheet_has_a_result_only_when_every_indicator_is_scored() -> None:
    model = default_score_model()
    blank = evaluate(model, {})
    # The blanks count 0: C everywhere, which is no result.
    assert set(blank.grades.values()) == {"C"} and not blank.scored
    potential = {i.key: i.weight for i in model.indicators if i.dimension is Dimension.POTENTIAL}
    half = evaluate(model, potential)
    assert {s.dimension: s.scored for s in half.scores} == {
        Dimension.POTENTIAL: True, Dimension.POSSIBILITY: False, Dimension.BASIS: False}
    assert not half.scored
    full = evaluate(model, {i.key: Decimal(0) for i in model.indicators})
    assert full.scored and set(full.grades.values()) == {"C"}  # scored 0 everywhere is a C customer
