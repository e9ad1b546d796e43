"""The article's worked examples, kept as data in presets.json (docs/MODEL.md §5)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from costmodel.scenario import Scenario

PRESETS_FILE = Path(__file__).with_name("presets.json")


class Preset(BaseModel):
    """A named scenario with the article's verdict on it and where it comes from."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str
    title: str
    source: str
    verdict: str
    scenario: Scenario


@cache
def load_presets() -> dict[str, Preset]:
    """Presets by key, in file order."""
    records = json.loads(PRESETS_FILE.read_text(encoding="utf-8"))
    presets = [Preset.model_validate(record) for record in records]
    return {preset.key: preset for preset in presets}
