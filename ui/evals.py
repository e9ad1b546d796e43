"""Eval results uploaded and read, each path's quality side by side, and *Use these numbers* (Evals)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from costmodel import describe_errors
from costmodel.evals import BadEvalFileError, VariantResult, read_evals, use_evals
from costmodel.explain import format_small_money
from costmodel.latency import format_ms
from render.text import bullets, markdown_safe
from ui import state
from ui.calibration import MAX_UPLOAD_BYTES
from ui.uncertainty import set_ranges
from ui.uploads import too_large

# What "Use these numbers" last did, shown after the rerun it causes.
USED = "evals.used"
PATHS = ("Prompt path", "Fine-tuned path")


@st.cache_data(max_entries=8, show_spinner="Reading the eval results...")
def _read(files: tuple[tuple[str, bytes], ...]) -> list[VariantResult] | str:
    """The variants the files hold, or the one-line reason they cannot be read."""
    try:
        return read_evals(files)
    except BadEvalFileError as error:
        return str(error)


def evals_from_uploads(key: str) -> list[VariantResult] | None:
    """Upload and read; None (with the reason shown) until there are variants."""
    uploads = st.file_uploader(
        "Eval results (several runs combine)",
        type=["json", "csv"],
        accept_multiple_files=True,
        key=f"{key}.upload",
        help="promptfoo's `promptfoo eval -o results.json` (version 3) or `-o results.csv`, or a CSV with "
        "variant, case, passed and optional prompt_tokens, completion_tokens, latency_ms, cost. "
        "Read on this server only.",
    )
    if not uploads:
        return None
    if too_large(uploads, MAX_UPLOAD_BYTES):
        return None
    results = _read(tuple((upload.name, upload.getvalue()) for upload in uploads))
    if isinstance(results, str):
        st.error(markdown_safe(results), icon=":material/error:")
        return None
    return results


def choose_paths(results: list[VariantResult], key: str) -> tuple[VariantResult, VariantResult] | None:
    """Which variant is which path; None (with the reason shown) until two different ones are chosen."""
    if len(results) < 2:
        st.info(
            markdown_safe(
                f"The files hold one variant ({results[0].name}): upload the other path's run too, "
                "or a run with both."
            ),
            icon=":material/info:",
        )
        return None
    names = [result.name for result in results]
    prompt_column, finetuned_column = st.columns(2)
    prompt = prompt_column.selectbox("Prompt path is", names, index=0, key=f"{key}.prompt")
    finetuned = finetuned_column.selectbox("Fine-tuned path is", names, index=1, key=f"{key}.finetuned")
    if prompt == finetuned:
        st.warning("Choose a different variant for each path.", icon=":material/warning:")
        return None
    return results[names.index(prompt)], results[names.index(finetuned)]


def _percent_with_interval(rate: float | None, interval: tuple[float, float] | None) -> str:
    if rate is None or interval is None:
        return "no graded case"
    return f"{rate:.1f}% ({interval[0]:.1f}–{interval[1]:.1f})"


def _pass_rate(variant: VariantResult) -> str:
    error, interval = variant.error_rate_percent, variant.error_rate_interval_percent
    if error is None or interval is None:
        return "no graded case"
    return _percent_with_interval(100 - error, (100 - interval[1], 100 - interval[0]))


def _tokens(value: float | None) -> str:
    return "not in the file" if value is None else f"{value:,.0f}"


def _money(value: float | None) -> str:
    return (
        "not in the file"
        if value is None
        else format_small_money(value, state.current_scenario().display_currency)
    )


def side_by_side(prompt: VariantResult, finetuned: VariantResult) -> pd.DataFrame:
    """One row per figure, one column per path (variant names stay plain text in a table)."""
    rows: dict[str, Callable[[VariantResult], str]] = {
        "Pass rate (95% interval)": _pass_rate,
        "Error rate (95% interval)": lambda v: _percent_with_interval(
            v.error_rate_percent, v.error_rate_interval_percent
        ),
        "Cases: passed / failed / errored": lambda v: f"{v.passed:,} / {v.failed:,} / {v.errors:,}",
        "Input tokens per call": lambda v: _tokens(v.prompt_tokens_per_call),
        "Output tokens per call": lambda v: _tokens(v.completion_tokens_per_call),
        "Latency p50 / p95": lambda v: (
            "not in the file"
            if v.latency_ms_p50 is None or v.latency_ms_p95 is None
            else f"{format_ms(v.latency_ms_p50)} / {format_ms(v.latency_ms_p95)}"
        ),
        "Cost per call": lambda v: _money(v.cost_per_call),
        "Cost per correct answer": lambda v: _money(v.cost_per_correct_answer),
    }
    return pd.DataFrame(
        {
            "": list(rows),
            f"{PATHS[0]}: {prompt.name}": [describe(prompt) for describe in rows.values()],
            f"{PATHS[1]}: {finetuned.name}": [describe(finetuned) for describe in rows.values()],
        }
    )


def _use_numbers(prompt: VariantResult, finetuned: VariantResult) -> None:
    try:
        scenario, notes = use_evals(state.current_scenario(), prompt, finetuned)
    except ValidationError as error:
        st.session_state[USED] = ("error", describe_errors(error))
        return
    except ValueError as error:
        st.session_state[USED] = ("error", [str(error)])
        return
    ranges = {
        field: interval
        for field, variant in (("prompt_error_percent", prompt), ("finetune_error_percent", finetuned))
        if (interval := variant.error_rate_interval_percent) is not None
    }
    set_ranges(scenario, ranges)
    notes.append(
        "How sure? now draws each path's error rate from its 95% interval: "
        + "; ".join(f"{low:.1f}% to {high:.1f}%" for low, high in ranges.values())
        + "."
    )
    if scenario.cost_per_error == 0:
        notes.append(
            "The cost of fixing one error is 0, so the error rates change no cost yet: set it under "
            "More inputs → Quality on the what-if page."
        )
    state.replace_scenario(scenario)
    st.session_state[USED] = ("success", notes)


def use_numbers_button(prompt: VariantResult, finetuned: VariantResult) -> None:
    """The button that puts the eval's numbers in the scenario, and what it did."""
    st.button(
        "Use these numbers",
        type="primary",
        key="evals.use",
        on_click=_use_numbers,
        args=(prompt, finetuned),
        help="Sets each path's error rate, and tokens per call and latency where the eval has them, in the "
        "scenario, and the How sure? ranges of the error rates from their 95% intervals.",
    )
    outcome = st.session_state.pop(USED, None)
    if outcome is not None:
        kind, lines = outcome
        if kind == "error":
            st.error("These numbers cannot be used:\n" + bullets(lines))
        else:
            st.success("The scenario now uses the eval:\n" + bullets(lines), icon=":material/check:")
            st.page_link("pages/what_if.py", label="See it on the what-if page", icon=":material/show_chart:")
