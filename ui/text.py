"""Text for Streamlit's markdown, which reads "$" pairs as LaTeX and "*", "[", "<" as markup."""

import re

# CommonMark lets a backslash escape any ASCII punctuation; these are the ones that
# mean something to Streamlit's markdown (LaTeX "$", colour ":red[...]", HTML "<").
_MARKUP = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>$~:])")


def markdown_safe(text: str) -> str:
    r"""The text exactly as written, nothing in it read as markup.

    >>> markdown_safe("saves $40 a day, $14,600 a year")
    'saves \\$40 a day, \\$14,600 a year'
    >>> markdown_safe("<b>*x*</b>")
    '\\<b\\>\\*x\\*\\</b\\>'
    """
    return _MARKUP.sub(r"\\\1", text)


def bullets(lines: list[str]) -> str:
    """A markdown list of plain-text lines."""
    return "\n".join(f"- {markdown_safe(line)}" for line in lines)
