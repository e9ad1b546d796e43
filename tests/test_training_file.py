"""A training file read and checked, and its bill, against an independent count and the cookbook's own."""

import io
import json
import statistics
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
import tiktoken
from hypothesis import example, given, settings
from hypothesis import strategies as st

from costmodel.tokens import build_encoding
from costmodel.training import default_epochs
from costmodel.training_file import (
    MAX_LINE_BYTES,
    BadTrainingFileError,
    describe_file,
    encoding_for,
    examples_sentence,
    read_training_file,
    training_data_figures,
)

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).with_name("fixtures") / "training"
CLI_KEYS = [
    "examples",
    "valid_examples",
    "format_errors",
    "duplicate_examples",
    "tokens_per_example_min",
    "tokens_per_example_median",
    "tokens_per_example_max",
    "examples_over_limit",
    "epochs",
    "billed_tokens",
    "training_cost",
]


def read(name: str, encoding: str = "o200k_base"):
    with (FIXTURES / name).open("rb") as stream:
        return read_training_file(stream, name, encoding)


@cache
def whole(encoding: str) -> tiktoken.Encoding:
    return build_encoding(encoding)


def cookbook_tokens(example: dict, encoding: str) -> int:
    """The cookbook's count, written again from its notebook with tiktoken taken whole: per
    message 3 plus every value's tokens (1 more for a name), 3 for the reply; values that are
    not text as their compact JSON, the weight not at all, tool definitions as compact JSON."""

    def tokens(value) -> int:
        text = (
            value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        )
        return len(whole(encoding).encode_ordinary(text))

    if "messages" not in example:
        return tokens(example["prompt"]) + tokens(example["completion"])
    total = 3
    for message in example["messages"]:
        total += 3
        for key, value in message.items():
            if key != "weight":
                total += tokens(value) + (1 if key == "name" else 0)
    return total + (tokens(example["tools"]) if "tools" in example else 0)


def valid_lines(name: str) -> list[dict]:
    """The fixture's lines a reader that knows the format by heart calls valid (they say so)."""
    return [json.loads(line) for line in (FIXTURES / name).read_text().splitlines() if line.strip()]


def cookbook_toy_file() -> bytes:
    """The cookbook's examples/data/toy_chat_fine_tuning.jsonl rebuilt line by line (its fifth
    example is "Eat a banana!" 2,000 times): the notebook prints its counts in cl100k_base."""
    happy = {
        "role": "system",
        "content": "You are a happy assistant that puts a positive spin on everything.",
    }

    def turns(*pairs):
        return [{"role": role, "content": content} for role, content in pairs]

    examples = [
        [
            happy,
            *turns(
                ("user", "I fell off my bike today."),
                ("assistant", "It's great that you're getting exercise outdoors!"),
            ),
        ],
        [
            happy,
            *turns(
                ("user", "I lost my tennis match today."),
                ("assistant", "It's ok, it happens to everyone."),
                ("user", "But I trained so hard!"),
                ("assistant", "It will pay off next time."),
                ("user", "I'm going to switch to golf."),
                ("assistant", "Golf is fun too!"),
                ("user", "I don't even know how to play golf."),
                ("assistant", "It's easy to learn!"),
            ),
        ],
        turns(
            ("user", "I lost my book today."), ("assistant", "You can read everything on ebooks these days!")
        ),
        [happy, *turns(("assistant", "You're great!"))],
        [happy, *turns(("user", "I'm hungry."), ("assistant", "Eat a banana!" * 2_000))],
    ]
    return "".join(json.dumps({"messages": messages}) + "\n" for messages in examples).encode()


