"""A yearly price trend suggested by a catalog record's dated history: exact numbers."""

from datetime import date

import pytest

from pricing import PriceRecord, load_catalog
from pricing.records import PriceSpan
from pricing.trends import PriceTrend, price_trend, suggested_trends

TODAY = date(2026, 11, 26)


def catalog(model: str) -> PriceRecord:
    [found] = [record for record in load_catalog() if record.model == model]
    return found


def record_with(spans: list[tuple[date, date, float]], current: float, valid_from: date) -> PriceRecord:
    return PriceRecord(
        provider="X",
        model="m",
        input_per_million=current,
        read_on=valid_from,
        valid_from=valid_from,
        source="https://x.test",
        history=tuple(
            PriceSpan(from_date=start, to_date=end, input_per_million=price, source="https://x.test")
            for start, end, price in spans
        ),
    )


# 2020-01-01 to 2024-01-01 is 1,461 days: exactly four years of 365.25 days.
FOUR_YEARS = (date(2020, 1, 1), date(2024, 1, 1))


@pytest.mark.parametrize(
    ("first", "last", "percent"),
    [(16.0, 1.0, -50.0), (1.0, 16.0, 100.0), (3.0, 3.0, 0.0), (10_000 / 9999, 1.0, None)],
    ids=["halved-each-year", "doubled-each-year", "unchanged", "tiny-cut"],
)
def test_compound_yearly_change_over_four_years(first, last, percent):
    trend = PriceTrend("m", "input", FOUR_YEARS[0], first, FOUR_YEARS[1], last)
    assert trend.years == 4
    expected = ((last / first) ** 0.25 - 1) * 100 if percent is None else percent
    assert trend.percent_per_year == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize(
    ("model", "field", "percent", "years"),
    [
        # $5 (2024-05-13) to $2.50: 0.5 ** (365.25 / 927) - 1
        ("gpt-4o", "prompt_price_change_percent_per_year", -23.899, 927 / 365.25),
        # fine-tuned input $3.75 since 2024-08-20: no change
        ("gpt-4o", "finetune_price_change_percent_per_year", 0.0, 828 / 365.25),
        # $1.50 (2023-08-22) to $0.50: (1/3) ** (365.25 / 1192) - 1
        ("gpt-3.5-turbo", "prompt_price_change_percent_per_year", -28.583, 1192 / 365.25),
        # fine-tuned input $12 to $3 at DevDay: 0.25 ** (365.25 / 1192) - 1
        ("gpt-3.5-turbo", "finetune_price_change_percent_per_year", -34.609, 1192 / 365.25),
    ],
)
def test_catalog_history_suggests_these_trends(model, field, percent, years):
    trend = suggested_trends(catalog(model), TODAY)[field]
    assert trend.years == pytest.approx(years)
    assert trend.percent_per_year == pytest.approx(percent, abs=5e-4)


def test_the_suggestion_says_how_the_price_moved_in_words():
    trend = suggested_trends(catalog("gpt-4o"), TODAY)["prompt_price_change_percent_per_year"]
    assert trend.describe() == (
        "gpt-4o input fell 50% over 2.5 years ($5.00 on 2024-05-13 to $2.50 on 2026-11-26): about -23.9%/year"
    )
    rise = PriceTrend("m", "input", *FOUR_YEARS[:1], 1.0, FOUR_YEARS[1], 16.0)
    assert rise.describe().startswith("m input rose 1500% over 4.0 years")


def test_only_records_with_a_history_of_the_price_suggest_anything():
    suggesting = {record.model for record in load_catalog() if suggested_trends(record, TODAY)}
    assert suggesting == {"gpt-4o", "gpt-3.5-turbo"}
    # gpt-4o-mini has no history: one price is no trend.
    assert price_trend(catalog("gpt-4o-mini"), "input_per_million", TODAY) is None


def test_under_a_year_of_history_suggests_nothing():
    # Half the price after six months would read as -75% a year.
    record = record_with([(date(2026, 1, 1), date(2026, 3, 1), 2.0)], 1.0, date(2026, 3, 1))
    assert price_trend(record, "input_per_million", date(2026, 7, 1)) is None
    assert price_trend(record, "input_per_million", date(2027, 1, 2)) is not None  # 366 days


def test_a_price_unknown_today_or_never_in_the_history_suggests_nothing():
    record = record_with([(date(2020, 1, 1), date(2021, 1, 1), 2.0)], 1.0, date(2021, 1, 1))
    assert price_trend(record, "input_per_million", date(2019, 6, 1)) is None  # before any price
    assert price_trend(record, "finetuned_input_per_million", TODAY) is None
    # Sonnet 5.5's history has input prices, but under a year of them.
    assert suggested_trends(catalog("Claude Sonnet 5.5"), TODAY) == {}
