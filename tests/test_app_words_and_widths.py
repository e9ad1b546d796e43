"""At 1000 px every column of How sure?'s tables fits; the words a manager meets are explained."""

import json

import pytest

from costmodel.explain import premium_words
from store import ScenarioStore
from tests.app_helpers import metric, show_manager_answers, shown, start_app
from tests.examples import ARTICLE

# The main column at 1000 px wide with the sidebar open (measured in the browser: 540 px).
NARROWEST_MAIN_COLUMN = 540


def widths(frame) -> dict[str, int]:
    config = json.loads(frame.proto.columns)
    return {name: column.get("width") for name, column in config.items() if name != "_index"}


@pytest.fixture
def uncertainty_page(store_path):
    return start_app("pages/uncertainty.py")


class TestWidths:
    def test_every_column_of_the_tornado_table_fits_at_1000_px(self, uncertainty_page):
        [table] = [f for f in uncertainty_page.dataframe if "break-even −20%" in f.value.columns]
        sizes = widths(table)
        assert set(sizes) == set(table.value.columns)
        assert all(isinstance(size, int) for size in sizes.values())
        assert sum(sizes.values()) <= NARROWEST_MAIN_COLUMN
        assert "None" not in table.value.to_string()

    def test_every_column_of_the_ranges_table_fits_at_1000_px(self, uncertainty_page):
        [editor] = [f for f in uncertainty_page.dataframe if "shape" in f.value.columns]
        sizes = widths(editor)
        assert {"input", "uncertain", "low", "likely", "high", "shape"} <= set(sizes)
        assert sum(sizes[name] for name in ("input", "uncertain", "low", "likely", "high", "shape")) <= (
            NARROWEST_MAIN_COLUMN
        )


class TestWords:
    def test_p10_p50_p90_the_seed_and_pert_are_explained(self, uncertainty_page):
        at = uncertainty_page
        helps = {m.label: m.help for m in at.metric}
        assert "1 draw in 10" in helps["P10 break-even day"]
        assert "half the draws" in helps["P50 break-even day"]
        assert "9 draws in 10" in helps["P90 break-even day"]
        assert "same seed draws the same scenarios" in at.number_input(key="uncertainty.seed").help
        [editor] = [f for f in at.dataframe if "shape" in f.value.columns]
        assert "pert: most draws near the likely value" in json.loads(editor.proto.columns)["shape"]["help"]

    def test_the_encodings_are_explained_where_their_names_are_shown(self, store_path):
        at = start_app("pages/tokens.py")
        assert any("the way a model family cuts text into tokens" in shown(c.value) for c in at.caption)
        assert all("cuts text into tokens" in m.help for m in at.metric if m.label.endswith("_base tokens"))

    def test_a_negative_premium_says_the_fine_tuned_prices_must_be_cheaper(self):
        assert premium_words(-69.9) == "must be 69.9% cheaper"

    def test_the_premium_answer_says_it_in_words(self, store_path):
        # No shorter prompt: only lower fine-tuned prices can repay the training.
        at = start_app(
            query={
                "calls_per_day": "10000",
                "prompt_tokens": "800",
                "finetuned_prompt_tokens": "800",
                "price_per_million": "5",
                "training_cost": "3000",
            }
        )
        show_manager_answers(at)
        answer = metric(at, "Largest fine-tuned price premium")
        assert answer.endswith("% cheaper")
        assert answer.startswith("-")


def test_three_compared_scenarios_fit_at_1000_px(store_path):
    store = ScenarioStore(f"sqlite:///{store_path}")
    for name, changes in (
        ("Support bot, ten thousand calls", {}),
        ("Support bot, retraining quarterly", {"retrain_every_days": 90, "retrain_cost": 2000}),
        ("Pitch classifier at fifty thousand", {"calls_per_day": 50_000, "retrain_every_days": 180}),
    ):
        store.create(name, ARTICLE.model_copy(update=changes))
    at = start_app("pages/compare.py")
    at.multiselect(key="compare.chosen").set_value([entry.id for entry in store.list()]).run()
    [table] = at.dataframe
    assert len(table.value.columns) == 3
    config = json.loads(table.proto.columns)
    assert set(config) == {"_index", *table.value.columns}  # every width set, none left to the grid
    assert sum(column["width"] for column in config.values()) <= NARROWEST_MAIN_COLUMN
    # "same as training cost" wraps onto more lines instead of being cut to "same as tr…"
    assert table.proto.row_height > 64
