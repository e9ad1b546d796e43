"""The decision guide of docs/MODEL.md §6: four steps, five verdicts, each with its reasons."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from costmodel.explain import describe_horizon, money_for
from costmodel.model import CostResult
from costmodel.training_file import TrainingDataFigures, examples_sentence

# Step 1: a baseline prompt has all of these (the role-task-context-format structure).
PROMPT_CHECKLIST = {
    "role": "A role for the model",
    "task": "The task, stated plainly",
    "context_rules": "Rules for the context it is given",
    "output_format": "An explicit output format",
    "missing_input_rules": "Rules for missing or null input",
    "calibration_examples": "2–3 calibration examples",
}

# Step 2: what is still wrong once the prompt is complete.
GAPS = {
    "behaviour": "Wrong format, tone or structure despite the instructions (behaviour)",
    "knowledge": "Missing facts the model never saw (knowledge)",
    "style": "Domain vocabulary or style the base model handles poorly",
}

# Step 4: the article's thresholds on good, curated examples.
MINIMUM_EXAMPLES = 50
FOCUSED_TASK_EXAMPLES = 100
CLEARLY_BETTER_EXAMPLES = 200
HIGH_VOLUME_CALLS_PER_DAY = 10_000

LIMITATIONS = (
    "Fine-tuning adds no new knowledge and does not fix hallucination: it will still make "
    "up specifics. Retrieval (RAG) does more for facts.",
    "A fine-tuned model needs maintenance: a retraining budget whenever the domain moves.",
    "Keep a held-out evaluation set to prove the fine-tuned model is better, and to catch "
    "regressions after each retraining.",
    "Fine-tuning ties you to a provider; self-hosted open models (Llama, Mistral) avoid the "
    "lock-in but need MLOps.",
    "As of mid-2026 Anthropic offers no self-service fine-tuning API for Claude; OpenAI "
    "models and open models are the practical options.",
    "OpenAI fine-tuning closed to new organisations on 2026-05-07 and takes no new jobs from "
    "2027-01-06; existing fine-tuned models run until their base model is retired.",
)

HYBRID_OPTION = (
    "Both together is often the best production set-up: fine-tune for style and format, and "
    "keep a short prompt for per-call instructions (set the prompt kept after fine-tuning on "
    "the what-if page to cost it)."
)


class Verdict(StrEnum):
    FINISH_PROMPT = "Finish the prompt first"
    PROMPT_ENGINEERING = "Prompt engineering (add RAG for knowledge)"
    FINE_TUNE = "Fine-tune"
    BOTH = "Fine-tune and keep a short prompt"
    NOT_READY = "Not ready: collect examples first"


class GuideAnswers(BaseModel):
    """What the user told the guide in steps 1, 2 and 4 (step 3 is the cost model)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    prompt_has: frozenset[str] = Field(default=frozenset())
    gaps: frozenset[str] = Field(default=frozenset())
    good_examples: int = Field(default=0, ge=0)
    # Step 4 answered from a training file: then good_examples is its distinct valid examples.
    training_data: TrainingDataFigures | None = None

    @property
    def missing_from_prompt(self) -> list[str]:
        return [label for key, label in PROMPT_CHECKLIST.items() if key not in self.prompt_has]


@dataclass(frozen=True)
class Recommendation:
    verdict: Verdict
    reasons: list[str]
    break_even_day: int | None


def _volume_reason(result: CostResult) -> str:
    scenario = result.scenario
    money = money_for(scenario)
    horizon = describe_horizon(scenario.horizon_days)
    calls = f"{scenario.calls_per_day:,.0f} calls a day"
    if scenario.calls_per_day >= HIGH_VOLUME_CALLS_PER_DAY:
        calls += f" (above the article's ~{HIGH_VOLUME_CALLS_PER_DAY:,} line for high volume)"
    if result.pays_back:
        return (
            f"At {calls}, fine-tuning pays for itself on day {result.break_even_day} and saves "
            f"{money(result.savings)} over {horizon}."
        )
    return (
        f"At {calls}, fine-tuning does not pay for itself within {horizon}: prompting is "
        f"{money(-result.savings)} cheaper."
    )


def _examples_reason(answers: GuideAnswers) -> str:
    good_examples = answers.good_examples
    if answers.training_data is not None:
        counted = examples_sentence(answers.training_data)
        if good_examples < MINIMUM_EXAMPLES:
            return f"{counted} Under the ~{MINIMUM_EXAMPLES} distinct examples a fine-tune needs."
        return counted
    if good_examples < MINIMUM_EXAMPLES:
        return (
            f"{good_examples} good examples is under the ~{MINIMUM_EXAMPLES} a fine-tune needs. "
            "Generate synthetic examples with a strong model and review them, or log the "
            "prompt-based system for a few weeks and label the good outputs."
        )
    if good_examples <= FOCUSED_TASK_EXAMPLES:
        return (
            f"{good_examples} good examples is the minimum for a focused task; "
            f"{CLEARLY_BETTER_EXAMPLES}–500 curated examples do clearly better."
        )
    return f"{good_examples} good examples is enough; quality beats quantity."


