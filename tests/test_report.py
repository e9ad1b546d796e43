"""The offline HTML report and the exports' contents."""

import io
from datetime import date

import pandas as pd

from costmodel import evaluate
from costmodel.brief import build_brief
from render.report import make_report_html
from tests import examples

HOSTILE = "<script>alert('x')</script> & <b>bold</b>"
HOSTILE_ARTICLE = examples.ARTICLE.model_copy(
    update={"name": HOSTILE, "notes": "<img src=x onerror=alert(1)>"}
)


def test_report_holds_headline_chart_and_assumptions_with_plotly_inside():
    html = make_report_html(build_brief(HOSTILE_ARTICLE, date(2026, 11, 26)))
    assert "Fine-tuning pays for itself on day 100" in html
    assert "plotly" in html
    assert "<script src=" not in html
    assert "calls per day" in html
    assert "10,000" in html
    assert "2026-11-26" in html


def test_report_shows_user_text_as_text():
    html = make_report_html(build_brief(HOSTILE_ARTICLE, date(2026, 11, 26)))
    assert HOSTILE not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html


def test_daily_series_csv_parses_with_a_row_per_day():
    frame = pd.read_csv(io.StringIO(evaluate(HOSTILE_ARTICLE).to_frame().to_csv(index=False)))
    assert len(frame) == 731
    assert frame.loc[100, "finetune_cumulative"] == 4_000
