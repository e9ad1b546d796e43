"""The decision as slides (PPTX) for the meeting where it is made: every number from the daily
model, the chart drawn offline, user text set as plain text runs (never links)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from typing import Any

from pptx import Presentation
from pptx.presentation import Presentation as Deck
from pptx.util import Emu, Inches, Pt

from costmodel import CostResult, headline
from costmodel.breakdown import describe_day
from costmodel.calibrate import Calibration, check_against_actuals
from costmodel.decision import DecisionRecord
from costmodel.explain import break_even_words, describe_input, money_for
from costmodel.guide import GuideAnswers, cost_verdict, recommend
from costmodel.montecarlo import MonteCarloRun, default_ranges, run_monte_carlo
from costmodel.scenario import FIELD_LABELS
from costmodel.sensitivity import key_assumptions
from pricing.records import load_catalog
from render.export import cost_chart_png

WIDE = (Inches(13.333), Inches(7.5))  # 16:9
# Drawn at 1150 x 560 and doubled: text large enough to read on a projected slide.
CHART_PIXELS = {"width": 1150, "height": 560, "scale": 2}
RANGE_DRAWS = 10_000
MAX_TABLE_ROWS = 14
SLIDE_COUNT = 8  # one more, "Checked against what happened", when usage data is given
CHECK_TITLE = "Checked against what happened"


def chart_png(result: CostResult) -> bytes:
    """The crossing chart as a PNG, drawn offline like the PNG download."""
    return cost_chart_png(result, CHART_PIXELS)


def _place(shape: Any, left: float, top: float, width: float, height: float) -> None:
    """The default layouts are drawn for 4:3: spread their placeholders over the 16:9 slide."""
    shape.left, shape.top, shape.width, shape.height = (
        Inches(left),
        Inches(top),
        Inches(width),
        Inches(height),
    )


def _titled_slide(deck: Deck, layout: int, title: str) -> Any:
    slide = deck.slides.add_slide(deck.slide_layouts[layout])
    slide.shapes.title.text = title
    _place(slide.shapes.title, 0.6, 0.3, 12.1, 1.1)
    return slide


# Body text sizes by how much there is: (the most characters and lines a size holds, points).
# A slide's body box (11.7 x 5.4 in) holds about this much; past the last, text is made
# smaller still rather than cut, since what a user wrote is never dropped.
BODY_SIZES = ((1_000, 8, 20), (1_800, 12, 16), (3_200, 18, 12))
SMALLEST_BODY_POINTS = 9


def body_points(lines: Sequence[str]) -> int:
    """The largest body size at which these lines fit the slide's body box."""
    characters = sum(len(line) for line in lines) + sum(line.count("\n") * 80 for line in lines)
    for most_characters, most_lines, points in BODY_SIZES:
        if characters <= most_characters and len(lines) <= most_lines:
            return points
    return SMALLEST_BODY_POINTS


def title_points(text: str) -> int:
    """A long scenario name gets a smaller title so it stays within its box."""
    return 40 if len(text) <= 45 else 28 if len(text) <= 90 else 20


def _text_slide(deck: Deck, title: str, lines: Sequence[str]) -> None:
    slide = _titled_slide(deck, 1, title)
    _place(slide.placeholders[1], 0.8, 1.6, 11.7, 5.4)
    body = slide.placeholders[1].text_frame
    body.clear()
    points = body_points(lines)
    for position, line in enumerate(lines):
        paragraph = body.paragraphs[0] if position == 0 else body.add_paragraph()
        paragraph.text = line  # a plain run: no field, no hyperlink
        paragraph.font.size = Pt(points)


