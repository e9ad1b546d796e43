"""A fine-tuning training file read and checked, and what training on it bills (SPEC §5).

The file is JSON Lines in OpenAI's chat format (Together and Fireworks take the same),
one example a line::

    {"messages": [{"role": "system" | "developer" | "user" | "assistant" | "tool",
                   "content": "...", "name"?: "...", "weight"?: 0 | 1, ...}, ...],
     "tools"?: [...], "parallel_tool_calls"?: bool}

or the older ``{"prompt": "...", "completion": "..."}`` lines. Each line is checked on its
own; a line with format errors is counted under each kind it shows (once per kind) and
left out of the bill. Tokens are counted as OpenAI's cookbook notebook *Chat fine-tuning
data prep* (openai/openai-cookbook, examples/Chat_finetuning_data_prep.ipynb) counts
them: per message 3 tokens plus the tokens of every value, plus 1 where a name is given,
then 3 for the reply. Where the notebook has no rule this module adds one, and says so
in `ESTIMATE_DIFFERS`: a weight is not text and counts nothing; tool calls and tool
definitions count as their compact JSON text; a prompt/completion line counts the
tokens of both texts.

Bounded like every reader (costmodel/bounded.py): at most `MAX_TRAINING_FILE_BYTES`,
read line by line (a line over `MAX_LINE_BYTES` is an error of its own, skipped without
being held), each line's JSON at most 32 deep; time is linear in the size, because
costmodel.tokens counts any text in linear time. What is kept per valid example is a
token count and a 16-byte digest for finding duplicates, so memory grows with the
number of examples, never with their length.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from costmodel.bounded import UnreadableInputError, load_json, one_line
from costmodel.explain import format_money, format_price
from costmodel.model import TOKENS_PER_MILLION
from costmodel.tokens import count_text_tokens
from costmodel.training import EXAMPLE_TOKEN_LIMITS, TrainingCostParts, default_epochs

# OpenAI takes training files up to 512 MB (Files API, purpose "fine-tune").
MAX_TRAINING_FILE_BYTES = 512_000_000
# One example of 4 MB holds about a million tokens, far past any model's limit per example.
MAX_LINE_BYTES = 4_000_000
# How many line numbers are kept for each kind of format error (the page names them).
LINES_NAMED = 5

# Every kind of format error, in the order they are reported, and what it means.
FORMAT_ERRORS = {
    "not_json": "not JSON (or not UTF-8, or nested over 32 deep)",
    "line_too_long": f"longer than {MAX_LINE_BYTES:,} bytes (not read)",
    "no_messages": "with no list of message objects (and no prompt/completion pair)",
    "unknown_role": "with a role other than system, developer, user, assistant, tool or function",
    "content_not_text": "with a content (or name, prompt, completion) missing or not a string",
    "no_assistant_message": "with no assistant message",
    "unknown_keys": "with keys the format does not have",
    "bad_weight": "with a weight other than 0 or 1",
}
ROLES = frozenset({"system", "developer", "user", "assistant", "tool", "function"})
EXAMPLE_KEYS = frozenset({"messages", "tools", "functions", "parallel_tool_calls"})
MESSAGE_KEYS = frozenset({"role", "content", "name", "weight", "tool_calls", "tool_call_id", "function_call"})
LEGACY_KEYS = frozenset({"prompt", "completion"})
# The cookbook's count: per message, per name and for the reply that follows.
TOKENS_PER_MESSAGE, TOKENS_PER_NAME, TOKENS_PER_REPLY = 3, 1, 3

# Where this estimate can differ from a real bill, and why.
ESTIMATE_DIFFERS = (
    "OpenAI counts tokens with the chat format's own special tokens; the 3 per message and "
    "3 per reply are the cookbook's approximation of them, not OpenAI's billing code.",
    "Tool definitions and tool calls count here as their compact JSON text; OpenAI renders "
    "them into the prompt in a format of its own, so their count can differ either way.",
    "Images in messages are billed by size and detail; content that is not text is a format "
    "error here and not counted.",
    "Examples over the model's limit per example are counted at the limit, as OpenAI cuts "
    "them; for models with no limit recorded nothing is cut.",
    "OpenAI picks the epochs from the examples it trains on; a file it refuses in part, or a "
    "job given other hyperparameters, trains for other epochs.",
    "Open models (Together, Fireworks) count with their own tokenizers: o200k_base is an "
    "approximation for them.",
)


def encoding_for(model: str | None) -> str:
    """The tiktoken encoding a model counts with: o200k_base for the gpt-4o and gpt-4.1
    families (and any model not named or not OpenAI's), cl100k_base for gpt-3.5 and gpt-4.

    >>> [encoding_for(m) for m in ("gpt-4o-mini", "gpt-4.1-nano", "gpt-3.5-turbo", "gpt-4-0613", None)]
    ['o200k_base', 'o200k_base', 'cl100k_base', 'cl100k_base', 'o200k_base']
    """
    if model is None:
        return "o200k_base"
    name = model.lower()
    if name.startswith(("gpt-4o", "gpt-4.1", "gpt-4.5", "gpt-5", "o1", "o3", "o4")):
        return "o200k_base"
    if name.startswith(("gpt-3.5", "gpt-35", "gpt-4", "babbage-002", "davinci-002")):
        return "cl100k_base"
    return "o200k_base"


def example_token_limit(model: str | None) -> int | None:
    """Tokens of one example the model trains on (and bills), where recorded."""
    return None if model is None else EXAMPLE_TOKEN_LIMITS.get(model)


@dataclass
class _Tally:
    examples: int = 0
    chat_examples: int = 0
    prompt_completion_examples: int = 0
    errors: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FORMAT_ERRORS, 0))
    error_lines: dict[str, list[int]] = field(default_factory=lambda: {kind: [] for kind in FORMAT_ERRORS})
    tokens: list[int] = field(default_factory=list)
    digests: bytearray = field(default_factory=bytearray)
    parsed_any: bool = False

    def error(self, kinds: set[str], line_number: int) -> None:
        for kind in kinds:
            self.errors[kind] += 1
            if len(self.error_lines[kind]) < LINES_NAMED:
                self.error_lines[kind].append(line_number)


@dataclass(frozen=True)
class TrainingFileRead:
    """What one file holds: its examples, their format errors and the tokens of the valid ones."""

    name: str
    encoding: str
    examples: int
    chat_examples: int
    prompt_completion_examples: int
    format_errors: dict[str, int]  # every kind of FORMAT_ERRORS, in order
    error_lines: dict[str, tuple[int, ...]]  # the first line numbers of each kind found
    tokens: np.ndarray  # per valid example, in file order
    digests: np.ndarray  # (valid examples, 2) uint64: each example's digest, to find duplicates

    @property
    def valid_examples(self) -> int:
        return len(self.tokens)

    @property
    def duplicate_examples(self) -> int:
        """Valid examples that repeat an earlier one exactly (the same JSON, keys in any order)."""
        return self.valid_examples - self.distinct_examples

    @property
    def distinct_examples(self) -> int:
        return 0 if self.valid_examples == 0 else len(np.unique(self.digests, axis=0))

    def shared_with(self, other: TrainingFileRead) -> int:
        """Valid examples of this file that are also in `other` (a validation file's overlap)."""
        if self.valid_examples == 0 or other.valid_examples == 0:
            return 0
        mine = {row.tobytes() for row in np.unique(self.digests, axis=0)}
        theirs = {row.tobytes() for row in np.unique(other.digests, axis=0)}
        return len(mine & theirs)


class BadTrainingFileError(ValueError):
    """A file that cannot be read as a training file at all; the message is one line naming it."""


def _text_tokens(value: Any, encoding: str) -> int:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return count_text_tokens(text, encoding)


def _is_weight(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value in (0, 1)


def check_chat(example: dict[str, Any], encoding: str) -> tuple[set[str], int]:
    """The format errors of one chat example, and its tokens as the cookbook counts them."""
    errors: set[str] = set()
    if set(example) - EXAMPLE_KEYS:
        errors.add("unknown_keys")
    messages = example["messages"]
    if not isinstance(messages, list) or not messages or not all(isinstance(m, dict) for m in messages):
        return errors | {"no_messages"}, 0
    tokens = TOKENS_PER_REPLY
    for message in messages:
        role = message.get("role")
        if not isinstance(role, str) or role not in ROLES:
            errors.add("unknown_role")
        if set(message) - MESSAGE_KEYS:
            errors.add("unknown_keys")
        calls_a_tool = role == "assistant" and bool(message.get("tool_calls") or message.get("function_call"))
        content = message.get("content")
        if not (isinstance(content, str) and content) and not (calls_a_tool and content is None):
            errors.add("content_not_text")
        if "name" in message and not isinstance(message["name"], str):
            errors.add("content_not_text")
        if "weight" in message and not _is_weight(message["weight"]):
            errors.add("bad_weight")
        if errors:
            continue  # an invalid example is not billed: no need to count it
        tokens += TOKENS_PER_MESSAGE
        for key, value in message.items():
            if key == "weight" or value is None:
                continue  # a training switch, not text the model reads
            tokens += _text_tokens(value, encoding)
            if key == "name":
                tokens += TOKENS_PER_NAME
    if not any(message.get("role") == "assistant" for message in messages):
        errors.add("no_assistant_message")
    for key in ("tools", "functions"):
        if key in example and not errors:
            tokens += _text_tokens(example[key], encoding)
    return errors, tokens


def check_prompt_completion(example: dict[str, Any], encoding: str) -> tuple[set[str], int]:
    """The format errors of one prompt/completion line, and the tokens of its two texts."""
    errors: set[str] = set()
    if set(example) - LEGACY_KEYS:
        errors.add("unknown_keys")
    texts = [example.get(key) for key in ("prompt", "completion")]
    if not all(isinstance(text, str) for text in texts):
        errors.add("content_not_text")
    if errors:
        return errors, 0
    return errors, sum(count_text_tokens(text, encoding) for text in texts if isinstance(text, str))


def _lines(stream: BinaryIO, label: str, max_bytes: int) -> Iterator[bytes | None]:
    """Each line's bytes, or None for a line over MAX_LINE_BYTES (read past, never held whole).

    Raises BadTrainingFileError once more than `max_bytes` are read (so /dev/zero ends).
    """
    size = 0

    def read(limit: int) -> bytes:
        nonlocal size
        part = stream.readline(limit)
        size += len(part)
        if size > max_bytes:
            raise BadTrainingFileError(
                f"{label}: larger than the {max_bytes:,} bytes a training file may hold"
            )
        return part

    while line := read(MAX_LINE_BYTES + 1):
        if len(line) <= MAX_LINE_BYTES or line.endswith(b"\n"):
            yield line
            continue
        while line and not line.endswith(b"\n"):
            line = read(MAX_LINE_BYTES)
        yield None


def read_training_file(
    stream: BinaryIO, name: str, encoding: str = "o200k_base", max_bytes: int = MAX_TRAINING_FILE_BYTES
) -> TrainingFileRead:
    """Every line of a training file checked, and the valid examples' tokens counted.

    Raises BadTrainingFileError when the file is larger than `max_bytes`, holds no
    example, or no line of it is JSON (not a JSON Lines file at all). Format errors are
    not raised: they are the report.

    >>> import io
    >>> read = read_training_file(io.BytesIO(
    ...     b'{"messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello"}]}\\n'
    ...     b'{"messages": [{"role": "robot", "content": "Hi"}]}\\n'), "train.jsonl")
    >>> read.examples, read.valid_examples, read.tokens.tolist(), read.format_errors["unknown_role"]
    (2, 1, [13], 1)
    """
    label = one_line(name)
    tally = _Tally()
    for line_number, line in enumerate(_lines(stream, label, max_bytes), start=1):
        if line is not None and not line.strip():
            continue
        tally.examples += 1
        if line is None:
            tally.error({"line_too_long"}, line_number)
            continue
        try:
            example = load_json(line)
        except UnreadableInputError:
            tally.error({"not_json"}, line_number)
            continue
        tally.parsed_any = True
        if isinstance(example, dict) and "messages" in example:
            tally.chat_examples += 1
            errors, tokens = check_chat(example, encoding)
        elif isinstance(example, dict) and LEGACY_KEYS & set(example):
            tally.prompt_completion_examples += 1
            errors, tokens = check_prompt_completion(example, encoding)
        else:
            errors, tokens = {"no_messages"}, 0
        if errors:
            tally.error(errors, line_number)
            continue
        tally.tokens.append(tokens)
        canonical = json.dumps(example, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        tally.digests += hashlib.blake2b(canonical.encode("utf-8", "surrogatepass"), digest_size=16).digest()
    if tally.examples == 0:
        raise BadTrainingFileError(f"{label}: holds no examples (every line is blank)")
    if not tally.parsed_any and tally.errors["not_json"]:
        raise BadTrainingFileError(f"{label}: not JSON Lines (no line of it is JSON)")
    return TrainingFileRead(
        name=label,
        encoding=encoding,
        examples=tally.examples,
        chat_examples=tally.chat_examples,
        prompt_completion_examples=tally.prompt_completion_examples,
        format_errors=tally.errors,
        error_lines={kind: tuple(lines) for kind, lines in tally.error_lines.items() if lines},
        tokens=np.array(tally.tokens, dtype=np.int64),
        digests=np.frombuffer(bytes(tally.digests), dtype=np.uint64).reshape(-1, 2),
    )


class FileFigures(BaseModel):
    """One file's figures, as the report, the decision record and the brief name them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    file_name: str = Field(max_length=300)
    examples: int = Field(ge=0)
    valid_examples: int = Field(ge=0)
    format_errors: dict[str, int]
    error_lines: dict[str, tuple[int, ...]] = Field(default_factory=dict)
    duplicate_examples: int = Field(ge=0)
    tokens_per_example_min: int | None = None
    tokens_per_example_median: float | None = None
    tokens_per_example_max: int | None = None
    chat_examples: int = Field(default=0, ge=0)
    prompt_completion_examples: int = Field(default=0, ge=0)

    @property
    def mixes_formats(self) -> bool:
        """Chat and prompt/completion lines in one file: OpenAI takes one format per file."""
        return self.chat_examples > 0 and self.prompt_completion_examples > 0

    @property
    def distinct_valid_examples(self) -> int:
        return self.valid_examples - self.duplicate_examples

    @property
    def lines_with_errors(self) -> int:
        return self.examples - self.valid_examples


def file_figures(read: TrainingFileRead) -> FileFigures:
    tokens = read.tokens
    return FileFigures(
        file_name=read.name[:300],
        examples=read.examples,
        valid_examples=read.valid_examples,
        format_errors=dict(read.format_errors),
        error_lines=dict(read.error_lines),
        duplicate_examples=read.duplicate_examples,
        tokens_per_example_min=int(tokens.min()) if len(tokens) else None,
        tokens_per_example_median=float(np.median(tokens)) if len(tokens) else None,
        tokens_per_example_max=int(tokens.max()) if len(tokens) else None,
        chat_examples=read.chat_examples,
        prompt_completion_examples=read.prompt_completion_examples,
    )


class TrainingDataFigures(BaseModel):
    """A training file's report and the bill for training on it, with the validation file's size."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    training: FileFigures
    validation: FileFigures | None = None
    validation_also_in_training: int | None = Field(default=None, ge=0)
    model: str | None = Field(default=None, max_length=300)
    encoding: str
    example_token_limit: int | None = None
    examples_over_limit: int | None = None
    epochs: int = Field(ge=1)
    epochs_from: Literal["default", "typed"]
    billed_tokens: int = Field(ge=0)
    price_per_million: float | None = Field(default=None, ge=0)
    training_cost: float | None = Field(default=None, ge=0)

    def cli_json(self) -> dict[str, Any]:
        """The keys `python -m costmodel training-file --json` prints."""
        training = self.training
        return {
            "examples": training.examples,
            "valid_examples": training.valid_examples,
            "format_errors": training.format_errors,
            "duplicate_examples": training.duplicate_examples,
            "tokens_per_example_min": training.tokens_per_example_min,
            "tokens_per_example_median": training.tokens_per_example_median,
            "tokens_per_example_max": training.tokens_per_example_max,
            "examples_over_limit": self.examples_over_limit,
            "epochs": self.epochs,
            "billed_tokens": self.billed_tokens,
            "training_cost": self.training_cost,
        }

    def cost_parts(self, **people_and_data: float) -> TrainingCostParts:
        """The training-cost builder's parts with this file's examples, tokens and epochs.

        Each example's tokens are already cut to the limit, so the parts apply none. The
        counts are the file's, not typed: the bounds of a typed entry (a million tokens per
        example) do not apply to them, so they are not validated again.
        """
        valid = self.training.valid_examples
        typed = TrainingCostParts.model_validate(people_and_data)
        counted = {
            "examples": valid,
            "tokens_per_example": self.billed_tokens / self.epochs / valid if valid else 0,
            "epochs": self.epochs,
            "example_token_limit": None,
            "training_price_per_million": self.price_per_million or 0,
        }
        return TrainingCostParts.model_construct(**(typed.model_dump() | counted))


def training_data_figures(
    read: TrainingFileRead,
    *,
    model: str | None = None,
    epochs: int | None = None,
    price_per_million: float | None = None,
    validation: TrainingFileRead | None = None,
    token_limit: int | None = None,
) -> TrainingDataFigures:
    """The bill for training `model` on the file's valid examples.

    Notes
    -----
    billed tokens = epochs x sum over valid examples of min(tokens, the model's limit)
    training cost = billed tokens x price per 1M / 1M (None when no price is known)

    Epochs are OpenAI's default for the number of valid examples when not given
    (`costmodel.training.default_epochs`); the limit is the model's unless `token_limit`
    is given.
    """
    limit = token_limit if token_limit is not None else example_token_limit(model)
    tokens = read.tokens if limit is None else np.minimum(read.tokens, limit)
    chosen_epochs = epochs if epochs is not None else default_epochs(read.valid_examples)
    billed = chosen_epochs * int(tokens.sum())
    return TrainingDataFigures(
        training=file_figures(read),
        validation=None if validation is None else file_figures(validation),
        validation_also_in_training=None if validation is None else validation.shared_with(read),
        model=model,
        encoding=read.encoding,
        example_token_limit=limit,
        examples_over_limit=None if limit is None else int((read.tokens > limit).sum()),
        epochs=chosen_epochs,
        epochs_from="default" if epochs is None else "typed",
        billed_tokens=billed,
        price_per_million=price_per_million,
        training_cost=None if price_per_million is None else billed * price_per_million / TOKENS_PER_MILLION,
    )


# The article's step 4 (docs/MODEL.md §6), as the guide answers it from a file.
ARTICLE_ASKS = "the article asks for 100 or more; 200 to 500 do meaningfully better"


def _counted(count: int, one: str, many: str) -> str:
    return f"{count:,} {one if count == 1 else many}"


def describe_file(figures: FileFigures) -> list[str]:
    """One file's examples, duplicates and errors, in words (the guide, the decision record)."""
    lines = [f"{_counted(figures.valid_examples, 'valid example', 'valid examples')} of {figures.examples:,}"]
    if figures.duplicate_examples:
        lines.append(
            f"{_counted(figures.duplicate_examples, 'repeats', 'repeat')} an earlier one exactly "
            f"({figures.distinct_valid_examples:,} distinct)"
        )
    for kind, count in figures.format_errors.items():
        if count:
            where = ", ".join(str(n) for n in figures.error_lines.get(kind, ()))
            more = ", ..." if count > len(figures.error_lines.get(kind, ())) else ""
            named = _counted(len(figures.error_lines.get(kind, ())), "line", "lines").split(" ", 1)[1]
            lines.append(f"{_counted(count, 'line', 'lines')} {FORMAT_ERRORS[kind]} ({named} {where}{more})")
    return lines


def examples_sentence(figures: TrainingDataFigures) -> str:
    """Step 4 answered from the file: "N valid examples (the article asks ...)", with what is wrong."""
    training = figures.training
    sentence = f"{_counted(training.valid_examples, 'valid example', 'valid examples')} ({ARTICLE_ASKS})"
    problems = []
    if training.duplicate_examples:
        problems.append(
            f"{_counted(training.duplicate_examples, 'is an exact duplicate', 'are exact duplicates')}, "
            f"so {training.distinct_valid_examples:,} are distinct"
        )
    errors = [f"{count:,} {FORMAT_ERRORS[kind]}" for kind, count in training.format_errors.items() if count]
    if errors:
        problems.append(
            f"{_counted(training.lines_with_errors, 'line has', 'lines have')} format errors: "
            + "; ".join(errors)
        )
    if figures.validation is not None:
        shared = figures.validation_also_in_training or 0
        problems.append(
            f"the validation file holds {figures.validation.valid_examples:,} valid examples"
            + (f", {shared:,} of them also in the training file" if shared else "")
        )
    return sentence + (": " + "; ".join(problems) if problems else "") + "."


def bill_sentence(figures: TrainingDataFigures) -> str:
    """What training on the file bills, with where the epochs and price come from."""
    epochs = f"{figures.epochs} epochs" + (", OpenAI's default" if figures.epochs_from == "default" else "")
    cut = (
        ""
        if figures.example_token_limit is None
        else f", each example cut to {figures.example_token_limit:,} tokens"
        + (f" ({figures.examples_over_limit:,} are over)" if figures.examples_over_limit else "")
    )
    cost = (
        "no training price known"
        if figures.training_cost is None
        else f"{format_money(figures.training_cost)} at {format_price(figures.price_per_million or 0)} "
        "per 1M training tokens"
    )
    return (
        f"{figures.billed_tokens:,} billed training tokens ({epochs}, counted with "
        f"{figures.encoding}{cut}): {cost}."
    )
