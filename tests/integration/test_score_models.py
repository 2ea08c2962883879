"""Score models as versioned data and the what-if evaluation, through the HTTP API."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx

SEED_VALUES = {"qualification": 18, "business_performance": 16, "designers": 14, "project_managers": 16,
               "outlets": 18, "competition": 36, "willingness": 16, "business_fit": 16, "satisfaction": 27,
               "transaction_amount": 36, "order_share": 24}


async def test_the_default_model_is_current_and_evaluates(client: httpx.AsyncClient, auth: Any) -> None:
    current = await client.get("/api/v1/score-models/current", headers=auth("am_zhang"))
    assert current.status_code == 200, current.text
    model = current.json()
    assert (model["name"], model["version"]) == ("default", 1)
    assert {k: Decimal(v) for k, v in model["maxima"].items()} == {"potential": 100, "possibility": 80, "basis": 100}
    assert [i["key"] for i in model["indicators"] if i["dimension"] == "possibility"] == [
        "competition", "willingness", "business_fit"]

    result = await client.post(f"/api/v1/score-models/{model['id']}/evaluate", headers=auth("analyst"),
                               json={"values": SEED_VALUES})
    assert result.status_code == 200, result.text
    body = result.json()
    assert [(d["dimension"], Decimal(d["points"]), Decimal(d["maximum"]), d["percentage"], d["grade"])
            for d in body["dimensions"]] == [
        ("potential", 82, 100, "82.0", "A"), ("possibility", 68, 80, "85.0", "A"), ("basis", 87, 100, "87.0", "A")]
    assert body["grades"] == {"potential": "A", "possibility": "A", "basis": "A"}
    assert (body["category"]["key"], body["category"]["label_zh"]) == ("stronghold", "阵地客户")

    gold_mine = await client.post(f"/api/v1/score-models/{model['id']}/evaluate", headers=auth("am_zhang"),
                                  json={"values": {**SEED_VALUES, "transaction_amount": 8, "order_share": 6}})
    assert gold_mine.json()["grades"]["basis"] == "C" and gold_mine.json()["category"]["key"] == "gold_mine"


async def test_bad_values_are_named(client: httpx.AsyncClient, auth: Any) -> None:
    model_id = (await client.get("/api/v1/score-models/current", headers=auth("hq"))).json()["id"]
    response = await client.post(f"/api/v1/score-models/{model_id}/evaluate", headers=auth("hq"),
                                 json={"values": {"competition": 41, "charm": 3, "outlets": -1}})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert {e["field"] for e in response.json()["errors"]} == {"values.competition", "values.charm", "values.outlets"}
    assert (await client.post("/api/v1/score-models/999999/evaluate", headers=auth("hq"),
                              json={"values": {}})).status_code == 404
    assert (await client.post(f"/api/v1/score-models/{model_id}/evaluate", json={"values": {}})).status_code == 401


def _model(name: str, **changes: Any) -> dict[str, Any]:
    indicators = [
        {"key": "star_rating", "dimension": "potential", "weight": 50, "label_zh": "星级", "label_en": "Star rating"},
        {"key": "rooms", "dimension": "potential", "weight": 50, "label_zh": "客房数", "label_en": "Rooms"},
        {"key": "competition", "dimension": "possibility", "weight": 40, "label_zh": "竞争克服度",
         "label_en": "Competition"},
        {"key": "transaction_amount", "dimension": "basis", "weight": 60, "label_zh": "成交金额",
         "label_en": "Transaction amount", "source": "transaction_amount",
         "scale": [{"at_least": "100000", "points": 60}, {"at_least": "10000", "points": 30}]},
    ]
    return {"name": name, "customer_types": ["hotel"], "indicators": indicators, **changes}


async def test_administrators_version_models_per_customer_type(client: httpx.AsyncClient, auth: Any) -> None:
    created = await client.post("/api/v1/score-models", headers=auth("admin"), json=_model("hotels"))
    assert created.status_code == 201, created.text
    assert (created.json()["version"], Decimal(created.json()["maxima"]["possibility"])) == (1, 40)
    again = await client.post("/api/v1/score-models", headers=auth("admin"),
                              json=_model("hotels", grade_a_percent=85))
    assert again.json()["version"] == 2

    for_hotels = (await client.get("/api/v1/score-models/current", params={"customer_type": "hotel"},
                                   headers=auth("am_zhang"))).json()
    assert (for_hotels["name"], for_hotels["version"], Decimal(for_hotels["grade_a_percent"])) == ("hotels", 2, 85)
    for_dealers = (await client.get("/api/v1/score-models/current", params={"customer_type": "dealer"},
                                    headers=auth("am_zhang"))).json()
    assert for_dealers["name"] == "default"
    versions = [(m["name"], m["version"]) for m in
                (await client.get("/api/v1/score-models", headers=auth("analyst"))).json()["items"]]
    assert versions == [("default", 1), ("hotels", 2), ("hotels", 1)]
    # The old version still evaluates as it was (A from 80 %).
    old = await client.post(f"/api/v1/score-models/{created.json()['id']}/evaluate", headers=auth("hq"),
                            json={"values": {"star_rating": 41, "rooms": 41}})
    assert old.json()["grades"]["potential"] == "A"


async def test_model_rules_and_who_may_change_them(client: httpx.AsyncClient, auth: Any) -> None:
    assert (await client.post("/api/v1/score-models", headers=auth("hq"), json=_model("x"))).status_code == 403
    no_basis = _model("broken")
    no_basis["indicators"] = no_basis["indicators"][:3]
    response = await client.post("/api/v1/score-models", headers=auth("admin"), json=no_basis)
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "indicators"
    unscaled = _model("unscaled")
    unscaled["indicators"][3]["scale"] = []
    response = await client.post("/api/v1/score-models", headers=auth("admin"), json=unscaled)
    assert [e["field"] for e in response.json()["errors"]] == ["indicators.3.scale"]
    await client.post("/api/v1/score-models", headers=auth("admin"), json=_model("hotels"))
    clash = await client.post("/api/v1/score-models", headers=auth("admin"), json=_model("luxury"))
    assert clash.status_code == 422 and clash.json()["errors"][0]["field"] == "customer_types"


async def test_category_rules_in_order(client: httpx.AsyncClient, auth: Any) -> None:
    rules = (await client.get("/api/v1/category-rules", headers=auth("am_li"))).json()["items"]
    assert [(r["key"], r["potential"], r["possibility"], r["basis"]) for r in rules] == [
        ("stronghold", ["A", "B"], ["A"], ["A"]), ("gold_mine", ["A", "B"], ["A"], ["B", "C"]),
        ("marginal", ["B", "C"], ["A", "B"], ["A", "B"]), ("watch", [], [], [])]
