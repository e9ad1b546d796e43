"""The self-contained HTML report: opens with no network, plotly's JavaScript inside."""

from __future__ import annotations

from datetime import date
from html import escape

from costmodel import CostResult, headline
from costmodel.compare import comparison_table
from costmodel.decision import DecisionRecord
from costmodel.warnings import cost_warnings
from render.charts import for_export, make_cost_curves

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 1100px; margin: 2em auto; color: #222; }
h1 { margin-bottom: 0.2em; } .headline { font-size: 1.3em; margin: 0.5em 0 1em; }
table { border-collapse: collapse; margin: 1em 0; } td, th { border: 1px solid #ccc; padding: 4px 10px; }
th { background: #f4f4f4; text-align: left; }
.warning { background: #fff8e1; padding: 0.6em; margin: 0.4em 0; }
.meta { color: #666; font-size: 0.9em; }
.rationale { white-space: pre-wrap; }
"""


def _decision_html(record: DecisionRecord | None) -> str:
    if record is None:
        return "<p>No decision recorded yet.</p>"
    when = record.decided_on.isoformat() if record.decided_on else "no date"
    rationale = f'<p class="rationale">{escape(record.rationale)}</p>' if record.rationale else ""
    return (
        f"<p><strong>{escape(record.decision)}</strong>, owner {escape(record.owner or 'not named')}, "
        f"{when}</p>\n{rationale}"
    )


def make_report_html(result: CostResult, today: date, decision: DecisionRecord | None = None) -> str:
    """One HTML page: headline, decision, chart, assumptions and results, warnings; every text escaped."""
    name = result.scenario.name or "Scenario"
    table = comparison_table([(name, result)])
    rows = "\n".join(
        f"<tr><th>{escape(str(label))}</th><td>{escape(str(value))}</td></tr>"
        for label, value in table[name].items()
    )
    warnings = "\n".join(
        f'<p class="warning">{escape(warning.message)}</p>' for warning in cost_warnings(result)
    )
    # No plotly logo in the chart's toolbar: it links to plotly.com, and the report links nowhere.
    chart = for_export(make_cost_curves(result)).to_html(
        full_html=False, include_plotlyjs=True, config={"displaylogo": False}
    )
    notes = f"<p>{escape(result.scenario.notes)}</p>" if result.scenario.notes else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(name)}: prompt engineering or fine-tuning?</title>
<style>{STYLE}</style></head>
<body>
<h1>{escape(name)}</h1>
<p class="meta">Prompt engineering or fine-tuning? Report made on {today.isoformat()}. US dollars.</p>
<p class="headline">{escape(headline(result))}</p>
{notes}
<h2>Decision</h2>
{_decision_html(decision)}
{chart}
<h2>Assumptions and results</h2>
<table>{rows}</table>
<h2>What the simple rule hides</h2>
{warnings}
</body></html>
"""
