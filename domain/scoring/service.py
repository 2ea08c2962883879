"""Score models: reading the current one, adding versions, and the what-if evaluation."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from domain.audit import AuditEntry
from domain.errors import FieldErrors, NotFound, RuleViolation
from domain.organisation.model import Permission, Principal
from domain.ports import Clock, UnitOfWork
from domain.scoring.model import Evaluation, ScoreModel, evaluate, model_problems, value_problems
from domain.tiering.model import (
    CategoryRule,
    categorise,
)


@dataclass(frozen=True)
class WhatIf:
    model: ScoreModel
    evaluation: Evaluation
    category: CategoryRule



def choose_model(models: list[ScoreModel], customer_type: str | None) -> ScoreModel | None:
    """The model for a customer type: one made for the type, else one for every type."""
    if customer_type is not None:
        for model in models:
            if customer_type in model.customer_types:
                return model
    return next((m for m in models if not m.customer_types), None)


async def current_model(uow: UnitOfWork, principal: Principal, customer_type: str | None) -> ScoreModel:
    """The latest version of the model that applies to the customer type (or to every type)."""
    principal.require(Permission.CUSTOMERS_READ)
    async with uow:
        model = choose_model(await uow.score_models.current(), customer_type)
    if model is None:
        raise NotFound("No score model applies; an administrator creates one.")
    return model


async def list_models(uow: UnitOfWork, principal: Principal) -> list[ScoreModel]:
    """Every version of every model, newest version first per name."""
    principal.require(Permission.CUSTOMERS_READ)
    async with uow:
        return await uow.score_models.list()


async def create_version(uow: UnitOfWork, principal: Principal, model: ScoreModel, *, clock: Clock) -> ScoreModel:
    """Saves an edited model as the next version of its name; sheets keep the version they were scored with.
    A customer type may belong to one model only."""
    principal.require(Permission.SCORING_MANAGE)
    errors = FieldErrors(model_problems(model))
    async with uow:
        for other in await uow.score_models.current():
            clash = sorted(other.customer_types & model.customer_types)
            if other.name != model.name and clash:
                errors.add("customer_types", f"{', '.join(clash)} already use model {other.name}")
        errors.raise_if_any()
        now = clock.now()
        saved = await uow.score_models.add_version(replace(model, id=None), principal.id, at=now)
        await uow.audit.record(AuditEntry("create", "score_model", saved.id or 0, None, principal.id, None,
                                          {"name": saved.name, "name_translations": saved.name_translations,
                                           "version": saved.version}), now)
        await uow.commit()
    return saved


async def what_if(uow: UnitOfWork, principal: Principal, model_id: int, values: Mapping[str, Decimal]) -> WhatIf:
    """Grades and category for a set of indicator values, without saving anything."""
    principal.require(Permission.CUSTOMERS_READ)
    async with uow:
        model = await uow.score_models.get(model_id)
        rules = await uow.category_rules.list()
    if model is None:
        raise NotFound("No such score model.")
    problems = value_problems(model, values)
    if problems:
        raise RuleViolation(problems)
    evaluation = evaluate(model, values)
    return WhatIf(model, evaluation, categorise(rules, evaluation.grades))








