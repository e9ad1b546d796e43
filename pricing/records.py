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


class PriceRecord(BaseModel):
    """What one model costs, per provider, with when and where the price was read.

    Token prices are US dollars per 1M tokens; hourly fees are dollars per hour.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    provider: str = Field(min_length=1)
    model: str = Field(min_length=1)
    input_per_million: Price | None = None
    cached_input_per_million: Price | None = None
    output_per_million: Price | None = None
    training_per_million: Price | None = None
    training_per_gpu_hour: Price | None = None
    finetuned_input_per_million: Price | None = None
    finetuned_cached_input_per_million: Price | None = None
    finetuned_output_per_million: Price | None = None
    hosting_per_hour: Price | None = None
    # None: nobody knows when the price held (a LiteLLM file imported without a date).
    read_on: date | None
    source: Annotated[str, AfterValidator(_web_address)]
    availability: str = ""
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


@cache
def load_catalog() -> tuple[PriceRecord, ...]:
    """The shipped catalog, in file order."""
    records = json.loads(CATALOG_FILE.read_text(encoding="utf-8"))
    return tuple(PriceRecord.model_validate(record) for record in records)


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