def _table_slide(deck: Deck, title: str, rows: Sequence[tuple[str, str]]) -> None:
    slide = _titled_slide(deck, 5, title)
    shown = list(rows)
    if len(shown) > MAX_TABLE_ROWS:
        left_out = len(shown) - MAX_TABLE_ROWS + 1
        shown = [
            *shown[: MAX_TABLE_ROWS - 1],
            (f"… and {left_out} more", "in the scenario file (JSON export)"),
        ]
    shown.insert(0, ("Result or input", "Value"))
    top, left = Inches(1.5), Inches(0.8)
    table = slide.shapes.add_table(len(shown), 2, left, top, Inches(11.7), Inches(0.4) * len(shown)).table
    table.columns[0].width = Inches(5.2)
    table.columns[1].width = Inches(6.5)
    for row, (label, value) in enumerate(shown):
        for column, text in enumerate((label, value)):
            cell = table.cell(row, column)
            cell.text = text
            cell.text_frame.paragraphs[0].font.size = Pt(14)


def input_rows(result: CostResult) -> list[tuple[str, str]]:
    """The inputs this scenario sets (defaults left out), in the user's words."""
    scenario = result.scenario
    set_fields = scenario.model_dump(exclude_defaults=True)
    return [
        (FIELD_LABELS[field][0].upper() + FIELD_LABELS[field][1:], describe_input(scenario, field))
        for field in FIELD_LABELS
        if field in set_fields and field not in ("name", "notes")
    ]


def range_lines(result: CostResult) -> list[str]:
    """Monte Carlo with the starting ranges (the main inputs ±30%, growth ±2 points)."""
    scenario = result.scenario
    money = money_for(scenario)
    outcome = run_monte_carlo(scenario, MonteCarloRun(ranges=default_ranges(scenario), draws=RANGE_DRAWS))
    days = [outcome.break_even_percentile(p) for p in (10, 50, 90)]
    chance = outcome.payback_probability
    return [
        f"Chance fine-tuning pays back within {scenario.horizon_days:,} days: {chance:.0%}.",
        "Break-even day, P10 / P50 / P90: "
        + " / ".join("none" if d is None else f"day {d:,}" for d in days)
        + ".",
        f"Savings over the horizon, P10 to P90: {money(outcome.savings_percentile(10))} to "
        f"{money(outcome.savings_percentile(90))}.",
        f"{RANGE_DRAWS:,} draws of the full daily model; calls per day, prompt tokens, input price and "
        "training cost each ±30%, growth ±2 points a month.",
    ]


def verdict_lines(result: CostResult, answers: GuideAnswers | None) -> tuple[str, list[str]]:
    if answers is None or answers == GuideAnswers():
        return cost_verdict(result).value, [
            "On cost alone: the decision guide (prompt, gap, examples) was not walked."
        ]
    recommendation = recommend(answers, result)
    return recommendation.verdict.value, recommendation.reasons


def decision_lines(record: DecisionRecord | None) -> list[str]:
    if record is None:
        return ["No decision recorded yet."]
    when = record.decided_on.isoformat() if record.decided_on else "no date"
    lines = [f"Decision: {record.decision}", f"Owner: {record.owner or 'not named'}", f"Date: {when}"]
    if record.rationale:
        lines.append(f"Rationale: {record.rationale}")
    return lines


def price_source_lines(result: CostResult, today: date) -> list[str]:
    """The prices used, and the catalog records with the same prices, dated and sourced.

    A scenario does not record where its prices were taken from, so a record with the same
    price is named as such, never as the source."""
    scenario = result.scenario
    money = money_for(scenario)
    lines = [
        f"Prices used: input {money(scenario.price_per_million)} per 1M tokens, fine-tuned input "
        f"{money(scenario.effective_finetuned_price_per_million)} per 1M tokens."
    ]
    for record in load_catalog():
        matches = []
        if record.input_per_million == scenario.price_per_million:
            matches.append("input price")
        if record.finetuned_input_per_million == scenario.effective_finetuned_price_per_million:
            matches.append("fine-tuned input price")
        if matches:
            lines.append(
                f"Same {' and '.join(matches)} as {record.key}: {record.freshness(today)}, "
                f"source {record.source}"
            )
    matched = ": the records above only share them." if len(lines) > 1 else ", and no record has them."
    lines.append(f"The scenario does not say where its prices came from{matched} Check them before deciding.")
    return lines


def check_in_words(
    result: CostResult, actuals: Calibration
) -> tuple[str, list[tuple[str, str, str]], tuple[str, ...]]:
    """The check's sentence, its table (a header row, each assumption, break-even) and its notes,
    in words: what the slide and the one-page PDF show."""
    check = check_against_actuals(result.scenario, actuals)
    rows = [
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
    ]
    return check.sentence(actuals), rows, check.notes


