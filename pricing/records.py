"""Price records (SPEC §5): a price is a fact with a date and a source."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

if TYPE_CHECKING:  # pandas takes a third of a second to import: only the prices table needs it
    import pandas as pd

CATALOG_FILE = Path(__file__).with_name("catalog.json")

# A price read this long ago is flagged wherever it is shown or used.
STALE_AFTER = timedelta(days=180)

# Above this, a per-1M-token or per-hour price is a slip (the dearest list prices
# are in the hundreds of dollars per 1M tokens).
ABSURD_PRICE = 10_000.0

# None means "unknown"; zero is refused, because a price of $0 is almost always a
# missing price (LiteLLM's fine-tuned entries), not a free model; so is the limit itself.
Price = Annotated[float, Field(gt=0, lt=ABSURD_PRICE, allow_inf_nan=False)]


def _web_address(text: str) -> str:
    if not text.startswith(("https://", "http://")):
        raise ValueError("must be a web address starting with https://")
    return text


class Prices(BaseModel):
    """A model's prices at one time; None is unknown, never free.

    Token prices are US dollars per 1M tokens; hourly fees are dollars per hour.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    input_per_million: Price | None = None
    cached_input_per_million: Price | None = None
    output_per_million: Price | None = None
    training_per_million: Price | None = None
    training_per_gpu_hour: Price | None = None
    finetuned_input_per_million: Price | None = None
    finetuned_cached_input_per_million: Price | None = None
    finetuned_output_per_million: Price | None = None
    hosting_per_hour: Price | None = None

    def known(self) -> dict[str, float]:
        """The prices that are known, by field name."""
        return {name: value for name, value in self.model_dump().items() if name in PRICE_FIELDS and value}


PRICE_FIELDS = tuple(Prices.model_fields)


class PriceSpan(Prices):
    """Earlier prices of a model, llm-prices style: in force from `from_date` to `to_date`.

    `from_date` is inclusive, `to_date` exclusive.
    """

    from_date: date
    to_date: date
    source: Annotated[str, AfterValidator(_web_address)]
    source_published: date | None = Field(default=None, description="the date the source itself gives")
    note: str = ""