class TestTheCookbooksOwnNumbers:
    """The notebook's printed output for its toy file: tokens 26 / 45 / 8,032, ~4,306 billed
    tokens at its 4,096-token limit, 20 epochs, ~86,120 tokens charged."""

    def test_tokens_per_example_match_the_notebook(self):
        toy = read_training_file(io.BytesIO(cookbook_toy_file()), "toy.jsonl", "cl100k_base")
        figures = training_data_figures(toy, token_limit=4_096)
        assert toy.tokens.tolist() == [45, 111, 26, 28, 8_032]
        training = figures.training
        assert (training.tokens_per_example_min, training.tokens_per_example_median) == (26, 45)
        assert training.tokens_per_example_max == 8_032
        assert figures.examples_over_limit == 1
        assert figures.epochs == 20
        assert figures.billed_tokens == 86_120 == 20 * 4_306

    def test_at_gpt_35s_limit_nothing_is_cut(self):
        # The notebook's newer version sets the limit to 16,385 but kept the old output
        # (4,306 tokens): with nothing over the limit, every token of the 8,242 is billed.
        toy = read_training_file(io.BytesIO(cookbook_toy_file()), "toy.jsonl", encoding_for("gpt-3.5-turbo"))
        figures = training_data_figures(toy, model="gpt-3.5-turbo", price_per_million=8)
        assert (figures.example_token_limit, figures.examples_over_limit) == (16_385, 0)
        assert figures.billed_tokens == 20 * 8_242
        assert figures.training_cost == pytest.approx(20 * 8_242 * 8 / 1e6)


@pytest.mark.parametrize("encoding", ["o200k_base", "cl100k_base"])
def test_tokens_match_an_independent_count(encoding):
    chat = read("chat.jsonl", encoding)
    expected = [cookbook_tokens(example, encoding) for example in valid_lines("chat.jsonl")]
    assert chat.tokens.tolist() == expected
    legacy = read("prompt_completion.jsonl", encoding)
    assert legacy.tokens.tolist() == [
        cookbook_tokens(e, encoding) for e in valid_lines("prompt_completion.jsonl")[:2]
    ]


@pytest.mark.parametrize(("epochs", "limit"), [(None, None), (2, None), (None, 40), (4, 60)])
def test_the_bill_is_epochs_times_the_tokens_cut_to_the_limit(epochs, limit):
    chat = read("chat.jsonl")
    tokens = [cookbook_tokens(example, "o200k_base") for example in valid_lines("chat.jsonl")]
    figures = training_data_figures(chat, epochs=epochs, price_per_million=25, token_limit=limit)
    trained = epochs or default_epochs(len(tokens))
    billed = trained * sum(t if limit is None else min(t, limit) for t in tokens)
    assert (figures.epochs, figures.billed_tokens) == (trained, billed)
    assert figures.training_cost == pytest.approx(billed * 25 / 1e6)
    assert figures.examples_over_limit == (None if limit is None else sum(t > limit for t in tokens))
    assert figures.training.tokens_per_example_median == statistics.median(tokens)


def test_exact_duplicates_are_found_whatever_the_key_order():
    chat = read("chat.jsonl")
    assert (chat.examples, chat.valid_examples, chat.duplicate_examples) == (
        8,
        8,
        1,
    )  # the blank line is none


def test_every_kind_of_format_error_is_counted_and_located():
    errors = read("every_error.jsonl")
    assert errors.format_errors == {
        "not_json": 1,
        "line_too_long": 0,
        "no_messages": 2,
        "unknown_role": 1,
        "content_not_text": 2,
        "no_assistant_message": 1,
        "unknown_keys": 2,
        "bad_weight": 1,
    }
    assert (errors.examples, errors.valid_examples) == (12, 2)
    assert errors.error_lines["unknown_keys"] == (9, 10)
    assert errors.error_lines["not_json"] == (2,)
    figures = training_data_figures(errors)
    assert examples_sentence(figures) == (
        "2 valid examples (the article asks for 100 or more; 200 to 500 do meaningfully better): "
        "10 lines have format errors: 1 not JSON (or not UTF-8, or nested over 32 deep); "
        "2 with no list of message objects (and no prompt/completion pair); "
        "1 with a role other than system, developer, user, assistant, tool or function; "
        "2 with a content (or name, prompt, completion) missing or not a string; "
        "1 with no assistant message; "
        "2 with keys the format does not have; 1 with a weight other than 0 or 1."
    )
    assert describe_file(figures.training)[1:3] == [
        "1 line not JSON (or not UTF-8, or nested over 32 deep) (line 2)",
        "2 lines with no list of message objects (and no prompt/completion pair) (lines 3, 4)",
    ]


