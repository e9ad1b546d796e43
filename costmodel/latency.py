"""Each path's latency beside its cost: measured by an eval, or estimated from a typed prefill time.

A shorter prompt also cuts the time to the first token: the model reads (prefills) every
prompt token before it writes. Measured figures (the scenario's `*_latency_ms_p50/p95`, which
the eval page and `python -m costmodel evals --scenario` fill in) win; without them a typed
prefill time per 1,000 prompt tokens gives each path's prefill time, the same at p50 and p95
(a typed rate has no spread), which leaves out queueing and the time to write the answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from costmodel.model import Path
from costmodel.scenario import Scenario

Source = Literal["eval", "prefill"]
SOURCE_WORDS = {
    "eval": "measured by an eval",
    "prefill": "prefill time only, from the typed time per 1,000 prompt tokens",
}


@dataclass(frozen=True)
class Latency:
    """One path's median and 95th-percentile latency in milliseconds, and where they come from."""

    p50_ms: float
    p95_ms: float
    source: Source

    def to_json(self) -> dict[str, float | str]:
        return {"p50_ms": self.p50_ms, "p95_ms": self.p95_ms, "source": self.source}


def prompt_tokens_read(scenario: Scenario, path: Path) -> float:
    """Tokens the model reads before it answers on a path: its prompt and the user's input."""
    kept = scenario.prompt_tokens if path == "prompt" else scenario.finetuned_prompt_tokens
    return kept + scenario.input_tokens


def path_latency(scenario: Scenario, path: Path) -> Latency | None:
    """A path's latency, or None when neither an eval nor a prefill time gave one.

    Notes
    -----
    measured: the scenario's {path}_latency_ms_p50 and _p95 (both needed);
    otherwise prefill = prefill_ms_per_thousand_tokens × (path's prompt + input tokens) / 1,000.

    >>> s = Scenario(calls_per_day=1, prompt_tokens=800, price_per_million=1, training_cost=0,
    ...              finetuned_prompt_tokens=200, prefill_ms_per_thousand_tokens=50)
    >>> path_latency(s, "prompt").p50_ms, path_latency(s, "finetune").p95_ms
    (40.0, 10.0)
    """
    p50 = getattr(scenario, f"{path}_latency_ms_p50")
    p95 = getattr(scenario, f"{path}_latency_ms_p95")
    if p50 is not None and p95 is not None:
        return Latency(p50, p95, "eval")
    if scenario.prefill_ms_per_thousand_tokens > 0:
        prefill = scenario.prefill_ms_per_thousand_tokens * prompt_tokens_read(scenario, path) / 1_000
        return Latency(prefill, prefill, "prefill")
    return None


def latency_summary(scenario: Scenario) -> dict[str, dict[str, float | str] | None]:
    """Both paths' latency, JSON-ready (null where none is known)."""
    return {
        f"{path}_latency": None if (latency := path_latency(scenario, path)) is None else latency.to_json()
        for path in ("prompt", "finetune")
    }


def format_ms(milliseconds: float) -> str:
    """A latency as people read it: milliseconds under 10 s, else seconds.

    >>> format_ms(40), format_ms(1_124.4), format_ms(30_000)
    ('40 ms', '1,124 ms', '30.0 s')
    """
    return f"{milliseconds:,.0f} ms" if milliseconds < 10_000 else f"{milliseconds / 1_000:,.1f} s"


PATH_NAMES = {"prompt": "Prompt path", "finetune": "Fine-tuned path"}


def latency_words(scenario: Scenario) -> list[tuple[str, str, str]]:
    """Each path's latency as (label, value, where it comes from), for the pages and the brief;
    empty when neither an eval nor a prefill time gave one."""
    rows = []
    for path in ("prompt", "finetune"):
        latency = path_latency(scenario, path)
        if latency is None:
            continue
        value = (
            f"{format_ms(latency.p50_ms)} p50, {format_ms(latency.p95_ms)} p95"
            if latency.source == "eval"
            else f"{format_ms(latency.p50_ms)} to read the prompt"
        )
        where = SOURCE_WORDS[latency.source]
        if latency.source == "prefill":
            where += f" ({prompt_tokens_read(scenario, path):,.0f} tokens)"
        rows.append((f"{PATH_NAMES[path]} latency", value, where[0].upper() + where[1:] + "."))
    return rows
