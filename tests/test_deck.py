"""The decision deck, read back as a manager's copy of PowerPoint would read it."""

import contextlib
import io
import re
from datetime import date

import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from commands import deck as deck_command
from costmodel import evaluate
from costmodel.calibrate import calibrate, check_against_actuals
from costmodel.decision import DecisionRecord
from costmodel.explain import break_even_words
from costmodel.files import scenario_file_json
from costmodel.usage import read_usage
from render import deck
from tests.examples import ARTICLE
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


@pytest.fixture(scope="module")
def slides():
    record = DecisionRecord(
        decision="Fine-tune", owner="Dana", decided_on=date(2026, 11, 20), rationale="Volume www.example.com"
    )
    scenario = ARTICLE.model_copy(update={"name": HOSTILE_NAME})
    data = deck.make_deck(evaluate(scenario), date(2026, 11, 26), decision=record)
    return Presentation(io.BytesIO(data)).slides


def test_every_slide_says_what_the_manager_needs(slides):
    texts = [" ".join(slide_texts(slide)) for slide in slides]
    assert len(texts) == deck.SLIDE_COUNT
    title, chart, table, assumptions, ranges, verdict, decision, prices = texts
    assert HOSTILE_NAME in title
    assert "Fine-tuning pays for itself on day 100 and saves $18,900 over 2 years." in title
    assert "Break-even: day 100 (3.3 months)" in chart
    assert "Calls per day 10,000" in table
    assert "Saved by fine-tuning over the horizon $18,900" in table
    assert assumptions.count("20% either way moves the savings") == 3
    assert "Chance fine-tuning pays back within 730 days:" in ranges
    assert "P10 / P50 / P90" in ranges
    assert "Verdict: Fine-tune" in verdict or "Verdict: Both" in verdict
    assert "Owner: Dana" in decision
    assert "Rationale: Volume www.example.com" in decision
    assert "Prices used: input $5.00 per 1M tokens" in prices


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


def small_png() -> bytes:
    image = io.BytesIO()
    Image.new("RGB", (160, 80), "white").save(image, format="PNG")
    return image.getvalue()


def test_cli_writes_the_deck(tmp_path, monkeypatch, capsys):
    # The real chart is checked above; here only the command line's part.
    monkeypatch.setattr(deck, "chart_png", lambda result: small_png())
    source = tmp_path / "support.json"
    # As the app's JSON export writes it: the scenario and its decision record.
    source.write_text(
        scenario_file_json(ARTICLE.model_copy(update={"name": "support bot"}), DecisionRecord(owner="Dana"))
    )
    output = tmp_path / "decision.pptx"
    assert deck_command.main([str(source), "-o", str(output)]) == 0
    assert f"wrote {output}" in capsys.readouterr().out
    slides = Presentation(str(output)).slides
    assert len(slides) == deck.SLIDE_COUNT
    assert "support bot" in slides[0].shapes.title.text
    assert "Owner: Dana" in " ".join(slide_texts(slides[6]))


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

    @staticmethod
    def make(scenario, actuals) -> list:
        with pytest.MonkeyPatch.context() as patch:  # the chart is checked above
            patch.setattr(deck, "chart_png", lambda result: small_png())
            data = deck.make_deck(evaluate(scenario), date(2026, 11, 26), actuals=actuals)
        return list(Presentation(io.BytesIO(data)).slides)

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
        slides = self.make(scenario, actuals)
        assert len(slides) == deck.SLIDE_COUNT + 1
        slide = slides[7]  # after the decision record, before the prices
        assert slide.shapes.title.text == "Checked against what happened"
        assert "Prices" in slides[8].shapes.title.text
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
        slides = self.make(ARTICLE, None)
        assert len(slides) == deck.SLIDE_COUNT
        assert not [s for s in slides if "Checked against" in s.shapes.title.text]


def number(text: str) -> float:
    """The number a cell starts with: "4,213.6 calls" is 4213.6, "+9.6% per month" 9.6, "day 239" 239."""
    return float(re.search(r"[-+]?[\d,]+(\.\d+)?", text).group().replace(",", ""))


def test_cli_adds_the_check_from_usage_files(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(deck, "chart_png", lambda result: small_png())
    source = tmp_path / "support.json"
    source.write_text(scenario_file_json(ARTICLE, DecisionRecord(owner="Dana")))
    output = tmp_path / "decision.pptx"
    usage = [str(FIXTURES / "openai_grouped_by_model.json")]
    assert (
        deck_command.main([str(source), "-o", str(output), "--usage", *usage, "--model", "gpt-4o-2024-08-06"])
        == 0
    )
    assert f"bytes, {deck.SLIDE_COUNT + 1} slides)" in capsys.readouterr().out
    slide = Presentation(str(output)).slides[7]
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


def test_a_catalog_record_with_the_same_price_is_never_called_the_source():
    lines = deck.price_source_lines(evaluate(ARTICLE), date(2026, 11, 26))
    first, *matches, last = lines
    assert first.startswith("Prices used: input $5.00 per 1M tokens")
    assert matches, "the article's $5 input price matches catalog records"
    assert all(line.startswith("Same input price as ") for line in matches)
    assert last.startswith("The scenario does not say where its prices came from")
    typed = ARTICLE.model_copy(update={"price_per_million": 4.321})
    assert deck.price_source_lines(evaluate(typed), date.today())[1:] == [
        "The scenario does not say where its prices came from, and no record has them. "
        "Check them before deciding."
    ]


class TestLongTextStaysOnItsSlide:
    @staticmethod
    def make(name: str, rationale: str) -> list:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(deck, "chart_png", lambda result: small_png())
            data = deck.make_deck(
                evaluate(ARTICLE.model_copy(update={"name": name})),
                date(2026, 11, 26),
                DecisionRecord(decision="Fine-tune", rationale=rationale),
            )
        return list(Presentation(io.BytesIO(data)).slides)

    @staticmethod
    def points(slide, text: str) -> float:
        [size] = {
            paragraph.font.size.pt
            for shape in slide.shapes
            if shape.has_text_frame and text in shape.text_frame.text
            for paragraph in shape.text_frame.paragraphs
            if paragraph.text
        }
        return size

    def test_short_text_is_set_large(self):
        slides = self.make("Support bot", "Volume is real.")
        assert self.points(slides[0], "Support bot") == 40
        assert self.points(slides[6], "Rationale") == 20

    def test_a_long_name_and_rationale_are_set_smaller_and_kept_whole(self):
        name = "Customer support assistant for the European market, second pilot, after the pricing review"
        rationale = "We compared the volume with the pilot's logs and the price history. " * 40
        slides = self.make(name, rationale)
        assert self.points(slides[0], name[:20]) <= 28
        assert self.points(slides[6], "Rationale") <= 12
        assert rationale.strip() in " ".join(slide_texts(slides[6]))