def test_a_legacy_line_without_completion_is_an_error():
    legacy = read("prompt_completion.jsonl")
    assert legacy.prompt_completion_examples == 3
    assert (legacy.valid_examples, legacy.format_errors["content_not_text"]) == (2, 1)


def test_a_line_over_the_limit_is_an_error_of_its_own_and_the_rest_is_read():
    good = (FIXTURES / "chat.jsonl").read_bytes().splitlines(keepends=True)[0]
    huge = b'{"messages": [{"role": "user", "content": "' + b"a" * MAX_LINE_BYTES + b'"}]}\n'
    for content in (good + huge + good, good + huge.rstrip(b"\n")):
        checked = read_training_file(io.BytesIO(content), "long.jsonl")
        assert checked.format_errors["line_too_long"] == 1
        assert checked.error_lines["line_too_long"] == (2,)
        assert checked.valid_examples == content.count(good)
        assert checked.examples == content.count(good) + 1  # the rest of the long line is no line of its own
        assert checked.format_errors["not_json"] == 0


def test_the_validation_file_is_read_alike_and_its_overlap_named():
    figures = training_data_figures(read("chat.jsonl"), validation=read("validation.jsonl"))
    assert figures.validation is not None
    assert (figures.validation.valid_examples, figures.validation_also_in_training) == (3, 1)
    assert "the validation file holds 3 valid examples, 1 of them also in the training file" in (
        examples_sentence(figures)
    )


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "holds no examples"),
        (b"\n\n  \n", "holds no examples"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not JSON Lines"),
        (b"[" * 100_000 + b"\n", "not JSON Lines"),
        (b"\xff\xfe{}\n", "not JSON Lines"),
        (b"NaN\n", "not JSON Lines"),
    ],
)
def test_a_file_that_is_no_training_file_is_refused_in_one_line(content, reason):
    with pytest.raises(BadTrainingFileError, match=reason) as refused:
        read_training_file(io.BytesIO(content), "bad\nname.jsonl")
    assert "\n" not in str(refused.value)


def test_a_file_over_the_size_limit_is_refused_without_reading_on():
    endless = io.BytesIO(b"x" * 3_000)
    with pytest.raises(BadTrainingFileError, match="larger than the 2,000 bytes"):
        read_training_file(endless, "endless.jsonl", max_bytes=2_000)


def test_encodings_follow_the_model_family():
    assert [encoding_for(m) for m in ("gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-3.5-turbo", "gpt-4")] == [
        "o200k_base",
        "o200k_base",
        "o200k_base",
        "cl100k_base",
        "cl100k_base",
    ]


