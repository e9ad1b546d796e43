"""The article's examples ship as data and reproduce SPEC §3."""

import pytest

from costmodel import evaluate, load_presets

EXPECTED = {
    "article-break-even": (100, 40.0),
    "wiki-qa": (None, 0.60),
    "pitch-classification-2000": (20, 100.0),
    "pitch-classification-5000": (50, 100.0),
}


def test_every_article_example_is_a_preset():
    assert list(load_presets()) == list(EXPECTED)


@pytest.mark.parametrize("key", EXPECTED)
def test_preset_reproduces_the_article(key):
    preset = load_presets()[key]
    result = evaluate(preset.scenario)
    break_even_day, overhead_per_day = EXPECTED[key]
    assert result.break_even_day == break_even_day
    assert result.prompt_overhead_cost_per_day == pytest.approx(overhead_per_day)


@pytest.mark.parametrize("key", EXPECTED)
def test_preset_carries_a_one_sentence_verdict_and_its_source(key):
    preset = load_presets()[key]
    assert preset.verdict.endswith(".")
    assert preset.verdict.count(". ") == 0
    assert "article" in preset.source
    assert preset.scenario.name
