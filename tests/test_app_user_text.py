"""User text is text: whatever a link, a saved scenario, a decision record, a LiteLLM file or
a file name carries reads as written and never becomes a link, heading, image or HTML.

AppTest sees the markdown each element is given, not what the browser makes of it, so
these tests read that markdown the way Streamlit's renderer does where it matters:
GitHub's autolink literals find URLs, "www." addresses and e-mail addresses even in
escaped text. tests/browser/test_user_text_browser.py checks the drawn page.
"""

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from costmodel.sharing import scenario_to_query
from tests.app_helpers import record_decision, save_as, shown, start_app
from tests.examples import ARTICLE, HOSTILE_BLOCK, HOSTILE_LINE, HOSTILE_PRICES, PIECES

# remark-gfm's autolink literals (mdast-util-gfm-autolink-literal), run on text after
# markdown has removed its backslash escapes: a match is a live link in the browser.
AUTOLINK = re.compile(r"https?://[-.\w]|www\.[-\w]|[-.\w+]+@[-\w]+\.[-\w]", re.IGNORECASE)
# Markup from the hostile text that reached markdown unescaped.
RAW_MARKUP = re.compile(r"(?<!\\)<b>|(?<!\\)!\[img|^\s*#+\s*heading|^\s*=+\s*$", re.MULTILINE)


def unescaped(markdown: str) -> str:
    """The text markdown's autolinker sees: escapes removed, invisible joiners kept."""
    return re.sub(r"\\(.)", r"\1", markdown)


def markdown_with(at: AppTest, marker: str) -> list[str]:
    """Every markdown text on the page (messages, captions, titles, metrics) holding `marker`."""
    elements = (
        *at.markdown,
        *at.caption,
        *at.title,
        *at.header,
        *at.subheader,
        *at.info,
        *at.warning,
        *at.error,
        *at.success,
    )
    texts = [element.value for element in elements] + [m.value for m in at.metric]
    return [text for text in texts if marker in shown(text)]


def assert_shown_as_text(at: AppTest, marker: str = "evil.example") -> None:
    found = markdown_with(at, marker)
    assert found, f"no element shows {marker!r}"
    for text in found:
        assert not AUTOLINK.search(unescaped(text)), text
        assert not RAW_MARKUP.search(text), text
    # ... and it reads as written.
    assert any(all(piece in shown(text) for piece in PIECES) for text in found), found


def link_to(**fields: object) -> dict[str, str]:
    return scenario_to_query(ARTICLE.model_validate(ARTICLE.model_dump() | fields))


def test_share_link_name_in_the_present_title_is_text(store_path):
    at = start_app("pages/present.py", query=link_to(name=HOSTILE_LINE))
    assert_shown_as_text(at)
    assert shown(at.title[0].value) == HOSTILE_LINE


def test_event_note_from_a_share_link_is_text(store_path):
    event = {"kind": "prompt_price_change", "day": 90, "price_factor": 0.5, "note": HOSTILE_BLOCK}
    at = start_app(query=link_to(events=[event]))
    assert_shown_as_text(at)


def test_a_link_value_echoed_in_the_link_warning_is_text(store_path):
    at = start_app(query={"calls_per_day": "www.evil.example"})
    [found] = markdown_with(at, "www.evil.example")
    assert not AUTOLINK.search(unescaped(found)), found


def test_saved_name_and_the_name_taken_message_are_text(store_path):
    at = start_app("pages/scenarios.py")
    save_as(at, HOSTILE_LINE)
    assert_shown_as_text(at)  # "Open now: saved scenario ..."
    save_as(at, HOSTILE_LINE)
    assert at.error, "saving a taken name again is refused with a message"
    assert_shown_as_text(at)


def test_decision_record_owner_is_text(store_path):
    at = start_app("pages/scenarios.py")
    save_as(at, "For the board")
    at.switch_page("pages/present.py").run()
    record_decision(at, owner=HOSTILE_LINE, rationale=HOSTILE_BLOCK)
    assert not at.exception
    assert_shown_as_text(at)


@pytest.mark.parametrize(
    ("page", "key"), [("pages/scenarios.py", "saved.upload"), ("pages/prices.py", "prices.upload")]
)
def test_uploaded_file_names_are_text(store_path, page, key):
    at = start_app(page)
    at.file_uploader(key=key).set_value((f"{HOSTILE_BLOCK}.json", b"[[", "application/json")).run()
    assert_shown_as_text(at)


def test_litellm_entry_names_are_text_on_the_prices_and_what_if_pages(store_path):
    at = start_app("pages/prices.py")
    at.file_uploader(key="prices.upload").set_value(
        ("prices.json", json.dumps(HOSTILE_PRICES).encode(), "application/json")
    ).run()
    assert_shown_as_text(at, "refused")  # the refused entry, named
    [key] = [option for option in at.selectbox(key="prices.choice").options if "evil" in option]
    at.selectbox(key="prices.choice").set_value(key).run()
    assert_shown_as_text(at, "(Plan")  # the prices sent, each with its model's name
    at.button(key="prices.send").click().run()
    assert_shown_as_text(at, "Prices from the catalog")