def run_cli(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "costmodel", "training-file", *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


class TestCommandLine:
    def test_json_holds_exactly_the_listed_keys_with_the_catalogs_price(self):
        done = run_cli(str(FIXTURES / "every_error.jsonl"), "--model", "gpt-4o-mini", "--json")
        assert done.returncode == 0, done.stderr
        printed = json.loads(done.stdout)
        assert list(printed) == CLI_KEYS
        lines = (FIXTURES / "every_error.jsonl").read_text().splitlines()
        tokens = [cookbook_tokens(json.loads(lines[n]), "o200k_base") for n in (0, 11)]  # the valid two
        assert printed["valid_examples"] == 2 == len(tokens)
        assert printed["format_errors"]["unknown_keys"] == 2
        assert printed["epochs"] == 25  # 2 examples: 100 // 2 = 50, at most 25
        assert printed["billed_tokens"] == 25 * sum(tokens)
        assert printed["training_cost"] == pytest.approx(25 * sum(tokens) * 3.0 / 1e6)  # gpt-4o-mini: $3/M
        assert printed["examples_over_limit"] == 0

    def test_typed_price_and_epochs_win_and_no_price_is_null(self):
        typed = json.loads(
            run_cli(
                str(FIXTURES / "chat.jsonl"), "--epochs", "2", "--price-per-million", "10", "--json"
            ).stdout
        )
        assert typed["epochs"] == 2
        assert typed["training_cost"] == pytest.approx(typed["billed_tokens"] * 10 / 1e6)
        unpriced = run_cli(str(FIXTURES / "chat.jsonl"), "--model", "llama-3-8b", "--json")
        assert json.loads(unpriced.stdout)["training_cost"] is None
        assert "no training price for llama-3-8b" in unpriced.stderr

    @pytest.mark.parametrize(
        ("arguments", "message"),
        [
            (["/no/such/file.jsonl"], "no such file"),
            (["/dev/null"], "holds no examples"),
            ([str(FIXTURES)], "cannot read it"),
            ([str(FIXTURES / "chat.jsonl"), "--epochs", "0"], "not between 1 and 100"),
            ([str(FIXTURES / "chat.jsonl"), "--price-per-million", "nan"], "not a price"),
        ],
    )
    def test_unreadable_input_is_one_line_and_exit_2(self, arguments, message):
        done = run_cli(*arguments, "--json")
        assert done.returncode == 2
        assert message in done.stderr
        assert done.stderr.count("\n") == 1
        assert "Traceback" not in done.stderr
        assert done.stdout == ""


def test_the_guides_verdict_gives_the_files_count_as_its_reason():
    from costmodel import evaluate
    from costmodel.guide import PROMPT_CHECKLIST, GuideAnswers, Verdict, recommend
    from tests import examples

    figures = training_data_figures(read("every_error.jsonl"))
    answers = GuideAnswers(prompt_has=frozenset(PROMPT_CHECKLIST), good_examples=2, training_data=figures)
    recommendation = recommend(answers, evaluate(examples.ARTICLE))
    assert recommendation.verdict == Verdict.NOT_READY
    assert recommendation.reasons[-1] == (
        f"{examples_sentence(figures)} Under the ~50 distinct examples a fine-tune needs."
    )


JSON_PIECES = st.sampled_from(
    [
        '{"messages": [',
        "]",
        "}",
        '{"role": "user", "content": "Hi"}',
        '{"role": "assistant"',
        ', "weight": 2',
        '"name": 5',
        '{"prompt": "a", "completion": "b"}',
        "null",
        "NaN",
        "1e999",
        "[" * 40,
        '"\\ud800"',
        "\n",
        "\x00",
    ]
)


ANY_VALUE = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5)
MESSAGE = st.dictionaries(
    st.sampled_from(["role", "content", "name", "weight", "tool_calls", "x"]),
    ANY_VALUE | st.sampled_from(["user", "assistant"]),
)
EXAMPLE = st.dictionaries(
    st.sampled_from(["messages", "tools", "prompt", "completion", "x"]),
    st.lists(MESSAGE | ANY_VALUE, max_size=4) | ANY_VALUE,
    max_size=3,
).map(lambda example: json.dumps(example) + "\n")


@settings(max_examples=150, deadline=None)  # the first example loads the encoding
@given(
    st.lists(JSON_PIECES, max_size=30).map("".join)
    | st.binary(max_size=300).map(lambda b: b.decode("latin-1"))
    | st.lists(EXAMPLE, min_size=1, max_size=5).map("".join)
)
@example('{"messages": [null]}\n')
@example('{"messages": [{"role": "assistant", "content": "\\ud800"}]}\n')
@example('{"messages": [{"role": "assistant", "tool_calls": [{"id": "x"}]}], "tools": "\\ud800"}\n')
def test_any_file_is_read_or_refused_in_one_line(text):
    content = io.BytesIO(text.encode("utf-8", "surrogatepass"))
    refused = None
    try:
        checked = read_training_file(content, "fuzz.jsonl")
    except BadTrainingFileError as error:
        refused = str(error)
    if refused is not None:
        assert "\n" not in refused
        return
    assert checked.valid_examples <= checked.examples
    assert sum(checked.format_errors.values()) >= checked.examples - checked.valid_examples
    assert (checked.tokens > 0).all()
