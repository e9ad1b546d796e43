"""The what-if page: move the inputs, watch where the two cost curves cross."""

import streamlit as st

from costmodel import (
    describe_horizon,
    evaluate,
    format_tokens,
    headline,
    load_presets,
)
from costmodel.brief import finetuned_price_words
from costmodel.explain import format_money_alike, money_for
from costmodel.warnings import cost_warnings
from render.charts import make_cost_curves
from render.text import markdown_safe
from ui import one_off, state
from ui.finance import show_finance_and_latency
from ui.inputs import scenario_from_sidebar
from ui.layout import metric_row
from ui.manager_questions import show_manager_answers_when_asked
from ui.page import start_page

OVERHEAD_INCLUDES = (
    "Day 1's calls × the prompt's tokens × day 1's input price, less the batch discount. "
    "Growth, later price changes and caching are not in this figure; the chart and the savings count them."
)

start_page()
st.title("Prompt engineering or fine-tuning?")


# The live loop: the sidebar's inputs, the scenario they make, its metrics, notes, chart and answers,
# and the address bar. A fragment, so that a changed input reruns this alone: the navigation, the
# title and the page's first-run notes (start_page) depend on no input and are not sent again.
# Whatever the inputs change is drawn here; a part that changes the scenario from elsewhere (the
# one-off builders' buttons) reruns the whole app.
@st.fragment
def live_loop() -> None:
    scenario = scenario_from_sidebar()
    state.write_share_link()
    result = evaluate(scenario)
    money = money_for(scenario)
    horizon = describe_horizon(scenario.horizon_days)

    if scenario.finetuned_price_per_million is None:  # an input the answer rests on, otherwise unseen
        st.caption(
            markdown_safe(
                f"Fine-tuned input price: {finetuned_price_words(scenario)}. "
                "Set its own under More inputs: Tokens, output prices, hosting."
            )
        )
    sentence = markdown_safe(headline(result))
    if result.pays_back:
        st.success(sentence, icon=":material/check_circle:")
    else:
        st.warning(sentence, icon=":material/warning:")

    top_metrics = metric_row()
    simple_rule = (
        "never (fine-tuning saves nothing per day)"
        if result.simple_break_even_days is None
        else f"day {result.simple_break_even_days:,.1f}"
    )
    never_within_horizon = result.break_even_day is None
    top_metrics.metric(
        "Break-even day",
        "Never" if never_within_horizon else f"Day {result.break_even_day:,}",
        delta=f"within {scenario.horizon_days:,} days"
        if never_within_horizon
        else None
        if result.pays_back
        else f"prompting ahead again by day {scenario.horizon_days:,}",
        delta_color="off",
        delta_arrow="off",
        help=f"The day fine-tuning pays back: from it on, fine-tuning has cost no more in total than "
        f"prompting on every day of the horizon. "
        f"The simple rule (training cost ÷ daily saving) says {simple_rule}.",
    )
    top_metrics.metric(
        "Prompt overhead per day",
        markdown_safe(f"{money(result.prompt_overhead_cost_per_day)}/day"),
        help=f"{format_tokens(result.prompt_overhead_tokens_per_day)} prompt tokens a day "
        f"sent on the prompt path. {OVERHEAD_INCLUDES}",
    )
    top_metrics.metric(
        "Prompt overhead per year",
        markdown_safe(f"{money(result.prompt_overhead_cost_per_year)}/year"),
        help=f"365 × the overhead on day 1. {OVERHEAD_INCLUDES}",
    )
    top_metrics.metric(
        f"Saved by fine-tuning over {horizon}",
        markdown_safe(money(result.savings)),
        help="Prompt path total minus fine-tuned path total at the end of the horizon; "
        "negative when fine-tuning costs more.",
    )

    prices = st.session_state.get(state.PRICES_APPLIED)
    if prices is not None:
        note = (
            f"Prices from the catalog: **{markdown_safe(prices.record_key)}**, "
            f"{markdown_safe(prices.freshness)}."
        )
        if prices.unknown:
            note += markdown_safe(" Not in the catalog, so check them: " + "; ".join(prices.unknown) + ".")
        show = st.warning if prices.stale or prices.unknown else st.caption
        show(note)

    warnings = cost_warnings(result)
    for warning in (w for w in warnings if w.level == "warning"):
        st.warning(markdown_safe(warning.message), icon=":material/report:")

    # The chart's place is kept here and the chart sent after the light parts below it: the browser
    # draws it once whatever came before it is laid out, and a changed input is watched in the
    # chart. The answers, when shown, follow it: their searches would hold it back on the server.
    chart, answers = st.container(), st.container()
    one_off.events_editor(scenario)
    one_off.training_cost_builder(scenario)
    for warning in (w for w in warnings if w.level == "info"):
        st.caption(markdown_safe(warning.message))

    preset_key = state.preset()
    if preset_key in load_presets():
        preset = load_presets()[preset_key]
        st.info(f"**The article's verdict:** {markdown_safe(preset.verdict)}", icon=":material/menu_book:")
        st.caption(markdown_safe(preset.source))

    live_day = result.first_live_day
    prompt_day, finetune_day, saving_day = format_money_alike(
        [result.prompt_daily[live_day], result.finetune_daily[live_day], result.daily_saving],
        scenario.display_currency,
    )
    on_launch = "" if live_day == 1 else f" on day {live_day}, when the fine-tuned model goes live"
    st.caption(
        markdown_safe(
            f"Daily cost: prompt path {prompt_day}/day, fine-tuned path {finetune_day}/day, "
            f"saving {saving_day}/day{on_launch}. Day 0 is the day of training, before any call."
        )
    )
    show_finance_and_latency(result)
    chart.plotly_chart(make_cost_curves(result), width="stretch", key="cost_curves")
    with answers:
        show_manager_answers_when_asked(result, key="what_if")


live_loop()
