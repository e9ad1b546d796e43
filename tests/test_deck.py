"""The decision deck, read back as a manager's copy of PowerPoint would read it."""

import io
from datetime import date

import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from costmodel import evaluate
from costmodel.decision import DecisionRecord
from costmodel.files import scenario_file_json
from tests.examples import ARTICLE
from ui import deck

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
    assert deck.main([str(source), "-o", str(output)]) == 0
    assert f"wrote {output}" in capsys.readouterr().out
    slides = Presentation(str(output)).slides
    assert len(slides) == deck.SLIDE_COUNT
    assert "support bot" in slides[0].shapes.title.text
    assert "Owner: Dana" in " ".join(slide_texts(slides[6]))


def test_cli_refuses_a_missing_file_in_one_line(tmp_path, capsys):
    assert deck.main([str(tmp_path / "missing.json"), "-o", str(tmp_path / "x.pptx")]) == 2
    error = capsys.readouterr().err
    assert "missing.json: no such file" in error
    assert error.count("\n") == 1


def test_cli_usage_errors_are_one_line(capsys):
    with pytest.raises(SystemExit) as exited:
        deck.main([])
    assert exited.value.code == 2
    error = capsys.readouterr().err
    assert "the following arguments are required" in error
    assert error.count("\n") == 1
