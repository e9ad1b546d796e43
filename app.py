"""Entry point: declares the pages (ui/navigation.py lists them); each page draws itself."""

from pathlib import Path

import streamlit as st

from ui.navigation import PAGES, PRESENT, WHAT_IF

# The icon ships with the app: a ":material/..." page icon makes every browser fetch it
# from Google's font service, and the app sends nothing anywhere.
ICON = Path(__file__).parent / "ui" / "favicon.svg"

st.set_page_config(page_title="Prompt or fine-tune?", page_icon=ICON)

pages = {
    entry: st.Page(entry.path, title=entry.title, icon=entry.icon, default=entry is WHAT_IF)
    for entry in PAGES
}
page = st.navigation(list(pages.values()))
# One layout per run, chosen before the page draws: "wide" here and Present's own "centered"
# in the same run left the browser on either one, switching at each upload (Streamlit 1.67).
# Present reads like a slide and its chart fits a printed page; every other page is wide.
st.set_page_config(layout="centered" if page is pages[PRESENT] else "wide")
page.run()
