"""The scenario: one workload and its two paths, prompt and fine-tuned (SPEC §2).

Validation happens here, at the edge: every number is finite and >= 0, unknown
fields are refused, and each error names the field in the user's words
(`describe_errors`). Code past this point trusts a `Scenario`.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

MAX_HORIZON_DAYS = 3650
DEFAULT_HORIZON_DAYS = 730


def _refuse_non_numbers(value: Any) -> Any:
    # pydantic would read True as 1.0 and "5" as 5.0; in a cost scenario both are
    # far more likely a slip than an intent, so only real numbers pass.
    if isinstance(value, bool) or isinstance(value, str):
        raise ValueError("must be a number")
    return value


Amount = Annotated[float, BeforeValidator(_refuse_non_numbers), Field(ge=0)]
Days = Annotated[int, BeforeValidator(_refuse_non_numbers)]

# The user's words for each field: used by error messages, the CLI and the pages.
FIELD_LABELS: dict[str, str] = {
    "name": "name",
    "notes": "notes",
    "calls_per_day": "calls per day",
    "horizon_days": "horizon (days)",
    "prompt_tokens": "prompt tokens per call",
    "price_per_million": "input price ($ per 1M tokens)",
    "input_tokens": "user input tokens per call",
    "output_tokens": "output tokens per call",
    "output_price_per_million": "output price ($ per 1M tokens)",
    "finetuned_prompt_tokens": "prompt tokens kept after fine-tuning",
    "finetuned_price_per_million": "fine-tuned input price ($ per 1M tokens)",
    "finetuned_output_price_per_million": "fine-tuned output price ($ per 1M tokens)",
    "training_cost": "training cost ($)",
    "retrain_every_days": "retrain every (days)",
    "retrain_cost": "retraining cost ($ per run)",
    "hosting_cost_per_day": "hosting cost ($ per day)",
}


class Scenario(BaseModel):
    """One workload, costed on the prompt path and the fine-tuned path.

    Optional prices and the retraining cost default to their base counterparts
    (SPEC §2); ``None`` is kept as given so a saved scenario still follows its
    base price when that changes. Read the resolved values through the
    ``effective_*`` properties.

    Examples
    --------
    >>> Scenario(calls_per_day=10_000, prompt_tokens=800, price_per_million=5,
    ...          training_cost=3_000).effective_retrain_cost
    3000.0
    """

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, frozen=True)

    name: str | None = None
    notes: str | None = None
    calls_per_day: Amount
    horizon_days: Days = Field(default=DEFAULT_HORIZON_DAYS, ge=1, le=MAX_HORIZON_DAYS)
    prompt_tokens: Amount
    price_per_million: Amount
    input_tokens: Amount = 0
    output_tokens: Amount = 0
    output_price_per_million: Amount = 0
    finetuned_prompt_tokens: Amount = 0
    finetuned_price_per_million: Amount | None = None
    finetuned_output_price_per_million: Amount | None = None
    training_cost: Amount
    retrain_every_days: Days | None = Field(default=None, ge=1)
    retrain_cost: Amount | None = None
    hosting_cost_per_day: Amount = 0

    @property
    def effective_finetuned_price_per_million(self) -> float:
        if self.finetuned_price_per_million is None:
            return self.price_per_million
        return self.finetuned_price_per_million

    @property
    def effective_finetuned_output_price_per_million(self) -> float:
        if self.finetuned_output_price_per_million is None:
            return self.output_price_per_million
        return self.finetuned_output_price_per_million

    @property
    def effective_retrain_cost(self) -> float:
        return self.training_cost if self.retrain_cost is None else self.retrain_cost


_PLAIN_MESSAGES = {
    "missing": "is required",
    "extra_forbidden": "is not a scenario field",
    "finite_number": "must be a finite number",
    "greater_than_equal": "must be {ge} or more",
    "less_than_equal": "must be {le} or less",
    "int_from_float": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_type": "must be a whole number",
    "float_type": "must be a number",
    "float_parsing": "must be a number",
    "string_type": "must be text",
    "model_type": "must be an object of named fields",
}


def describe_errors(error: ValidationError) -> list[str]:
    """One sentence per problem, each naming the field as the user knows it.

    >>> try:
    ...     Scenario(calls_per_day=-1, prompt_tokens=1, price_per_million=1, training_cost=0)
    ... except ValidationError as e:
    ...     describe_errors(e)
    ['calls per day (calls_per_day) must be 0 or more, not -1']
    """
    sentences = []
    for problem in error.errors():
        field = ".".join(str(part) for part in problem["loc"])
        label = FIELD_LABELS.get(field)
        who = f"{label} ({field})" if label else f"'{field}'" if field else "the scenario"
        template = _PLAIN_MESSAGES.get(problem["type"])
        if template is None:
            # Our own validators raise "must be ..." sentences; pydantic prefixes them.
            what = problem["msg"].removeprefix("Value error, ")
        else:
            what = template.format(**problem.get("ctx", {}))
        if problem["type"] not in ("missing", "extra_forbidden", "model_type"):
            what += f", not {problem['input']!r}"
        sentences.append(f"{who} {what}")
    return sentences
