"""The token counter: tiktoken's exact counts, offline, fast on the texts that are slow for tiktoken."""

from __future__ import annotations

import gzip
import random
import socket
import time
from pathlib import Path

import pytest
import tiktoken.load
from hypothesis import given, settings

from costmodel import tokens
from costmodel.tokens import Limits, build_encoding, count_tokens, count_tokens_within, token_ids
from tests.strategies import tricky_texts

# Every path taken on short texts: cut at any run of 3, windows of a few bytes that
# mostly join and sometimes (an overlap of one byte) fall back to merging whole.
TINY = Limits(long_run_characters=3, long_piece_bytes=8, window_bytes=16, overlap_bytes=6)
TINIER = Limits(long_run_characters=3, long_piece_bytes=4, window_bytes=8, overlap_bytes=1)


def tiktoken_whole(text: str) -> dict[str, int]:
    """The reference: tiktoken's own encoder over the whole text."""
    return {name: len(token_ids(text, name)) for name in tokens.ENCODINGS}


# tiktoken's published examples (openai/tiktoken tests/test_encoding.py), and o200k_base's
# "hello world" as the project's earlier counter gave it.
PUBLISHED = [
    ("cl100k_base", "hello world", [15339, 1917]),
    ("cl100k_base", "rer", [38149]),
    ("cl100k_base", "'rer", [2351, 81]),
    ("cl100k_base", "today\n ", [31213, 198, 220]),
    ("cl100k_base", "today\n \n", [31213, 27907]),
    ("cl100k_base", "today\n  \n", [31213, 14211]),
    ("cl100k_base", " \x850", [220, 126, 227, 15]),
    ("cl100k_base", "👍", [9468, 239, 235]),
    ("cl100k_base", "\ud83d\udc4d", [9468, 239, 235]),  # a surrogate pair is its character
    ("o200k_base", "hello world", [24912, 2375]),
]


@pytest.mark.parametrize(("encoding", "text", "ids"), PUBLISHED, ids=[repr(p[1]) for p in PUBLISHED])
def test_tiktokens_published_examples(encoding, text, ids):
    assert token_ids(text, encoding) == ids
    assert count_tokens(text)[encoding] == len(ids)


def test_special_token_text_is_counted_as_plain_text():
    text = "hello <|endoftext|> and <|fim_prefix|><|endofprompt|>"
    assert 100257 not in token_ids(text, "cl100k_base")  # never the special token's id
    assert count_tokens(text) == tiktoken_whole(text)
    assert count_tokens("<|endoftext|>") == {"o200k_base": 7, "cl100k_base": 7}


def test_a_lone_surrogate_counts_as_the_replacement_character():
    assert token_ids("\ud83d", "cl100k_base") == token_ids("\ufffd", "cl100k_base")
    assert count_tokens("a\ud800b") == count_tokens("a\ufffdb")
    assert count_tokens("\udc00" * 3_000) == count_tokens("\ufffd" * 3_000)


MIXED = (
    "Grüße aus Köln! 你好，世界。こんにちは世界 مرحبا بالعالم नमस्ते दुनिया Привет, мир! "
    "e\u0301\u0301 👩\u200d👩\u200d👧 🇩🇪 🏳️\u200d🌈 1234567 ½ ٣٤٥ it's THEY'RE\r\n\t/ok//\n\n "
)


@pytest.mark.parametrize("limits", [tokens.LIMITS, TINY], ids=["as shipped", "every path"])
def test_mixed_scripts_and_emoji_match_tiktoken(limits):
    assert count_tokens_within(MIXED * 20, limits) == tiktoken_whole(MIXED * 20)


@settings(max_examples=300, deadline=None)
@given(text=tricky_texts)
def test_any_text_counts_as_tiktoken_counts_it_whole(text):
    assert count_tokens_within(text, TINY) == tiktoken_whole(text)
    assert count_tokens_within(text, TINIER) == tiktoken_whole(text)


def dna(length: int) -> str:
    letters = random.Random(7)
    return "".join(letters.choice("ACGT") for _ in range(length))


# tiktoken's "catastrophically repetitive" cases (tests/test_encoding.py) and other
# long runs: each is a single piece, or a run of spaces that overflows tiktoken's stack.
LONG_RUNS = {
    **{f"{c!r} x 30,000": c * 30_000 for c in ["^", "0", "a", "'s", " ", "\n"]},
    "' ' + 'a' x 30,000 + newline": " " + "a" * 30_000 + "\n",
    "DNA": dna(30_000),
    "lower-case DNA": dna(30_000).lower(),
    "emoji": "😀" * 10_000,
    "CJK": "漢字" * 10_000,
    "marks": "e" + "\u0301" * 20_000,
    "runs among prose": ("See 12 " + "x" * 3_000 + "! " + " " * 2_000 + "end\n") * 5,
    "spaces before a number": (" " * 3_000 + "12\n") * 2,
}


@pytest.mark.parametrize("text", LONG_RUNS.values(), ids=LONG_RUNS.keys())
def test_long_runs_match_tiktoken(text):
    assert count_tokens(text) == tiktoken_whole(text)


def test_a_million_characters_of_hard_text_count_in_seconds_not_minutes():
    # The pure-Python counter took 46 s for 40,000 letters; the target, under a second
    # for 1,000,000 characters, is measured by bench/run.py. Here only a bound that a
    # busy shared machine keeps: a return of the quadratic merge would take minutes.
    count_tokens("warm up")
    for text in ("a" * 1_000_000, dna(1_000_000), " " * 1_000_000):
        started = time.perf_counter()
        counts = count_tokens(text)
        assert time.perf_counter() - started < 10
        assert min(counts.values()) > 0
    assert count_tokens("a" * 1_000_000) == {"o200k_base": 125_000, "cl100k_base": 125_000}


def test_a_corrupted_rank_file_is_refused(tmp_path: Path):
    shipped = gzip.decompress(tokens.rank_file("cl100k_base").read_bytes())
    corrupted = tmp_path / "cl100k_base.tiktoken.gz"
    corrupted.write_bytes(gzip.compress(shipped.replace(b"IQ== 0", b"Ig== 0", 1)))
    expected = tokens.SOURCES["cl100k_base"].sha256
    with pytest.raises(ValueError, match="does not match tiktoken's published SHA-256"):
        tokens.load_ranks(corrupted, expected)
    assert len(tokens.load_ranks(tokens.rank_file("cl100k_base"), expected)) == 100_256


def test_encodings_are_built_without_network_or_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("tiktoken tried to fetch or read its cache")

    monkeypatch.setattr(tiktoken.load, "read_file_cached", refuse)
    monkeypatch.setattr(tiktoken.load, "read_file", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path))
    for name in tokens.ENCODINGS:
        assert build_encoding(name).encode_ordinary("hello world")
    assert list(tmp_path.iterdir()) == []
