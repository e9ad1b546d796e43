"""What-if's finance and latency row: NPV, discounted break-even and IRR beside each path's latency."""

import streamlit as st

from costmodel import CostResult
from costmodel.finance import finance_words
from costmodel.latency import latency_words
from render.text import markdown_safe
from ui.layout import metric_row


def show_finance_and_latency(result: CostResult) -> None:
    """The figures finance asks for and, where an eval or a prefill time gave them, each path's latency.

    The words are costmodel's (finance_words, latency_words), the same the brief lays out.
    """
    row = metric_row()
    for figure in finance_words(result):
        # The remark under the value: a long one in the value's place was cut off at 1000 px.
        row.metric(
            figure.label,
            markdown_safe(figure.value),
            delta=markdown_safe(figure.remark) if figure.remark else None,
            delta_color="off",
            delta_arrow="off",
            help=markdown_safe(figure.meaning),
        )
    latencies = latency_words(result.scenario)
    for label, value, where in latencies:
        row.metric(label, markdown_safe(value), help=markdown_safe(where))
    if not latencies:
        st.caption(
            "Latency: upload an eval on the Evals page, or type a prefill time under "
            "More inputs → Finance and latency."
        )
