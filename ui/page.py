"""What every page does first."""

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from render.text import bullets
from ui import state


def start_page() -> None:
    """Make sure the page runs inside app.py's navigation, declare the state, write the link.

    Streamlit decides per server process, before app.py first runs, whether to use
    its old automatic `pages/` mode. A fresh server whose first visitor opens a page
    URL (a shared link, a bookmark) therefore runs that page file alone: no page
    config and the wrong sidebar. `st.navigation` turns the old mode off; turning
    it off here and rerunning sends the visitor through app.py to the same page.
    Only a session's first run needs this: AppTest switches the old mode back on
    before every run, and a rerun there would swallow button clicks.

    Every page, not only the what-if page, keeps the scenario in the address bar, so
    reloading or sharing any page shows the same numbers. Widget callbacks have changed
    the scenario before this runs; code that changes it later in a run reruns or
    switches page, which comes back here.
    """
    if PagesManager.uses_pages_directory and not st.session_state.get(state.SEEN_APP_NAVIGATION):
        PagesManager.uses_pages_directory = False
        st.rerun()
    state.init_state()
    st.session_state[state.SEEN_APP_NAVIGATION] = True
    state.write_share_link()
    problems = st.session_state[state.LINK_PROBLEMS]
    st.session_state[state.LINK_PROBLEMS] = []
    if problems:
        st.warning(
            "This link's scenario could not be read, so the default example is shown:\n" + bullets(problems),
            icon=":material/link_off:",
        )
    left_out = st.session_state[state.LINK_RATIONALE_LEFT_OUT]
    st.session_state[state.LINK_RATIONALE_LEFT_OUT] = 0
    if left_out:
        st.info(
            f"This link carries the start of the decision's rationale: {left_out:,} more characters "
            "did not fit in a link. The scenario file (Scenarios page) carries it whole.",
            icon=":material/content_cut:",
        )
