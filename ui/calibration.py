"""Usage files uploaded and read, the derived inputs shown and used (Calibrate), and a decision
checked against them (Calibrate and Present)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from costmodel import Scenario, describe_errors, evaluate, format_tokens
from costmodel.brief import Check, check_words
from costmodel.calibrate import Calibration, CalibrationError, calibrate, split_input_tokens, use_calibration
from costmodel.usage import (
    FORMAT_DESCRIPTIONS,
    SAMPLE_DAYS,
    BadUsageFileError,
    DailyUsage,
    read_usage,
    sample_requests_csv,
)
from costmodel.warnings import growth_warning
from render.charts import make_daily_calls
from render.text import bullets, markdown_safe
from ui import state
from ui.layout import metric_row
from ui.uncertainty import set_range
from ui.uploads import too_large

# The server takes uploads up to 20 MB (.streamlit/config.toml); this page says so itself.
MAX_UPLOAD_BYTES = 20_000_000
# What "Use these numbers" last did, shown after the rerun it causes.
USED = "calibrate.used"
# The what-if page's boxes take whole calls and tokens.
WHOLE_FIELDS = ("calls_per_day", "prompt_tokens", "input_tokens", "output_tokens")
FORMAT_NAMES = {
    None: "detect from the content",
    "openai": "OpenAI usage API (completions)",
    "anthropic": "Anthropic usage report (messages)",
    "litellm": "LiteLLM spend logs",
    "requests": "per-request CSV, JSON Lines or Parquet",
}


@st.cache_data(max_entries=8, show_spinner="Reading the usage files...")
def _read(files: tuple[tuple[str, bytes], ...], format: Any, model: str | None) -> DailyUsage | str:
    """The files' daily totals, or the one-line reason they cannot be read."""
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for position, (_, content) in enumerate(files):
            path = Path(folder) / f"upload-{position}"  # the user's file name is never a path here
            path.write_bytes(content)
            paths.append(path)
        try:
            return read_usage(paths, [name for name, _ in files], format, model)
        except BadUsageFileError as error:
            return error.worded_for("pick it in the Format drop-down")


def formats_and_sample(key: str) -> None:
    """The formats the page reads, and a sample file to try it with (made here, not fetched)."""
    with st.expander("Formats read here, and a sample file"):
        st.markdown(bullets([f"{FORMAT_NAMES[name]}: {text}" for name, text in FORMAT_DESCRIPTIONS.items()]))
        st.download_button(
            "Download a sample usage file (CSV)",
            sample_requests_csv(),
            "sample-usage.csv",
            "text/csv",
            key=f"{key}.sample",
            on_click="ignore",
            icon=":material/download:",
            help=f"{SAMPLE_DAYS} days of made-up per-request usage (one row per call) in the "
            "per-request CSV format; upload it above to see what the page does.",
        )


def calibration_from_uploads(key: str) -> Calibration | None:
    """Upload, read and calibrate; None (with the reason shown) until there is a calibration."""
    uploads = st.file_uploader(
        "Usage files (several pages of one export combine)",
        accept_multiple_files=True,
        key=f"{key}.upload",
        help="OpenAI usage API pages (completions), an Anthropic usage report (messages), LiteLLM "
        "spend logs (JSON or CSV), or per-request CSV, JSON Lines or Parquet with timestamp, model, "
        "prompt_tokens, completion_tokens and optional cached_tokens. Read on this server only.",
    )
    formats_and_sample(key)
    if not uploads:
        return None
    if too_large(uploads, MAX_UPLOAD_BYTES):
        return None
    files = tuple((upload.name, upload.getvalue()) for upload in uploads)
    format_column, model_column = st.columns(2)
    chosen_format = format_column.selectbox(
        "Format", list(FORMAT_NAMES), format_func=FORMAT_NAMES.__getitem__, key=f"{key}.format"
    )
    everything = _read(files, chosen_format, None)
    if isinstance(everything, str):
        st.error(markdown_safe(everything), icon=":material/error:")
        return None
    model = model_column.selectbox(
        "Model",
        [None, *everything.models],
        format_func=lambda name: "all models" if name is None else name,
        key=f"{key}.model",
        disabled=not everything.models,
        help="Keep one model's traffic." if everything.models else "These files are not grouped by model.",
    )
    usage = everything if model is None else _read(files, chosen_format, model)
    if isinstance(usage, str):
        st.error(markdown_safe(usage), icon=":material/error:")
        return None
    calls_per_day = None
    if usage.calls is None:
        calls_per_day = st.number_input(
            "Calls per day (this report has no request count: give it from another source)",
            min_value=0.0,
            value=None,
            step=100.0,
            key=f"{key}.calls_per_day",
        )
        if not calls_per_day:
            st.info(
                f"{FORMAT_NAMES[usage.format]} counts tokens but not requests: type the calls per day "
                "to get tokens per call.",
                icon=":material/info:",
            )
            return None
    try:
        return calibrate(usage, calls_per_day)
    except CalibrationError as error:
        st.error(markdown_safe(str(error)), icon=":material/error:")
        return None


