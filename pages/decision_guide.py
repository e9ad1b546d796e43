"""The decision guide: the article's four steps, ending in a verdict with its reasons."""

import streamlit as st

from costmodel import describe_horizon, evaluate
from costmodel.explain import money_for
from costmodel.guide import HYBRID_OPTION, LIMITATIONS, Verdict, verdict_for
from render.text import bullets, markdown_safe
from ui import guide, state
from ui.layout import metric_row
from ui.page import start_page

start_page()
result = evaluate(state.current_scenario())

st.title("Decision guide")
st.caption("Four questions from the article, answered in order. The verdict updates as you go.")

st.subheader("1. Is the prompt complete?")
st.write("A baseline prompt has each of these. Tick what yours has.")
guide.prompt_checklist()

st.subheader("2. Knowledge gap or behaviour gap?")
st.write("With the complete prompt, what is still wrong? Tick all that apply, or none.")
guide.gap_choices()

st.subheader("3. What is the call volume?")
volume_metrics = metric_row()
volume_metrics.metric("Calls per day", f"{result.scenario.calls_per_day:,.0f}")
volume_metrics.metric(
    "Break-even day",
    "None" if result.break_even_day is None else f"Day {result.break_even_day:,}",
    delta=f"within {result.scenario.horizon_days:,} days" if result.break_even_day is None else None,
    delta_color="off",
    delta_arrow="off",
)
volume_metrics.metric(
    f"Saved by fine-tuning over {describe_horizon(result.scenario.horizon_days)}",
    markdown_safe(money_for(result.scenario)(result.savings)),
)
st.page_link("pages/what_if.py", label="Change the scenario on the what-if page", icon=":material/tune:")

st.subheader("4. Are there enough good examples?")
guide.examples_count()

# The one verdict Present, the PDF and the slides show: on cost alone until a question is answered.
verdict = verdict_for(result, guide.answers_from_widgets())
st.divider()
st.header(markdown_safe(verdict.title))
box = st.success if verdict.verdict in (Verdict.FINE_TUNE, Verdict.BOTH) else st.info
box(bullets(list(verdict.reasons)))

with st.expander("The hybrid option"):
    st.write(markdown_safe(HYBRID_OPTION))
with st.expander("Limitations to weigh before fine-tuning", expanded=True):
    st.markdown(bullets(list(LIMITATIONS)))
