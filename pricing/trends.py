"""A yearly price trend suggested by a catalog record's dated price history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from costmodel.explain import format_price
from pricing.records import PriceRecord, prices_on

DAYS_PER_YEAR = 365.25
# Under a year of history, one cut compounds into an absurd yearly rate
# (half the price after two months reads as -98% a year): no suggestion then.
MIN_YEARS = 1.0

# Scenario field <- the record's price whose history suggests it, and that price's name.
# Each path's yearly change scales all its per-call prices; its input price stands for them.
TREND_PRICES = {
    "prompt_price_change_percent_per_year": ("input_per_million", "input"),
    "finetune_price_change_percent_per_year": ("finetuned_input_per_million", "fine-tuned input"),
}


@dataclass(frozen=True)
class PriceTrend:
    """How one price of a record moved from its first known day to `last_day`."""

    model: str
    price_name: str
    first_day: date
    first_price: float
    last_day: date
    last_price: float

    @property
    def years(self) -> float:
        return (self.last_day - self.first_day).days / DAYS_PER_YEAR

    @property
    def percent_per_year(self) -> float:
        """The compound yearly change that turns the first price into the last.

        Notes
        -----
        percent = ((last / first) ** (1 / years) - 1) * 100

        >>> round(PriceTrend("m", "input", date(2024, 1, 1), 4.0, date(2026, 1, 1), 1.0).percent_per_year, 1)
        -50.0
        """
        ratio: float = (self.last_price / self.first_price) ** (1 / self.years)
        return (ratio - 1) * 100

    def describe(self) -> str:
        """In words, e.g. "gpt-4o input fell 50% over 2.5 years ($5.00 on 2024-05-13 to $2.50 on
        2026-11-26): about -23.9%/year"."""
        change = self.last_price / self.first_price - 1
        moved = "fell" if change < 0 else "rose" if change > 0 else "did not change"
        by = f" {abs(change):.0%}" if change else ""
        return (
            f"{self.model} {self.price_name} {moved}{by} over {self.years:.1f} years "
            f"({format_price(self.first_price)} on {self.first_day.isoformat()} to "
            f"{format_price(self.last_price)} on {self.last_day.isoformat()}): "
            f"about {self.percent_per_year:+.1f}%/year"
        )


def price_trend(record: PriceRecord, field: str, as_of: date) -> PriceTrend | None:
    """The trend of one price from the first dated span that knows it to `as_of`.

    None when the history never knew the price (one price is no trend), the price is
    unknown on `as_of`, or the history covers less than a year.

    >>> from pricing import load_catalog
    >>> turbo = next(r for r in load_catalog() if r.model == "gpt-3.5-turbo")
    >>> round(price_trend(turbo, "finetuned_input_per_million", date(2026, 11, 26)).percent_per_year, 1)
    -34.6
    """
    first = next(
        ((span.from_date, price) for span in record.history if (price := getattr(span, field)) is not None),
        None,
    )
    today = prices_on(record, as_of)
    last_price = None if today is None else getattr(today, field)
    if first is None or last_price is None:
        return None
    first_day, first_price = first
    trend = PriceTrend(record.model, field_name(field), first_day, first_price, as_of, last_price)
    return trend if trend.years >= MIN_YEARS else None


def field_name(field: str) -> str:
    return next((name for record_field, name in TREND_PRICES.values() if record_field == field), field)


def suggested_trends(record: PriceRecord, as_of: date) -> dict[str, PriceTrend]:
    """Scenario field -> the trend its price's history suggests; only the fields history supports."""
    return {
        scenario_field: trend
        for scenario_field, (record_field, _) in TREND_PRICES.items()
        if (trend := price_trend(record, record_field, as_of)) is not None
    }
