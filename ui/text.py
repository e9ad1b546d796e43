"""Text for Streamlit's markdown, which reads a pair of "$" as LaTeX."""


def markdown_safe(text: str) -> str:
    r"""Escape what markdown would otherwise interpret in plain sentences.

    >>> markdown_safe("saves $40 a day, $14,600 a year")
    'saves \\$40 a day, \\$14,600 a year'
    """
    return text.replace("\\", "\\\\").replace("$", "\\$")
