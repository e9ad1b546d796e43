"""The brief as slides (PPTX) for the meeting where the decision is made, made for a VP: the
answer first as one sentence and one big number, one message per slide, a clean template.

Every text comes from a `costmodel.brief.Brief` and is set as a plain run (never a link), with
control, bidi and noncharacters removed. What does not fit a slide is never cut: long text and
long tables go on to further slides marked "(continued)"; a long title is made smaller.
"""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Sequence
from typing import Any

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
from pptx.presentation import Presentation as Deck
from pptx.util import Emu, Inches, Pt

from costmodel.brief import CHECK_TITLE, Brief, Fact, Section

__all__ = ["CHECK_TITLE", "chart_png", "make_deck", "slide_count"]
from render.export import cost_chart_png
from render.text import plain_text

WIDE = (Inches(13.333), Inches(7.5))  # 16:9
# Drawn at 1150 x 560 with 24-pixel text and doubled: on the 12-inch picture, text is ~18 pt,
# readable from the back of a room.
CHART_PIXELS = {"width": 1150, "height": 560, "scale": 2}
CHART_FONT_PIXELS = 24
BLANK_LAYOUT = 6


def _colour(hex_rgb: str) -> RGBColor:
    colour: RGBColor = RGBColor.from_string(hex_rgb)  # type: ignore[no-untyped-call]
    return colour


INK = _colour("222222")
MUTED = _colour("666666")
ACCENT = _colour("1F5FAD")
GOOD, BAD = _colour("1B7F3B"), _colour("B03A2E")
STRIPE, WHITE = _colour("F3F5F8"), _colour("FFFFFF")
FONT = "Calibri"

LEFT, WIDTH = 0.7, 11.9  # inches: the content column
TITLE_TOP, TITLE_HEIGHT = 0.45, 1.0
BODY_TOP, BODY_HEIGHT = 1.6, 5.3
# A character of Calibri is about half an em wide; 0.55 em leaves room for wide letters.
EM_PER_CHARACTER = 0.55
LINE_SPACING = 1.2
BODY_POINTS, SMALL_BODY_POINTS = 20, 14
TABLE_POINTS, LARGE_TABLE_POINTS = 14, 18


def chart_png(brief: Brief) -> bytes:
    """The crossing chart as a PNG for a projected slide, drawn offline like the PNG download."""
    return cost_chart_png(brief.result, CHART_PIXELS, font_pixels=CHART_FONT_PIXELS)


def characters_per_line(width_inches: float, points: float) -> int:
    return max(int(width_inches * 72 / (points * EM_PER_CHARACTER)), 10)


def lines_per_box(height_inches: float, points: float) -> int:
    return max(int(height_inches * 72 / (points * LINE_SPACING)), 1)


def wrapped(text: str, width: int) -> list[tuple[str, bool]]:
    """`text` as the lines a box `width` characters wide shows, each with whether the text
    itself breaks the line there (the writer's line breaks are kept, wrapping is the box's)."""
    lines: list[tuple[str, bool]] = []
    for paragraph in text.split("\n"):
        pieces = textwrap.wrap(paragraph, width, break_long_words=True, break_on_hyphens=False) or [""]
        lines.extend((piece, position == len(pieces) - 1) for position, piece in enumerate(pieces))
    return lines


def joined(lines: Sequence[tuple[str, bool]]) -> str:
    """Wrapped lines back as text: the writer's breaks kept, the box wraps the rest again."""
    text = "".join(line + ("\n" if breaks else " ") for line, breaks in lines)
    return text[:-1]


def pages_of_lines(paragraphs: Sequence[str], points: float, height: float = BODY_HEIGHT) -> list[list[str]]:
    """Bullets split over slides so that none runs off: each page is the bullets (or the parts
    of one) it holds. A bullet longer than a slide (a 20,000-character rationale) goes on over
    further slides."""
    width, most = characters_per_line(WIDTH - 0.4, points), lines_per_box(height, points)
    pages: list[list[str]] = [[]]
    used = 0.0
    for paragraph in paragraphs:
        lines = wrapped(paragraph, width)
        if used and used + len(lines) > most:
            pages.append([])
            used = 0
        while lines:
            room = max(int(most - used), 1)
            chunk, lines = lines[:room], lines[room:]
            pages[-1].append(joined(chunk))
            used += len(chunk) + 0.5  # the space after a bullet
            if lines:
                pages.append([])
                used = 0
    return pages


def title_points(text: str) -> int:
    """A long title gets a smaller size so that it stays within its box (wrapped)."""
    return 32 if len(text) <= 60 else 24 if len(text) <= 120 else 18 if len(text) <= 220 else 14


def _text_box(slide: Any, left: float, top: float, width: float, height: float) -> Any:
    frame = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height)).text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    return frame


