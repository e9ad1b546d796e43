"""Results in plain words: money, days, and the one sentence a manager repeats."""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import partial

from costmodel.model import DAYS_PER_YEAR, CostResult, training_cost_to_recover
from costmodel.scenario import (
    EVENT_KINDS,
    FIELD_LABELS,
    PRICE_ORIGINS,
    SOURCED_PRICES,
    USD,
    Currency,
    Event,
    Scenario,
)


def format_money(dollars: float, currency: Currency = USD, cents: bool | None = None) -> str:
    """Money as a person writes it, in the display currency: cents only where they matter.

    >>> format_money(0.6), format_money(40), format_money(14_600), format_money(-2_500.4)
    ('$0.60', '$40.00', '$14,600', '-$2,500')
    >>> format_money(1_000, Currency(code="EUR", symbol="€", per_usd=0.9))
    '€900'
    """
    amount = dollars * currency.per_usd
    decimals = 2 if (amount_needs_cents(amount) if cents is None else cents) else 0
    sign = "-" if amount < 0 and round(abs(amount), decimals) > 0 else ""
    return f"{sign}{currency.symbol}{abs(amount):,.{decimals}f}"


def format_small_money(dollars: float, currency: Currency = USD) -> str:
    """A fee that can be a fraction of a cent (an hourly storage fee): three significant
    digits below a tenth of the currency unit, else as format_money writes it.

    >>> format_small_money(2 * 12 / 8_760), format_small_money(0.0658), format_small_money(1.7)
    ('$0.00274', '$0.0658', '$1.70')
    """
    amount = dollars * currency.per_usd
    if 0 < abs(amount) < 0.1:
        sign = "-" if amount < 0 else ""
        decimals = 2 - math.floor(math.log10(abs(amount)))
        return f"{sign}{currency.symbol}{abs(amount):.{decimals}f}".rstrip("0")
    return format_money(dollars, currency)


def decimals_needed(value: float, fewest: int, most: int) -> int:
    """The decimals that write `value` as it is, at least `fewest`, at most `most`.

    >>> decimals_needed(0.1875, 2, 6), decimals_needed(5, 2, 6), decimals_needed(1 / 3, 0, 4)
    (4, 2, 4)
    """
    decimals = fewest
    while decimals < most and not math.isclose(round(value, decimals), value, rel_tol=1e-9):
        decimals += 1
    return decimals


def format_price(dollars: float, currency: Currency = USD) -> str:
    """A price per 1M tokens to its last digit, as it was published or typed: cents at least,
    then as many decimals as it has, up to six.

    >>> format_price(5), format_price(0.075), format_price(0.1875), format_price(1_234.5)
    ('$5.00', '$0.075', '$0.1875', '$1,234.50')
    """
    amount = dollars * currency.per_usd
    decimals = decimals_needed(amount, 2, 6)
    sign = "-" if amount < 0 else ""
    return f"{sign}{currency.symbol}{abs(amount):,.{decimals}f}"


def amount_needs_cents(amount: float) -> bool:
    """Cents matter below 100 units of the display currency."""
    return abs(amount) < 100


def format_money_alike(amounts: list[float], currency: Currency = USD) -> list[str]:
    """Figures shown side by side, rounded alike so that they add up as the reader adds them:
    cents on all where any one needs them (format_money's rule), else whole units.

    >>> format_money_alike([106, 116.8, -10.8])
    ['$106.00', '$116.80', '-$10.80']
    >>> format_money_alike([1_060, 1_168, -108])
    ['$1,060', '$1,168', '-$108']
    """
    cents = any(amount_needs_cents(amount * currency.per_usd) for amount in amounts)
    return [format_money(amount, currency, cents=cents) for amount in amounts]


def money_for(scenario: Scenario) -> Callable[[float], str]:
    """format_money in the scenario's display currency."""
    return partial(format_money, currency=scenario.display_currency)


def cost_per_thousand_calls_words(result: CostResult) -> list[tuple[str, str]]:
    """Each path's whole cost over the horizon per 1,000 calls, labelled, as the pages and the
    one-page PDF write it."""
    money = money_for(result.scenario)
    # None: no calls at all, or so few that a cost per call is no number.
    missing = "no calls" if result.calls.sum() <= 0 else "too few calls to say"
    return [
        (label, missing if value is None else money(value))
        for label, value in (
            ("Prompt path per 1,000 calls", result.prompt_cost_per_thousand_calls),
            ("Fine-tuned path per 1,000 calls", result.finetune_cost_per_thousand_calls),
        )
    ]


