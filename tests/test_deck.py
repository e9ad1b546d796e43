"""The decision deck, read back as a manager's copy of PowerPoint would read it."""

import contextlib
import io
import re
from datetime import date

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Inches

from commands import deck as deck_command
from costmodel import evaluate
from costmodel.brief import build_brief
from costmodel.calibrate import calibrate, check_against_actuals
from costmodel.decision import DecisionRecord
from costmodel.explain import break_even_words, format_price
from costmodel.files import scenario_file_json
from costmodel.finance import finance_words
from costmodel.scenario import MAX_EVENT_NOTE_LENGTH, MAX_EVENTS, MAX_NAME_LENGTH, Event
from costmodel.usage import read_usage
from pricing.apply import apply_prices
from pricing.records import load_catalog
from render import deck
from tests.examples import ARTICLE
from tests.pictures import blank_png
from tests.test_app_calibrate import four_weeks_growing_10_percent
from tests.test_app_present_check import doubling_every_day
from tests.test_calibrate import FIXTURES, OPENAI_PAGES, calibrated

HOSTILE_NAME = "Plan https://evil.example/p <b>x</b>"


def slide_texts(slide) -> list[str]:
    texts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            texts.append(shape.text_frame.text)
        if shape.has_table:
            texts.extend(cell.text for row in shape.table.rows for cell in row.cells)
    return texts


def titles(slides) -> list[str]:
    return [slide_texts(slide)[0] for slide in slides]


