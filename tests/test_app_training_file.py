"""A training file on the page: the builder's report and bill, the guide's step 4, the decision record."""

import json

import pytest
from streamlit.testing.v1 import AppTest

from costmodel.decision import DecisionRecord
from costmodel.files import parse_scenario_entries, scenario_file_json
from costmodel.training import PromptSetupParts, TrainingCostParts
from costmodel.training_file import ARTICLE_ASKS, training_data_figures
from store import ScenarioStore
from tests import examples
from tests.app_helpers import metric, shown, start_app, texts
from tests.test_decision_record import save_with_a_decision
from tests.test_training_file import FIXTURES, cookbook_tokens, read, valid_lines

GUIDE = "pages/decision_guide.py"


def upload(at: AppTest, key: str, name: str, content: bytes | None = None) -> None:
    data = (FIXTURES / name).read_bytes() if content is None else content
    at.file_uploader(key=key).set_value([(name, data, "application/octet-stream")]).run()
    assert not at.exception


def open_builder(at: AppTest) -> None:
    at.toggle(key="build.show").set_value(True).run()


def every_text(at: AppTest) -> list[str]:
    return [*texts(at), *(shown(e.value) for e in at.error), *(shown(m.value) for m in at.markdown)]


class TestTheBuilder:
    def test_the_file_sets_examples_tokens_and_epochs_and_is_used_as_training_cost(self, app):
        open_builder(app)
        app.selectbox(key="build.price_from").set_value("OpenAI · gpt-4o-mini").run()
        upload(app, "build.training_file", "chat.jsonl")
        tokens = [cookbook_tokens(example, "o200k_base") for example in valid_lines("chat.jsonl")]
        billed = 12 * sum(tokens)  # 8 examples: OpenAI's default is 100 // 8 = 12 epochs
        assert metric(app, "Valid examples") == "8"
        assert metric(app, "Exact duplicates") == "1"
        assert metric(app, "Billed training tokens") == f"{billed:,}"
        assert "12 epochs: OpenAI's default for 8 examples." in texts(app)
        assert "build.examples" not in [widget.key for widget in app.number_input]  # the file counts them
        app.button(key="build.use_training").click().run()
        people = TrainingCostParts().people_cost
        assert app.session_state["scenario"].training_cost == pytest.approx(billed * 3.0 / 1e6 + people)

    def test_errors_are_named_with_their_lines(self, app):
        open_builder(app)
        upload(app, "build.training_file", "every_error.jsonl")
        [warning] = [shown(w.value) for w in app.warning]
        assert "1 line not JSON" in warning
        assert "2 lines with keys the format does not have (lines 9, 10)" in warning
        assert metric(app, "Valid examples") == "2"

    def test_a_file_that_is_no_training_file_is_one_line_and_loses_nothing(self, app):
        open_builder(app)
        before = app.session_state["scenario"]
        upload(app, "build.training_file", "photo.jsonl", b"\x89PNG\r\n\x1a\n\x00" * 50)
        [error] = [shown(e.value) for e in app.error]
        assert error == "photo.jsonl: not JSON Lines (no line of it is JSON)"
        assert app.session_state["scenario"] == before
        assert app.number_input(key="build.examples").value == TrainingCostParts().examples

    def test_the_inputs_take_their_bounds_and_defaults_from_the_models(self, app):
        open_builder(app)
        app.toggle(key="build.epochs_auto").set_value(False).run()
        training = TrainingCostParts.model_json_schema()["properties"]
        setup = PromptSetupParts.model_json_schema()["properties"]
        for key, field in [
            ("build.examples", training["examples"]),
            ("build.tokens", training["tokens_per_example"]),
            ("build.data", training["data_cost"]),
            ("build.curation", training["curation_hours"]),
            ("build.evaluation", training["evaluation_hours"]),
            ("build.rate", training["hourly_rate"]),
            ("build.price.typed below", training["training_price_per_million"]),
            ("build.prompt_hours", setup["engineering_hours"]),
            ("build.prompt_rate", setup["hourly_rate"]),
            ("build.prompt_eval", setup["evaluation_cost"]),
        ]:
            widget = app.number_input(key=key)
            assert (widget.min, widget.max, widget.value) == (
                field["minimum"],
                field["maximum"],
                field["default"],
            ), key
        epochs = app.number_input(key="build.epochs")
        [bounded] = [part for part in training["epochs"]["anyOf"] if "minimum" in part]
        assert (epochs.min, epochs.max) == (bounded["minimum"], bounded["maximum"])