def recommend(answers: GuideAnswers, result: CostResult) -> Recommendation:
    """The guide's verdict, in the article's order: prompt, gap, volume, examples (docs/MODEL.md §6).

    | prompt complete | gap (step 2)                     | pays back | examples | verdict |
    |---|---|---|---|---|
    | no  | -                                    | -   | -     | finish the prompt first |
    | yes | knowledge or behaviour, no style     | -   | -     | prompt engineering (RAG for knowledge) |
    | yes | none, or style                       | no  | -     | prompt engineering |
    | yes | none, or style                       | yes | < 50  | not ready: collect examples first |
    | yes | style with knowledge or behaviour, or a kept prompt | yes | >= 50 | both |
    | yes | none or style alone, no kept prompt  | yes | >= 50 | fine-tune |

    Fine-tuning adds no knowledge and behaviour gaps are for prompting first, so only a
    style gap (or none: cost alone) leads on to fine-tuning.
    """
    break_even = result.break_even_day
    if answers.missing_from_prompt:
        return Recommendation(
            Verdict.FINISH_PROMPT,
            [
                "The prompt is missing: " + "; ".join(answers.missing_from_prompt).lower() + ".",
                'By the article\'s count about 70% of "we need to fine-tune" cases are '
                "under-specified prompts.",
            ],
            break_even,
        )

    reasons = []
    if "knowledge" in answers.gaps:
        reasons.append(
            "Missing facts are a knowledge gap: add retrieval (RAG). Fine-tuning does not add knowledge."
        )
    if "behaviour" in answers.gaps:
        reasons.append(
            "Wrong format, tone or structure is a behaviour gap: better prompting and more "
            "few-shot examples come first."
        )
    if "style" in answers.gaps:
        reasons.append("Domain vocabulary and style the base model handles poorly: fine-tuning helps.")
    if not answers.gaps:
        reasons.append("The prompt works; the question is cost alone.")
    reasons.append(_volume_reason(result))

    if answers.gaps and "style" not in answers.gaps:
        if result.pays_back:
            reasons.append("Revisit fine-tuning on cost once the gap is closed with prompting and retrieval.")
        return Recommendation(Verdict.PROMPT_ENGINEERING, reasons, break_even)
    if not result.pays_back:
        if "style" in answers.gaps:
            reasons.append("Revisit fine-tuning for style when the volume grows.")
        return Recommendation(Verdict.PROMPT_ENGINEERING, reasons, break_even)

    reasons.append(_examples_reason(answers))
    if answers.good_examples < MINIMUM_EXAMPLES:
        return Recommendation(Verdict.NOT_READY, reasons, break_even)
    if answers.gaps - {"style"} or result.scenario.finetuned_prompt_tokens > 0:
        reasons.append(HYBRID_OPTION)
        return Recommendation(Verdict.BOTH, reasons, break_even)
    return Recommendation(Verdict.FINE_TUNE, reasons, break_even)


@dataclass(frozen=True)
class GuideVerdict:
    """The one verdict every output and the decision guide show, and whether it rests on cost alone."""

    verdict: str
    reasons: tuple[str, ...]
    on_cost_alone: bool

    @property
    def title(self) -> str:
        return f"Verdict on cost alone: {self.verdict}" if self.on_cost_alone else f"Verdict: {self.verdict}"


NOT_WALKED = (
    "This rests on cost alone: the decision guide's questions (is the prompt complete, what is "
    "missing, how many good examples) are not answered yet."
)


def verdict_for(result: CostResult, answers: GuideAnswers | None) -> GuideVerdict:
    """The verdict: the guide's when any of its questions is answered, else on cost alone, and said so.

    The decision guide page, Present, the PDF, the slides and the report all show this one."""
    if answers is None or answers == GuideAnswers():
        return GuideVerdict(
            cost_verdict(result).value, (NOT_WALKED, _volume_reason(result)), on_cost_alone=True
        )
    recommendation = recommend(answers, result)
    return GuideVerdict(recommendation.verdict.value, tuple(recommendation.reasons), on_cost_alone=False)


def cost_verdict(result: CostResult) -> Verdict:
    """The verdict on cost alone, before the guide's other questions are answered."""
    if not result.pays_back:
        return Verdict.PROMPT_ENGINEERING
    return Verdict.BOTH if result.scenario.finetuned_prompt_tokens > 0 else Verdict.FINE_TUNE
