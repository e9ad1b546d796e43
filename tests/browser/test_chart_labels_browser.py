"""Labels on the crossing chart read at a glance: none overprints another or hides a marker."""

import json
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Browser, expect

from costmodel import evaluate
from costmodel.scenario import Event
from costmodel.sharing import scenario_to_query
from render.charts import make_cost_curves
from tests.examples import ARTICLE

pytestmark = pytest.mark.browser

# The case: events close together at the bottom, and retraining handing the lead
# back around days 180 and 200 next to the break-even label.
CROWDED = ARTICLE.model_copy(
    update={
        "retrain_every_days": 90,
        "retrain_cost": 2_900,
        "events": (
            Event(kind="finetune_ends", day=42, note="provider retires the base model"),
            Event(kind="prompt_price_change", day=60, price_factor=0.8),
            Event(kind="forced_retraining", day=75),
            Event(kind="finetune_price_change", day=180, price_factor=0.9),
            Event(kind="prompt_price_change", day=700, price_factor=0.7),
        ),
    }
)


def boxes(page, selector):
    return [box for box in (element.bounding_box() for element in page.locator(selector).all()) if box]


def overlap(a, b) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


@pytest.mark.parametrize("width", [1400, 1000])
@pytest.mark.parametrize(
    "scenario",
    [CROWDED, ARTICLE.model_copy(update={"retrain_every_days": 90, "retrain_cost": 2_000})],
    ids=["events", "lead changes"],
)
def test_no_label_overprints_another_or_a_marker(browser: Browser, app_url: str, width, scenario, tmp_path):
    context = browser.new_context(viewport={"width": width, "height": 1000})
    page = context.new_page()
    page.goto(f"{app_url}/?{urlencode(scenario_to_query(scenario))}")
    chart = page.locator(".js-plotly-plot").first
    # Wait for this scenario's chart, not the first one drawn: every label and marker it has.
    figure = make_cost_curves(evaluate(scenario))
    expect(chart.locator(".annotation")).to_have_count(len(figure.layout.annotations), timeout=30_000)
    expect(chart.locator(".scatterlayer .trace .points path")).to_have_count(
        len(evaluate(scenario).lead_changes), timeout=30_000
    )
    labels = boxes(chart, ".annotation")
    assert len(labels) >= 2
    for position, first in enumerate(labels):
        for second in labels[position + 1 :]:
            assert not overlap(first, second), json.dumps([first, second])
    markers = boxes(chart, ".scatterlayer .trace .points path")
    for marker in markers:
        for label in labels:
            assert not overlap(marker, label), json.dumps([marker, label])
    page.screenshot(path=str(tmp_path / f"labels-{width}.png"), full_page=True)
    context.close()