def _check_slide(deck: Deck, result: CostResult, actuals: Calibration) -> None:
    """Each assumption beside what the usage shows, and break-even with each: `check_against_actuals`."""
    words, rows, notes_in_words = check_in_words(result, actuals)
    slide = _titled_slide(deck, 5, CHECK_TITLE)
    sentence = slide.shapes.add_textbox(Inches(0.8), Inches(1.4), Inches(11.7), Inches(1.0)).text_frame
    sentence.word_wrap = True
    sentence.text = words  # a plain run, like every text of the deck
    sentence.paragraphs[0].font.size = Pt(20)
    table = slide.shapes.add_table(
        len(rows), 3, Inches(0.8), Inches(2.6), Inches(11.7), Inches(0.45) * len(rows)
    ).table
    for column, width in enumerate((5.3, 3.2, 3.2)):
        table.columns[column].width = Inches(width)
    for row, values in enumerate(rows):
        for column, text in enumerate(values):
            cell = table.cell(row, column)
            cell.text = text
            cell.text_frame.paragraphs[0].font.size = Pt(16)
    if notes_in_words:
        notes = slide.shapes.add_textbox(Inches(0.8), Inches(5.7), Inches(11.7), Inches(1.4)).text_frame
        notes.word_wrap = True
        for position, note in enumerate(notes_in_words):
            paragraph = notes.paragraphs[0] if position == 0 else notes.add_paragraph()
            paragraph.text = note
            paragraph.font.size = Pt(14)


def make_deck(
    result: CostResult,
    today: date,
    decision: DecisionRecord | None = None,
    answers: GuideAnswers | None = None,
    actuals: Calibration | None = None,
) -> bytes:
    """The slides: title and answer, chart, inputs, what it hangs on, ranges, verdict, decision,
    the decision checked against `actuals` when usage data was given, prices.

    Raises pydantic's ValidationError when an actual value is outside what the model takes.
    """
    scenario = result.scenario
    money = money_for(scenario)
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDE

    title = deck.slides.add_slide(deck.slide_layouts[0])
    title.shapes.title.text = scenario.name or "Prompt engineering or fine-tuning?"
    title.shapes.title.text_frame.paragraphs[0].font.size = Pt(title_points(title.shapes.title.text))
    _place(title.shapes.title, 0.8, 1.8, 11.7, 1.5)
    title.placeholders[1].text = f"{headline(result)}\n\nMade on {today.isoformat()}."
    _place(title.placeholders[1], 1.3, 3.5, 10.7, 2.5)

    chart = _titled_slide(deck, 5, f"Break-even: {describe_day(scenario, result.break_even_day)}")
    chart.shapes.title.text_frame.paragraphs[0].font.size = Pt(32)
    width = deck.slide_width - Inches(1.2)
    chart.shapes.add_picture(io.BytesIO(chart_png(result)), Inches(0.6), Inches(1.4), width=Emu(width))

    results = [
        ("Break-even", describe_day(scenario, result.break_even_day)),
        ("Pays back within the horizon", "yes" if result.pays_back else "no"),
        ("Saved by fine-tuning over the horizon", money(result.savings)),
        ("Prompt path total", money(result.prompt_total)),
        ("Fine-tuned path total", money(result.finetune_total)),
    ]
    _table_slide(deck, "Inputs and results", [*results, *input_rows(result)])
    _text_slide(deck, "The three assumptions that matter most", key_assumptions(result))
    _text_slide(deck, "How sure: ranges", range_lines(result))
    verdict, reasons = verdict_lines(result, answers)
    _text_slide(deck, f"Verdict: {verdict}", reasons)
    _text_slide(deck, "Decision record", decision_lines(decision))
    if actuals is not None:
        _check_slide(deck, result, actuals)
    _text_slide(deck, "Prices: sources and when they were read", price_source_lines(result, today))

    file = io.BytesIO()
    deck.save(file)
    return file.getvalue()
