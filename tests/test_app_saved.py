"""AppTest of saving, comparing, presenting and share links, on a throwaway SQLite store."""

import json

from sqlalchemy import text

from costmodel import Scenario
from costmodel.sharing import scenario_to_query
from store import ScenarioStore
from tests.app_helpers import metric, record_decision, save_as, shown, start_app, texts
from tests.examples import ARTICLE

BETA = {"calls_per_day": 7, "prompt_tokens": 100, "price_per_million": 1, "training_cost": 10}
HOSTILE = "<script>alert('x')</script> **bold** $5 $6 'quote\" 🚀 مرحبا"


class TestSaving:
    def test_save_then_listed_with_its_results(self, store_path):
        at = start_app("pages/scenarios.py")
        save_as(at, "Support bot")
        table = at.dataframe[0].value
        assert table["name"].tolist() == ["Support bot"]
        assert table["break-even day"].tolist() == ["day 100"]
        assert ScenarioStore(f"sqlite:///{store_path}").list()[0].scenario.training_cost == 3_000

    def test_a_scenario_that_never_breaks_even_says_none_in_words(self, store_path):
        tiny = ARTICLE.model_copy(update={"calls_per_day": 10})
        ScenarioStore(f"sqlite:///{store_path}").create("Tiny", tiny)
        at = start_app("pages/scenarios.py")
        assert at.dataframe[0].value["break-even day"].tolist() == ["not within 730 days"]

    def test_duplicate_name_is_refused_with_a_message(self, store_path):
        at = start_app("pages/scenarios.py")
        save_as(at, "Same")
        save_as(at, "Same")
        assert "already exists" in shown(at.error[0].value)

    def test_the_later_of_two_saves_is_refused(self, store_path):
        at = start_app("pages/scenarios.py")
        save_as(at, "Shared")
        other_person = ScenarioStore(f"sqlite:///{store_path}")
        saved = other_person.list()[0]
        other_person.update(
            saved.id, saved.scenario.model_copy(update={"calls_per_day": 1}), expected_version=1
        )
        at.button(key="saved.overwrite").click().run()  # still at version 1
        assert "changed by someone else" in shown(at.error[0].value)
        assert other_person.load(saved.id).scenario.calls_per_day == 1

    def test_open_rename_duplicate_delete(self, store_path):
        at = start_app("pages/scenarios.py")
        save_as(at, "First")
        at.text_input(key="saved.copy_to").set_value("Second").run()
        at.button(key="saved.duplicate").click().run()
        assert sorted(at.dataframe[0].value["name"]) == ["First", "Second"]
        at.selectbox(key="saved.choice").set_value(
            next(i for i in at.selectbox(key="saved.choice").options if True)
        ).run()
        at.text_input(key="saved.rename_to").set_value("Renamed").run()
        at.button(key="saved.rename").click().run()
        assert "Renamed" in at.dataframe[0].value["name"].tolist()
        at.checkbox(key="saved.sure").check().run()
        at.button(key="saved.delete").click().run()
        assert len(at.dataframe[0].value) == 1

    def test_hostile_names_are_stored_exactly_and_shown_as_text(self, store_path):
        at = start_app("pages/scenarios.py")
        save_as(at, HOSTILE)
        assert at.dataframe[0].value["name"].tolist() == [HOSTILE]
        assert ScenarioStore(f"sqlite:///{store_path}").list()[0].name == HOSTILE
        for element in (*at.markdown, *at.caption):
            assert "<script>" not in element.value  # every "<" reaches markdown escaped


class TestUpload:
    def test_malformed_scenario_file_gives_a_clear_message(self, store_path):
        at = start_app("pages/scenarios.py")
        at.file_uploader(key="saved.upload").set_value(
            ("bad.json", b'{"calls_per_day": -1}', "application/json")
        ).run()
        message = shown(at.error[0].value)
        assert "bad.json" in message
        assert "calls per day (calls_per_day) must be 0 or more" in message

    def test_uploaded_scenario_becomes_the_current_one(self, store_path):
        at = start_app("pages/scenarios.py")
        scenario = Scenario(
            name="From a file",
            calls_per_day=50_000,
            prompt_tokens=400,
            price_per_million=5,
            training_cost=2_000,
        )
        at.file_uploader(key="saved.upload").set_value(
            ("s.json", scenario.model_dump_json().encode(), "application/json")
        ).run()
        at.button(key="saved.use_upload").click().run()
        at.switch_page("pages/what_if.py").run()
        assert metric(at, "Break-even day") == "Day 20"
        assert at.session_state["scenario"] == scenario


