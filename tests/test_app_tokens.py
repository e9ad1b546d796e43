"""The Token counter page on the texts that used to crash it or take minutes."""

import random

import pytest
from streamlit.testing.v1 import AppTest

from costmodel.tokens import count_tokens
from tests.app_helpers import metric, start_app

# A lone surrogate cannot reach the page: Streamlit's messages are UTF-8 (AppTest
# refuses to send one, and a browser sends U+FFFD); count_tokens' own tests cover it.
DNA = "".join(random.Random(7).choice("ACGT") for _ in range(1_000_000))
HARD_TEXTS = {
    "special-token text": "Stop here <|endoftext|> and <|endofprompt|>",
    "a million repeated letters": "a" * 1_000_000,
    "a million letters of DNA": DNA,
    "a million spaces": " " * 1_000_000,
    "mixed scripts and emoji": "Grüße 你好 مرحبا नमस्ते 👩\u200d👩\u200d👧 🇩🇪 e\u0301 " * 1_000,
}


@pytest.fixture(scope="module")
def tokens_page() -> AppTest:
    return start_app("pages/tokens.py")


@pytest.mark.parametrize("text", HARD_TEXTS.values(), ids=HARD_TEXTS.keys())
def test_the_page_counts_hard_texts(tokens_page: AppTest, text: str):
    tokens_page.text_area(key="tokens.text").input(text).run()
    assert not tokens_page.exception
    expected = count_tokens(text)
    assert metric(tokens_page, "o200k_base tokens") == f"{expected['o200k_base']:,}"
    assert metric(tokens_page, "cl100k_base tokens") == f"{expected['cl100k_base']:,}"


@pytest.mark.parametrize("button", ["tokens.use_prompt", "tokens.use_kept"])
def test_using_a_count_drops_the_examples_name(store_path, button: str):
    at = start_app("pages/tokens.py")
    assert at.session_state["scenario"].name is not None  # the article's example, named
    at.text_area(key="tokens.text").input("You are a support assistant. " * 20).run()
    at.button(key=button).click().run()
    assert at.session_state["scenario"].name is None
