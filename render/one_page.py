"""*Download PDF*: the Present page on one A4 page, printed by Debian's chromium, offline.

The page is written as HTML (every user text escaped, the chart a PNG inside it, no link)
and printed by chromium with every request sent to a dead loopback proxy, like the PNG
export. A short script scales the content down when it would run past one page, so the
file is one page unless a rationale is too long to read at the smallest scale: the rationale
comes last, so the answer stays on the first page and the rationale flows on, whole lines only.
"""

from __future__ import annotations

import base64
import shutil
import subprocess
import tempfile
from html import escape
from pathlib import Path

from costmodel.brief import CHECK_TITLE, Brief, Section
from render.export import DEAD_PROXY, cost_chart_png
from render.text import plain_text

CHART_PIXELS = {"width": 1000, "height": 470, "scale": 2}
# A4 less 10 mm margins, in CSS pixels (96 per inch): the content is laid out this wide
# and scaled down to fit this high.
PAGE_WIDTH_PX, PAGE_HEIGHT_PX = 718, 1040
PRINT_SECONDS = 60
# Flags that keep Chromium quiet on a machine with no network but loopback (the browser
# tests start it with these too).
QUIET_CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
OFFLINE_CHROMIUM_FLAGS = (
    *QUIET_CHROMIUM_FLAGS,
    "--disable-extensions",
    f"--proxy-server={DEAD_PROXY}",
    "--proxy-bypass-list=<-loopback>",
    "--no-pdf-header-footer",
)

STYLE = f"""
@page {{ size: A4; margin: 10mm; }}
body {{ font-family: system-ui, sans-serif; color: #222; margin: 0; width: {PAGE_WIDTH_PX}px; }}
h1 {{ font-size: 24px; margin: 0 0 4px; }} h2 {{ font-size: 16px; margin: 10px 0 4px; }}
p {{ font-size: 13px; }}
.headline {{ font-size: 16px; font-weight: 600; margin: 4px 0 8px; }}
img {{ width: 100%; height: auto; }}
ul {{ margin: 0; padding-left: 18px; }} li {{ margin: 2px 0; font-size: 13px; }}
.columns {{ display: flex; gap: 16px; }} .columns > div {{ flex: 1; }}
.answers {{ display: flex; gap: 8px; margin: 6px 0; }}
.answers div {{ flex: 1; border: 1px solid #ddd; border-radius: 4px; padding: 4px 6px; }}
.answers small {{ display: block; color: #555; font-size: 11px; }} .answers b {{ font-size: 14px; }}
table {{ border-collapse: collapse; font-size: 13px; margin: 4px 0; }}
td, th {{ border: 1px solid #ccc; padding: 2px 8px; text-align: left; }} th {{ background: #f4f4f4; }}
.rationale {{ white-space: pre-wrap; font-size: 13px; margin: 0; }}
.rationale.long {{ columns: 3 14em; column-gap: 16px; }}
.meta {{ color: #666; font-size: 11px; margin-top: 8px; }}
.sections {{ display: grid; grid-template-columns: 1fr 1fr; gap: 0 16px; }}
h2, li, tr, .answers, img {{ break-inside: avoid; }} h2 {{ break-after: avoid; }}
"""
# Scaled down, the content is laid out wider in the same measure, so the chart keeps the
# page's width and long text takes fewer lines: try smaller scales until it fits.
# Scaled down, the content is laid out wider in the same measure, so the chart keeps the
# page's width and long text takes fewer lines: try smaller scales until it fits. Below the
# smallest readable scale it prints at a readable one and flows on to further pages.
SMALLEST_SCALE, FLOWING_SCALE = 0.45, 0.8
LONG_RATIONALE_LINES = 12
FIT_ON_ONE_PAGE = f"""
const body = document.body;
let fits = false;
for (let scale = 1; scale >= {SMALLEST_SCALE}; scale -= 0.025) {{
  body.style.width = ({PAGE_WIDTH_PX} / scale) + "px";
  body.style.zoom = scale;
  if (body.getBoundingClientRect().height <= {PAGE_HEIGHT_PX}) {{ fits = true; break; }}
}}
if (!fits) {{
  body.style.width = ({PAGE_WIDTH_PX} / {FLOWING_SCALE}) + "px";
  body.style.zoom = {FLOWING_SCALE};
}}
"""


def _text(text: str) -> str:
    return escape(plain_text(text))


