"""Warnings for what the simple rule hides: premium, retraining trap, hosting."""

import pytest

from costmodel import Scenario, evaluate
from costmodel.warnings import (
    cost_warnings,
    finetuned_premium_per_day,
    growth_multiple,
    shorter_prompt_saving_per_day,
)
from tests.examples import ARTICLE


def kinds(scenario: Scenario) -> list[str]:
    return [warning.kind for warning in cost_warnings(evaluate(scenario))]


def message(scenario: Scenario, kind: str) -> str:
    [found] = [w.message for w in cost_warnings(evaluate(scenario)) if w.kind == kind]
    return found


def test_plain_article_case_has_only_the_training_effort_reminder():
    assert kinds(ARTICLE) == ["training_effort"]


def test_premium_applies_to_every_token_not_only_the_prompt():
    scenario = ARTICLE.model_copy(
        update={
            "input_tokens": 300,
            "output_tokens": 100,
            "output_price_per_million": 15,
            "finetuned_price_per_million": 7.5,
            "finetuned_output_price_per_million": 22.5,
        }
    )
    result = evaluate(scenario)
    # 10,000 * ((200 + 300) * 2.5 + 100 * 7.5) / 1e6 = $20 a day; the shorter prompt saves $30.
    assert finetuned_premium_per_day(result) == pytest.approx(20)
    assert shorter_prompt_saving_per_day(result) == pytest.approx(30)
    assert "eats 67% of the $30.00 a day" in message(scenario, "premium")


def test_premium_larger_than_the_saving_says_so():
    scenario = ARTICLE.model_copy(update={"finetuned_price_per_million": 25})
    assert "eats more than all of the $30.00 a day" in message(scenario, "premium")


def test_retraining_trap_contrasts_the_simple_rule_with_the_curves():
    scenario = ARTICLE.model_copy(update={"retrain_every_days": 90})
    text = message(scenario, "retraining_trap")
    assert "simple rule says fine-tuning pays back on day 100" in text
    assert "never meet" in text


def test_lead_handed_back_lists_every_change():
    scenario = ARTICLE.model_copy(update={"retrain_every_days": 90, "retrain_cost": 2_000})
    assert "days 167, 180, 234" in message(scenario, "lead_handed_back")


def test_hosting_that_outruns_the_saving_is_warned():
    scenario = ARTICLE.model_copy(update={"hosting_cost_per_day": 40.8})
    assert "costs more than the $30.00 a day" in message(scenario, "hosting")
    assert "hosting" not in kinds(ARTICLE.model_copy(update={"hosting_cost_per_day": 10}))


class TestGrowth:
    def test_no_growth_no_sentence(self):
        assert "growth" not in kinds(ARTICLE)

    def test_modest_growth_says_what_it_compounds_to(self):
        growing = ARTICLE.model_copy(update={"calls_growth_percent_per_month": 5})
        assert [w.level for w in cost_warnings(evaluate(growing)) if w.kind == "growth"] == ["info"]
        assert message(growing, "growth") == (
            "Call volume growth: +5% a month compounds to x3.2 the calls by day 730: "
            "32,174 calls a day instead of 10,000."
        )

    @pytest.mark.parametrize("rate", [35.4, -25.0])
    def test_more_than_tenfold_either_way_is_a_warning(self, rate):
        scenario = ARTICLE.model_copy(update={"calls_growth_percent_per_month": rate})
        [warning] = [w for w in cost_warnings(evaluate(scenario)) if w.kind == "growth"]
        assert warning.level == "warning"
        assert "The answer rests on that volume" in warning.message

    def test_the_issues_example_reads_about_1420_times(self):
        scenario = ARTICLE.model_copy(update={"calls_growth_percent_per_month": 35.4})
        assert growth_multiple(scenario) == pytest.approx(1.354 ** (729 / 30.4375))
        assert "x1,420 the calls by day 730" in message(scenario, "growth")
