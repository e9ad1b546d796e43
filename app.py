"""Entry point: declares the pages; each page draws itself."""

from pathlib import Path

import streamlit as st

# The icon ships with the app: a ":material/..." page icon makes every browser fetch it
# from Google's font service, and the app sends nothing anywhere.
ICON = Path(__file__).parent / "ui" / "favicon.svg"

st.set_page_config(page_title="Prompt or fine-tune?", page_icon=ICON)

PRESENT = st.Page("pages/present.py", title="Present", icon=":material/slideshow:")
page = st.navigation(
    [
        st.Page("pages/what_if.py", title="What-if", icon=":material/show_chart:", default=True),
        st.Page("pages/scenarios.py", title="Scenarios", icon=":material/save:"),
        st.Page("pages/compare.py", title="Compare", icon=":material/compare_arrows:"),
        PRESENT,
        st.Page("pages/uncertainty.py", title="How sure?", icon=":material/ssid_chart:"),
        st.Page("pages/tokens.py", title="Token counter", icon=":material/token:"),
        st.Page("pages/calibrate.py", title="Calibrate", icon=":material/query_stats:"),
        st.Page("pages/evals.py", title="Evals", icon=":material/fact_check:"),
        st.Page("pages/prices.py", title="Prices", icon=":material/sell:"),
        st.Page("pages/decision_guide.py", title="Decision guide", icon=":material/alt_route:"),
    ]
)
# One layout per run, chosen before the page draws: "wide" here and Present's own "centered"
# in the same run left the browser on either one, switching at each upload (Streamlit 1.67).
# Present reads like a slide and its chart fits a printed page; every other page is wide.
st.set_page_config(layout="centered" if page is PRESENT else "wide")
page.run()