def _write(paragraph: Any, text: str, points: float, colour: RGBColor = INK, bold: bool = False) -> None:
    """Plain runs, one per line, with line breaks between: no field, no hyperlink, nothing a
    slide cannot show."""
    for position, line in enumerate(plain_text(text).split("\n")):
        if position:
            paragraph.add_line_break()
        run = paragraph.add_run()
        run.text = line
        run.font.size, run.font.bold, run.font.name = Pt(points), bold, FONT
        run.font.color.rgb = colour


def _slide(deck: Deck, title: str, brief: Brief) -> Any:
    """A blank slide in the deck's one template: a title, an accent rule and a quiet footer."""
    slide = deck.slides.add_slide(deck.slide_layouts[BLANK_LAYOUT])
    title_frame = _text_box(slide, LEFT, TITLE_TOP, WIDTH, TITLE_HEIGHT)
    title_frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    _write(title_frame.paragraphs[0], title, title_points(title), bold=True)
    rule = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Inches(LEFT), Inches(1.5), Inches(1.2), Inches(0.06))
    rule.fill.solid()
    rule.fill.fore_color.rgb = ACCENT
    rule.line.fill.background()
    footer = _text_box(slide, LEFT, 7.0, WIDTH, 0.35)
    name = brief.title if len(brief.title) <= 90 else brief.title[:89] + "…"
    _write(footer.paragraphs[0], f"{name} · {brief.made_on.isoformat()}", 10, MUTED)
    return slide


def _continued(title: str, page: int, pages: int) -> str:
    return title if pages == 1 else f"{title} ({page} of {pages})"


def _bullet_slides(deck: Deck, brief: Brief, title: str, paragraphs: Sequence[str]) -> None:
    """One message per slide: the title says it, the bullets back it; more go on further slides."""
    points = BODY_POINTS
    pages = pages_of_lines(paragraphs, points)
    if len(pages) > 1:
        points = SMALL_BODY_POINTS
        pages = pages_of_lines(paragraphs, points)
    for number, page in enumerate(pages, start=1):
        slide = _slide(deck, _continued(title, number, len(pages)), brief)
        body = _text_box(slide, LEFT, BODY_TOP + 0.1, WIDTH, BODY_HEIGHT)
        for position, text in enumerate(page):
            paragraph = body.paragraphs[0] if position == 0 else body.add_paragraph()
            paragraph.space_after = Pt(points * 0.5)
            _write(paragraph, text, points)


def _rows_of(facts: Sequence[Fact], width: int, points: float) -> list[tuple[str, str, int]]:
    """Table rows with the lines each takes; a value longer than a third of a slide goes on in
    further rows marked "(continued)"."""
    most = lines_per_box(BODY_HEIGHT, points) // 3
    rows = []
    for fact in facts:
        lines = wrapped(fact.value, width)
        for start in range(0, len(lines), most):
            label = fact.label if start == 0 else f"{fact.label} (continued)"
            chunk = lines[start : start + most]
            rows.append((label, joined(chunk), max(len(chunk), math.ceil(len(label) / 40))))
    return rows


Row = tuple[str, str, int]  # label, value, and the lines it takes


def _table_pages(facts: Sequence[Fact], value_width: float, points: float) -> list[list[Row]]:
    rows = _rows_of(facts, characters_per_line(value_width - 0.2, points), points)
    most = lines_per_box(BODY_HEIGHT, points) - 1
    pages: list[list[Row]] = [[]]
    used = 0.0
    for row in rows:
        if pages[-1] and used + row[2] + 0.5 > most:
            pages.append([])
            used = 0
        pages[-1].append(row)
        used += row[2] + 0.5  # a row's margins take about half a line
    return pages


def _table_slides(deck: Deck, brief: Brief, title: str, facts: Sequence[Fact]) -> None:
    """Label and value in two columns, large when they fit one slide; rows that do not fit go on
    to further slides."""
    label_width, value_width = 4.2, WIDTH - 4.2
    points = LARGE_TABLE_POINTS
    pages = _table_pages(facts, value_width, points)
    if len(pages) > 1:
        points = TABLE_POINTS
        pages = _table_pages(facts, value_width, points)
    for number, page in enumerate(pages, start=1):
        slide = _slide(deck, _continued(title, number, len(pages)), brief)
        height = sum((lines + 0.5) * points * LINE_SPACING / 72 for _, _, lines in page)
        shape = slide.shapes.add_table(
            len(page), 2, Inches(LEFT), Inches(BODY_TOP + 0.1), Inches(WIDTH), Inches(height)
        )
        table = shape.table
        table.first_row = False
        table.columns[0].width, table.columns[1].width = Inches(label_width), Inches(value_width)
        for row_number, (label, value, lines) in enumerate(page):
            table.rows[row_number].height = Emu(Inches((lines + 0.5) * points * LINE_SPACING / 72))
            for column, text in enumerate((label, value)):
                cell = table.cell(row_number, column)
                cell.fill.solid()
                cell.fill.fore_color.rgb = STRIPE if row_number % 2 else WHITE
                cell.text_frame.word_wrap = True
                _write(cell.text_frame.paragraphs[0], text, points, INK, bold=column == 0)