def show_calibration(calibration: Calibration) -> None:
    """The daily calls with the fitted growth, and the derived inputs with their spread."""
    st.plotly_chart(make_daily_calls(calibration), width="stretch", key="calibrate.daily_calls")
    fitted = metric_row()
    fitted.metric(
        "Calls per day",
        f"{calibration.calls_per_day:,.0f}",
        delta=f"P10 {calibration.calls_per_day_p10:,.0f} – P90 {calibration.calls_per_day_p90:,.0f}",
        delta_color="off",
        delta_arrow="off",
        help="Mean over every day from the first to the last; 10% of days had fewer calls than P10, "
        "10% more than P90.",
    )
    cached = calibration.cached_share
    fitted.metric(
        "Input tokens per call",
        f"{calibration.input_tokens_per_call:,.0f}",
        delta="cached share unknown" if cached is None else f"{cached:.0%} of it cached",
        delta_color="off",
        delta_arrow="off",
        help="All input, cached included: the fixed prompt and the user's content together.",
    )
    fitted.metric("Output tokens per call", f"{calibration.output_tokens_per_call:,.0f}")
    rate = calibration.calls_growth_percent_per_month
    fitted.metric(
        "Call volume growth",
        "not fitted" if rate is None else f"{rate:+.1f}%/month",
        help="Fitted on daily calls with one term per weekday, so a quiet weekend does not read as decline.",
    )
    counted = "" if calibration.model is None else f", only {calibration.model}'s calls counted"
    st.caption(
        markdown_safe(
            f"{calibration.days:,} days, {calibration.first_day} to {calibration.last_day} (UTC){counted}. "
        )
        + "Each weekday's calls against an average day: "
        + ", ".join(
            f"{day[:3]} {'–' if ratio is None else f'{ratio:.2f}'}"
            for day, ratio in calibration.weekday_pattern.items()
        )
        + "."
    )
    for note in calibration.notes:
        st.caption(markdown_safe(note))


def _use_numbers(calibration: Calibration, prompt_share_percent: float, use_growth: bool) -> None:
    current = state.current_scenario()
    try:
        exact = use_calibration(current, calibration, prompt_share_percent / 100, use_growth)
    except ValidationError as error:
        state.say_once(USED, "error", describe_errors(error))
        return
    whole = exact.model_copy(update={field: round(getattr(exact, field)) for field in WHOLE_FIELDS})
    messages = [
        f"Calls per day {whole.calls_per_day:,.0f}, prompt tokens {whole.prompt_tokens:,.0f}, user input "
        f"tokens {whole.input_tokens:,.0f}, output tokens {whole.output_tokens:,.0f}."
    ]
    rounded = [
        f"{field.replace('_', ' ')} {getattr(exact, field):,.2f} to {getattr(whole, field):,.0f}"
        for field in WHOLE_FIELDS
        if getattr(exact, field) != getattr(whole, field)
    ]
    if rounded:
        messages.append(
            "Rounded to whole calls and tokens, as the what-if page takes them: " + "; ".join(rounded)
        )
    kept = f"Growth kept at {current.calls_growth_percent_per_month:g}% a month"
    if calibration.calls_growth_percent_per_month is None:
        messages.append(f"{kept}: too few days to fit it.")
    elif not use_growth:
        messages.append(f"{kept}: the fitted growth was not chosen.")
    else:
        messages.append(f"Call volume growth {whole.calls_growth_percent_per_month:+.2f}% a month.")
    low, high = calibration.calls_per_day_p10, calibration.calls_per_day_p90
    likely = whole.calls_per_day
    if not low <= likely <= high:
        messages.append(
            f"The mean ({likely:,.0f}) lies outside P10..P90 ({low:,.0f}..{high:,.0f}): "
            "the range is widened to hold it."
        )
    set_range(whole, "calls_per_day", min(low, likely), max(high, likely))
    messages.append(
        f"How sure? now draws calls per day from {min(low, likely):,.0f} to {max(high, likely):,.0f} "
        "(the observed P10 to P90)."
    )
    state.change_numbers(whole)
    state.say_once(USED, "success", messages)