def _bullets(lines: tuple[str, ...] | list[str]) -> str:
    return "<ul>" + "".join(f"<li>{_text(line)}</li>" for line in lines) + "</ul>"


def _section_html(section: Section) -> str:
    parts = [f"<h2>{_text(section.title)}</h2>"]
    if section.facts:
        rows = "".join(f"<tr><th>{_text(f.label)}</th><td>{_text(f.value)}</td></tr>" for f in section.facts)
        parts.append(f"<table>{rows}</table>")
    if section.lines:
        parts.append(_bullets(section.lines))
    return f"<div>{''.join(parts)}</div>"


def _check_html(brief: Brief) -> str:
    if brief.check is None:
        return ""
    header, *body = brief.check.rows
    table = "<tr>" + "".join(f"<th>{_text(text)}</th>" for text in header) + "</tr>"
    table += "".join("<tr>" + "".join(f"<td>{_text(text)}</td>" for text in row) + "</tr>" for row in body)
    notes = _bullets(brief.check.notes)
    return f"<h2>{_text(CHECK_TITLE)}</h2><p>{_text(brief.check.sentence)}</p><table>{table}</table>{notes}"


def one_page_html(brief: Brief, chart_png: bytes) -> str:
    """The brief as one HTML page, as Present shows it: every text escaped, nothing fetched."""
    answers_html = "".join(
        f"<div><small>{_text(fact.label)}</small><b>{_text(fact.value)}</b></div>"
        for fact in brief.key_numbers
    )
    sections = "".join(_section_html(section) for section in brief.sections if section.everywhere)
    chart = base64.b64encode(chart_png).decode("ascii")
    # A long rationale is set in columns, as a newspaper sets it: a page holds three times the lines.
    long = (
        " long" if brief.rationale.count("\n") >= LONG_RATIONALE_LINES or len(brief.rationale) > 3_000 else ""
    )
    rationale = (
        f'<h2>Rationale</h2><p class="rationale{long}">{_text(brief.rationale)}</p>'
        if brief.rationale
        else ""
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{_text(brief.title)}</title><style>{STYLE}</style></head>
<body>
<h1>{_text(brief.title)}</h1>
<p class="headline">{_text(brief.headline)}</p>
<p>{_text(brief.break_even_sentence)}</p>
<img alt="Cumulative cost of each path by day" src="data:image/png;base64,{chart}"
 width="{CHART_PIXELS["width"]}" height="{CHART_PIXELS["height"]}">
<div class="answers">{answers_html}</div>
<h2>{_text(brief.verdict.title)}</h2>{_bullets(brief.verdict.reasons)}
<div class="sections">{sections}</div>
<h2>Decision</h2>{_bullets(brief.decision)}
{_check_html(brief)}
{rationale}
<p class="meta">Made on {brief.made_on.isoformat()}.</p>
<script>{FIT_ON_ONE_PAGE}</script>
</body></html>
"""


class PrintError(RuntimeError):
    """Chromium could not print the page."""


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def print_to_pdf(html: str) -> bytes:
    """The HTML printed to PDF by Debian's chromium, offline, in a throwaway profile."""
    chromium = chromium_path()
    if chromium is None:
        raise PrintError("The PDF is printed by Chromium, which is not installed here (see packages.txt).")
    with tempfile.TemporaryDirectory(prefix="one-page-") as folder:
        page, pdf = Path(folder) / "page.html", Path(folder) / "page.pdf"
        page.write_text(html, encoding="utf-8")
        command = [
            chromium,
            *OFFLINE_CHROMIUM_FLAGS,
            f"--user-data-dir={Path(folder) / 'profile'}",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ]
        try:
            # Our own flags and a file we wrote: no user text reaches the command line.
            subprocess.run(command, capture_output=True, timeout=PRINT_SECONDS, check=True)  # noqa: S603
        except (subprocess.SubprocessError, OSError) as error:
            raise PrintError(f"Chromium could not print the page ({type(error).__name__}).") from error
        if not pdf.exists():
            raise PrintError("Chromium wrote no PDF.")
        return pdf.read_bytes()


def make_one_page_pdf(brief: Brief) -> bytes:
    """The brief as a PDF, one page unless its rationale is too long (then it flows on)."""
    return print_to_pdf(one_page_html(brief, cost_chart_png(brief.result, CHART_PIXELS)))