class _Identity(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    provider: str = Field(min_length=1)
    model: str = Field(min_length=1)


class PriceRecord(Prices, _Identity):
    """What one model costs, per provider, with when and where the price was read.

    The prices are the current ones; `history` holds earlier ones as dated spans.
    """

    # None: nobody knows when the price held (a LiteLLM file imported without a date).
    read_on: date | None
    source: Annotated[str, AfterValidator(_web_address)]
    source_published: date | None = Field(
        default=None,
        description="the date the source itself gives (an announcement's); None for a living page",
    )
    valid_from: date | None = Field(default=None, description="when the current prices took effect, if known")
    history: tuple[PriceSpan, ...] = ()
    availability: str = ""
    # Why the prices left empty are unknown, said wherever one is missed (apply_prices).
    unknown_because: str = ""
    note: str = ""

    @property
    def key(self) -> str:
        return f"{self.provider} · {self.model}"

    def is_stale(self, today: date) -> bool:
        """Was this price read more than 180 days before `today`, or on a day nobody knows?"""
        return self.read_on is None or today - self.read_on > STALE_AFTER

    def freshness(self, today: date) -> str:
        """When the price was read, flagged when stale: "read 2024-08-20 (stale: 828 days old)"."""
        if self.read_on is None:
            return "date unknown (stale until checked)"
        age = (today - self.read_on).days
        flag = f" (stale: {age} days old)" if self.is_stale(today) else ""
        return f"read {self.read_on.isoformat()}{flag}"


def prices_on(record: PriceRecord, day: date) -> Prices | None:
    """The prices in force on `day`: a history span's, or the current ones; None before any is known.

    The current prices hold from `valid_from` (else from the first day after the
    history, else from `read_on`) with no end.

    >>> from pricing import load_catalog
    >>> turbo = next(r for r in load_catalog() if r.model == "gpt-3.5-turbo")
    >>> prices_on(turbo, date(2023, 9, 1)).finetuned_input_per_million
    12.0
    >>> prices_on(turbo, date(2026, 11, 26)).finetuned_input_per_million
    3.0
    """
    for span in record.history:
        if span.from_date <= day < span.to_date:
            return Prices.model_validate(span.model_dump(include=set(PRICE_FIELDS)))
    start = current_from(record)
    # A price whose date nobody knows (an undated LiteLLM import) answers for any day.
    if start is not None and day < start:
        return None
    return Prices.model_validate(record.model_dump(include=set(PRICE_FIELDS)))


def current_from(record: PriceRecord) -> date | None:
    """The day the current prices took effect: `valid_from`, else the history's end, else `read_on`."""
    return record.valid_from or (record.history[-1].to_date if record.history else record.read_on)


@cache
def load_catalog() -> tuple[PriceRecord, ...]:
    """The shipped catalog, in file order."""
    records = json.loads(CATALOG_FILE.read_text(encoding="utf-8"))
    return tuple(PriceRecord.model_validate(record) for record in records)


def training_price_record(name: str) -> PriceRecord | None:
    """The catalog record that prices training `name` per 1M tokens: matched by model name
    or by key ("OpenAI · gpt-4o"), case aside; None when the catalog has no such price.

    >>> training_price_record("gpt-4o-mini").training_per_million
    3.0
    >>> training_price_record("claude haiku 4.5") is None  # no self-service fine-tuning price
    True
    """
    wanted = name.strip().casefold()
    return next(
        (
            record
            for record in load_catalog()
            if record.training_per_million and wanted in (record.model.casefold(), record.key.casefold())
        ),
        None,
    )


def records_frame(records: Sequence[PriceRecord], today: date) -> pd.DataFrame:
    """One row per record with units in the column names; None where a price is unknown."""
    import pandas as pd

    return pd.DataFrame(
        [
            {
                "provider": record.provider,
                "model": record.model,
                "read on": record.read_on,
                "stale": record.is_stale(today),
                "input $/1M": record.input_per_million,
                "cached input $/1M": record.cached_input_per_million,
                "output $/1M": record.output_per_million,
                "training $/1M": record.training_per_million,
                "fine-tuned input $/1M": record.finetuned_input_per_million,
                "fine-tuned cached input $/1M": record.finetuned_cached_input_per_million,
                "fine-tuned output $/1M": record.finetuned_output_per_million,
                "hosting $/hour": record.hosting_per_hour,
                "training $/GPU-hour": record.training_per_gpu_hour,
                "availability": record.availability,
                "source": record.source,
                "note": record.note,
            }
            for record in records
        ]
    )


def history_frame(records: Sequence[PriceRecord]) -> pd.DataFrame:
    """How each record's prices moved: one row per dated span, the current prices last ("to" empty)."""
    import pandas as pd

    rows = []
    for record in records:
        spans: list[tuple[date | None, date | None, Prices, str]] = [
            (span.from_date, span.to_date, span, span.source) for span in record.history
        ]
        spans.append((current_from(record), None, record, record.source))
        for start, end, prices, source in spans:
            rows.append(
                {
                    "provider": record.provider,
                    "model": record.model,
                    "from": start,
                    "to": end,
                    "input $/1M": prices.input_per_million,
                    "cached input $/1M": prices.cached_input_per_million,
                    "output $/1M": prices.output_per_million,
                    "training $/1M": prices.training_per_million,
                    "fine-tuned input $/1M": prices.finetuned_input_per_million,
                    "fine-tuned cached input $/1M": prices.finetuned_cached_input_per_million,
                    "fine-tuned output $/1M": prices.finetuned_output_per_million,
                    "source": source,
                }
            )
    return pd.DataFrame(rows)
