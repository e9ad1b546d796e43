"""What a manager asks next: when in the calendar, what each month costs (docs/MODEL.md §4)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

import numpy as np

from costmodel.model import DAYS_PER_MONTH, CostResult
from costmodel.scenario import Scenario

if TYPE_CHECKING:  # pandas takes a third of a second to import: only tables need it
    import pandas as pd


def date_of_day(scenario: Scenario, day: int) -> date | None:
    """The calendar date of a day, once day 1 has one (day 0 is the day before day 1)."""
    return None if scenario.start_date is None else scenario.start_date + timedelta(days=day - 1)


def describe_day(scenario: Scenario, day: int | None) -> str:
    """A day as people say it: its number, and its date and months from day 1 when known.

    >>> article = Scenario(calls_per_day=1, prompt_tokens=1, price_per_million=1, training_cost=1)
    >>> describe_day(article, 100), describe_day(article, None)
    ('day 100 (3.3 months)', 'not within 730 days')
    >>> describe_day(article.model_copy(update={"start_date": date(2027, 1, 1)}), 100)
    'day 100 (2027-04-10, 3.3 months)'
    """
    if day is None:
        return f"not within {scenario.horizon_days:,} days"
    when = [] if scenario.start_date is None else [str(date_of_day(scenario, day))]
    when.append(f"{day / DAYS_PER_MONTH:.1f} months")
    return f"day {day:,} ({', '.join(when)})"


def month_of_each_day(scenario: Scenario) -> list[str]:
    """The month each day 0..H falls in: calendar months once day 1 has a date, else 'month 1',
    'month 2', ... of 30.4375 days; day 0's one-off costs count in the first month."""
    days = np.arange(scenario.horizon_days + 1)
    if scenario.start_date is None:
        numbers = np.maximum(np.ceil(days / DAYS_PER_MONTH), 1).astype(int)
        return [f"month {number}" for number in numbers]
    first = scenario.start_date
    return [(first + timedelta(days=max(int(day), 1) - 1)).strftime("%Y-%m") for day in days]


def monthly_costs(result: CostResult) -> pd.DataFrame:
    """Month by month: calls, each path's cost (one-offs in their month) and the saving, running total too."""
    import pandas as pd

    # Days run in order, so each month is one run of days: sum each run from its first day
    # (half the time pandas' groupby took, on every What-if rerun).
    labels = np.array(month_of_each_day(result.scenario))
    first_days = np.flatnonzero(np.r_[True, labels[1:] != labels[:-1]])
    table = pd.DataFrame(
        {
            "month": labels[first_days].tolist(),
            "calls": np.add.reduceat(result.calls, first_days),
            "prompt path ($)": np.add.reduceat(np.diff(result.prompt_cumulative, prepend=0.0), first_days),
            "fine-tuned path ($)": np.add.reduceat(
                np.diff(result.finetune_cumulative, prepend=0.0), first_days
            ),
        }
    )
    table["saving ($)"] = table["prompt path ($)"] - table["fine-tuned path ($)"]
    table["saving so far ($)"] = table["saving ($)"].cumsum()
    return table
