"""The scenario: one workload and its two paths, prompt and fine-tuned (docs/MODEL.md §1).

Validation happens here, at the edge: every number is finite and >= 0, unknown
fields are refused, and each error names the field in the user's words
(`describe_errors`). Code past this point trusts a `Scenario`.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

MAX_HORIZON_DAYS = 3650
DEFAULT_HORIZON_DAYS = 730
# Free text is capped so that the longest scenario's share link (about 37,000 characters,
# every text at its cap in 4-byte characters) stays well under the ~100 kB request line
# the app's server accepts.
MAX_NAME_LENGTH = 200
MAX_NOTES_LENGTH = 1_000
MAX_EVENT_NOTE_LENGTH = 100
MAX_EVENTS = 12
# A price source's record name and web address: short enough that the share link of a scenario
# with every price sourced stays under 50,000 characters (costmodel/sharing.py).
MAX_RECORD_LENGTH, MAX_SOURCE_LENGTH = 120, 200
# Dates far from today are slips, and day 1 plus the longest horizon must stay a date.
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2200, 12, 31)
# Price changes multiply a path's prices; beyond this in all, the totals would overflow.
MAX_COMBINED_PRICE_FACTOR = 1e12


def _refuse_non_numbers(value: Any) -> Any:
    # pydantic would read True as 1.0 and "5" as 5.0; in a cost scenario both are
    # far more likely a slip than an intent, so only real numbers pass.
    if isinstance(value, bool | str):
        raise ValueError("must be a number")
    return value


# Above a trillion (calls, tokens or dollars) a value is a slip, and products of such
# values would overflow the daily sums.
MAX_AMOUNT = 1e12
Amount = Annotated[float, BeforeValidator(_refuse_non_numbers), Field(ge=0, le=MAX_AMOUNT)]
Days = Annotated[int, BeforeValidator(_refuse_non_numbers)]
MAX_RETRAIN_EVERY_DAYS = 10**12
Percent = Annotated[float, BeforeValidator(_refuse_non_numbers), Field(ge=0, le=100)]
# A yearly or monthly change: falls at most 100% (to zero), grows at most 1000%.
Change = Annotated[float, BeforeValidator(_refuse_non_numbers), Field(gt=-100, le=1000)]

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
    "finetune_launch_day": "fine-tuned model live from day",
    "retrain_cost": "retraining cost ($ per run)",
    "hosting_cost_per_day": "hosting cost ($ per day)",
    "prompt_setup_cost": "prompt path set-up cost ($)",
    "cached_prompt_percent": "share of the prompt that is cached (%)",
    "cache_read_price_per_million": "cache read price ($ per 1M tokens)",
    "cache_write_price_per_million": "cache write price ($ per 1M tokens)",
    "cache_lifetime_minutes": "cache lifetime (minutes)",
    "cache_min_prompt_tokens": "smallest prompt the provider caches (tokens)",
    "prompt_batch_percent": "prompt path calls sent by batch (%)",
    "finetune_batch_percent": "fine-tuned path calls sent by batch (%)",
    "batch_discount_percent": "batch discount (%)",
    "calls_growth_percent_per_month": "call volume growth (% per month)",
    "prompt_price_change_percent_per_year": "prompt path price change (% per year)",
    "finetune_price_change_percent_per_year": "fine-tuned path price change (% per year)",
    "start_date": "day 1's date",
    "events": "dated events",
    "self_hosting": "self-hosting",
    "prompt_error_percent": "prompt path error rate (%)",
    "finetune_error_percent": "fine-tuned path error rate (%)",
    "cost_per_error": "cost of fixing one error ($)",
    "discount_rate_percent_per_year": "discount rate (% per year)",
    "prefill_ms_per_thousand_tokens": "prefill time (ms per 1,000 prompt tokens)",
    "prompt_latency_ms_p50": "prompt path latency, median (ms)",
    "prompt_latency_ms_p95": "prompt path latency, 95th percentile (ms)",
    "finetune_latency_ms_p50": "fine-tuned path latency, median (ms)",
    "finetune_latency_ms_p95": "fine-tuned path latency, 95th percentile (ms)",
    "currency": "display currency",
    "price_sources": "where the prices came from",
}

# A null price or cost stands for its base value (docs/MODEL.md §1): the one
# table every reader of "same as base" uses.
SAME_AS_BASE = {
    "finetuned_price_per_million": "price_per_million",
    "finetuned_output_price_per_million": "output_price_per_million",
    "retrain_cost": "training_cost",
    "cache_read_price_per_million": "price_per_million",
    "cache_write_price_per_million": "price_per_million",
}

EVENT_KINDS = {
    "prompt_price_change": "price change on the prompt path",
    "finetune_price_change": "price change on the fine-tuned path",
    "forced_retraining": "forced retraining",
    "finetune_ends": "fine-tuned path ends, back to prompting",
}


class Event(BaseModel):
    """Something that happens on one day: a price change, a forced retraining, the end of fine-tuning.

    Give the day (1 = the first day of calls) or a date, which needs the scenario's
    `start_date`. A price change multiplies that path's token prices from its day on.
    """

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, frozen=True)

    kind: Literal["prompt_price_change", "finetune_price_change", "forced_retraining", "finetune_ends"]
    day: Days | None = Field(default=None, ge=1, le=MAX_HORIZON_DAYS)
    on_date: date | None = Field(default=None, ge=EARLIEST_DATE, le=LATEST_DATE)
    price_factor: Amount | None = None
    cost: Amount | None = None
    note: str = Field(default="", max_length=MAX_EVENT_NOTE_LENGTH)

    @model_validator(mode="after")
    def _has_a_time_and_what_it_needs(self) -> Event:
        if (self.day is None) == (self.on_date is None):
            raise ValueError("an event needs either a day or a date, not both")
        if self.kind.endswith("price_change") and self.price_factor is None:
            raise ValueError("a price change needs a price factor (0.5 halves the prices)")
        return self


# A GPU slower than this, or planned busier than this little, is a slip; and below them
# the GPU count (tokens / capacity) times a trillion-dollar hour would overflow the totals.
MIN_TOKENS_PER_SECOND_PER_GPU = 0.001
MIN_UTILISATION_PERCENT = 0.01


class SelfHosting(BaseModel):
    """The fine-tuned open model on rented GPUs instead of a provider's per-token prices."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, frozen=True)

    tokens_per_second_per_gpu: Annotated[
        float, BeforeValidator(_refuse_non_numbers), Field(ge=MIN_TOKENS_PER_SECOND_PER_GPU, le=MAX_AMOUNT)
    ]
    gpu_hour_price: Amount
    utilisation_percent: Annotated[
        float, BeforeValidator(_refuse_non_numbers), Field(ge=MIN_UTILISATION_PERCENT, le=100)
    ] = 60


