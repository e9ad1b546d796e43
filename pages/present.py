"""The presentation view for managers: it lays out the scenario's brief (costmodel.brief), as
the PDF, the slides and the report do; it computes nothing of its own."""

import streamlit as st

from render.charts import make_cost_curves
from render.text import bullets, markdown_safe, plain_text
from ui import presentation, saved, state
from ui.calibration import calibration_from_uploads, show_check, show_check_refused
from ui.layout import metric_row
from ui.manager_questions import show_manager_answers
from ui.page import start_page
from ui.store import get_store

# Centered (app.py sets it before the page runs): the page reads like a slide, and its chart
# fits the width of a printed page.
st.set_page_config(initial_sidebar_state="collapsed")
start_page()
scenario = state.current_scenario()
store = get_store()
record = presentation.current_decision(store)
st.html(presentation.PRINT_CSS)

answer = st.container()  # drawn once the brief is built: it takes the check's usage too
with st.container(key="present-check"):  # its class lets the print style choose what goes on paper
    st.subheader("Check against what happened")
    st.caption(
        "Upload usage from after the decision: each assumption beside what happened, and the "
        "break-even day recomputed with the actual numbers. The slides then include the check."
    )
    actuals = calibration_from_uploads("present.check")
    brief, refused = presentation.current_brief(scenario, record, actuals)
    if refused is not None:
        show_check_refused(refused)
    if brief.check is not None:
        show_check(brief.check, "present.check")

with answer:
    st.title(markdown_safe(plain_text(brief.title)))  # no bidi override turns "evil" into "live"
    st.markdown(f"### {markdown_safe(brief.headline)}")
    st.markdown(markdown_safe(brief.break_even_sentence))
    numbers = metric_row()
    for fact in brief.key_numbers:
        numbers.metric(fact.label, markdown_safe(fact.value))  # our labels; values hold "$"
    st.plotly_chart(
        make_cost_curves(brief.result),
        width=presentation.CHART_WIDTH,
        key="present.chart",
        config={"displayModeBar": False},
    )
    st.subheader(markdown_safe(brief.verdict.title))
    st.markdown(bullets(list(brief.verdict.reasons)))
    # One wrapping row of fixed-width sections: two abreast on screen, three on the wider
    # printed page, so the sheet holds them all.
    with st.container(horizontal=True, gap="medium", key="present-sections"):
        for section in brief.sections:
            if section.everywhere:
                with st.container(width=presentation.SECTION_WIDTH):
                    presentation.show_section(section)

with st.container(key="present-questions"):  # on screen only: the printed page is full
    show_manager_answers(brief.result, key="present", with_costs=False)  # the brief's numbers show them

st.subheader("Decision")
presentation.show_decision(brief)
with st.expander("Fill in the decision record"):
    presentation.decision_form(store, record)
slides, one_page = st.columns(2)
with slides:
    saved.deck_button(lambda: brief, scenario, key="present.deck", with_check=brief.check is not None)
with one_page:
    saved.one_page_pdf_button(brief, key="present.pdf")