def _answer_slide(deck: Deck, brief: Brief) -> None:
    """The answer first: the headline as one sentence, and one big number."""
    slide = deck.slides.add_slide(deck.slide_layouts[BLANK_LAYOUT])
    name = _text_box(slide, LEFT, 0.5, WIDTH, 1.0)
    name.vertical_anchor = MSO_ANCHOR.TOP
    _write(name.paragraphs[0], brief.title, min(title_points(brief.title), 24), MUTED, bold=True)
    sentence = _text_box(slide, LEFT, 1.6, WIDTH, 2.2)
    _write(sentence.paragraphs[0], brief.headline, 30 if len(brief.headline) <= 140 else 24, INK, bold=True)
    number = _text_box(slide, LEFT, 4.0, WIDTH, 1.6)
    _write(number.paragraphs[0], brief.big_number.value, 80, GOOD if brief.pays_back else BAD, bold=True)
    label = _text_box(slide, LEFT, 5.6, WIDTH, 0.6)
    _write(label.paragraphs[0], brief.big_number.label, 22, MUTED)
    footer = _text_box(slide, LEFT, 6.6, WIDTH, 0.5)
    _write(
        footer.paragraphs[0], f"{brief.break_even_sentence} Made on {brief.made_on.isoformat()}.", 16, MUTED
    )


def _chart_slide(deck: Deck, brief: Brief) -> None:
    slide = _slide(deck, brief.break_even_sentence, brief)
    # As tall as the space above the footer allows, centred: the chart keeps its proportions.
    height = 7.0 - (BODY_TOP + 0.05) - 0.05
    width = height * CHART_PIXELS["width"] / CHART_PIXELS["height"]
    slide.shapes.add_picture(
        io.BytesIO(chart_png(brief)),
        Inches(LEFT + (WIDTH - width) / 2),
        Inches(BODY_TOP + 0.05),
        height=Inches(height),
    )


def _check_slide(deck: Deck, brief: Brief) -> None:
    """Each assumption beside what the usage shows, and break-even with each."""
    assert brief.check is not None
    slide = _slide(deck, CHECK_TITLE, brief)
    sentence = _text_box(slide, LEFT, BODY_TOP + 0.05, WIDTH, 1.0)
    _write(sentence.paragraphs[0], brief.check.sentence, 18)
    rows = brief.check.rows
    table = slide.shapes.add_table(
        len(rows), 3, Inches(LEFT), Inches(2.8), Inches(WIDTH), Inches(0.42) * len(rows)
    ).table
    for column, width in enumerate((5.3, 3.3, 3.3)):
        table.columns[column].width = Inches(width)
    for row, values in enumerate(rows):
        for column, text in enumerate(values):
            _write(table.cell(row, column).text_frame.paragraphs[0], text, 16, INK, bold=row == 0)
    if brief.check.notes:
        notes = _text_box(slide, LEFT, 2.9 + 0.42 * len(rows), WIDTH, 1.2)
        for position, note in enumerate(brief.check.notes):
            _write((notes.paragraphs[0] if position == 0 else notes.add_paragraph()), note, 13, MUTED)


def _section_slides(deck: Deck, brief: Brief, section: Section) -> None:
    if section.facts:
        _table_slides(deck, brief, section.title, section.facts)
    if section.lines:
        _bullet_slides(deck, brief, section.title, section.lines)


def make_deck(brief: Brief) -> bytes:
    """The slides: the answer, break-even on the chart, the verdict, the decision, the check
    against usage when there is one, then every section of the brief (inputs, assumptions,
    ranges, prices, every input), and last a rationale too long for the decision's slide."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDE
    _answer_slide(deck, brief)
    _chart_slide(deck, brief)
    _bullet_slides(deck, brief, brief.verdict.title, brief.verdict.reasons)
    rationale = (f"Rationale: {brief.rationale}",) if brief.rationale else ()
    # A rationale too long for the decision's slide goes last, over as many slides as it takes.
    rationale_apart = len(pages_of_lines((*brief.decision, *rationale), BODY_POINTS)) > 1
    if rationale_apart:
        rationale_note = ("The rationale follows on the last slides.",)
        _bullet_slides(deck, brief, "Decision record", (*brief.decision, *rationale_note))
    else:
        _bullet_slides(deck, brief, "Decision record", (*brief.decision, *rationale))
    if brief.check is not None:
        _check_slide(deck, brief)
    for section in brief.sections:
        _section_slides(deck, brief, section)
    if rationale_apart:
        _bullet_slides(deck, brief, "Rationale", (brief.rationale,))
    file = io.BytesIO()
    deck.save(file)
    return file.getvalue()


def slide_count(slides: bytes) -> int:
    return len(Presentation(io.BytesIO(slides)).slides)
