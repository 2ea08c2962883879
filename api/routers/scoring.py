"""Score models and category rules (rules as data), and the what-if evaluation."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import CurrentClock, CurrentPrincipal, Uow
from api.errors import problem_responses
from api.schemas.common import Items, PathId
from api.schemas.scoring import (
    CategoryMoveRead,
    CategoryRuleRead,
    CategoryRulesPreview,
    CategoryRulesSaved,
    CategoryRulesWrite,
    EvaluateRequest,
    EvaluationRead,
    ScoreModelCreate,
    ScoreModelRead,
)
from domain.customers.model import CustomerType
from domain.scoring import service as svc

router = APIRouter(tags=["scoring"])


@router.get("/score-models/current", response_model=ScoreModelRead, operation_id="scoring-current-model",
            responses=problem_responses(401, 403, 404, 422))
async def current_model(principal: CurrentPrincipal, uow: Uow, customer_type: Annotated[CustomerType | None, Query(
        description="The model made for this type, else the one for every type.")] = None) -> ScoreModelRead:
    """The latest version of the score model that applies."""
    return ScoreModelRead.of(await svc.current_model(uow, principal, customer_type))


@router.get("/score-models", response_model=Items[ScoreModelRead], operation_id="scoring-list-models",
            responses=problem_responses(401, 403))
async def list_models(principal: CurrentPrincipal, uow: Uow) -> Items[ScoreModelRead]:
    """Every version of every score model (sheets keep the version they were scored with)."""
    return Items(items=[ScoreModelRead.of(m) for m in await svc.list_models(uow, principal)])


@router.post("/score-models", response_model=ScoreModelRead, status_code=201, operation_id="scoring-create-version",
             responses=problem_responses(401, 403, 409, 422))
async def create_version(body: ScoreModelCreate, principal: CurrentPrincipal, uow: Uow,
                         clock: CurrentClock) -> ScoreModelRead:
    """Saves the model as the next version of its name (administrators). Every dimension needs indicators;
    computed indicators need a points scale; a customer type belongs to one model."""
    return ScoreModelRead.of(await svc.create_version(uow, principal, body.to_domain(), clock=clock))


@router.post("/score-models/{model_id}/evaluate", response_model=EvaluationRead, operation_id="scoring-evaluate",
             responses=problem_responses(401, 403, 404, 422))
async def evaluate(model_id: PathId, body: EvaluateRequest, principal: CurrentPrincipal, uow: Uow) -> EvaluationRead:
    """What if a customer scored these points: per dimension the points, maximum, percentage and grade, the
    three grades and the category. Nothing is saved. A value outside 0..weight or an unknown key is a 422
    naming `values.<key>`."""
    return EvaluationRead.of(await svc.what_if(uow, principal, model_id, body.values))


@router.get("/category-rules", response_model=Items[CategoryRuleRead], operation_id="scoring-list-category-rules",
            responses=problem_responses(401, 403))
async def list_category_rules(principal: CurrentPrincipal, uow: Uow) -> Items[CategoryRuleRead]:
    """The categories in the order they are tried (first match wins), with labels and positioning."""
    return Items(items=[CategoryRuleRead.of(r) for r in await svc.category_rules(uow, principal)])


@router.post("/category-rules/preview", response_model=CategoryRulesPreview,
             operation_id="scoring-preview-category-rules", responses=problem_responses(401, 403, 422))
async def preview_category_rules(body: CategoryRulesWrite, principal: CurrentPrincipal,
                                 uow: Uow) -> CategoryRulesPreview:
    """How many graded customers would move, from which category to which, if these rules were saved
    (administrators). Nothing is saved."""
    moves = await svc.preview_category_rules(uow, principal, body.to_domain())
    return CategoryRulesPreview(moves=[CategoryMoveRead(before=m.before, after=m.after, customers=m.customers)
                                       for m in moves], customers_moving=sum(m.customers for m in moves))


@router.put("/category-rules", response_model=CategoryRulesSaved, operation_id="scoring-replace-category-rules",
            responses=problem_responses(401, 403, 422))
async def replace_category_rules(body: CategoryRulesWrite, principal: CurrentPrincipal, uow: Uow,
                                 clock: CurrentClock) -> CategoryRulesSaved:
    """Saves the ordered rules (administrators): first match wins and the last rule must match any grades.
    Every graded customer moves to the category the new rules give, with a history row for each move."""
    saved = await svc.replace_category_rules(uow, principal, body.to_domain(), clock=clock)
    return CategoryRulesSaved(rules=[CategoryRuleRead.of(r) for r in saved.rules],
                              customers_moved=saved.customers_moved)