class TestCompare:
    def test_fewer_than_two_saved_asks_for_more(self, store_path):
        at = start_app("pages/compare.py")
        assert "Save at least 2" in at.info[0].value

    def test_two_saved_scenarios_on_one_chart_and_table(self, store_path):
        store = ScenarioStore(f"sqlite:///{store_path}")
        base = Scenario(
            calls_per_day=10_000,
            prompt_tokens=800,
            price_per_million=5,
            finetuned_prompt_tokens=200,
            training_cost=3_000,
        )
        store.create("Low volume", base.model_copy(update={"calls_per_day": 5_000}))
        store.create("High volume", base.model_copy(update={"calls_per_day": 50_000}))
        at = start_app("pages/compare.py")
        assert len(at.get("plotly_chart")) == 2  # savings, then the two paths' costs
        table = at.dataframe[0].value
        assert set(table.columns) == {"Low volume", "High volume"}
        assert table.loc["break-even day"].tolist().count("day 20") == 1


class TestShareLink:
    def test_link_restores_inputs_and_numbers(self, store_path):
        at = start_app(
            query={
                "calls_per_day": "50000",
                "prompt_tokens": "400",
                "price_per_million": "5",
                "training_cost": "2000",
            }
        )
        assert metric(at, "Break-even day") == "Day 20"
        assert at.number_input(key="input.calls_per_day").value == 50_000

    def test_broken_link_warns_and_shows_the_default(self, store_path):
        at = start_app(query={"calls_per_day": "<script>", "horizon_days": "-1"})
        warning = shown(at.warning[0].value)
        assert "could not be read" in warning
        assert "must be a number" in warning
        assert metric(at, "Break-even day") == "Day 100"

    def test_changed_inputs_are_written_to_the_url(self, store_path):
        at = start_app()
        at.number_input(key="input.calls_per_day").set_value(20_000).run()
        assert at.query_params["calls_per_day"] == ["20000"] or at.query_params["calls_per_day"] == "20000"


class TestPresent:
    def test_hostile_name_in_the_title_is_text(self, store_path):
        at = start_app("pages/scenarios.py")
        save_as(at, HOSTILE)
        at.switch_page("pages/present.py").run()
        assert shown(at.title[0].value) == HOSTILE
        assert "<script>" not in at.title[0].value

    def test_presentation_shows_the_answer_and_no_sidebar_inputs(self, store_path):
        at = start_app("pages/present.py")
        assert "day 100" in shown(at.markdown[0].value) or any(
            "day 100" in shown(m.value) for m in at.markdown
        )
        assert not at.sidebar.number_input
        assert any(s.value.startswith("Verdict on cost alone") for s in at.subheader)

    def test_decision_record_is_saved_with_the_scenario(self, store_path):
        at = start_app("pages/scenarios.py")
        save_as(at, "For the board")
        at.switch_page("pages/present.py").run()
        record_decision(at, owner="Dana", rationale="Pays back on day 100.")
        assert not at.exception
        [saved] = ScenarioStore(f"sqlite:///{store_path}").list()
        assert saved.decision.owner == "Dana"
        assert saved.decision.rationale == "Pays back on day 100."
        assert any("Dana" in shown(m.value) for m in at.markdown)


def test_json_download_round_trips(store_path):
    at = start_app("pages/scenarios.py")
    scenario = at.session_state["scenario"]
    assert Scenario.model_validate(json.loads(scenario.model_dump_json(indent=2))) == scenario