def break_even_words(result: CostResult) -> str:
    """The break-even day in words, with the headline's one meaning (the day fine-tuning pays
    back, docs/MODEL.md §4): every page, table, slide and the CLI say it with this.

    >>> article = Scenario(calls_per_day=10_000, prompt_tokens=800, price_per_million=5,
    ...     finetuned_prompt_tokens=200, training_cost=3_000)
    >>> from costmodel.model import evaluate
    >>> break_even_words(evaluate(article))
    'day 100'
    >>> break_even_words(evaluate(article.model_copy(update={"calls_per_day": 10})))
    'not within 730 days'
    """
    if result.break_even_day is None:
        return f"not within {result.scenario.horizon_days:,} days"
    return f"day {result.break_even_day:,}"


def describe_event(scenario: Scenario, event: Event) -> str:
    """An event in words.

    >>> describe_event(Scenario(calls_per_day=1, prompt_tokens=1, price_per_million=1,
    ...     training_cost=1), Event(kind="prompt_price_change", day=90, price_factor=0.5))
    'day 90: price change on the prompt path (prices x0.5)'
    """
    when = f"day {scenario.event_day(event)}"
    if event.on_date is not None:
        when += f" ({event.on_date.isoformat()})"
    what = EVENT_KINDS[event.kind]
    if event.price_factor is not None:
        what += f" (prices x{event.price_factor:g})"
    if event.kind == "forced_retraining":
        cost = scenario.effective_retrain_cost if event.cost is None else event.cost
        what += f" ({money_for(scenario)(cost)})"
    if event.note:
        what += f": {event.note}"
    return f"{when}: {what}"


def describe_price_origin(scenario: Scenario, field: str) -> str:
    """Where one price came from, in words: the record it was read from, or "typed".

    >>> describe_price_origin(Scenario(calls_per_day=1, prompt_tokens=1, price_per_million=5,
    ...     training_cost=1), "price_per_million")
    'typed'
    """
    source = scenario.price_source(field)
    if source is None:
        return "typed"
    read = f", read {source.read_on.isoformat()}" if source.read_on else ", date unknown"
    where = f", source {source.source}" if source.source else ""
    return f"{PRICE_ORIGINS[source.origin]}: {source.record}{read}{where}"


def describe_price_origins(scenario: Scenario) -> str:
    """Every recorded price's origin in one line (the inputs tables' row)."""
    sourced = [
        f"{FIELD_LABELS[field].split(' (')[0]} from {describe_price_origin(scenario, field)}"
        for field in SOURCED_PRICES
        if scenario.price_source(field) is not None and getattr(scenario, field) is not None
    ]
    return "; ".join(sourced) or "every price typed"


def describe_input(scenario: Scenario, field: str) -> str:
    """One input as the user would write it: money as money, shares in %, events in words."""
    value = getattr(scenario, field)
    money = money_for(scenario)
    defaults = {
        "retrain_every_days": "never",
        "retrain_cost": "same as training",
        "cache_lifetime_minutes": "always warm",
        "start_date": "not set",
        "self_hosting": "no",
        "currency": "US$",
    }
    if value is None:
        return defaults.get(field, "same as base")
    if field == "price_sources":
        return describe_price_origins(scenario)
    if field == "events":
        return "; ".join(describe_event(scenario, event) for event in value) or "none"
    if field == "self_hosting":
        return (
            f"{money(value.gpu_hour_price)}/GPU-hour, {value.tokens_per_second_per_gpu:,.0f} "
            f"tokens/s per GPU, {value.utilisation_percent:g}% used"
        )
    if field == "currency":
        rate_date = f" on {value.as_of.isoformat()}" if value.as_of else ""
        return f"{value.code} at {value.per_usd:g} per US${rate_date}"
    if field == "start_date":
        return str(value.isoformat())
    if "percent" in field:
        return f"{value:g}%"
    if "price" in field or "cost" in field:
        return money(value)
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def format_tokens(tokens: float) -> str:
    """Token counts in short form.

    >>> format_tokens(8_000_000), format_tokens(120_000), format_tokens(950)
    ('8M', '120k', '950')
    """
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(tokens) >= size:
            return f"{tokens / size:,.3g}{suffix}"
    return f"{round(tokens):,}"  # an int: -0.4 reads 0, never "-0"


def describe_horizon(days: int) -> str:
    """A horizon in the words people use for it.

    >>> describe_horizon(730), describe_horizon(365), describe_horizon(90)
    ('2 years', '1 year', '90 days')
    """
    if days % DAYS_PER_YEAR == 0:
        years = days // DAYS_PER_YEAR
        return "1 year" if years == 1 else f"{years} years"
    return f"{days} days"


def _retraining(result: CostResult) -> str:
    scenario = result.scenario
    money = money_for(scenario)
    return f"retraining ({money(scenario.effective_retrain_cost)} every {scenario.retrain_every_days} days)"