class Currency(BaseModel):
    """How money is shown: the model stays in dollars; figures are converted for display."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, frozen=True)

    code: str = Field(default="USD", min_length=3, max_length=3, pattern="^[A-Z]{3}$")
    symbol: str = Field(default="$", min_length=1, max_length=4)
    per_usd: Annotated[float, BeforeValidator(_refuse_non_numbers), Field(gt=0, le=MAX_AMOUNT)] = 1.0
    as_of: date | None = None


USD = Currency()

# The token prices whose origin a scenario records, and how each origin is named.
SOURCED_PRICES = (
    "price_per_million",
    "output_price_per_million",
    "finetuned_price_per_million",
    "finetuned_output_price_per_million",
)
PRICE_ORIGINS = {"catalog": "the price catalog", "litellm": "a LiteLLM price file"}


class PriceSource(BaseModel):
    """Where one price came from: a catalog record or a LiteLLM import, read on a date.

    A price with no source, or whose value has changed since (typed over on the what-if
    page), was typed: only a price that came from a record is ever said to come from it.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    field: Literal[SOURCED_PRICES]  # type: ignore[valid-type]
    price: Amount  # the price the record gave
    origin: Literal["catalog", "litellm"]
    record: str = Field(min_length=1, max_length=MAX_RECORD_LENGTH)  # "OpenAI · gpt-4o"
    read_on: date | None = None  # None: the record does not say when the price held
    # The address the record names: a web address is printable ASCII.
    source: str = Field(default="", max_length=MAX_SOURCE_LENGTH, pattern=r"^[!-~]*$")