class TestNamesAndStaleSaves:
    def test_the_normalised_name_is_shown_and_a_look_alike_refused(self, store_path):
        at = start_app("pages/scenarios.py")
        save_as(at, "  Support\u200b \t bot ")
        assert at.dataframe[0].value["name"].tolist() == ["Support bot"]
        assert "saved scenario “Support bot” (version 1)" in shown(at.caption[0].value)
        save_as(at, "SUPPORT\u00a0BOT")
        assert "already exists" in shown(at.error[0].value)
        assert at.dataframe[0].value["name"].tolist() == ["Support bot"]

    def test_a_nul_in_the_name_is_refused_with_a_message_on_either_database(self, store_url, monkeypatch):
        monkeypatch.setenv("SCENARIO_STORE_URL", store_url)
        at = start_app("pages/scenarios.py")
        save_as(at, "null\x00byte")
        assert "cannot hold a NUL character" in shown(at.error[0].value)
        assert ScenarioStore(store_url).count() == 0

    def test_a_stale_save_after_delete_and_create_is_refused_and_the_new_scenario_kept(self, store_path):
        at = start_app("pages/scenarios.py")
        save_as(at, "alpha")  # this session has alpha open at version 1
        other_person = ScenarioStore(f"sqlite:///{store_path}")
        [alpha] = other_person.list()
        other_person.delete(alpha.id, expected_version=alpha.version)
        beta = other_person.create("beta", Scenario(**BETA))
        at.button(key="saved.overwrite").click().run()
        assert "no longer exists" in shown(at.error[0].value)
        [kept] = other_person.list()
        assert (kept.name, kept.version, kept.scenario) == ("beta", 1, beta.scenario)

    def test_a_saved_row_that_no_longer_reads_is_named_and_the_rest_still_listed(self, store_path):
        other_person = ScenarioStore(f"sqlite:///{store_path}")
        other_person.create("kept", Scenario(**BETA))
        old = other_person.create("old", Scenario(**BETA))
        with other_person.engine.begin() as connection:
            connection.execute(
                text("UPDATE scenarios SET scenario_json = :json WHERE id = :id"),
                {
                    "json": json.dumps(old.scenario.model_dump(mode="json") | {"notes": "n" * 1_500}),
                    "id": old.id,
                },
            )
        at = start_app("pages/scenarios.py")
        assert at.dataframe[0].value["name"].tolist() == ["kept"]
        assert any("'old' no longer reads as a scenario" in shown(w.value) for w in at.warning)


