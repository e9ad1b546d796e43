"""Token counter: paste a prompt, count its tokens offline, use the count on the what-if page."""

import streamlit as st

from costmodel.tokens import ENCODING_WORDS, ENCODINGS, count_tokens
from ui import state
from ui.page import start_page

MAX_CHARACTERS = 1_000_000


@st.cache_data(max_entries=16, show_spinner="Counting...")
def counts_for(text: str) -> dict[str, int]:
    return count_tokens(text)


def use_count(field: str, count: int) -> None:
    state.change_numbers(state.current_scenario().model_copy(update={field: count}))
    st.toast(f"Set to {count:,} tokens on the what-if page.", icon=":material/check:")


start_page()
st.title("Token counter")
st.write(
    "Paste a prompt (system prompt, examples, fixed context). Counting happens on this "
    "server with the encodings OpenAI's models use; nothing is sent anywhere."
)
text = st.text_area(
    "Prompt",
    height=260,
    max_chars=MAX_CHARACTERS,
    key="tokens.text",
    placeholder="You are a support assistant for ...",
)
counts = counts_for(text)
columns = st.columns(len(ENCODINGS))
for column, (encoding, models) in zip(columns, ENCODINGS.items(), strict=True):
    column.metric(f"{encoding} tokens", f"{counts[encoding]:,}", help=f"Used by {models}. {ENCODING_WORDS}")
st.caption(f"{len(text):,} characters. {ENCODING_WORDS}")

count = counts["o200k_base"]
left, right = st.columns(2)
left.button(
    "Use as prompt tokens per call",
    key="tokens.use_prompt",
    disabled=not text,
    on_click=use_count,
    args=("prompt_tokens", count),
    type="primary",
)
right.button(
    "Use as the prompt kept after fine-tuning",
    key="tokens.use_kept",
    disabled=not text,
    on_click=use_count,
    args=("finetuned_prompt_tokens", count),
)
