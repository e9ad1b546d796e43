"""Present: check the open scenario against newer usage, and the slides that then carry the check."""

import io
import json
from datetime import UTC, date, datetime, timedelta

import pytest
from pptx import Presentation
from streamlit.testing.v1 import AppTest

from costmodel import evaluate
from costmodel.brief import build_brief, check_words
from costmodel.calibrate import check_against_actuals
from render.deck import make_deck
from tests.app_helpers import metric, record_decision, save_as, shown, start_app
from tests.examples import HOSTILE_LINE
from tests.test_app_calibrate import upload
from tests.test_app_user_text import assert_shown_as_text
from tests.test_calibrate import calibrated

PAGE = "pages/present.py"
KEY = "present.check"
OPENAI_PAGES = ("openai_page1.json", "openai_page2.json")


@pytest.fixture
def present_page(store_path) -> AppTest:
    return start_app(PAGE)


def doubling_every_day() -> bytes:
    """An OpenAI usage page of 21 days whose calls double each day: growth past what the model takes."""
    start = datetime(2026, 1, 5, tzinfo=UTC)
    buckets = [
        {
            "object": "bucket",
            "start_time": int((start + timedelta(days=day)).timestamp()),
            "end_time": int((start + timedelta(days=day + 1)).timestamp()),
            "results": [
                {
                    "object": "organization.usage.completions.result",
                    "num_model_requests": 2**day,
                    "input_tokens": 1_000 * 2**day,
                    "input_cached_tokens": 0,
                    "output_tokens": 100 * 2**day,
                    "model": None,
                }
            ],
        }
        for day in range(21)
    ]
    return json.dumps({"object": "page", "data": buckets, "has_more": False, "next_page": None}).encode()


def deck_help(at: AppTest) -> str:
    [button] = [element for element in at.get("download_button") if element.proto.id.endswith("present.deck")]
    return button.proto.help


def test_without_usage_the_section_asks_for_it_and_the_slides_have_no_check(present_page):
    at = present_page
    assert "Check against what happened" in [header.value for header in at.subheader]
    assert not [info for info in at.info if "We decided assuming" in shown(info.value)]
    assert "check against what happened" not in deck_help(at)


def test_upload_shows_each_assumption_beside_what_happened(present_page):
    at = present_page
    upload(at, KEY, *OPENAI_PAGES)
    check = check_against_actuals(at.session_state["scenario"], actuals := calibrated(*OPENAI_PAGES))
    [sentence] = [shown(info.value) for info in at.info if "We decided assuming" in shown(info.value)]
    assert sentence == check.sentence(actuals)
    assert "averaged 150: break-even moves from day 100 to not within 730 days" in sentence
    [table] = [frame.value for frame in at.dataframe if "Assumption" in frame.value.columns]
    assert table["Assumption"].tolist() == [row.assumption.capitalize() for row in check.rows]
    assert table["We assumed"].tolist() == ["10,000 calls", "800 tokens", "0 tokens", "+0.0% per month"]
    assert table["What happened"].tolist()[:3] == ["150 calls", "500 tokens", "50 tokens"]
    assert metric(at, "Break-even as decided") == "Day 100"
    assert metric(at, "Break-even with the actuals") == "Not within 730 days"
    assert any("fewer than the 800 of the prompt alone" in shown(c.value) for c in at.caption)
    assert "the check against what happened" in deck_help(at)


def test_a_saved_decision_is_checked_beside_its_record(store_path):
    at = start_app("pages/scenarios.py")
    save_as(at, "For the board")
    at.switch_page(PAGE).run()
    record_decision(at, owner="Dana")
    upload(at, KEY, *OPENAI_PAGES)
    assert any("Owner: Dana" in shown(m.value) for m in at.markdown)
    assert metric(at, "Break-even with the actuals") == "Not within 730 days"