def deck_of(scenario, decision=None, actuals=None, answers=None) -> list:
    """The slides of a scenario's brief, with a small chart (the real chart is checked apart)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(deck, "chart_png", lambda brief: blank_png())
        data = deck.make_deck(build_brief(scenario, date(2026, 11, 26), answers, decision, actuals))
    return list(Presentation(io.BytesIO(data)).slides)


@pytest.fixture(scope="module")
def slides():
    record = DecisionRecord(
        decision="Fine-tune", owner="Dana", decided_on=date(2026, 11, 20), rationale="Volume www.example.com"
    )
    scenario = ARTICLE.model_copy(update={"name": HOSTILE_NAME})
    data = deck.make_deck(build_brief(scenario, date(2026, 11, 26), decision=record))
    return Presentation(io.BytesIO(data)).slides


def test_every_slide_says_one_thing_the_manager_needs(slides):
    texts = [" ".join(slide_texts(slide)) for slide in slides]
    answer, chart, verdict, decision, inputs, assumptions, ranges, prices, finance, every_input = texts
    assert HOSTILE_NAME in answer
    assert "Fine-tuning pays for itself on day 100 and saves $18,900 over 2 years." in answer
    assert "$18,900 Saved by fine-tuning over 2 years" in answer  # the one big number
    assert chart.startswith("Break-even: fine-tuning pays back on day 100 (3.3 months).")
    assert verdict.startswith("Verdict on cost alone: Fine-tune and keep a short prompt")
    assert "Owner: Dana" in decision
    assert "Rationale: Volume www.example.com" in decision
    assert "The recorded decision differs from the verdict" in decision
    for shown in ("Training $3,000", "Retraining never", "200 kept after fine-tuning", "follows the base"):
        assert shown in inputs
    assert assumptions.count("20% either way moves the savings") == 3
    assert "Chance fine-tuning pays back within 730 days:" in ranges
    assert "P10 / P50 / P90" in ranges
    assert "Input price: $5.00 per 1M tokens (typed)." in prices
    assert "NPV of fine-tuning" in finance
    assert "IRR of fine-tuning" in finance
    assert "Calls per day 10,000" in every_input


def test_the_chart_is_a_real_picture(slides):
    [picture] = [shape for shape in slides[1].shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert picture.image.content_type == "image/png"
    assert len(picture.image.blob) > 20_000
    assert picture.image.size[0] >= 1_600


def test_user_text_never_becomes_a_link(slides):
    for slide in slides:
        for shape in slide.shapes:
            frames = [shape.text_frame] if shape.has_text_frame else []
            if shape.has_table:
                frames += [cell.text_frame for row in shape.table.rows for cell in row.cells]
            for frame in frames:
                for paragraph in frame.paragraphs:
                    assert all(run.hyperlink.address is None for run in paragraph.runs)


def test_cli_writes_the_deck(tmp_path, monkeypatch, capsys):
    # The real chart is checked above; here only the command line's part.
    monkeypatch.setattr(deck, "chart_png", lambda brief: blank_png())
    source = tmp_path / "support.json"
    # As the app's JSON export writes it: the scenario and its decision record.
    source.write_text(
        scenario_file_json(ARTICLE.model_copy(update={"name": "support bot"}), DecisionRecord(owner="Dana"))
    )
    output = tmp_path / "decision.pptx"
    assert deck_command.main([str(source), "-o", str(output)]) == 0
    said = capsys.readouterr().out
    slides = Presentation(str(output)).slides
    assert f"wrote {output}" in said
    assert f"bytes, {len(slides)} slides)" in said
    assert "support bot" in slide_texts(slides[0])[0]
    assert "Owner: Dana" in " ".join(slide_texts(slides[3]))


def test_cli_refuses_a_missing_file_in_one_line(tmp_path, capsys):
    assert deck_command.main([str(tmp_path / "missing.json"), "-o", str(tmp_path / "x.pptx")]) == 2
    error = capsys.readouterr().err
    assert "missing.json: no such file" in error
    assert error.count("\n") == 1


def test_cli_usage_errors_are_one_line(capsys):
    with pytest.raises(SystemExit) as exited:
        deck_command.main([])
    assert exited.value.code == 2
    error = capsys.readouterr().err
    assert "the following arguments are required" in error
    assert error.count("\n") == 1


class TestCheckedAgainstWhatHappened:
    """With usage data the deck has one more slide: the check, as `check_against_actuals` makes it."""

    @pytest.mark.parametrize(
        ("scenario", "usage"),
        [
            # 150 calls a day of 500 tokens, 4 days: never, growth not fitted, shorter than the prompt.
            (ARTICLE, OPENAI_PAGES),
            # 28 days, about 76 calls a day growing ~10% a month: break-even on a day both times.
            (ARTICLE.model_copy(update={"training_cost": 20}), "four weeks"),
        ],
        ids=["openai-pages-never", "four-weeks-on-a-day"],
    )
    def test_the_slide_says_what_the_check_says(self, scenario, usage, tmp_path):
        if usage == "four weeks":
            usage = [tmp_path / "requests.csv"]
            usage[0].write_bytes(four_weeks_growing_10_percent())
        actuals = calibrate(read_usage(usage))
        check = check_against_actuals(scenario, actuals)
        slides = deck_of(scenario, actuals=actuals)
        assert len(slides) == len(deck_of(scenario)) + 1
        slide = slides[4]  # right after the decision record
        assert titles(slides)[3:5] == ["Decision record", "Checked against what happened"]
        [sentence] = [
            s.text_frame.text for s in slide.shapes if s.has_text_frame and "We decided" in s.text_frame.text
        ]
        assert sentence == check.sentence(actuals)
        [table] = [shape.table for shape in slide.shapes if shape.has_table]
        cells = [[cell.text for cell in row.cells] for row in table.rows]
        assert cells[0] == ["Assumption", "We assumed", "What happened"]
        for (label, assumed, actual), row in zip(cells[1:5], check.rows, strict=True):
            assert label.lower() == row.assumption
            assert number(assumed) == pytest.approx(row.assumed, abs=0.05)
            if row.actual is None:
                assert actual == "not fitted"
            else:
                assert number(actual) == pytest.approx(row.actual, abs=0.05)
        assert cells[5] == ["Break-even", break_even_words(check.assumed), break_even_words(check.actual)]
        for words, result in zip(cells[5][1:], (check.assumed, check.actual), strict=True):
            on_a_day = result.break_even_day if result.pays_back else None
            assert (number(words) if words.startswith("day ") else None) == on_a_day
        texts = " ".join(slide_texts(slide))
        assert all(note in texts for note in check.notes)

    def test_without_usage_there_is_no_such_slide(self):
        assert not [title for title in titles(deck_of(ARTICLE)) if "Checked against" in title]


def number(text: str) -> float:
    """The number a cell starts with: "4,213.6 calls" is 4213.6, "+9.6% per month" 9.6, "day 239" 239."""
    return float(re.search(r"[-+]?[\d,]+(\.\d+)?", text).group().replace(",", ""))


def test_cli_adds_the_check_from_usage_files(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(deck, "chart_png", lambda brief: blank_png())
    source = tmp_path / "support.json"
    source.write_text(scenario_file_json(ARTICLE, DecisionRecord(owner="Dana")))
    output = tmp_path / "decision.pptx"
    usage = [str(FIXTURES / "openai_grouped_by_model.json")]
    assert (
        deck_command.main([str(source), "-o", str(output), "--usage", *usage, "--model", "gpt-4o-2024-08-06"])
        == 0
    )
    slides = Presentation(str(output)).slides
    assert f"bytes, {len(slides)} slides)" in capsys.readouterr().out
    slide = slides[4]
    actuals = calibrated("openai_grouped_by_model.json", model="gpt-4o-2024-08-06")
    assert check_against_actuals(ARTICLE, actuals).sentence(actuals) in slide_texts(slide)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--usage", "missing.json"], "missing.json"),
        (["--usage", str(FIXTURES / "anthropic_messages.json")], "give the calls per day"),
        (["--model", "gpt-4o"], "say how to read --usage files"),
        (["--usage", str(FIXTURES / "openai_page1.json"), "--format", "csv"], "invalid choice"),
        (["--usage", "doubling.json"], "the usage gives values the model does not take: call volume growth"),
    ],
    ids=["missing-file", "anthropic-without-calls", "model-without-usage", "unknown-format", "beyond-bounds"],
)
def test_cli_refuses_usage_it_cannot_read_in_one_line(arguments, message, tmp_path, capsys):
    (tmp_path / "doubling.json").write_bytes(doubling_every_day())
    arguments = [
        str(tmp_path / argument) if argument == "doubling.json" else argument for argument in arguments
    ]
    source = tmp_path / "support.json"
    source.write_text(scenario_file_json(ARTICLE, None))
    output = tmp_path / "x.pptx"
    with contextlib.suppress(SystemExit):  # usage errors exit through argparse, with code 2 too
        assert deck_command.main([str(source), "-o", str(output), *arguments]) == 2
    error = capsys.readouterr().err
    assert message in error
    assert error.count("\n") == 1
    assert not output.exists()


def test_a_typed_price_is_never_said_to_come_from_a_record_with_the_same_price():
    """The article's typed $5 equals catalog prices; only a price sent from a record names it."""
    record = next(r for r in load_catalog() if r.input_per_million == ARTICLE.price_per_million)
    typed = " ".join(" ".join(slide_texts(slide)) for slide in deck_of(ARTICLE))
    assert record.key not in typed
    assert "Input price: $5.00 per 1M tokens (typed)." in typed
    sent = apply_prices(ARTICLE, record, date(2026, 11, 26)).scenario
    prices = " ".join(slide_texts(deck_of(sent)[7]))
    price = format_price(record.input_per_million)
    assert f"Input price: {price} per 1M tokens (the price catalog: {record.key}" in prices
    assert record.source in prices
    typed_over = sent.model_copy(update={"price_per_million": record.input_per_million + 1})
    assert (
        f"(the price catalog: {record.key}"
        not in " ".join(slide_texts(deck_of(typed_over)[7])).split("Fine-tuned")[0]
    )


