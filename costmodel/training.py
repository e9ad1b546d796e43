"""One-off costs built from their parts (SPEC §5: training cost estimate)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from costmodel.model import TOKENS_PER_MILLION


class TrainingCostParts(BaseModel):
    """What a fine-tuning run costs beyond its compute: data, curation, evaluation."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, frozen=True)

    examples: int = Field(default=500, ge=0)
    tokens_per_example: float = Field(default=1_000, ge=0)
    epochs: int = Field(default=3, ge=1)
    training_price_per_million: float = Field(default=25.0, ge=0)
    data_cost: float = Field(default=0, ge=0, description="generating or labelling examples")
    curation_hours: float = Field(default=20, ge=0)
    evaluation_hours: float = Field(default=10, ge=0)
    hourly_rate: float = Field(default=100, ge=0)

    @property
    def training_tokens(self) -> float:
        return self.examples * self.tokens_per_example * self.epochs

    @property
    def compute_cost(self) -> float:
        """examples x tokens per example x epochs x training price."""
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

    engineering_hours: float = Field(default=16, ge=0)
    hourly_rate: float = Field(default=100, ge=0)
    evaluation_cost: float = Field(default=0, ge=0)

    @property
    def total(self) -> float:
        return self.engineering_hours * self.hourly_rate + self.evaluation_cost
