"""The numbers finance asks for: NPV, the discounted break-even day and the IRR of fine-tuning.

All three are read off the one daily model's series (costmodel/model.py): the saving of day d
is what the prompt path spends that day minus what the fine-tuned path spends, one-off costs
on their days (training on day 0), i.e. the day's step in the cumulative saving. Nothing here
costs a path again.

numpy-financial works per period. Our periods are days while rates are quoted per year, so:

- `npv` is `numpy_financial.npv` at the *daily equivalent* rate (1 + r) ** (1 / 365) − 1, which
  discounts day d by exactly (1 + r) ** (d / 365); not r / 365, which compounds to more than r.
- the IRR is not `numpy_financial.irr`: that finds the roots of a polynomial whose degree is the
  number of periods (np.roots: the eigenvalues of a 730 × 730 to 3650 × 3650 companion matrix,
  slow and, at that degree, inexact). Instead the yearly rate at which `npv` is 0 is bracketed on
  a grid (one bracket where the savings change sign once) and refined by bisection, each step
  one `numpy_financial.npv`. Where the NPV crosses 0
  more than once (retraining can turn the saving negative again), the daily rate nearest 0 is
  given, as numpy_financial.irr chooses.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy_financial as npf

from costmodel.explain import describe_horizon, money_for
from costmodel.model import DAYS_PER_YEAR, CostResult, break_even_days, day_or_never

# The IRR is searched between -99.99% a year and 100% a day (about 7.5e111 % a year): a rate
# beyond that is "repaid within hours" and no longer a useful number.
LOWEST_YEARLY_RATE = -0.9999
HIGHEST_DAILY_RATE = 1.0
GRID_POINTS = 400
BISECTIONS = 64


def daily_rate(yearly_percent: float) -> float:
    """The rate per day that compounds to `yearly_percent` per year.

    >>> round(daily_rate(10) * 365, 6)  # a little under 10% / 365 per day
    0.095323
    """
    return math.expm1(math.log1p(yearly_percent / 100) / DAYS_PER_YEAR)


def saving_by_day(result: CostResult) -> np.ndarray:
    """Each day's saving of fine-tuning (days 0..H): prompt spend minus fine-tuned spend, one-offs
    on their days. Summed, the savings; at day 0 minus the training cost (plus the prompt set-up)."""
    flows: np.ndarray = np.diff(result.prompt_cumulative - result.finetune_cumulative, prepend=0.0)
    return flows


def npv_of_finetuning(result: CostResult, yearly_percent: float | None = None) -> float:
    """The net present value of fine-tuning over the horizon at a yearly discount rate
    (the scenario's `discount_rate_percent_per_year` unless given).

    Notes
    -----
    NPV = Σ_d saving(d) / (1 + r) ** (d / 365), d = 0..H; at r = 0 it is the savings.
    """
    rate = result.scenario.discount_rate_percent_per_year if yearly_percent is None else yearly_percent
    return float(npf.npv(daily_rate(rate), saving_by_day(result)))


def discounted_break_even_day(result: CostResult) -> int | None:
    """The first day on which the discounted cumulative saving reaches 0; None for never.

    Each path's spend is discounted day by day and compared with the tie rule of the
    undiscounted break-even day (docs/MODEL.md §4), so at rate 0 the two days are the same.
    """
    days = result.days
    factor = (1 + daily_rate(result.scenario.discount_rate_percent_per_year)) ** -days.astype(float)
    prompt = np.cumsum(np.diff(result.prompt_cumulative, prepend=0.0) * factor)
    finetune = np.cumsum(np.diff(result.finetune_cumulative, prepend=0.0) * factor)
    return day_or_never(float(break_even_days(prompt, finetune)))


def irr_percent_per_year(result: CostResult) -> float | None:
    """The yearly discount rate (%) at which fine-tuning's NPV is 0; None where there is none
    (savings of one sign on every day, or none within -99.99% a year .. 100% a day).

    Notes
    -----
    Solved in g = ln(1 + daily rate): NPV(g) = Σ_d saving(d) e^(−g d), bracketed on a grid of
    g and bisected; the yearly rate is e^(365 g) − 1.
    """
    flows = saving_by_day(result)
    if not (flows > 0).any() or not (flows < 0).any():
        return None

    def npv_at(g: float) -> float:
        with np.errstate(over="ignore"):  # (1 + rate) ** day beyond a float at high rates: that day adds 0
            return float(npf.npv(math.expm1(g), flows))

    lowest, highest = math.log1p(LOWEST_YEARLY_RATE) / DAYS_PER_YEAR, math.log1p(HIGHEST_DAILY_RATE)
    signs = np.sign(flows[flows != 0])
    if np.count_nonzero(signs[1:] != signs[:-1]) == 1:
        # One change of sign (costs first, savings after, or the reverse): by Descartes' rule of
        # signs the NPV is 0 at one rate at most, so the whole search range is one bracket.
        points = [lowest, highest]
    else:
        points = [float(g) for g in np.linspace(lowest, highest, GRID_POINTS)]
    values = [npv_at(g) for g in points]
    roots = []
    for low, high, at_low, at_high in zip(points[:-1], points[1:], values[:-1], values[1:], strict=True):
        if at_low == 0:
            roots.append(float(low))
        elif at_low * at_high < 0:
            for _ in range(BISECTIONS):
                middle = (low + high) / 2
                at_middle = npv_at(middle)
                if (at_middle < 0) == (at_low < 0):
                    low, at_low = middle, at_middle
                else:
                    high = middle
            roots.append(float((low + high) / 2))
    if not roots:
        return None
    # Nearest 0 per day, as numpy_financial.irr chooses: per year, -98.8% would look "nearer"
    # than +587% although it is the far smaller daily rate's opposite extreme.
    nearest = min(roots, key=lambda g: abs(math.expm1(g)))
    return 100 * math.expm1(DAYS_PER_YEAR * nearest)


def finance_summary(result: CostResult) -> dict[str, float | int | None]:
    """The three figures, JSON-ready, as the CLI's --json and the pages read them."""
    return {
        "discount_rate_percent_per_year": result.scenario.discount_rate_percent_per_year,
        "npv_of_finetuning": npv_of_finetuning(result),
        "discounted_break_even_day": discounted_break_even_day(result),
        "irr_percent_per_year": irr_percent_per_year(result),
    }


# Above this the IRR's digits mean nothing to a reader (the default scenario's is about
# 3,700% a year; 25,000 calls a day gives 820,650%): it is said in words instead.
LARGEST_IRR_SHOWN = 1_000


@dataclass(frozen=True)
class FinanceFigure:
    """One figure finance asks for: its value, a remark in plain words where the value alone
    says too little, and what it means (the pages' help)."""

    label: str
    value: str
    remark: str
    meaning: str

    @property
    def words(self) -> str:
        """Value and remark as one table cell: "over 1,000% a year: far above any cost of capital"."""
        return f"{self.value}: {self.remark}" if self.remark else self.value


def irr_words(result: CostResult) -> tuple[str, str]:
    """Fine-tuning's IRR as a manager reads it, (value, remark): a rate up to 1,000% a year,
    and plain words beyond it, below zero, or for none.

    >>> from costmodel import Scenario, evaluate
    >>> def irr(**changes):
    ...     base = dict(calls_per_day=10_000, prompt_tokens=800, price_per_million=5,
    ...                 finetuned_prompt_tokens=200, training_cost=3_000, horizon_days=730)
    ...     return irr_words(evaluate(Scenario(**{**base, **changes})))
    >>> irr(), irr(calls_per_day=1_500)
    (('over 1,000% a year', 'far above any cost of capital'), ('9.6% a year', ''))
    >>> irr(calls_per_day=600)
    ('-52.1% a year', 'fine-tuning costs more than it saves')
    >>> irr(finetuned_price_per_million=50), irr(training_cost=0)
    (('none', 'the savings never repay the training'), ('none', 'there is no cost to repay'))
    """
    irr_percent = irr_percent_per_year(result)
    if irr_percent is None:
        if not (saving_by_day(result) < 0).any():
            return "none", "there is no cost to repay"
        if result.savings <= 0:
            return "none", "the savings never repay the training"
        # Ahead at every rate searched, up to 100% a day: $10 of training repaid by $30 a day.
    if irr_percent is None or irr_percent > LARGEST_IRR_SHOWN:
        return f"over {LARGEST_IRR_SHOWN:,}% a year", "far above any cost of capital"
    rate = f"{irr_percent:,.0f}% a year" if abs(irr_percent) >= 100 else f"{irr_percent:,.1f}% a year"
    return rate, "fine-tuning costs more than it saves" if result.savings < 0 else ""


def finance_words(result: CostResult) -> list[FinanceFigure]:
    """The three figures finance asks for: written once here for What-if, Present and the deck
    to lay out."""
    scenario = result.scenario
    rate = scenario.discount_rate_percent_per_year
    money = money_for(scenario)
    day = discounted_break_even_day(result)
    at_rate = f"at {rate:g}% a year" if rate else "no discount rate set: equal to the savings"
    return [
        FinanceFigure(
            f"NPV of fine-tuning over {describe_horizon(scenario.horizon_days)}",
            money(npv_of_finetuning(result)),
            "",
            f"Each day's saving (training and every one-off on its day) discounted by "
            f"(1 + rate) ^ (day / 365), {at_rate}.",
        ),
        FinanceFigure(
            "Discounted break-even",
            f"not within {scenario.horizon_days:,} days" if day is None else f"day {day:,}",
            "",
            "The first day the discounted savings have repaid the discounted costs"
            + (f" at {rate:g}% a year." if rate else "; with no discount rate set, the break-even day."),
        ),
        FinanceFigure(
            "IRR of fine-tuning",
            *irr_words(result),
            "The yearly discount rate at which the NPV is 0: fine-tuning is worth it to a finance team "
            "whose cost of capital is below it. None where the savings never change sign.",
        ),
    ]
