"""Prompt engineering or fine-tuning: the cost model of docs/MODEL.md, free of any UI."""

from costmodel.explain import describe_horizon, format_money, format_tokens, headline
from costmodel.model import CostResult, evaluate
from costmodel.presets import Preset, load_presets
from costmodel.scenario import FIELD_LABELS, Scenario, describe_errors

__all__ = [
    "FIELD_LABELS",
    "CostResult",
    "Preset",
    "Scenario",
    "describe_errors",
    "describe_horizon",
    "evaluate",
    "format_money",
    "format_tokens",
    "headline",
    "load_presets",
]
