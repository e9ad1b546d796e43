"""Reading what arrives from outside within bounds: files, JSON and command lines.

Every input path (CLI files, uploads, share links, LiteLLM price files) reads
through here, so a file that never ends, JSON nested a hundred thousand deep or a
number no float can hold is one sentence, never a traceback or an exhausted memory.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any, NoReturn

# Our files are flat records with a list or two inside (a scenario's events, a
# LiteLLM entry's fields); nothing real is nested anywhere near this deep.
MAX_JSON_DEPTH = 32


class OneLineError(Exception):
    r"""An error whose message is one line wherever it is shown: a line break or other control
    character in it (a file name may hold one) is escaped by `one_line`.

    >>> print(OneLineError("a\nb.json: no such file"))
    a\nb.json: no such file
    """

    def __str__(self) -> str:
        return one_line(super().__str__())


class UnreadableInputError(OneLineError, ValueError):
    """Input refused before it is used; the message says why in one sentence."""


def read_capped(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, refusing to read more than `max_bytes` (so /dev/zero ends).

    Raises UnreadableInputError when the file is larger; OSError and ValueError
    (a name no file system accepts) pass through for the caller to word.
    """
    with path.open("rb") as file:
        content = file.read(max_bytes + 1)
    if len(content) > max_bytes:
        raise UnreadableInputError(f"larger than the {max_bytes:,} bytes this file may hold")
    return content


def why_unreadable(name: str, error: OSError | ValueError) -> str:
    """One line on why a file could not be read, worded alike by every reader.

    >>> why_unreadable("a.json", FileNotFoundError())
    'a.json: no such file'
    """
    name = one_line(name)
    if isinstance(error, UnreadableInputError):
        return f"{name}: {error}"
    if isinstance(error, FileNotFoundError):
        return f"{name}: no such file"
    if isinstance(error, OSError):
        return f"{name}: cannot read it ({error.strerror})"
    return f"{name!r}: not a usable file name"  # a path no file system accepts, e.g. with a NUL byte


def _finite_int(text: str) -> int:
    # int() reads any length (up to Python's 4,300 digits), but the model computes in floats.
    if not math.isfinite(float(text)):
        raise UnreadableInputError(f"the number {text[:20]}... is too large for any price or count")
    return int(text)


def parse_number(text: str) -> float:
    """float(text), refusing a number too small for a float to hold, which would silently be 0.

    >>> parse_number("2.5e-3")
    0.0025
    >>> parse_number("1e-400")
    Traceback (most recent call last):
    costmodel.bounded.UnreadableInputError: the number 1e-400 is too small to hold: write 0 if you mean none
    """
    number = float(text)
    digits = text.strip().lower().split("e")[0]
    if number == 0 and any(digit in digits for digit in "123456789"):
        shown = text.strip()
        shown = shown if len(shown) <= 20 else shown[:20] + "..."
        raise UnreadableInputError(f"the number {shown} is too small to hold: write 0 if you mean none")
    return number


def _refuse_constant(token: str) -> float:
    raise UnreadableInputError(f"{token} is not a number JSON allows")


def _depth(data: Any) -> int:
    """How deeply lists and objects nest (a scalar is 0), without recursion."""
    deepest = 0
    stack = [(data, 1)]
    while stack:
        value, level = stack.pop()
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else None
        if children is None:
            continue
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in children)
    return deepest


def load_json(text: str | bytes, *, allow_constants: bool = False, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """Parsed JSON, or UnreadableInputError saying in one sentence why not.

    NaN and Infinity are refused unless `allow_constants` (then they become floats
    for the caller to refuse where they stand); integers beyond a float's range and
    nesting deeper than `max_depth` are always refused.

    >>> load_json('{"a": [1, 2.5]}')
    {'a': [1, 2.5]}
    >>> load_json("[" * 100_000)
    Traceback (most recent call last):
    costmodel.bounded.UnreadableInputError: nested deeper than 32 levels
    """
    try:
        data = json.loads(
            text,
            parse_int=_finite_int,
            parse_float=parse_number,
            parse_constant=(lambda token: float(token)) if allow_constants else _refuse_constant,
        )
    except UnreadableInputError:
        raise
    except RecursionError:
        raise UnreadableInputError(f"nested deeper than {max_depth} levels") from None
    except UnicodeDecodeError:
        raise UnreadableInputError("not UTF-8 text") from None
    except ValueError as error:  # JSONDecodeError, and int()'s limit on digits
        raise UnreadableInputError(f"not valid JSON ({error})") from None
    if _depth(data) > max_depth:
        raise UnreadableInputError(f"nested deeper than {max_depth} levels")
    return data


def one_line(text: str) -> str:
    r"""The text with line breaks and other control characters escaped, so it prints as one line.

    >>> one_line("a\nb.json")
    'a\\nb.json'
    """
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)


class OneLineArgumentParser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line on stderr (exit 2), like every other error."""

    def error(self, message: str) -> NoReturn:
        print(one_line(f"{self.prog}: error: {message} (see --help)"), file=sys.stderr)
        sys.exit(2)