LONG_NAME = "Customer support assistant for the European market, second pilot " * 3
EVENTS = tuple(
    Event(kind="forced_retraining", day=10 + 30 * n, note=("retrain note " * 10)[:MAX_EVENT_NOTE_LENGTH])
    for n in range(MAX_EVENTS)
)


class TestEveryAllowedInputFits:
    """At the limits the model allows, nothing is cut and nothing runs off a slide: long text goes
    on over further slides, long titles are set smaller."""

    @pytest.fixture(scope="class")
    @classmethod
    def slides(cls):
        scenario = ARTICLE.model_copy(update={"name": LONG_NAME[:MAX_NAME_LENGTH], "events": EVENTS})
        record = DecisionRecord(
            decision="Fine-tune", owner="x" * 200, rationale=("because " * 2_500)[:20_000]
        )
        return deck_of(scenario, record)

    def test_a_20000_character_rationale_continues_over_slides_whole(self, slides):
        rationale = [
            slide for slide, title in zip(slides, titles(slides), strict=True) if "Rationale" in title
        ]
        assert len(rationale) >= 3
        assert all(re.fullmatch(r"Rationale \(\d+ of \d+\)", titles([slide])[0]) for slide in rationale)
        written = " ".join(" ".join(body_texts(slide)) for slide in rationale)
        assert written.split() == ("because " * 2_500)[:20_000].split()

    def test_no_slide_holds_more_text_than_its_box_shows(self, slides):
        for slide in slides:
            for shape in slide.shapes:
                if not shape.has_text_frame:
                    continue
                frame = shape.text_frame
                sizes = {run.font.size.pt for paragraph in frame.paragraphs for run in paragraph.runs}
                if not sizes:
                    continue
                points = max(sizes)
                width, height = shape.width / 914_400, shape.height / 914_400
                lines = sum(
                    len(
                        deck.wrapped(paragraph_text(paragraph), deck.characters_per_line(width - 0.2, points))
                    )
                    for paragraph in frame.paragraphs
                )
                assert lines <= deck.lines_per_box(height, points) + 1, frame.text[:60]
                assert shape.left + shape.width <= deck.WIDE[0]
                assert shape.top + shape.height <= deck.WIDE[1]

    def test_twelve_events_with_long_notes_continue_in_the_inputs_table(self, slides):
        every = [slide for slide, title in zip(slides, titles(slides), strict=True) if "Every input" in title]
        values = [
            row.cells[1].text
            for slide in every
            for shape in slide.shapes
            if shape.has_table
            for row in shape.table.rows
            if row.cells[0].text.startswith("Dated events")
        ]
        assert " ".join(values).count("retrain note") == MAX_EVENTS * 7
        assert len(every) >= 2
        for slide in every:
            [table] = [shape for shape in slide.shapes if shape.has_table]
            assert table.top + sum(row.height for row in table.table.rows) <= Inches(7.0)

    def test_a_long_name_gets_a_smaller_title(self, slides):
        sizes = {
            run.font.size.pt
            for paragraph in slides[0].shapes[0].text_frame.paragraphs
            for run in paragraph.runs
        }
        assert sizes == {18}