def _changing_inputs(scenario: Scenario) -> list[str]:
    """What makes later days differ from day 1, in words (empty for the plain model, docs/MODEL.md §3)."""
    changing = []
    if scenario.finetune_launch_day > 1:
        changing.append(f"the fine-tuned model live only from day {scenario.finetune_launch_day}")
    if scenario.events:
        changes = sum(event.kind.endswith("price_change") for event in scenario.events)
        changing.append("the dated events" if changes < len(scenario.events) else "the dated price changes")
    if scenario.calls_growth_percent_per_month:
        changing.append("call volume growth")
    if scenario.prompt_price_change_percent_per_year or scenario.finetune_price_change_percent_per_year:
        changing.append("the price trends")
    return changing


def _what_hands_the_lead_back(result: CostResult) -> str:
    scenario = result.scenario
    causes = ([_retraining(result)] if scenario.retrain_every_days else []) + _changing_inputs(scenario)
    return " and ".join(causes) or "the daily costs"


def headline(result: CostResult) -> str:
    """The answer in one sentence, including why fine-tuning does not pay when it doesn't.

    It says "pays for itself" exactly when the result pays back (fine-tuning ahead on the
    horizon's last day, docs/MODEL.md §4), so it agrees with the metrics and the chart.
    """
    scenario = result.scenario
    money = money_for(scenario)
    horizon = describe_horizon(scenario.horizon_days)
    saved = money(abs(result.savings))

    if result.pays_back:
        if result.break_even_day == 0:
            sentence = f"Fine-tuning is cheaper from the start and saves {saved} over {horizon}."
        else:
            sentence = (
                f"Fine-tuning pays for itself on day {result.break_even_day} "
                f"and saves {saved} over {horizon}."
            )
        if len(result.lead_changes) > 1:
            sentence += (
                f" It is first ahead on day {result.first_ahead_day}, but "
                f"{_what_hands_the_lead_back(result)} hands the lead back in between."
            )
        return sentence

    if result.first_ahead_day is not None:
        handed_back = [day for day in result.lead_changes if day > result.first_ahead_day]
        return (
            f"Fine-tuning does not pay for itself within {horizon}: it is ahead from day "
            f"{result.first_ahead_day}, but {_what_hands_the_lead_back(result)} hands the lead back "
            f"on day {handed_back[0]}; over {horizon} prompting is {saved} cheaper."
        )

    changing = _changing_inputs(scenario)
    if changing:
        # The simple rule and the day-1 saving speak of day 1 only; later days differ.
        sentence = f"Fine-tuning does not pay for itself within {horizon}"
        if (
            result.simple_break_even_days is not None
            and result.simple_break_even_days <= scenario.horizon_days
        ):
            sentence += f", although the simple rule says day {math.ceil(result.simple_break_even_days)}"
        return (
            f"{sentence}: with {' and '.join(changing)} counted, prompting is {saved} cheaper over that time."
        )

    if result.daily_saving <= 0:
        to_recover = training_cost_to_recover(scenario)
        unrecovered = (
            f"{money(to_recover)} of training is never recovered" if to_recover > 0 else "it loses every day"
        )
        return (
            f"Fine-tuning never pays for itself: it saves nothing per day "
            f"({money(-result.daily_saving)} a day more than prompting), so "
            f"{unrecovered}; over {horizon} prompting is {saved} cheaper."
        )

    per_day = money(result.daily_saving)
    if scenario.retrain_every_days is not None:
        simple_day = math.ceil(result.simple_break_even_days or 0)
        cycle_saving = result.daily_saving * scenario.retrain_every_days
        if scenario.effective_retrain_cost >= cycle_saving:
            return (
                f"Fine-tuning never catches up: each retraining costs "
                f"{money(scenario.effective_retrain_cost)}, more than the "
                f"{money(cycle_saving)} that {scenario.retrain_every_days} days save, "
                f"although the simple rule says day {simple_day}."
            )
        return (
            f"Fine-tuning does not pay for itself within {horizon} once {_retraining(result)} "
            f"is counted, although the simple rule says day {simple_day}; "
            f"prompting is {saved} cheaper over that time."
        )
    # Plain model, no retraining: the simple rule is the curve's own answer, past the horizon.
    recovery_days = math.ceil(result.simple_break_even_days or 0)
    return (
        f"Fine-tuning does not pay for itself within {horizon}: at {per_day} a day saved, "
        f"{money(training_cost_to_recover(scenario))} of training takes "
        f"{recovery_days:,} days to recover."
    )


def premium_words(premium_percent: float) -> str:
    """The largest fine-tuned price premium that still pays back, in words: a premium above the
    base model's prices, or the discount the fine-tuned prices need.

    >>> premium_words(258.94), premium_words(-69.9), premium_words(0)
    ('up to 258.9% dearer', 'must be 69.9% cheaper', 'no dearer than the base model')
    """
    if premium_percent > 0:
        return f"up to {premium_percent:,.1f}% dearer"
    if premium_percent < 0:
        return f"must be {-premium_percent:,.1f}% cheaper"
    return "no dearer than the base model"
