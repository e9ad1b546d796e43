"""Evals: each path's quality from real eval runs, side by side, and into the scenario."""

import streamlit as st

from costmodel.evals import tell_apart_words
from render.text import markdown_safe
from ui.evals import choose_paths, evals_from_uploads, side_by_side, use_numbers_button
from ui.page import start_page

start_page()
st.title("Quality from eval runs")
st.write(
    "Run the prompt and the fine-tuned model on the same test cases, then upload the results: each "
    "path's pass rate with its 95% interval, tokens, latency and cost per correct answer. Calls that "
    "errored are counted apart and left out of the rates. Files are read on this server only."
)
results = evals_from_uploads("evals")
if results is None:
    st.stop()
paths = choose_paths(results, "evals")
if paths is None:
    st.stop()
prompt, finetuned = paths
st.table(side_by_side(prompt, finetuned), hide_index=True)
st.caption(markdown_safe(tell_apart_words(prompt, finetuned)))
use_numbers_button(prompt, finetuned)
