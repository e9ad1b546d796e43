"""The headline sentence: the answer a manager repeats, for every shape of result."""

import pytest

from costmodel import evaluate, format_money, headline
from tests.examples import ARTICLE


def sentence(**changes):
    return headline(evaluate(ARTICLE.model_copy(update=changes)))


def test_break_even_names_the_day_and_the_savings():
    assert sentence() == "Fine-tuning pays for itself on day 100 and saves $18,900 over 2 years."


def test_free_training_is_cheaper_from_the_start():
    assert sentence(training_cost=0).startswith("Fine-tuning is cheaper from the start")


def test_slow_payback_says_how_long_it_would_take():
    assert sentence(calls_per_day=200, training_cost=500, finetuned_prompt_tokens=0, prompt_tokens=600) == (
        "Fine-tuning does not pay for itself within 2 years: at $0.60 a day saved, "
        "$500 of training takes 834 days to recover."
    )


def test_no_daily_saving_says_it_never_pays():
    text = sentence(finetuned_price_per_million=25)
    assert text.startswith("Fine-tuning never pays for itself: it saves nothing per day ($10.00 a day more")


def test_retraining_trap_contrasts_the_simple_rule():
    assert sentence(retrain_every_days=90, retrain_cost=2_800) == (
        "Fine-tuning never catches up: each retraining costs $2,800, more than the $2,700 "
        "that 90 days save, although the simple rule says day 100."
    )


def test_lead_changing_hands_is_told():
    assert sentence(retrain_every_days=90, retrain_cost=2_000).endswith(
        "pays for itself on day 367 and saves $2,900 over 2 years. It is first ahead on day 167, "
        "but retraining ($2,000 every 90 days) hands the lead back in between."
    )


def test_lead_handed_back_at_the_end_says_prompting_wins():
    text = sentence(retrain_every_days=150, retrain_cost=4_400, horizon_days=160)
    assert text.startswith(
        "Fine-tuning does not pay for itself within 160 days: it is ahead from day 100, but retraining "
        "($4,400 every 150 days) hands the lead back on day 150"
    )


@pytest.mark.parametrize(
    ("dollars", "text"),
    [
        (0, "$0.00"),
        (0.6, "$0.60"),
        (99.994, "$99.99"),
        (100, "$100"),
        (1_234_567.8, "$1,234,568"),
        (-62, "-$62.00"),
        (-0.001, "$0.00"),
    ],
)
def test_money_is_written_as_money(dollars, text):
    assert format_money(dollars) == text
