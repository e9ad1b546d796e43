"""The decision record a manager's meeting fills in, saved with the scenario."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field, field_validator

from costmodel.training_file import TrainingDataFigures

DECISIONS = (
    "Fine-tune",
    "Prompt engineering",
    "Fine-tune and keep a short prompt",
    "Not yet: collect examples first",
    "Not decided",
)
# Records saved before the decision was renamed keep their meaning in the new words.
RENAMED_DECISIONS = {"Both: fine-tune and keep a short prompt": "Fine-tune and keep a short prompt"}


class DecisionRecord(BaseModel):
    """Who decided what, when, and why."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_max_length=20_000)

    decision: str = Field(default="Not decided", max_length=200)
    owner: str = Field(default="", max_length=200)
    decided_on: date | None = None
    rationale: str = ""
    # The training file the decision was weighed on: its examples, errors, duplicates and bill.
    training_data: TrainingDataFigures | None = None

    @field_validator("decision", mode="before")
    @classmethod
    def _in_current_words(cls, decision: object) -> object:
        return RENAMED_DECISIONS.get(decision, decision) if isinstance(decision, str) else decision


# The decision a verdict (costmodel.guide.Verdict's words) recommends, for saying when they differ.
DECISION_FOR_VERDICT = {
    "Finish the prompt first": "Prompt engineering",
    "Prompt engineering (add RAG for knowledge)": "Prompt engineering",
    "Fine-tune": "Fine-tune",
    "Fine-tune and keep a short prompt": "Fine-tune and keep a short prompt",
    "Not ready: collect examples first": "Not yet: collect examples first",
}


def decision_matches(decision: str, verdict: str) -> bool:
    """Does the recorded decision follow the verdict? "Not decided" contradicts nothing."""
    return decision == "Not decided" or DECISION_FOR_VERDICT.get(verdict) == decision
