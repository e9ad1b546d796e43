"""One-off costs built from their parts (SPEC §5: training cost estimate)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from costmodel.model import TOKENS_PER_MILLION

# OpenAI's default epoch count ("auto"), from the dataset size: openai/openai-cookbook,
# examples/Chat_finetuning_data_prep.ipynb, "Pricing and default n_epochs estimate".
TARGET_EPOCHS = 3
MIN_TARGET_EXAMPLES = 100  # example-passes a small set is raised towards
MAX_TARGET_EXAMPLES = 25_000  # example-passes a large set is lowered towards
MIN_DEFAULT_EPOCHS = 1
MAX_DEFAULT_EPOCHS = 25

# Tokens of one training example OpenAI trains on (and bills); longer examples are
# truncated. gpt-4o / gpt-4o-mini: "Training example context length: 65,536" (Microsoft
# Learn, Azure OpenAI fine-tuning models, 2024); gpt-3.5-turbo-0125 / -1106: its context,
# 16,385 (OpenAI fine-tuning guide, as openai/openai-cookbook PR #1178 quotes it). Other
# models: not recorded here.
# The most a builder takes: more hours than a team works in decades, or a rate no one pays,
# is a slip of the keyboard.
HOURS_AT_MOST = 100_000
RATE_AT_MOST = 100_000

EXAMPLE_TOKEN_LIMITS = {"gpt-4o": 65_536, "gpt-4o-mini": 65_536, "gpt-3.5-turbo": 16_385}


def default_epochs(examples: int) -> int:
    """The epochs OpenAI trains for when none are given ("auto"), from the number of examples.

    Notes
    -----
    Three epochs, unless examples x 3 falls outside 100..25,000 example-passes:

        examples * 3 < 100      ->  min(25, 100 // examples)
        examples * 3 > 25,000   ->  max(1, 25,000 // examples)

    With no examples there is nothing to train: three, as for any mid-sized set.

    >>> [default_epochs(n) for n in (10, 33, 34, 500, 8_333, 8_334, 20_000, 100_000)]
    [10, 3, 3, 3, 3, 2, 1, 1]
    >>> default_epochs(1)
    25
    """
    if examples <= 0:
        return TARGET_EPOCHS
    if examples * TARGET_EPOCHS < MIN_TARGET_EXAMPLES:
        return min(MAX_DEFAULT_EPOCHS, MIN_TARGET_EXAMPLES // examples)
    if examples * TARGET_EPOCHS > MAX_TARGET_EXAMPLES:
        return max(MIN_DEFAULT_EPOCHS, MAX_TARGET_EXAMPLES // examples)
    return TARGET_EPOCHS


class TrainingCostParts(BaseModel):
    """What a fine-tuning run costs beyond its compute: data, curation, evaluation."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, frozen=True)

    examples: int = Field(default=500, ge=0, le=10_000_000)
    tokens_per_example: float = Field(default=1_000, ge=0, le=1_000_000)
    epochs: int | None = Field(
        default=None, ge=1, le=100, description="None: OpenAI's default for the dataset size"
    )
    example_token_limit: int | None = Field(
        default=None, ge=1, description="tokens of one example trained on and billed; None: no known limit"
    )
    training_price_per_million: float = Field(default=25.0, ge=0, le=10_000)
    data_cost: float = Field(default=0, ge=0, le=1e9, description="generating or labelling examples")
    curation_hours: float = Field(default=20, ge=0, le=HOURS_AT_MOST)
    evaluation_hours: float = Field(default=10, ge=0, le=HOURS_AT_MOST)
    hourly_rate: float = Field(default=100, ge=0, le=RATE_AT_MOST)

    @property
    def epochs_trained(self) -> int:
        """The epochs given, or OpenAI's default for this many examples."""
        return self.epochs if self.epochs is not None else default_epochs(self.examples)

    @property
    def billed_tokens_per_example(self) -> float:
        """Tokens per example, cut to the per-example limit where one is known."""
        if self.example_token_limit is None:
            return self.tokens_per_example
        return min(self.tokens_per_example, self.example_token_limit)

    @property
    def training_tokens(self) -> float:
        """examples x billed tokens per example x epochs.

        >>> long = TrainingCostParts(examples=20, tokens_per_example=100_000, example_token_limit=65_536)
        >>> long.epochs_trained, long.training_tokens  # 20 examples: 5 epochs; 65,536 tokens each
        (5, 6553600)
        """
        return self.examples * self.billed_tokens_per_example * self.epochs_trained

    @property
    def compute_cost(self) -> float:
        """Training tokens x training price."""
        return self.training_tokens * self.training_price_per_million / TOKENS_PER_MILLION

    @property
    def people_cost(self) -> float:
        return (self.curation_hours + self.evaluation_hours) * self.hourly_rate

    @property
    def total(self) -> float:
        """The training cost the what-if page needs.

        >>> TrainingCostParts().total  # 1.5M tokens at $25/M, plus 30 hours at $100
        3037.5
        """
        return self.compute_cost + self.data_cost + self.people_cost


class PromptSetupParts(BaseModel):
    """The prompt path's own one-off cost: engineering the prompt and evaluating it."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, frozen=True)

    engineering_hours: float = Field(default=16, ge=0, le=HOURS_AT_MOST)
    hourly_rate: float = Field(default=100, ge=0, le=RATE_AT_MOST)
    evaluation_cost: float = Field(default=0, ge=0, le=1e9)

    @property
    def total(self) -> float:
        return self.engineering_hours * self.hourly_rate + self.evaluation_cost
