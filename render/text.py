"""Text for Streamlit's markdown, which reads "$" pairs as LaTeX and "*", "[", "<" as markup.

Every text a user typed, a link carried or a file held (names, notes, event notes, the
decision record, LiteLLM entry names, file names) goes through `markdown_safe` before
any markdown element (st.markdown, st.write, st.caption, st.title, st.info and the
other message boxes, metric values) draws it: it then reads as written and never
becomes a link, heading, image or HTML.
"""

import re

# CommonMark lets a backslash escape any ASCII punctuation; these are the ones that
# mean something to Streamlit's markdown: "#" and "=" headings, "![" images, "<" HTML,
# "&" entities, "[" links, "$" LaTeX, ":red[...]" colours and ":material/...:" icons.
_MARKUP = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>$~:=&])")
# Streamlit's markdown (GitHub's autolink literals) makes links of "http://...",
# "https://...", "www.x.y" and "name@host.tld" found in plain text, escaped or not.
# An invisible WORD JOINER (U+2060) inside each of those patterns breaks the match;
# the text reads the same.
WORD_JOINER = "\u2060"
_AUTOLINK_STARTS = re.compile(r"(?<=:)(?=//)|(?<=www)(?=\.)|(?=@)|(?<=@)", re.IGNORECASE)


def markdown_safe(text: str) -> str:
    r"""The text exactly as written, nothing in it read as markup or made a link.

    >>> markdown_safe("saves $40 a day, $14,600 a year")
    'saves \\$40 a day, \\$14,600 a year'
    >>> markdown_safe("<b>*x*</b>")
    '\\<b\\>\\*x\\*\\</b\\>'
    >>> markdown_safe("see www.example.com") == "see www\u2060\\.example\\.com"
    True
    """
    return _MARKUP.sub(r"\\\1", _AUTOLINK_STARTS.sub(WORD_JOINER, text))


def bullets(lines: list[str]) -> str:
    """A markdown list of plain-text lines."""
    return "\n".join(f"- {markdown_safe(line)}" for line in lines)


# Bidi controls reorder what follows ("evil" shown as "live"): marks, embeddings, overrides, isolates.
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# C0 and C1 controls but the line break (a tab becomes a space), bidi controls, surrogates and
# Unicode's noncharacters (U+FDD0..U+FDEF and the last two code points of every plane).
_NOT_PLAIN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"
    + _BIDI
    + "\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
    + "]"
)


def plain_text(text: str) -> str:
    r"""Text as a slide, a PDF or a report may show it: no control, bidi or noncharacter left
    (python-pptx writes a control character as "_x0001_" and fails on U+FFFF).

    >>> plain_text("ok\x01 \u202eevil\u202c\uffff\tend\nnext")
    'ok evil end\nnext'
    """
    return _NOT_PLAIN.sub("", text.replace("\t", " ").replace("\r\n", "\n").replace("\r", "\n"))
