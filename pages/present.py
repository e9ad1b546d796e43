"""The presentation view for managers: the answer, the chart, what it hangs on, the decision."""

import streamlit as st

from costmodel import evaluate, headline
from costmodel.sensitivity import key_assumptions
from render.charts import make_cost_curves
from render.text import bullets, markdown_safe
from ui import presentation, saved, state
from ui.calibration import check_from_uploads
from ui.manager_questions import show_manager_answers
from ui.page import start_page
from ui.store import get_store

# Centered (app.py sets it before the page runs): the page reads like a slide, and its chart
# fits the width of a printed page.
st.set_page_config(initial_sidebar_state="collapsed")
start_page()
scenario = state.current_scenario()
result = evaluate(scenario)
store = get_store()
record = presentation.current_decision(store)
st.html(presentation.PRINT_CSS)

st.title(markdown_safe(scenario.name or "Prompt engineering or fine-tuning?"))
st.markdown(f"### {markdown_safe(headline(result))}")
st.plotly_chart(
    make_cost_curves(result),
    width=presentation.CHART_WIDTH,
    key="present.chart",
    config={"displayModeBar": False},
)

assumptions, verdict_column = st.columns(2)
with assumptions:
    st.subheader("The three assumptions that matter most")
    st.markdown(bullets(key_assumptions(result)))
with verdict_column:
    title, reasons = presentation.verdict(result)
    st.subheader(f"Verdict: {title}")
    st.markdown(bullets(reasons))

with st.container(key="present-check"):  # its class lets the print style choose what goes on paper
    st.subheader("Check against what happened")
    st.caption(
        "Upload usage from after the decision: each assumption beside what happened, and the "
        "break-even day recomputed with the actual numbers. The slides then include the check."
    )
    actuals = check_from_uploads(scenario, "present.check")

show_manager_answers(result, key="present")

st.subheader("Decision")
presentation.show_decision(record)
with st.expander("Fill in the decision record"):
    presentation.decision_form(store, record)
slides, one_page = st.columns(2)
with slides:
    saved.deck_button(result, record, key="present.deck", actuals=actuals)
with one_page:
    saved.one_page_pdf_button(result, record, key="present.pdf", actuals=actuals)
