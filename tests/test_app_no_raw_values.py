"""No raw value reaches the user: no 'None', no 23.98 months for two years, no '-0' tokens."""

import pytest

from tests.app_helpers import metric, show_manager_answers, shown, start_app

NEVER_PAYS_BACK = {
    "calls_per_day": "100",
    "prompt_tokens": "800",
    "price_per_million": "5",
    "training_cost": "3000",
}


def test_what_ifs_break_even_reads_never_where_the_curves_do_not_meet(store_path):
    at = start_app(query=NEVER_PAYS_BACK)
    assert metric(at, "Break-even day") == "Never within 730 days"


def test_prices_without_a_value_read_as_unknown_not_none(store_path):
    at = start_app("pages/prices.py")
    catalog, history = at.dataframe
    for table, placeholder in ((catalog, "unknown"), (history, "\u2014")):
        assert table.value.isna().any(axis=None)  # the catalog has prices it does not know
        assert table.proto.placeholder == placeholder


@pytest.mark.parametrize(("horizon", "months", "day"), [(730, 24.0, 730), (100, 3.3, 100), (365, 12.0, 365)])
def test_pay_back_within_reads_the_horizon_in_tenths_of_a_month(store_path, horizon, months, day):
    at = start_app(query={**NEVER_PAYS_BACK, "calls_per_day": "10000", "horizon_days": str(horizon)})
    show_manager_answers(at)
    box = at.number_input(key=f"what_if.questions.months.{horizon}")
    assert box.value == months
    assert f"That is by day {day:,}." in [shown(c.value) for c in at.caption]
