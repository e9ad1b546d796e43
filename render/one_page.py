"""*Download PDF*: the Present page on one A4 page, printed by Debian's chromium, offline.

The page is written as HTML (every user text escaped, the chart a PNG inside it, no link)
and printed by chromium with every request sent to a dead loopback proxy, like the PNG
export. A short script scales the content down when it would run past one page, so the
file is always one page whatever the length of the names and the rationale.
"""

from __future__ import annotations

import base64
import shutil
import subprocess
import tempfile
from datetime import date
from html import escape
from pathlib import Path

from costmodel import CostResult, headline
from costmodel.breakdown import describe_day
from costmodel.calibrate import Calibration
from costmodel.decision import DecisionRecord
from costmodel.explain import cost_per_thousand_calls_words, money_for
from costmodel.guide import GuideAnswers
from costmodel.sensitivity import key_assumptions
from render.deck import CHECK_TITLE, check_in_words, decision_lines, price_source_lines, verdict_lines
from render.export import DEAD_PROXY, cost_chart_png

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
.rationale {{ white-space: pre-wrap; }} .meta {{ color: #666; font-size: 11px; margin-top: 8px; }}
"""
# Scaled down, the content is laid out wider in the same measure, so the chart keeps the
# page's width and long text takes fewer lines: try smaller scales until it fits.
FIT_ON_ONE_PAGE = f"""
const body = document.body;
for (let scale = 1; scale >= 0.3; scale -= 0.025) {{
  body.style.width = ({PAGE_WIDTH_PX} / scale) + "px";
  body.style.zoom = scale;
  if (body.getBoundingClientRect().height <= {PAGE_HEIGHT_PX}) break;
}}
"""


def _bullets(lines: list[str]) -> str:
    return "<ul>" + "".join(f'<li class="rationale">{escape(line)}</li>' for line in lines) + "</ul>"


def _check_html(result: CostResult, actuals: Calibration | None) -> str:
    if actuals is None:
        return ""
    sentence, rows, notes = check_in_words(result, actuals)
    header, *body = rows
    table = "<tr>" + "".join(f"<th>{escape(text)}</th>" for text in header) + "</tr>"
    table += "".join("<tr>" + "".join(f"<td>{escape(text)}</td>" for text in row) + "</tr>" for row in body)
    notes_html = _bullets(list(notes))
    return f"<h2>{escape(CHECK_TITLE)}</h2><p>{escape(sentence)}</p><table>{table}</table>{notes_html}"


def one_page_html(
    result: CostResult,
    today: date,
    decision: DecisionRecord | None,
    answers: GuideAnswers | None,
    chart_png: bytes,
    actuals: Calibration | None = None,
) -> str:
    """The Present page's content as one HTML page, with the check against usage when given:
    every text escaped, nothing fetched."""
    scenario = result.scenario
    money = money_for(scenario)
    title = scenario.name or "Prompt engineering or fine-tuning?"
    verdict, reasons = verdict_lines(result, answers)
    facts = [
        ("When fine-tuning breaks even", describe_day(scenario, result.break_even_day)),
        ("Saved by fine-tuning over the horizon", money(result.savings)),
        *cost_per_thousand_calls_words(result),
    ]
    answers_html = "".join(
        f"<div><small>{escape(label)}</small><b>{escape(value)}</b></div>" for label, value in facts
    )
    chart = base64.b64encode(chart_png).decode("ascii")
    prices = price_source_lines(result, today)[0]
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title><style>{STYLE}</style></head>
<body>
<h1>{escape(title)}</h1>
<p class="headline">{escape(headline(result))}</p>
<img alt="Cumulative cost of each path by day" src="data:image/png;base64,{chart}"
 width="{CHART_PIXELS["width"]}" height="{CHART_PIXELS["height"]}">
<div class="answers">{answers_html}</div>
<div class="columns">
<div><h2>The three assumptions that matter most</h2>{_bullets(key_assumptions(result))}</div>
<div><h2>Verdict: {escape(verdict)}</h2>{_bullets(reasons)}</div>
</div>
<h2>Decision</h2>{_bullets(decision_lines(decision))}
{_check_html(result, actuals)}
<p class="meta">{escape(prices)} Made on {today.isoformat()}.</p>
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


def make_one_page_pdf(
    result: CostResult,
    today: date,
    decision: DecisionRecord | None = None,
    answers: GuideAnswers | None = None,
    actuals: Calibration | None = None,
) -> bytes:
    """The Present page as a one-page PDF: title, answer, chart, what it hangs on, verdict,
    decision, and the check against `actuals` when usage data was given."""
    chart = cost_chart_png(result, CHART_PIXELS)
    return print_to_pdf(one_page_html(result, today, decision, answers, chart, actuals))
