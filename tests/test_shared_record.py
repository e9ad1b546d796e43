"""A share link and a scenario file carry the decision record and the decision guide's answers."""

from datetime import date
from urllib.parse import parse_qs, urlencode

from costmodel.decision import DecisionRecord
from costmodel.files import parse_scenario_entries, scenario_file_json
from costmodel.guide import GAPS, PROMPT_CHECKLIST, GuideAnswers
from costmodel.sharing import MAX_LINK_LENGTH, share_query, shared_record_from_query
from tests import examples
from tests.app_helpers import shown, start_app
from tests.examples import WIDEST_CHARACTER, longest_scenario

RECORD = DecisionRecord(
    decision="Fine-tune", owner="Dana", decided_on=date(2026, 11, 20), rationale="Pays back on day 100."
)
ANSWERS = GuideAnswers(
    prompt_has=frozenset({"role", "task"}), gaps=frozenset({"behaviour"}), good_examples=120
)


def link_params(query: dict[str, str]) -> dict[str, str]:
    """The parameters as the server reads them back from the link's text."""
    text = urlencode(query)
    return {field: values[-1] for field, values in parse_qs(text, keep_blank_values=True).items()}


class TestLink:
    def test_the_record_and_the_answers_round_trip(self):
        query, left_out = share_query(examples.ARTICLE, RECORD, ANSWERS)
        assert left_out == 0
        shared, problems = shared_record_from_query(link_params(query))
        assert problems == []
        assert (shared.decision, shared.answers, shared.rationale_left_out) == (RECORD, ANSWERS, 0)

    def test_no_record_and_no_answers_add_nothing(self):
        query, _ = share_query(examples.ARTICLE, None, GuideAnswers())
        assert "decision" not in query
        assert "guide" not in query

    def test_the_longest_link_keeps_the_start_of_the_rationale_and_says_how_much_is_left_out(self):
        widest = DecisionRecord(
            decision=WIDEST_CHARACTER * 200,
            owner=WIDEST_CHARACTER * 200,
            decided_on=date(2026, 11, 20),
            rationale=WIDEST_CHARACTER * 20_000,
        )
        every_answer = GuideAnswers(
            prompt_has=frozenset(PROMPT_CHECKLIST),
            gaps=frozenset(GAPS),
            good_examples=10**9,
        )
        query, left_out = share_query(longest_scenario(), widest, every_answer)
        assert len(urlencode(query)) <= MAX_LINK_LENGTH <= 60_000  # well under what the server takes
        assert 0 < left_out < 20_000
        shared, problems = shared_record_from_query(link_params(query))
        assert problems == []
        assert shared.decision is not None
        assert shared.decision.rationale == widest.rationale[: 20_000 - left_out]
        assert shared.rationale_left_out == left_out

    def test_an_unreadable_record_is_a_reason(self):
        shared, problems = shared_record_from_query({"decision": '{"owner": 5}'})
        assert shared.decision is None
        assert problems == [
            "The decision record (decision) is not readable (owner: Input should be a valid string)"
        ]


def test_the_scenario_file_carries_the_guides_answers():
    [entry] = parse_scenario_entries(scenario_file_json(examples.ARTICLE, RECORD, ANSWERS), "board.json")
    assert (entry.decision, entry.answers) == (RECORD, ANSWERS)


def test_whoever_opens_the_link_sees_the_decision_and_the_guides_answers(store_path):
    query, _ = share_query(examples.ARTICLE, RECORD, ANSWERS)
    at = start_app("pages/present.py", query=link_params(query))
    assert not any("No decision recorded yet." in m.value for m in at.markdown)
    decision = " ".join(shown(m.value) for m in at.markdown)
    assert "Decision: Fine-tune" in decision
    assert "Owner: Dana" in decision
    assert "Date: 2026-11-20" in decision
    assert at.session_state["guide_answers"] == ANSWERS
    # and the link that session writes carries them on
    assert shared_record_from_query(at.query_params)[0].decision == RECORD


def test_the_link_a_session_writes_carries_its_decision(store_path):
    at = start_app("pages/scenarios.py")
    at.file_uploader(key="saved.upload").set_value(
        ("board.json", scenario_file_json(examples.ARTICLE, RECORD, ANSWERS).encode(), "application/json")
    ).run()
    at.button(key="saved.use_upload").click().run()
    shared, problems = shared_record_from_query(at.query_params)
    assert problems == []
    assert (shared.decision, shared.answers) == (RECORD, ANSWERS)


def test_a_link_with_a_long_rationale_says_what_it_left_out(store_path):
    query, left_out = share_query(longest_scenario(), RECORD.model_copy(update={"rationale": "é" * 20_000}))
    assert left_out > 0
    at = start_app(query=link_params(query))
    assert any(f"{left_out:,} more characters did not fit" in i.value for i in at.info)
