"""Who imports whom: the domain imports no face, the renderers need no widget.

Each check runs in a fresh interpreter, so what another test imported does not count."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def modules_of(package: str) -> list[str]:
    return [
        f"{package}.{module.name}"
        for module in pkgutil.iter_modules([str(ROOT / package)])
        if module.name != "__main__"  # the program's entry, never imported by the package
    ]


def loaded_after_importing(modules: list[str]) -> set[str]:
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print('\\n'.join(sorted({name.split('.')[0] for name in sys.modules})))\n"
    )
    command = [sys.executable, "-c", script]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    return set(done.stdout.split())


@pytest.mark.parametrize(
    ("package", "never"),
    [
        ("costmodel", {"streamlit", "render", "commands", "ui", "pptx", "plotly", "kaleido"}),
        ("render", {"streamlit", "ui", "commands"}),
    ],
)
def test_a_layer_never_imports_the_layers_above_it(package: str, never: set[str]) -> None:
    assert loaded_after_importing(modules_of(package)) & never == set()


def test_the_readme_command_still_makes_slides(tmp_path: Path) -> None:
    """`python -m costmodel deck` goes through costmodel/__main__.py to the face in commands/."""
    scenario = tmp_path / "s.json"
    scenario.write_text(
        '{"calls_per_day": 10000, "prompt_tokens": 800, "price_per_million": 5, '
        '"finetuned_prompt_tokens": 200, "training_cost": 3000}'
    )
    output = tmp_path / "d.pptx"
    done = subprocess.run(
        [sys.executable, "-m", "costmodel", "deck", str(scenario), "-o", str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert output.stat().st_size > 10_000
