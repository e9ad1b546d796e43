"""The manager's brief: every sentence and number a manager reads, decided once.

Present, the one-page PDF, the slides and the HTML report lay a `Brief` out; none of them
computes a value or writes a sentence of its own (like pandas' Styler, which builds one
context that each of `to_html`, `to_latex` and `to_string` only lays out).

Adding something every output shows (issue 22's NPV, issue 23's training-file figures) is one
`Section` more in `build_brief`: each renderer lays out every section, as lines or as a table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from costmodel.breakdown import describe_day
from costmodel.calibrate import Calibration, check_against_actuals
from costmodel.decision import DecisionRecord, decision_matches
from costmodel.explain import (
    break_even_words,
    cost_per_thousand_calls_words,
    describe_horizon,
    describe_input,
    describe_price_origin,
    format_price,
    headline,
    money_for,
)
from costmodel.finance import finance_words
from costmodel.guide import GuideAnswers, GuideVerdict, verdict_for
from costmodel.latency import latency_words
from costmodel.model import CostResult, evaluate
from costmodel.montecarlo import MonteCarloRun, default_ranges, run_monte_carlo
from costmodel.scenario import FIELD_LABELS, SAME_AS_BASE, Scenario
from costmodel.sensitivity import key_assumptions
from costmodel.training_file import bill_sentence, examples_sentence
from costmodel.warnings import cost_warnings

UNTITLED = "Prompt engineering or fine-tuning?"
RANGE_DRAWS = 10_000
CHECK_TITLE = "Checked against what happened"


@dataclass(frozen=True)
class Fact:
    """One labelled figure: "Break-even" - "day 100 (3.3 months)"."""

    label: str
    value: str


@dataclass(frozen=True)
class Section:
    """One part of the story: a title and either lines (bullets) or facts (a two-column table).

    `everywhere` False: only the outputs with room for it (the slides and the report) show it;
    Present and the one-page PDF leave it out."""

    title: str
    lines: tuple[str, ...] = ()
    facts: tuple[Fact, ...] = ()
    everywhere: bool = True


@dataclass(frozen=True)
class Check:
    """The decision checked against newer usage: a sentence, a table (header first) and notes."""

    sentence: str
    rows: tuple[tuple[str, str, str], ...]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Brief:
    """What a manager reads about one scenario, in the order they read it."""

    title: str
    headline: str
    pays_back: bool
    break_even: str  # "day 100 (3.3 months)" or "not within 200 days": the headline's meaning
    big_number: Fact  # the one number of the answer: saved by fine-tuning, or by prompting
    key_numbers: tuple[Fact, ...]
    sections: tuple[Section, ...]  # inputs that matter, assumptions, ranges, sources, ...
    verdict: GuideVerdict
    decision: tuple[str, ...]  # what, who, when, and whether it follows the verdict
    rationale: str  # the decision record's why, as written (its line breaks kept)
    check: Check | None
    notes: str
    warnings: tuple[str, ...]
    made_on: date
    result: CostResult  # the series the charts draw; renderers never evaluate

    @property
    def break_even_sentence(self) -> str:
        """The break-even in one sentence, as every output writes it."""
        if self.pays_back:
            return f"Break-even: fine-tuning pays back on {self.break_even}."
        return f"Break-even: fine-tuning does not pay back within {self.result.scenario.horizon_days:,} days."

    def section(self, title: str) -> Section:
        return next(section for section in self.sections if section.title == title)


INPUTS_THAT_MATTER = "The inputs the answer rests on"
ASSUMPTIONS = "The three assumptions that matter most"
RANGES = "How sure: ranges"
SOURCES = "Prices: where they came from"
EVERY_INPUT = "Every input this scenario sets"
FINANCE = "The numbers finance asks for"
LATENCY = "Latency of each path"


def _price_words(scenario: Scenario, field: str) -> str:
    """A price with where it came from: "$5.00 per 1M tokens (typed)"."""
    price = format_price(scenario.effective(field), scenario.display_currency)
    return f"{price} per 1M tokens ({describe_price_origin(scenario, field)})"


def horizon_words(days: int) -> str:
    """ "730 days (2 years)", or "200 days"."""
    plain = describe_horizon(days)
    return f"{days:,} days" + ("" if plain == f"{days} days" else f" ({plain})")


def finetuned_price_words(scenario: Scenario) -> str:
    """The fine-tuned model's input price, saying when it only follows the base price.

    >>> finetuned_price_words(Scenario(calls_per_day=1, prompt_tokens=1, price_per_million=5,
    ...     training_cost=1))
    '$5.00 per 1M tokens: follows the base input price (no price of its own is set)'
    """
    if scenario.finetuned_price_per_million is not None:
        return _price_words(scenario, "finetuned_price_per_million")
    price = format_price(scenario.effective_finetuned_price_per_million, scenario.display_currency)
    return f"{price} per 1M tokens: follows the base input price (no price of its own is set)"


def inputs_that_matter(scenario: Scenario) -> tuple[Fact, ...]:
    """The inputs the answer rests on: volume, both prompts, both prices (and whether the
    fine-tuned one follows the base price), training and retraining, the horizon."""
    money = money_for(scenario)
    retraining = (
        "never"
        if scenario.retrain_every_days is None
        else f"{money(scenario.effective_retrain_cost)} every {scenario.retrain_every_days:,} days"
    )
    return (
        Fact("Calls per day", f"{scenario.calls_per_day:,.0f}"),
        Fact(
            "Prompt tokens per call",
            f"{scenario.prompt_tokens:,.0f} now; "
            f"{scenario.finetuned_prompt_tokens:,.0f} kept after fine-tuning",
        ),
        Fact("Input price", _price_words(scenario, "price_per_million")),
        Fact("Fine-tuned input price", finetuned_price_words(scenario)),
        Fact("Training", money(scenario.training_cost)),
        Fact("Retraining", retraining),
        Fact("Horizon", horizon_words(scenario.horizon_days)),
    )


def every_input(scenario: Scenario) -> tuple[Fact, ...]:
    """The inputs this scenario sets (defaults left out), in the user's words."""
    set_fields = scenario.model_dump(exclude_defaults=True)
    return tuple(
        Fact(FIELD_LABELS[field][0].upper() + FIELD_LABELS[field][1:], describe_input(scenario, field))
        for field in FIELD_LABELS
        if field in set_fields and field not in ("name", "notes")
    )