def test_anthropic_usage_asks_for_the_calls_per_day(present_page):
    at = present_page
    upload(at, KEY, "anthropic_messages.json")
    assert "counts tokens but not requests" in at.info[0].value
    assert "check against what happened" not in deck_help(at)
    at.number_input(key=f"{KEY}.calls_per_day").set_value(10.0).run()
    assert metric(at, "Break-even with the actuals") == "Not within 730 days"


def test_a_hostile_file_is_a_message_that_stays_text(present_page):
    at = present_page
    at.file_uploader(key=f"{KEY}.upload").set_value(
        (HOSTILE_LINE, b"<b>not usage</b> https://evil.example/x\n", "text/csv")
    ).run()
    assert not at.exception
    assert_shown_as_text(at)
    assert "check against what happened" not in deck_help(at)


def test_usage_beyond_the_models_bounds_is_a_message_and_no_check(present_page):
    at = present_page
    at.file_uploader(key=f"{KEY}.upload").set_value(
        ("usage.json", doubling_every_day(), "application/json")
    ).run()
    assert not at.exception
    [error] = [shown(e.value) for e in at.error]
    assert error.startswith("The usage gives values the model does not take:")
    assert "call volume growth (% per month) (calls_growth_percent_per_month) must be 1,000 or less" in error
    assert not [info for info in at.info if "We decided assuming" in shown(info.value)]
    assert "check against what happened" not in deck_help(at)


def test_the_page_words_the_check_as_the_slides_and_the_pdf_do(present_page):
    """A small average keeps its decimal in the sentence as in the table; unfitted growth is words."""
    at = present_page
    upload(at, KEY, "requests.csv")
    check = check_words(evaluate(at.session_state["scenario"]), calibrated("requests.csv"))
    sentence, rows, notes = check.sentence, check.rows, check.notes
    [shown_sentence] = [shown(info.value) for info in at.info if "We decided assuming" in shown(info.value)]
    assert shown_sentence == sentence
    assert "averaged 0.8:" in sentence
    [table] = [frame.value for frame in at.dataframe if "Assumption" in frame.value.columns]
    assert [tuple(table.columns), *table.itertuples(index=False, name=None)] == list(rows[:-1])
    assert table.iloc[0].tolist() == ["Calls per day", "10,000 calls", "0.8 calls"]
    assert table.iloc[-1].tolist() == ["Call volume growth", "+0.0% per month", "not fitted"]
    assert set(notes) <= {shown(caption.value) for caption in at.caption}
    assert [metric(at, "Break-even as decided"), metric(at, "Break-even with the actuals")] == [
        "Day 100",
        "Not within 730 days",
    ]


def test_one_models_check_says_only_its_calls_were_counted(present_page):
    at = present_page
    upload(at, KEY, "openai_grouped_by_model.json")
    at.selectbox(key=f"{KEY}.model").set_value("gpt-4o-mini").run()
    [sentence] = [shown(info.value) for info in at.info if "We decided assuming" in shown(info.value)]
    assert "(only gpt-4o-mini's calls counted)" in sentence
    actuals = calibrated("openai_grouped_by_model.json", model="gpt-4o-mini")
    assert sentence == check_words(evaluate(at.session_state["scenario"]), actuals).sentence
    deck = Presentation(
        io.BytesIO(make_deck(build_brief(at.session_state["scenario"], date.today(), actuals=actuals)))
    )
    assert any(
        "(only gpt-4o-mini's calls counted)" in shape.text_frame.text
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_text_frame
    )


def test_a_file_of_no_known_format_names_the_format_drop_down(present_page):
    at = present_page
    at.file_uploader(key=f"{KEY}.upload").set_value(("notes.csv", b"a,b\n1,2\n", "text/csv")).run()
    [error] = [shown(e.value) for e in at.error]
    assert error.startswith("notes.csv: not a usage file this reads")
    assert error.endswith("; pick it in the Format drop-down")
    assert "--format" not in error