class Scenario(BaseModel):
    """One workload, costed on the prompt path and the fine-tuned path.

    Optional prices and the retraining cost default to their base counterparts
    (docs/MODEL.md §1); ``None`` is kept as given so a saved scenario still follows its
    base price when that changes. Read the resolved values through the
    ``effective_*`` properties.

    Examples
    --------
    >>> Scenario(calls_per_day=10_000, prompt_tokens=800, price_per_million=5,
    ...          training_cost=3_000).effective_retrain_cost
    3000.0
    """

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, frozen=True)

    name: str | None = Field(default=None, max_length=MAX_NAME_LENGTH)
    notes: str | None = Field(default=None, max_length=MAX_NOTES_LENGTH)
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
    # Above a trillion days is a slip, like an amount; and past 2**53 a browser's number box
    # cannot hold the value at all.
    retrain_every_days: Days | None = Field(default=None, ge=1, le=MAX_RETRAIN_EVERY_DAYS)
    # Data work, training and evaluation take weeks: until the fine-tuned model is live,
    # the fine-tuned path's calls still go to the prompt path.
    finetune_launch_day: Days = Field(default=1, ge=1, le=MAX_HORIZON_DAYS)
    retrain_cost: Amount | None = None
    hosting_cost_per_day: Amount = 0
    # The truer model: each is neutral at its default, so the plain model (docs/MODEL.md §3) is
    # exactly what remains when they are left alone.
    prompt_setup_cost: Amount = 0
    cached_prompt_percent: Percent = 0
    cache_read_price_per_million: Amount | None = None
    cache_write_price_per_million: Amount | None = None
    cache_lifetime_minutes: (
        Annotated[float, BeforeValidator(_refuse_non_numbers), Field(gt=0, le=MAX_AMOUNT)] | None
    ) = None
    cache_min_prompt_tokens: Amount = 0
    prompt_batch_percent: Percent = 0
    finetune_batch_percent: Percent = 0
    batch_discount_percent: Percent = 50
    calls_growth_percent_per_month: Change = 0
    prompt_price_change_percent_per_year: Change = 0
    finetune_price_change_percent_per_year: Change = 0
    start_date: date | None = Field(default=None, ge=EARLIEST_DATE, le=LATEST_DATE)
    events: tuple[Event, ...] = Field(default=(), max_length=MAX_EVENTS)
    self_hosting: SelfHosting | None = None
    prompt_error_percent: Percent = 0
    finetune_error_percent: Percent = 0
    cost_per_error: Amount = 0
    # Finance and latency change no cost: they are read beside the costs (costmodel/finance.py,
    # costmodel/latency.py). 0 switches discounting off; 0 prefill time means none was typed.
    discount_rate_percent_per_year: Percent = 0
    prefill_ms_per_thousand_tokens: Amount = 0
    # Measured by an eval (costmodel/evals.py); null = not measured.
    prompt_latency_ms_p50: Amount | None = None
    prompt_latency_ms_p95: Amount | None = None
    finetune_latency_ms_p50: Amount | None = None
    finetune_latency_ms_p95: Amount | None = None
    currency: Currency | None = None
    price_sources: tuple[PriceSource, ...] = Field(default=(), max_length=len(SOURCED_PRICES))

    @model_validator(mode="after")
    def _dated_events_need_a_start_date(self) -> Scenario:
        if self.start_date is None and any(event.on_date for event in self.events):
            raise ValueError("dated events need day 1's date (start_date)")
        if self.start_date is not None:
            for event in self.events:
                if event.on_date is not None and event.on_date < self.start_date:
                    raise ValueError(f"the event on {event.on_date} is before day 1 ({self.start_date})")
        return self

    @field_validator("events")
    @classmethod
    def _price_changes_stay_finite(cls, events: tuple[Event, ...]) -> tuple[Event, ...]:
        for kind in ("prompt_price_change", "finetune_price_change"):
            combined = math.prod(event.price_factor or 1 for event in events if event.kind == kind)
            if combined > MAX_COMBINED_PRICE_FACTOR:
                raise ValueError(
                    f"the price changes on the {kind.split('_')[0].replace('finetune', 'fine-tuned')} path "
                    f"multiply its prices by {combined:.3g} in all, more than the "
                    f"{MAX_COMBINED_PRICE_FACTOR:.0e} that keeps the totals finite"
                )
        return events

    def follows(self, field: str) -> str | None:
        """The base field a null field stands for (SAME_AS_BASE), or None when it has its own value."""
        return SAME_AS_BASE.get(field) if getattr(self, field) is None else None

    def price_source(self, field: str) -> PriceSource | None:
        """Where this price came from, when it still has the value the record gave; None: typed.
        A null price that follows its base price has the base price's source."""
        if getattr(self, field) is None and field in SAME_AS_BASE:
            return self.price_source(SAME_AS_BASE[field])
        for source in self.price_sources:
            if source.field == field and source.price == getattr(self, field):
                return source
        return None

    def effective(self, field: str) -> float:
        """A field's value, or the base value a null one stands for (SAME_AS_BASE)."""
        base = self.follows(field)
        return self.effective(base) if base else float(getattr(self, field))

    def event_day(self, event: Event) -> int:
        """The day an event happens on (day 1 is start_date)."""
        if event.day is not None:
            return event.day
        assert event.on_date is not None
        assert self.start_date is not None
        return (event.on_date - self.start_date).days + 1

    @property
    def display_currency(self) -> Currency:
        return self.currency or USD

    @property
    def caching_on(self) -> bool:
        return self.cached_prompt_percent > 0

    @property
    def effective_finetuned_price_per_million(self) -> float:
        return self.effective("finetuned_price_per_million")

    @property
    def effective_finetuned_output_price_per_million(self) -> float:
        return self.effective("finetuned_output_price_per_million")

    @property
    def effective_retrain_cost(self) -> float:
        return self.effective("retrain_cost")


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
    "greater_than": "must be more than {gt}",
    "date_from_datetime_parsing": "must be a date like 2027-01-06",
    "date_parsing": "must be a date like 2027-01-06",
    "date_type": "must be a date like 2027-01-06",
    "literal_error": "must be one of {expected}",
    "string_pattern_mismatch": "must be a three-letter code like EUR",
    "string_too_long": "must be at most {max_length} characters",
    "string_too_short": "must be at least {min_length} characters",
    "too_long": "must hold at most {max_length} items",
    "tuple_type": "must be a list",
}


