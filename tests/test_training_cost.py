"""The training cost builder: OpenAI's default epochs and the per-example token limit."""

import pytest

from costmodel.training import TrainingCostParts, default_epochs
from tests.app_helpers import shown


@pytest.mark.parametrize(
    ("examples", "epochs"),
    [
        (1, 25),  # 100 // 1 = 100, capped at 25
        (5, 20),  # the cookbook notebook's own run: "you'll train for 20 epochs"
        (10, 10),
        (33, 3),  # 99 example-passes: 100 // 33 = 3
        (34, 3),
        (500, 3),
        (8_333, 3),  # 24,999 example-passes
        (8_334, 2),  # 25,002: 25,000 // 8,334 = 2
        (12_500, 2),
        (12_501, 1),
        (1_000_000, 1),
    ],
)
def test_openai_default_epochs_follow_the_dataset_size(examples, epochs):
    assert default_epochs(examples) == epochs
    assert TrainingCostParts(examples=examples).epochs_trained == epochs


def test_typed_epochs_win_over_the_default():
    assert TrainingCostParts(examples=10, epochs=2).epochs_trained == 2


def test_tokens_over_the_example_limit_are_neither_trained_on_nor_billed():
    parts = TrainingCostParts(
        examples=1_000,
        tokens_per_example=100_000,
        epochs=1,
        example_token_limit=65_536,
        training_price_per_million=25,
    )
    assert parts.training_tokens == 1_000 * 65_536
    assert parts.compute_cost == pytest.approx(65.536 * 25)
    unlimited = parts.model_copy(update={"example_token_limit": None})
    assert unlimited.training_tokens == 100_000_000


def builder_texts(app) -> list[str]:
    return [shown(element.value) for element in (*app.caption, *app.warning)]


def test_builder_shows_and_uses_openais_default_epochs(app):
    app.toggle(key="build.show").set_value(True).run()
    app.number_input(key="build.examples").set_value(20).run()
    assert "5 epochs: OpenAI's default for 20 examples." in builder_texts(app)
    app.button(key="build.use_training").click().run()
    # 20 examples x 1,000 tokens x 5 epochs at $25/M, plus 30 hours at $100.
    assert app.session_state["scenario"].training_cost == pytest.approx(2.5 + 3_000)


def test_builder_takes_typed_epochs(app):
    app.toggle(key="build.show").set_value(True).run()
    app.toggle(key="build.epochs_auto").set_value(False).run()
    app.number_input(key="build.epochs").set_value(2).run()
    app.button(key="build.use_training").click().run()
    assert app.session_state["scenario"].training_cost == pytest.approx(500 * 1_000 * 2 * 25 / 1e6 + 3_000)


def test_builder_warns_when_examples_are_over_the_models_limit(app):
    app.toggle(key="build.show").set_value(True).run()
    app.selectbox(key="build.price_from").set_value("OpenAI · gpt-4o").run()
    app.number_input(key="build.tokens").set_value(100_000).run()
    assert any("over gpt-4o's limit of 65,536" in text for text in builder_texts(app))
    app.button(key="build.use_training").click().run()
    assert app.session_state["scenario"].training_cost == pytest.approx(500 * 65_536 * 3 * 25 / 1e6 + 3_000)
