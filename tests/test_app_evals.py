"""The Evals page in AppTest, and What-if's finance and latency row: upload eval results, say which
variant is which path, see them side by side, use the numbers, and read them back on What-if and
How sure?."""

import pytest
from streamlit.testing.v1 import AppTest

from costmodel import evaluate
from costmodel.evals import read_evals
from costmodel.finance import irr_percent_per_year, npv_of_finetuning
from tests.app_helpers import metric, open_section, shown, start_app
from tests.test_evals import FIXTURES
from ui.state import KEPT_WIDGETS
from ui.uncertainty import LAST

PAGE = "pages/evals.py"


@pytest.fixture
def evals_page(store_path) -> AppTest:
    return start_app(PAGE)


def upload(at: AppTest, *names: str) -> None:
    files = [(name, (FIXTURES / name).read_bytes(), "application/octet-stream") for name in names]
    at.file_uploader(key="evals.upload").set_value(files).run()
    assert not at.exception


def cell(at: AppTest, row: str, column: int) -> str:
    table = at.table[0].value.set_index("")
    return str(table.loc[row].iloc[column])


def test_the_page_is_in_the_navigation_and_asks_for_files(evals_page):
    at = evals_page
    assert at.title[0].value == "Quality from eval runs"
    assert not at.table


def test_side_by_side_pass_rate_interval_tokens_latency_and_cost(evals_page):
    at = evals_page
    upload(at, "promptfoo-results.json")
    base, _ = read_evals([("r.json", (FIXTURES / "promptfoo-results.json").read_bytes())])
    table = at.table[0].value
    assert list(table.columns)[1:] == ["Prompt path: base-long-prompt", "Fine-tuned path: fine-tuned"]
    low, high = base.error_rate_interval_percent
    assert cell(at, "Pass rate (95% interval)", 0) == f"88.9% ({100 - high:.1f}–{100 - low:.1f})"
    assert cell(at, "Cases: passed / failed / errored", 0) == "8 / 1 / 1"
    assert cell(at, "Latency p50 / p95", 1) == "315 ms / 459 ms"
    assert cell(at, "Cost per correct answer", 0) == f"${base.cost_per_correct_answer:.5f}".rstrip("0")
    assert any("graded cases per path" in shown(c.value) for c in at.caption)
    assert any("100 or more" in shown(c.value) for c in at.caption)


def test_which_variant_is_which_path_is_the_users_choice(evals_page):
    at = evals_page
    upload(at, "plain.csv")
    at.selectbox(key="evals.prompt").set_value("fine-tuned").run()
    assert at.warning  # both paths on one variant
    assert not at.table
    at.selectbox(key="evals.finetuned").set_value("prompt").run()
    assert list(at.table[0].value.columns)[1] == "Prompt path: fine-tuned"


def test_a_bad_file_is_one_line_and_no_table(evals_page):
    at = evals_page
    at.file_uploader(key="evals.upload").set_value(("run.csv", b"a,b\n1,2\n", "text/csv")).run()
    assert not at.exception
    assert "run.csv: not an eval CSV" in shown(at.error[0].value)
    assert not at.table


def test_use_these_numbers_fills_the_scenario_how_sure_and_what_if(evals_page):
    at = evals_page
    upload(at, "promptfoo-results.json")
    at.button(key="evals.use").click().run()
    assert not at.exception
    scenario = at.session_state["scenario"]
    assert scenario.prompt_error_percent == pytest.approx(100 / 9)
    assert scenario.finetune_error_percent == pytest.approx(30)
    assert (scenario.prompt_tokens, scenario.finetuned_prompt_tokens) == (1_040, 272)  # no user input here
    assert scenario.prompt_latency_ms_p50 == 880
    assert "The scenario now uses the eval" in at.success[0].value
    base = read_evals([("r.json", (FIXTURES / "promptfoo-results.json").read_bytes())])[0]
    ranges = last_ranges(at).loc["prompt path error rate (%)"]
    assert ranges["uncertain"]
    assert (ranges["low"], ranges["likely"], ranges["high"]) == pytest.approx(
        (base.error_rate_interval_percent[0], 100 / 9, base.error_rate_interval_percent[1])
    )

    at.switch_page("pages/what_if.py").run()
    assert not at.exception
    assert metric(at, "Prompt path latency") == "880 ms p50, 1,124 ms p95"
    at.switch_page("pages/uncertainty.py").run()
    assert not at.exception
    assert last_ranges(at).loc["fine-tuned path error rate (%)", "uncertain"]


def test_what_if_shows_npv_discounted_break_even_and_irr_from_the_model(store_path):
    at = start_app()
    open_section(at, "Finance and latency")
    at.number_input(key="input.discount_rate_percent_per_year").set_value(10.0).run()
    at.number_input(key="input.prefill_ms_per_thousand_tokens").set_value(50.0).run()
    assert not at.exception
    result = evaluate(at.session_state["scenario"])
    assert metric(at, "NPV of fine-tuning") == f"${npv_of_finetuning(result):,.0f}"
    assert metric(at, "Discounted break-even") == "day 102"
    assert irr_percent_per_year(result) > 1_000
    assert metric(at, "IRR of fine-tuning") == "over 1,000% a year far above any cost of capital"
    assert metric(at, "Prompt path latency") == "40 ms to read the prompt"
    assert metric(at, "Fine-tuned path latency") == "10 ms to read the prompt"
    assert at.query_params["discount_rate_percent_per_year"] in ("10", ["10"])  # the share link carries it


def test_variant_names_stay_text(evals_page):
    at = evals_page
    name = "[click](http://evil.example) $5 <b>x</b>"
    rows = f'variant,case,passed\n"{name}",1,true\nplain,1,false\n'.encode()
    at.file_uploader(key="evals.upload").set_value(("r.csv", rows, "text/csv")).run()
    assert not at.exception
    assert list(at.table[0].value.columns)[1] == f"Prompt path: {name}"
    at.file_uploader(key="evals.upload").set_value(
        ("r.csv", rows.split(b"\nplain")[0] + b"\n", "text/csv")
    ).run()
    assert shown(at.info[0].value).startswith(f"The files hold one variant ({name})")
    assert "](http" not in at.info[0].value  # escaped: no link


def last_ranges(at: AppTest):
    """How sure?'s Monte Carlo ranges as the session keeps them, by input."""
    _made_for, table = at.session_state[KEPT_WIDGETS][LAST]
    return table.set_index("input")
