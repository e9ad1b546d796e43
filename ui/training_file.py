"""A training file (and a validation file) uploaded, read, and its report drawn.

The training-cost builder (ui/one_off.py) and the decision guide's step 4 (ui/guide.py)
share these parts. Every file read is kept in the session (`state.TRAINING_DATA`), so
the guide answers from a file read in the builder and the decision record names it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import streamlit as st

from costmodel.explain import format_money
from costmodel.training_file import (
    ESTIMATE_DIFFERS,
    BadTrainingFileError,
    TrainingDataFigures,
    TrainingFileRead,
    bill_sentence,
    describe_file,
    read_training_file,
)
from render.text import bullets, markdown_safe
from ui import state
from ui.layout import metric_row

# The server takes uploads up to 20 MB (.streamlit/config.toml); larger files go to the
# command line (python -m costmodel training-file), which reads up to 512 MB.
MAX_UPLOAD_BYTES = 20_000_000
FILE_TYPES = ["jsonl", "json", "txt"]


@dataclass(frozen=True)
class UploadedFiles:
    training: TrainingFileRead
    validation: TrainingFileRead | None


@st.cache_data(max_entries=4, show_spinner="Reading the file...")
def _read(content: bytes, name: str, encoding: str) -> TrainingFileRead:
    # Kept between reruns: a 20 MB file takes seconds to count, and every widget reruns the page.
    return read_training_file(io.BytesIO(content), name, encoding)


def _read_upload(label: str, key: str, encoding: str, help: str) -> TrainingFileRead | None:
    upload = st.file_uploader(label, type=FILE_TYPES, key=key, help=help)
    if upload is None:
        return None
    if upload.size > MAX_UPLOAD_BYTES:
        st.error(
            markdown_safe(
                f"{upload.name} is {upload.size:,} bytes; the page reads up to {MAX_UPLOAD_BYTES:,}. "
                "Larger files: python -m costmodel training-file FILE."
            )
        )
        return None
    try:
        return _read(upload.getvalue(), upload.name, encoding)
    except BadTrainingFileError as error:
        st.error(markdown_safe(str(error)))
        return None


def uploaded_files(key: str, encoding: str) -> UploadedFiles | None:
    """The training file and the optional validation file uploaded here, read; None without one."""
    left, right = st.columns(2)
    with left:
        training = _read_upload(
            "Training file (JSON Lines)",
            f"{key}.training_file",
            encoding,
            'OpenAI\'s chat format, one example a line ({"messages": [...]}), or the older '
            '{"prompt", "completion"} lines. Nothing leaves this machine.',
        )
    with right:
        validation = _read_upload(
            "Validation file (optional)",
            f"{key}.validation_file",
            encoding,
            "Examples held out for evaluation, read the same way.",
        )
    return None if training is None else UploadedFiles(training, validation)


def keep(figures: TrainingDataFigures) -> None:
    """The file's figures, for the guide's step 4 and the decision record."""
    st.session_state[state.TRAINING_DATA] = figures


def show_report(figures: TrainingDataFigures) -> None:
    """The file's examples, errors, duplicates, tokens and bill, with the validation file beside."""
    training = figures.training
    row = metric_row()
    row.metric("Examples", f"{training.examples:,}")
    row.metric("Valid examples", f"{training.valid_examples:,}")
    row.metric("Exact duplicates", f"{training.duplicate_examples:,}")
    if training.tokens_per_example_min is not None:
        row.metric(
            "Tokens per example",
            f"{training.tokens_per_example_median:,g}",
            delta=f"{training.tokens_per_example_min:,} to {training.tokens_per_example_max:,}",
            delta_color="off",
            delta_arrow="off",
            help="The median, and the least to the most, counted as OpenAI's cookbook counts them.",
        )
    if figures.examples_over_limit is not None:
        row.metric(
            "Over the limit",
            f"{figures.examples_over_limit:,}",
            help=f"Examples over {figures.example_token_limit:,} tokens: cut there, and billed at the limit.",
        )
    row.metric("Billed training tokens", f"{figures.billed_tokens:,}")
    row.metric(
        "Training bill", "unknown" if figures.training_cost is None else format_money(figures.training_cost)
    )
    if figures.validation is not None:
        row.metric(
            "Validation examples",
            f"{figures.validation.valid_examples:,}",
            delta=f"of {figures.validation.examples:,} lines",
            delta_color="off",
            delta_arrow="off",
        )
    st.caption(markdown_safe(bill_sentence(figures)))
    problems = describe_file(training)[1:]
    if training.mixes_formats:
        problems.append(
            f"{training.chat_examples:,} chat and {training.prompt_completion_examples:,} prompt/completion "
            "lines: OpenAI takes one format per file"
        )
    if figures.validation is not None:
        problems += [f"Validation file: {line}" for line in describe_file(figures.validation)[1:]]
        if figures.validation_also_in_training:
            problems.append(
                f"{figures.validation_also_in_training:,} validation examples are also in the training file: "
                "they tell nothing about examples the model has not seen"
            )
    if problems:
        st.warning(bullets([f"{training.file_name}:", *problems]))
    with st.expander("Where this estimate can differ from the bill"):
        st.markdown(bullets(list(ESTIMATE_DIFFERS)))
