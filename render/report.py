"""The self-contained HTML report of a brief: opens with no network, plotly's JavaScript inside."""

from __future__ import annotations

from html import escape

from costmodel.brief import Brief, Section
from render.charts import for_export, make_cost_curves
from render.text import plain_text

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 1100px; margin: 2em auto; color: #222; }
h1 { margin-bottom: 0.2em; } .headline { font-size: 1.3em; margin: 0.5em 0 1em; }
table { border-collapse: collapse; margin: 1em 0; } td, th { border: 1px solid #ccc; padding: 4px 10px; }
th { background: #f4f4f4; text-align: left; }
.warning { background: #fff8e1; padding: 0.6em; margin: 0.4em 0; }
.meta { color: #666; font-size: 0.9em; }
.rationale { white-space: pre-wrap; }
"""


def _text(text: str) -> str:
    return escape(plain_text(text))


def _lines(lines: tuple[str, ...]) -> str:
    return "<ul>" + "".join(f"<li>{_text(line)}</li>" for line in lines) + "</ul>"


def _section(section: Section) -> str:
    rows = "".join(
        f"<tr><th>{_text(fact.label)}</th><td>{_text(fact.value)}</td></tr>" for fact in section.facts
    )
    table = f"<table>{rows}</table>" if rows else ""
    return f"<h2>{_text(section.title)}</h2>\n{table}{_lines(section.lines) if section.lines else ''}"


def make_report_html(brief: Brief) -> str:
    """One HTML page: the brief's headline, break-even, verdict, decision, chart, every section
    and the warnings; every text escaped, nothing linked."""
    warnings = "\n".join(f'<p class="warning">{_text(warning)}</p>' for warning in brief.warnings)
    # No plotly logo in the chart's toolbar: it links to plotly.com, and the report links nowhere.
    chart = for_export(make_cost_curves(brief.result)).to_html(
        full_html=False, include_plotlyjs=True, config={"displaylogo": False}
    )
    notes = f"<p>{_text(brief.notes)}</p>" if brief.notes else ""
    numbers = "".join(
        f"<tr><th>{_text(fact.label)}</th><td>{_text(fact.value)}</td></tr>" for fact in brief.key_numbers
    )
    rationale = f'<p class="rationale">{_text(brief.rationale)}</p>' if brief.rationale else ""
    sections = "\n".join(_section(section) for section in brief.sections)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{_text(brief.title)}: prompt engineering or fine-tuning?</title>
<style>{STYLE}</style></head>
<body>
<h1>{_text(brief.title)}</h1>
<p class="meta">Prompt engineering or fine-tuning? Report made on {brief.made_on.isoformat()}.</p>
<p class="headline">{_text(brief.headline)}</p>
<p>{_text(brief.break_even_sentence)}</p>
{notes}
<table>{numbers}</table>
<h2>{_text(brief.verdict.title)}</h2>
{_lines(brief.verdict.reasons)}
<h2>Decision</h2>
{_lines(brief.decision)}
{rationale}
{chart}
{sections}
<h2>What the simple rule hides</h2>
{warnings}
</body></html>
"""