def use_numbers_form(calibration: Calibration) -> None:
    """The prompt's share of input tokens, typed, the fitted growth, chosen or not, and the
    button that puts the numbers in the scenario."""
    current = state.current_scenario()
    total = current.prompt_tokens + current.input_tokens
    now = f" The current scenario's is {100 * current.prompt_tokens / total:.1f}%." if total else ""
    # No default: a larger share favours fine-tuning (it removes the fixed prompt from every
    # call), a smaller one favours prompting, so the user says which it is.
    share = st.number_input(
        "Fixed prompt's share of input tokens (%)",
        min_value=0.0,
        max_value=100.0,
        value=None,
        step=5.0,
        key="calibrate.prompt_share",
        placeholder="type it: usage data cannot tell",
        help="Usage data cannot tell instructions from user input. The token counter counts your "
        "system prompt and examples; that count ÷ input tokens per call is the share. A larger share "
        "favours fine-tuning, a smaller one prompting, so there is no default." + now,
    )
    if share is None:
        st.caption(
            "Type the fixed prompt's share of the input tokens to use these numbers: "
            "usage data cannot tell the prompt from the user's input." + now
        )
    else:
        prompt, user = split_input_tokens(calibration.input_tokens_per_call, share / 100)
        st.caption(
            f"Prompt tokens {format_tokens(prompt)} and user input tokens {format_tokens(user)} per call."
        )
    use_growth = False
    if calibration.calls_growth_percent_per_month is not None:
        fitted = current.model_copy(
            update={
                "calls_per_day": calibration.calls_per_day,
                "calls_growth_percent_per_month": calibration.calls_growth_percent_per_month,
            }
        )
        use_growth = st.checkbox(
            f"Use the fitted growth ({calibration.calls_growth_percent_per_month:+.1f}% a month)",
            key="calibrate.use_growth",
            help=f"{calibration.days:,} days of usage fitted it. Off, the scenario keeps its own growth "
            f"({current.calls_growth_percent_per_month:g}% a month).",
        )
        growth = growth_warning(fitted)
        if growth is not None:
            (st.warning if growth.level == "warning" else st.caption)(markdown_safe(growth.message))
    st.button(
        "Use these numbers",
        type="primary",
        key="calibrate.use",
        on_click=_use_numbers,
        args=(calibration, share, use_growth),
        disabled=share is None,
        help="Sets calls per day, prompt, input and output tokens (and the growth, when chosen) in the "
        "scenario, and the Monte Carlo range of calls per day from the observed spread.",
    )
    outcome = state.said(USED)
    if outcome is not None:
        kind, lines = outcome
        if kind == "error":
            st.error("These numbers cannot be used:\n" + bullets(lines))
        else:
            st.success("The scenario now uses the usage data:\n" + bullets(lines), icon=":material/check:")
            st.page_link("pages/what_if.py", label="See it on the what-if page", icon=":material/show_chart:")


def scenario_line(scenario: Scenario) -> str:
    """The assumptions a check compares, in words."""
    return (
        f"{scenario.calls_per_day:,.0f} calls per day, {format_tokens(scenario.prompt_tokens)} prompt + "
        f"{format_tokens(scenario.input_tokens)} user input tokens and "
        f"{format_tokens(scenario.output_tokens)} output tokens per call, growth "
        f"{scenario.calls_growth_percent_per_month:g}% a month"
    )


def check_from_uploads(scenario: Scenario, key: str) -> Calibration | None:
    """Upload newer usage and see each assumption beside what happened and break-even recomputed
    with the actuals. Returns the usage's calibration once the check is shown (the deck's slide)."""
    actuals = calibration_from_uploads(key)
    if actuals is None:
        return None
    try:
        # The slide's and the one-page PDF's words, so the page says what they say.
        check = check_words(evaluate(scenario), actuals)
    except ValidationError as error:
        show_check_refused(error)
        return None
    show_check(check, key)
    return actuals


def show_check_refused(error: ValidationError) -> None:
    st.error(
        "The usage gives values the model does not take:\n" + bullets(describe_errors(error)),
        icon=":material/error:",
    )


def show_check(check: Check, key: str) -> None:
    """The check as the slides and the PDF give it: the sentence, each assumption, break-even."""
    st.info(markdown_safe(check.sentence), icon=":material/fact_check:")
    header, *assumptions, (_, assumed, actual) = check.rows
    st.dataframe(pd.DataFrame(assumptions, columns=header), hide_index=True, key=f"{key}.table")
    assumed_column, actual_column = st.columns(2)
    for column, label, words in (
        (assumed_column, "Break-even as decided", assumed),
        (actual_column, "Break-even with the actuals", actual),
    ):
        column.metric(label, words[0].upper() + words[1:])
    for note in check.notes:
        st.caption(markdown_safe(note))
