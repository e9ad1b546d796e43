"""The source article's scenarios (SPEC §3), written once for every test module."""

from costmodel import FIELD_LABELS, Scenario
from costmodel.scenario import (
    LATEST_DATE,
    MAX_EVENT_NOTE_LENGTH,
    MAX_EVENTS,
    MAX_NAME_LENGTH,
    MAX_NOTES_LENGTH,
    MAX_RECORD_LENGTH,
    MAX_SOURCE_LENGTH,
    SOURCED_PRICES,
)

# Overhead and break-even example: $30 a day saved repays $3,000 on day 100.
ARTICLE = Scenario(
    calls_per_day=10_000,
    prompt_tokens=800,
    price_per_million=5,
    finetuned_prompt_tokens=200,
    training_cost=3_000,
)
# A: internal wiki Q&A, $0.60 a day of overhead: pays back on day 834.
WIKI_QA = Scenario(calls_per_day=200, prompt_tokens=600, price_per_million=5, training_cost=500)
# B: pitch classification, $100 a day of overhead: pays back on day 20.
PITCHES = Scenario(calls_per_day=50_000, prompt_tokens=400, price_per_million=5, training_cost=2_000)


# The character that grows most in a link: 4 UTF-8 bytes are 12 characters of a URL,
# and inside JSON (events, currency) its two \u escapes are 16.
WIDEST_CHARACTER = "😀"
# A float whose repr is as long as a float's gets (22 characters).
LONGEST_FLOAT = 0.00012345678901234567


def longest_scenario() -> Scenario:
    """Every field set, every text at its cap in the widest character: the longest share link."""
    event = {
        "kind": "prompt_price_change",
        "on_date": LATEST_DATE,
        "price_factor": 1 + LONGEST_FLOAT,
        "cost": 1e6 + LONGEST_FLOAT,
        "note": WIDEST_CHARACTER * MAX_EVENT_NOTE_LENGTH,
    }
    # Numbers as a user types them; text dominates a link's length, not digits.
    fields = dict.fromkeys(FIELD_LABELS, 1234.5)
    fields |= {name: 12.5 for name in FIELD_LABELS if "percent" in name}
    fields |= {"calls_per_day": 123_456, "prompt_tokens": 1_234, "input_tokens": 567, "output_tokens": 89}
    fields |= {"finetuned_prompt_tokens": 123, "cache_min_prompt_tokens": 1_024}
    return Scenario(
        **fields
        | {
            "name": WIDEST_CHARACTER * MAX_NAME_LENGTH,
            "notes": WIDEST_CHARACTER * MAX_NOTES_LENGTH,
            "horizon_days": 3650,
            "retrain_every_days": 3649,
            "finetune_launch_day": 3650,
            "start_date": LATEST_DATE,
            "events": [event] * MAX_EVENTS,
            "self_hosting": {
                "tokens_per_second_per_gpu": 1e6 + LONGEST_FLOAT,
                "gpu_hour_price": 1e6 + LONGEST_FLOAT,
                "utilisation_percent": 12.5,
            },
            "currency": {
                "code": "EUR",
                "symbol": WIDEST_CHARACTER * 4,
                "per_usd": 1 + LONGEST_FLOAT,
                "as_of": LATEST_DATE,
            },
            "price_sources": [
                {
                    "field": field,
                    "price": 1234.5,
                    "origin": "litellm",
                    "record": WIDEST_CHARACTER * MAX_RECORD_LENGTH,
                    "read_on": LATEST_DATE,
                    "source": "%" * MAX_SOURCE_LENGTH,  # the widest in a link of what an address holds
                }
                for field in SOURCED_PRICES
            ],
        }
    )


# Hostile user text. One line (names are one line) and a block (notes, event notes, entry
# names, file names). "# heading" is an ATX heading, and "===" under a paragraph makes it a
# setext heading.
HOSTILE_LINE = "Plan https://evil.example/p www.evil.example me@evil.example ![img](x) <b>html</b>"
HOSTILE_BLOCK = f"{HOSTILE_LINE}\n# heading\n==="
PIECES = ("https://evil.example/p", "www.evil.example", "me@evil.example", "![img](x)", "<b>html</b>")
# A LiteLLM price file whose entry names and provider are hostile: one entry imports, one is refused.
HOSTILE_PRICES = {
    HOSTILE_BLOCK: {
        "input_cost_per_token": 1e-6,
        "output_cost_per_token": 2e-6,
        "litellm_provider": "www.evil.example",
        "mode": "chat",
    },
    f"refused {HOSTILE_BLOCK}": {"input_cost_per_token": -1, "mode": "chat"},
}
