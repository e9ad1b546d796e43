"""The price catalog: every price with its date and source; send one to the what-if page."""

from datetime import date

import streamlit as st

from pricing import apply_prices, load_catalog, read_litellm_file
from pricing.litellm import MAX_FILE_BYTES, LiteLLMImport
from pricing.records import STALE_AFTER, records_frame
from render.text import bullets, markdown_safe
from ui import state
from ui.page import start_page
from ui.price_history import show_price_history

start_page()
today = date.today()


@st.cache_data(max_entries=4, show_spinner="Reading the price file...")
def import_file(content: bytes, file_name: str, read_on: date | None) -> LiteLLMImport:
    return read_litellm_file(content, read_on=read_on, file_name=file_name)


st.title("Prices")
st.caption(
    "US dollars per 1M tokens unless a column says otherwise. Every price shows when it was read "
    f"and where; one read more than "
    f"{STALE_AFTER.days} days ago is flagged stale. A price the source does not give reads "
    "'unknown', never a free one."
)

with st.expander("Import a LiteLLM price file (model_prices_and_context_window.json)"):
    as_of = st.date_input(
        "Prices as of (the day the file was downloaded)",
        value=None,
        max_value=today,
        key="prices.as_of",
        help="The file itself carries no date. Without one, its prices are 'date unknown' and flagged stale.",
    )
    upload = st.file_uploader("LiteLLM price file", type=["json"], key="prices.upload")
    if upload is not None:
        if upload.size > MAX_FILE_BYTES:
            st.error(
                markdown_safe(
                    f"Nothing imported: {upload.name} is {upload.size:,} bytes; "
                    f"the limit is {MAX_FILE_BYTES:,}."
                )
            )
        else:
            report = import_file(upload.getvalue(), upload.name, as_of)
            if report.unreadable:
                st.error(markdown_safe(f"Nothing imported: {report.unreadable}."))
            else:
                st.session_state[state.IMPORTED_PRICES] = report.records
                st.write(
                    f"{len(report.records)} models imported, {len(report.refused)} entries refused, "
                    f"{len(report.flagged)} prices flagged, {len(report.without_prices)} entries without "
                    f"any price, {report.skipped_other_modes} non-text models skipped."
                )
                sections = (
                    ("Refused", report.refused),
                    ("Flagged", report.flagged),
                    ("Without any price, not imported", report.without_prices),
                )
                for title, lines in sections:
                    if lines:
                        st.warning(f"**{title}:**\n" + bullets(lines))

records = [*load_catalog(), *st.session_state[state.IMPORTED_PRICES]]
table = records_frame(records, today)
providers, search = st.columns([2, 1])
chosen_providers = providers.multiselect(
    "Providers", sorted(table["provider"].unique()), key="prices.providers"
)
text = search.text_input("Model contains", key="prices.search")
shown = table[
    (table["provider"].isin(chosen_providers) if chosen_providers else True)
    & table["model"].str.contains(text, case=False, regex=False)
]
price_column = st.column_config.NumberColumn(format="$%.3f")
# What an empty cell reads, instead of Streamlit's "None".
UNKNOWN_PRICE = "unknown"
# Three lines of text a row: Streamlit wraps a cell's text only in rows taller than 4rem (64 px).
TEXT_ROW_HEIGHT = 66
# Tall rows: show a dozen at once (the whole catalog scrolls with the page, not inside a small box).
ROWS_SHOWN = 12
HEADER_HEIGHT = 38  # the header row and the frame's borders
# What people compare comes first and fits 1400 px without scrolling sideways; the rest follows.
COMPARED_FIRST = [
    "provider",
    "model",
    "input $/1M",
    "cached input $/1M",
    "output $/1M",
    "fine-tuned input $/1M",
    "fine-tuned output $/1M",
    "training $/1M",
    "read on",
    "source",
]
st.dataframe(
    shown,
    hide_index=True,
    width="stretch",
    key="prices.table",
    placeholder=UNKNOWN_PRICE,
    column_order=[*COMPARED_FIRST, *(name for name in table.columns if name not in COMPARED_FIRST)],
    column_config={
        **{name: price_column for name in table.columns if table[name].dtype.kind == "f"},
        **{
            name: st.column_config.NumberColumn(
                label, format="$%.3f", width=width, help=f"{name}: $ per 1M tokens"
            )
            for name, label, width in (
                ("input $/1M", "input", 65),
                ("cached input $/1M", "cached", 65),
                ("output $/1M", "output", 75),
                ("fine-tuned input $/1M", "fine-tuned in", 95),
                ("fine-tuned output $/1M", "fine-tuned out", 100),
                ("training $/1M", "training", 75),
            )
        },
        "provider": st.column_config.TextColumn("provider", width=95),
        "model": st.column_config.TextColumn("model", width=175),
        "read on": st.column_config.DateColumn("read on", format="YYYY-MM-DD", width=90),
        "stale": st.column_config.CheckboxColumn("stale", help=f"read over {STALE_AFTER.days} days ago"),
        # The site's domain is enough to compare by; the whole address is the link.
        "source": st.column_config.LinkColumn(
            "source", display_text=r"https?://(?:[^/]*\.)?([^./]+\.[^./]+)(?:[/?#]|$)", width=100
        ),
    },
    # Rows taller than 4rem let long names and sources wrap onto more lines instead of being cut.
    row_height=TEXT_ROW_HEIGHT,
    height=max(1, min(len(shown), ROWS_SHOWN)) * TEXT_ROW_HEIGHT + HEADER_HEIGHT,
)

show_price_history(records, today)

st.subheader("Use a model's prices on the what-if page")
usable = {
    record.key: record
    for record in records
    if any(
        price is not None
        for price in (record.input_per_million, record.finetuned_input_per_million, record.hosting_per_hour)
    )
}
SAME_MODEL = "the same model"
choice = st.selectbox("Model", list(usable), key="prices.choice")
finetuned_choice = st.selectbox(
    "Fine-tuned path model",
    [SAME_MODEL, *usable],
    key="prices.finetuned_choice",
    help="Fine-tune a cheaper model and compare it with prompting a bigger one.",
)
if choice is not None:
    applied = apply_prices(state.current_scenario(), usable[choice], today, usable.get(finetuned_choice))
    st.markdown(bullets(applied.applied))
    if applied.unknown:
        st.warning(markdown_safe("Kept as they are, so check them: " + "; ".join(applied.unknown) + "."))
    if applied.stale:
        st.warning(markdown_safe(f"These prices are stale: {applied.freshness}. Check the source."))
    if st.button("Send to the what-if page", type="primary", key="prices.send"):
        state.replace_scenario(applied.scenario)
        st.session_state[state.PRICES_APPLIED] = applied
        st.switch_page("pages/what_if.py")