_PLAIN_DATE_MESSAGES = {
    "greater_than_equal": "must be {ge} or later",
    "less_than_equal": "must be {le} or earlier",
}


def _plain(value: Any) -> Any:
    """Numbers in error messages as people write them: 1,000,000,000,000 rather than 1e+12."""
    if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
        return f"{int(value):,}"
    return value


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
        label = FIELD_LABELS.get(field) or FIELD_LABELS.get(str(problem["loc"][0]) if problem["loc"] else "")
        # repr: a field name from a file may hold a line break; the message stays one line.
        who = f"{label} ({field})" if label else repr(field) if field else "the scenario:"
        context = problem.get("ctx", {})
        # Bounds on dates arrive as text, bounds on numbers as numbers.
        dated = any(isinstance(value, str) for value in context.values())
        template = (dated and _PLAIN_DATE_MESSAGES.get(problem["type"])) or _PLAIN_MESSAGES.get(
            problem["type"]
        )
        if template is None:
            # Our own validators raise sentences; pydantic prefixes them.
            what = problem["msg"].removeprefix("Value error, ")
            if not what.startswith("must"):
                who = who.removesuffix(":") + ":"
        else:
            what = template.format(**{key: _plain(value) for key, value in context.items()})
        shown_input = problem["type"] not in ("missing", "extra_forbidden", "model_type")
        if shown_input and field and not isinstance(problem["input"], dict | list | tuple):
            shown = repr(problem["input"])  # a pasted novel is not repeated back whole
            what += f", not {shown if len(shown) <= 60 else shown[:57] + '...'}"
        sentences.append(f"{who} {what}")
    return sentences