def range_lines(scenario: Scenario) -> tuple[str, ...]:
    """Monte Carlo with the starting ranges (the main inputs ±30%, growth ±2 points)."""
    money = money_for(scenario)
    outcome = run_monte_carlo(scenario, MonteCarloRun(ranges=default_ranges(scenario), draws=RANGE_DRAWS))
    days = [outcome.break_even_percentile(p) for p in (10, 50, 90)]
    return (
        f"Chance fine-tuning pays back within {scenario.horizon_days:,} days: "
        f"{outcome.payback_probability:.0%}.",
        "Break-even day, P10 / P50 / P90 (the day a draw pays back; none when it does not): "
        + " / ".join("none" if d is None else f"day {d:,}" for d in days)
        + ".",
        f"Savings over the horizon, P10 to P90: {money(outcome.savings_percentile(10))} to "
        f"{money(outcome.savings_percentile(90))}.",
        f"{RANGE_DRAWS:,} draws of the full daily model; calls per day, prompt tokens, input price and "
        "training cost each ±30%, growth ±2 points a month.",
    )


def source_lines(scenario: Scenario) -> tuple[str, ...]:
    """Each price used and where it came from; a source is named only for a price read from it."""
    fields = ["price_per_million", "finetuned_price_per_million"]
    fields += [
        field
        for field in ("output_price_per_million", "finetuned_output_price_per_million")
        if scenario.output_tokens and scenario.effective(field)
    ]
    lines = []
    for field in fields:
        label = FIELD_LABELS[field].split(" (")[0]
        label = label[0].upper() + label[1:]
        if getattr(scenario, field) is None:  # follows the base price, and its source
            base = FIELD_LABELS[SAME_AS_BASE[field]].split(" (")[0]
            lines.append(f"{label}: follows the {base}.")
        else:
            lines.append(f"{label}: {_price_words(scenario, field)}.")
    if any(scenario.price_source(field) is None for field in fields):
        lines.append("A typed price has no source: check it before deciding.")
    return tuple(lines)


