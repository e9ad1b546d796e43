"""The source article's scenarios (SPEC §3), written once for every test module."""

from costmodel import Scenario

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
