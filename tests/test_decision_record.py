"""The decision record travels with its scenario: JSON export, opening that file again, HTML report."""

import json
from datetime import date

import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from costmodel.brief import build_brief
from costmodel.decision import DecisionRecord
from costmodel.files import BadScenarioFileError, parse_scenario_entries, parse_scenarios, scenario_file_json
from render.report import make_report_html
from store import ScenarioStore
from tests import examples
from tests.app_helpers import record_decision, shown, start_app

RECORD = DecisionRecord(
    decision="Fine-tune",
    owner="Dana <b>Ops</b>",
    decided_on=date(2026, 11, 20),
    rationale="Pays back on day 100.\n<script>alert(1)</script>",
)


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """The files the page offers for download, by file name, as a browser would save them."""
    offered: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def keep(self, path_or_data, mimetype, kind, filename=None):
        if filename and isinstance(path_or_data, bytes):
            offered[filename] = path_or_data
        return original(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", keep)
    return offered


class TestScenarioFile:
    def test_the_record_round_trips_through_the_file(self):
        text = scenario_file_json(examples.ARTICLE, RECORD)
        [entry] = parse_scenario_entries(text, "board.json")
        assert (entry.scenario, entry.decision) == (examples.ARTICLE, RECORD)

    def test_a_file_saved_before_the_rename_opens_in_the_new_words(self):
        """ "Both: fine-tune and keep a short prompt" read as a draft's double verdict; renamed, a
        record that holds it still opens, and still follows the verdict it followed."""
        old = DecisionRecord(decision="Fine-tune").model_dump(mode="json")
        text = scenario_file_json(examples.ARTICLE).replace(
            "{",
            '{"decision": '
            + json.dumps({**old, "decision": "Both: fine-tune and keep a short prompt"})
            + ",",
            1,
        )
        [entry] = parse_scenario_entries(text, "old.json")
        assert entry.decision is not None
        assert entry.decision.decision == "Fine-tune and keep a short prompt"
        brief = build_brief(examples.ARTICLE, date(2026, 12, 1), decision=entry.decision)
        assert brief.decision[0] == "Decision: Fine-tune and keep a short prompt"
        assert not any("differs from the verdict" in line for line in brief.decision)

    def test_a_scenario_without_a_record_writes_plain_scenario_json(self):
        text = scenario_file_json(examples.ARTICLE)
        assert '"decision"' not in text
        assert parse_scenario_entries(text, "plain.json")[0].decision is None

    def test_the_command_line_reads_a_file_with_a_record(self):
        assert parse_scenarios(scenario_file_json(examples.ARTICLE, RECORD), "board.json") == [
            examples.ARTICLE
        ]

    def test_an_unreadable_record_is_refused_with_the_reason(self):
        text = scenario_file_json(examples.ARTICLE).replace("{", '{"decision": {"owner": 5},', 1)
        with pytest.raises(
            BadScenarioFileError, match=r"board.json: the decision record is not readable \(owner"
        ):
            parse_scenario_entries(text, "board.json")


class TestReport:
    def test_the_report_shows_the_decision_as_text(self):
        html = make_report_html(build_brief(examples.ARTICLE, date(2026, 11, 26), decision=RECORD))
        assert "<h2>Decision</h2>" in html
        assert (
            "<li>Decision: Fine-tune</li><li>Owner: Dana &lt;b&gt;Ops&lt;/b&gt;</li><li>Date: 2026-11-20</li>"
            in html
        )
        assert "Pays back on day 100.\n&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "<script>alert(1)" not in html

    def test_a_report_without_a_decision_says_so(self):
        html = make_report_html(build_brief(examples.ARTICLE, date(2026, 11, 26)))
        assert "No decision recorded yet." in html


def save_with_a_decision(at: AppTest, name: str) -> None:
    """Save the current scenario and fill in its decision record on the Present page."""
    at.switch_page("pages/scenarios.py").run()
    at.text_input(key="saved.name").set_value(name)
    at.button(key="saved.save_as_new").click().run()
    at.switch_page("pages/present.py").run()
    record_decision(
        at,
        decision=RECORD.decision,
        owner=RECORD.owner,
        decided_on=RECORD.decided_on,
        rationale=RECORD.rationale,
    )
    assert not at.exception


def test_the_record_leaves_in_the_export_and_comes_back_when_the_file_is_opened(store_path, downloads):
    at = start_app()
    save_with_a_decision(at, "For the board")
    at.switch_page("pages/scenarios.py").run()
    exported = downloads["For-the-board.json"]
    [entry] = parse_scenario_entries(exported, "For-the-board.json")
    assert entry.decision == RECORD

    downloads.clear()
    other = start_app("pages/scenarios.py")  # another person, another session
    other.file_uploader(key="saved.upload").set_value(("board.json", exported, "application/json")).run()
    other.button(key="saved.use_upload").click().run()
    other.switch_page("pages/present.py").run()
    assert any(RECORD.owner in shown(m.value) for m in other.markdown)
    assert any(RECORD.rationale == t.value for t in other.text)
    other.switch_page("pages/scenarios.py").run()
    assert parse_scenario_entries(downloads["For-the-board.json"], "again.json")[0].decision == RECORD

    other.text_input(key="saved.name").set_value("Board copy")
    other.button(key="saved.save_as_new").click().run()  # a new save keeps the record the file brought
    stored = {s.name: s for s in ScenarioStore(f"sqlite:///{store_path}").list()}
    assert stored["Board copy"].decision == RECORD


def test_choosing_an_example_leaves_the_record_behind(store_path, downloads):
    at = start_app("pages/scenarios.py")
    at.file_uploader(key="saved.upload").set_value(
        ("board.json", scenario_file_json(examples.ARTICLE, RECORD).encode(), "application/json")
    ).run()
    at.button(key="saved.use_upload").click().run()
    at.selectbox(key="input.preset").set_value("wiki-qa").run()
    at.switch_page("pages/present.py").run()
    assert any("No decision recorded yet" in m.value for m in at.markdown)