class TestTheGuide:
    def test_step_4_answers_from_the_file_with_duplicates_errors_and_the_validation_file(self, store_path):
        at = start_app(GUIDE)
        upload(at, "guide.training_file", "every_error.jsonl")
        upload(at, "guide.validation_file", "validation.jsonl")
        [answer] = [shown(i.value) for i in at.info if ARTICLE_ASKS in shown(i.value)]
        figures = training_data_figures(read("every_error.jsonl"), validation=read("validation.jsonl"))
        assert answer.startswith(
            f"2 valid examples ({ARTICLE_ASKS}): 10 lines have format errors: 1 not JSON"
        )
        assert "the validation file holds 3 valid examples" in answer
        assert figures.validation_also_in_training == 0
        assert metric(at, "Validation examples") == "3 of 3 lines"
        assert at.session_state["guide_answers"].good_examples == 2

    def test_a_file_read_in_the_builder_answers_step_4_and_is_used_as_training_cost(self, app):
        open_builder(app)
        upload(app, "build.training_file", "chat.jsonl")
        app.switch_page(GUIDE).run()
        assert "From chat.jsonl, read earlier in this session." in texts(app)
        assert any(
            t.startswith(f"8 valid examples ({ARTICLE_ASKS}): 1 is an exact duplicate") for t in texts(app)
        )
        assert app.session_state["guide_answers"].good_examples == 7  # distinct ones
        upload(app, "guide.training_file", "chat.jsonl")  # priced as the guide's model, gpt-4o
        [use] = [b for b in app.button if b.key == "guide.use_training"]
        use.click().run()
        billed = 12 * sum(cookbook_tokens(e, "o200k_base") for e in valid_lines("chat.jsonl"))
        assert app.session_state["scenario"].training_cost == pytest.approx(billed * 25 / 1e6)

    def test_forgetting_the_file_brings_the_typed_count_back(self, app):
        open_builder(app)
        upload(app, "build.training_file", "chat.jsonl")
        app.switch_page(GUIDE).run()
        app.button(key="guide.forget_file").click().run()
        assert app.session_state["training_data"] is None
        app.number_input(key="guide.examples").set_value(120).run()
        assert app.session_state["guide_answers"].good_examples == 120


def test_the_decision_record_names_the_file_and_travels_with_the_scenario():
    figures = training_data_figures(read("chat.jsonl"), model="gpt-4o", price_per_million=25)
    record = DecisionRecord(decision="Fine-tune", training_data=figures)
    [entry] = parse_scenario_entries(scenario_file_json(examples.ARTICLE, record), "board.json")
    assert entry.decision == record
    assert json.loads(scenario_file_json(examples.ARTICLE, record))["decision"]["training_data"][
        "billed_tokens"
    ] == (figures.billed_tokens)


def test_the_decision_saved_on_present_names_the_file_read(store_path):
    at = start_app()
    open_builder(at)
    upload(at, "build.training_file", "chat.jsonl")
    save_with_a_decision(at, "Board")
    [saved] = ScenarioStore(f"sqlite:///{store_path}").list()
    assert saved.decision is not None
    assert saved.decision.training_data == at.session_state["training_data"]
    assert saved.decision.training_data.training.valid_examples == 8
    # Present names the file's figures among the decision's lines, as the PDF and the slides do.
    decision = " ".join(shown(m.value) for m in at.markdown)
    assert f"Training file chat.jsonl: 8 valid examples ({ARTICLE_ASKS})" in decision


def test_the_validation_files_errors_and_overlap_are_named_beside_the_training_files(app):
    open_builder(app)
    upload(app, "build.training_file", "chat.jsonl")
    upload(app, "build.validation_file", "every_error.jsonl")
    [warning] = [shown(w.value) for w in app.warning]
    assert "Validation file: 1 line not JSON" in warning
    assert "2 validation examples are also in the training file" in warning
    assert metric(app, "Validation examples") == "2 of 12 lines"


def test_a_file_name_is_text_never_markup(app):
    open_builder(app)
    name = "**[click](https://evil.example)**\u202e.jsonl"
    upload(app, "build.training_file", name, (FIXTURES / "chat.jsonl").read_bytes())
    [warning] = app.warning
    assert "\\*\\*\\[click\\]\\(https" in warning.value  # escaped: read as written, no link
    assert "\\u202e" in shown(warning.value)  # the bidi control is written out, never applied


def test_a_file_past_what_may_be_typed_is_still_costed(app):
    # About 1.3M tokens in one example: more than the builder takes typed (1M), no limit known.
    huge = json.dumps(
        {"messages": [{"role": "user", "content": "a " * 1_300_000}, {"role": "assistant", "content": "ok"}]}
    )
    open_builder(app)
    upload(app, "build.training_file", "huge.jsonl", (huge + "\n").encode())
    app.button(key="build.use_training").click().run()
    assert not app.exception
    tokens = cookbook_tokens(json.loads(huge), "o200k_base")
    assert tokens > TrainingCostParts.model_json_schema()["properties"]["tokens_per_example"]["maximum"]
    expected = 25 * tokens * 25 / 1e6 + TrainingCostParts().people_cost  # 1 example: 25 epochs at $25/M
    assert app.session_state["scenario"].training_cost == pytest.approx(expected)