def body_texts(slide) -> list[str]:
    """A slide's texts but its title, its rule and its footer (the template's first three shapes)."""
    return [
        text for shape in list(slide.shapes)[3:] if shape.has_text_frame for text in [shape.text_frame.text]
    ]


def paragraph_text(paragraph) -> str:
    return "\n".join(run.text for run in paragraph.runs)


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("Plan\uffff B", "Plan B"),
        ("Plan\x01 B", "Plan B"),
        ("Plan \u202eevil\u202c B", "Plan evil B"),
    ],
    ids=["noncharacter", "control", "right-to-left-override"],
)
def test_text_on_a_slide_is_plain(typed, shown):
    """U+FFFF crashed the deck and control characters showed as _x0001_: both are dropped, as are
    bidi controls, wherever a user's text goes (name, owner, rationale, a note)."""
    scenario = ARTICLE.model_copy(
        update={"name": typed, "events": (Event(kind="forced_retraining", day=5, note=typed),)}
    )
    slides = deck_of(scenario, DecisionRecord(decision="Fine-tune", owner=typed, rationale=typed))
    texts = " ".join(" ".join(slide_texts(slide)) for slide in slides)
    assert texts.count(shown) >= 4
    assert "_x00" not in texts
    assert not any(character in texts for character in "\uffff\x01\u202e\u202c\ud800")


def test_the_deck_is_made_for_calls_falling_faster_than_half_a_month():
    # Its ranges slide uses the default Monte Carlo ranges, once invalid below -50% a month (issue 20).
    falling = ARTICLE.model_copy(update={"calls_growth_percent_per_month": -60, "retrain_every_days": 90})
    slides = deck_of(falling)
    assert len(slides) >= 5
    assert any("Calls per day" in " ".join(slide_texts(slide)) for slide in slides)


def test_cli_names_a_file_with_a_line_break_in_one_line(tmp_path, capsys):
    source = tmp_path / "two\nlines.json"
    source.write_text('{"calls_per_day": 1}')
    assert deck_command.main([str(source), "-o", str(tmp_path / "x.pptx")]) == 2
    error = capsys.readouterr().err
    assert "two\\nlines.json: prompt tokens per call (prompt_tokens) is required" in error
    assert error.count("\n") == 1


def test_cli_makes_the_deck_for_calls_falling_faster_than_half_a_month(tmp_path, monkeypatch, capsys):
    # Once "the usage gives values the model does not take", with no usage given (issue 20).
    monkeypatch.setattr(deck, "chart_png", lambda brief: blank_png())
    source = tmp_path / "falling.json"
    source.write_text(
        scenario_file_json(
            ARTICLE.model_copy(update={"calls_growth_percent_per_month": -60, "retrain_every_days": 90})
        )
    )
    assert deck_command.main([str(source), "-o", str(tmp_path / "falling.pptx")]) == 0
    assert capsys.readouterr().err == ""


def test_the_slides_give_the_numbers_finance_asks_for_and_each_paths_latency():
    scenario = ARTICLE.model_copy(
        update={"discount_rate_percent_per_year": 10, "prefill_ms_per_thousand_tokens": 50}
    )
    texts = " ".join(" ".join(slide_texts(slide)) for slide in deck_of(scenario))
    result = evaluate(scenario)
    for figure in finance_words(result):
        assert figure.label in texts
        assert figure.words in texts
    # 800 and 200 prompt tokens at 50 ms per 1,000: 40 ms and 10 ms to read the prompt.
    assert "40 ms to read the prompt" in texts
    assert "10 ms to read the prompt" in texts