def decision_lines(record: DecisionRecord | None, verdict: GuideVerdict | None = None) -> tuple[str, ...]:
    """What was decided, by whom and when, and whether it follows the verdict (when one is given)."""
    if record is None:
        return ("No decision recorded yet.",)
    when = record.decided_on.isoformat() if record.decided_on else "no date"
    lines = [f"Decision: {record.decision}", f"Owner: {record.owner or 'not named'}", f"Date: {when}"]
    if verdict is not None and not decision_matches(record.decision, verdict.verdict):
        lines.append(f"The recorded decision differs from the verdict ({verdict.verdict}).")
    if record.training_data is not None:  # the training file the decision was weighed on
        data = record.training_data
        lines.append(
            f"Training file {data.training.file_name}: {examples_sentence(data)} {bill_sentence(data)}"
        )
    return tuple(lines)


def check_words(result: CostResult, actuals: Calibration) -> Check:
    """The check against newer usage in words (`check_against_actuals`)."""
    check = check_against_actuals(result.scenario, actuals)
    rows = (
        ("Assumption", "We assumed", "What happened"),
        *(
            (
                row.assumption[0].upper() + row.assumption[1:],
                row.describe(row.assumed),
                row.describe(row.actual),
            )
            for row in check.rows
        ),
        ("Break-even", break_even_words(check.assumed), break_even_words(check.actual)),
    )
    # What the files left out or cover in part (failed requests, a first day from noon) as well.
    return Check(check.sentence(actuals), rows, (*check.notes, *actuals.notes))


def build_brief(
    scenario: Scenario,
    made_on: date,
    answers: GuideAnswers | None = None,
    decision: DecisionRecord | None = None,
    actuals: Calibration | None = None,
) -> Brief:
    """The brief for one scenario: evaluated once, with the guide's answers (None or empty: the
    verdict rests on cost alone), the decision record and, when given, newer usage to check it by.

    Raises pydantic's ValidationError when an actual value is outside what the model takes.

    Examples
    --------
    >>> from costmodel import Scenario
    >>> brief = build_brief(Scenario(calls_per_day=10_000, prompt_tokens=800, price_per_million=5,
    ...     finetuned_prompt_tokens=200, training_cost=3_000), date(2026, 12, 1))
    >>> brief.break_even_sentence
    'Break-even: fine-tuning pays back on day 100 (3.3 months).'
    >>> brief.verdict.title
    'Verdict on cost alone: Fine-tune and keep a short prompt'
    """
    result = evaluate(scenario)
    money = money_for(scenario)
    horizon = describe_horizon(scenario.horizon_days)
    verdict = verdict_for(result, answers)
    big_number = (
        Fact(f"Saved by fine-tuning over {horizon}", money(result.savings))
        if result.pays_back
        else Fact(f"Saved by prompting over {horizon}", money(-result.savings))
    )
    break_even = describe_day(scenario, result.break_even_day)
    return Brief(
        title=scenario.name or UNTITLED,
        headline=headline(result),
        pays_back=result.pays_back,
        break_even=break_even,
        big_number=big_number,
        key_numbers=(
            Fact("Break-even", break_even),
            Fact(f"Saved by fine-tuning over {horizon}", money(result.savings)),
            *(Fact(label, value) for label, value in cost_per_thousand_calls_words(result)),
        ),
        sections=(
            Section(INPUTS_THAT_MATTER, facts=inputs_that_matter(scenario)),
            Section(ASSUMPTIONS, lines=tuple(key_assumptions(result))),
            Section(RANGES, lines=range_lines(scenario)),
            Section(SOURCES, lines=source_lines(scenario)),
            Section(FINANCE, facts=tuple(Fact(f.label, f.words) for f in finance_words(result))),
            *(
                (Section(LATENCY, facts=tuple(Fact(label, value) for label, value, _where in rows)),)
                if (rows := latency_words(scenario))
                else ()
            ),
            Section(EVERY_INPUT, facts=every_input(scenario), everywhere=False),
        ),
        verdict=verdict,
        decision=decision_lines(decision, verdict),
        rationale="" if decision is None else decision.rationale,
        check=None if actuals is None else check_words(result, actuals),
        notes=scenario.notes or "",
        warnings=tuple(warning.message for warning in cost_warnings(result)),
        made_on=made_on,
        result=result,
    )