class TestDemoFixes:
    def test_save_as_new_with_the_suggested_name_saves_a_copy(self, store_path):
        at = start_app("pages/scenarios.py")
        save_as(at, "Support bot")
        assert at.text_input(key="saved.name").value == "Support bot (2)"
        at.button(key="saved.save_as_new").click().run()  # with the name as suggested
        assert not at.error
        assert sorted(at.dataframe[0].value["name"]) == ["Support bot", "Support bot (2)"]

    def test_yes_delete_it_is_unticked_after_a_delete(self, store_path):
        at = start_app("pages/scenarios.py")
        save_as(at, "First")
        save_as(at, "Second")
        at.checkbox(key="saved.sure").check().run()
        at.button(key="saved.delete").click().run()
        assert len(at.dataframe[0].value) == 1
        assert at.checkbox(key="saved.sure").value is False

    def test_deleting_a_scenario_someone_saved_since_the_page_showed_it_is_refused(self, store_path):
        at = start_app("pages/scenarios.py")
        save_as(at, "Shared")
        at.checkbox(key="saved.sure").check().run()  # the page shows it at version 1
        other_person = ScenarioStore(f"sqlite:///{store_path}")
        [shared] = other_person.list()
        theirs = other_person.update(shared.id, Scenario(**BETA), expected_version=shared.version)
        at.button(key="saved.delete").click().run()  # the click's run reads version 2
        assert not at.exception
        assert "changed by someone else" in shown(at.error[0].value)
        assert "It was not deleted" in shown(at.error[0].value)
        assert other_person.list() == [theirs]

    def test_renaming_a_scenario_someone_saved_since_the_page_showed_it_is_refused(self, store_path):
        at = start_app("pages/scenarios.py")
        save_as(at, "Shared")
        at.text_input(key="saved.rename_to").set_value("Mine").run()  # the page shows version 1
        other_person = ScenarioStore(f"sqlite:///{store_path}")
        [shared] = other_person.list()
        theirs = other_person.update(shared.id, Scenario(**BETA), expected_version=shared.version)
        at.button(key="saved.rename").click().run()
        assert "changed by someone else" in shown(at.error[0].value)
        assert other_person.list() == [theirs]

    def test_the_examples_name_goes_once_an_input_changed(self, store_path):
        at = start_app()
        example_name = at.query_params["name"]
        assert example_name  # the untouched example carries its name
        at.number_input(key="input.calls_per_day").set_value(20_000).run()
        assert "name" not in at.query_params
        assert at.selectbox(key="input.preset").value == "custom"
        at.switch_page("pages/scenarios.py").run()
        assert at.text_input(key="saved.name").value == ""

    def test_the_scenario_upload_shows_its_own_one_megabyte_limit(self, store_path):
        at = start_app("pages/scenarios.py")
        [upload] = [e for e in at.get("file_uploader") if e.proto.id.endswith("saved.upload")]
        assert upload.proto.max_upload_size_mb == 1  # shown as "Limit 1MB per file"
        assert "1,000,000 bytes" in upload.proto.help

    def test_daily_figures_side_by_side_are_rounded_alike(self, store_path):
        # $106 a day on the prompt path, $116.80 fine-tuned: the saving is -$10.80, so the
        # prompt path must read $106.00 for the three to add up as the reader adds them.
        link = scenario_to_query(
            ARTICLE.model_copy(update={"calls_per_day": 26_500, "hosting_cost_per_day": 90.3})
        )
        at = start_app(query=link)
        [caption] = [text for text in texts(at) if text.startswith("Daily cost")]
        assert "prompt path $106.00/day, fine-tuned path $116.80/day, saving -$10.80/day" in caption


class TestCompareForManagers:
    def test_only_the_differences_by_default_outcomes_first(self, store_path):
        store = ScenarioStore(f"sqlite:///{store_path}")
        store.create("Low volume", ARTICLE.model_copy(update={"calls_per_day": 5_000}))
        store.create("High volume", ARTICLE.model_copy(update={"calls_per_day": 50_000}))
        at = start_app("pages/compare.py")
        assert at.toggle(key="compare.only_differences").value is True
        rows = at.dataframe[0].value.index.tolist()
        assert rows[:3] == ["break-even day", "fine-tuning pays back", "saved by fine-tuning"]
        assert "calls per day" in rows
        assert "training cost ($)" not in rows  # the same in both
        at.toggle(key="compare.only_differences").set_value(False).run()
        assert "training cost ($)" in at.dataframe[0].value.index.tolist()

    def test_compare_opens_for_everyone_with_a_vanishing_training_cost_or_a_runaway_gpu_bill_saved(
        self, store_path
    ):
        # Both once reached the store through a link and broke Compare for every visitor (issue 20).
        store = ScenarioStore(f"sqlite:///{store_path}")
        store.create("Plain", ARTICLE)
        store.create("Vanishing", ARTICLE.model_copy(update={"training_cost": 1e-310, "calls_per_day": 0}))
        runaway = store.create("Runaway GPUs", ARTICLE)
        hosting = {"tokens_per_second_per_gpu": 1e-300, "gpu_hour_price": 1e12}  # saved before it was refused
        with store.engine.begin() as connection:
            connection.execute(
                text("UPDATE scenarios SET scenario_json = :json WHERE id = :id"),
                {
                    "json": json.dumps(ARTICLE.model_dump(mode="json") | {"self_hosting": hosting}),
                    "id": runaway.id,
                },
            )
        at = start_app("pages/compare.py")
        at.multiselect(key="compare.chosen").set_value([s.id for s in store.list()]).run()
        assert not at.exception
        assert at.dataframe[0].value.columns.tolist() == ["Vanishing", "Plain"]
        assert len(at.get("plotly_chart")) == 2
