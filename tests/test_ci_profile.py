"""CI gives the same verdict on every run: hypothesis is derandomized there, random locally."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Imports every test module as pytest would (conftest first) and prints, per property
# test, the settings it will run with.
REPORT_SETTINGS = """
import importlib, inspect, pathlib
import tests.conftest
from hypothesis import HealthCheck, settings
print("default", settings.default.derandomize, settings.default.deadline,
      HealthCheck.too_slow in settings.default.suppress_health_check)
for path in sorted(pathlib.Path("tests").rglob("test_*.py")):
    module = importlib.import_module(".".join(path.with_suffix("").parts))
    for owner in [module, *[c for _, c in inspect.getmembers(module, inspect.isclass)]]:
        for name, test in inspect.getmembers(owner, callable):
            used = getattr(test, "_hypothesis_internal_use_settings", None)
            if name.startswith("test") and used is not None and hasattr(test, "hypothesis"):
                print(f"{path}::{name}", used.derandomize, used.deadline,
                      HealthCheck.too_slow in used.suppress_health_check)
"""


def settings_under(ci: str | None) -> list[list[str]]:
    environment = {key: value for key, value in os.environ.items() if key != "CI"}
    if ci is not None:
        environment["CI"] = ci
    completed = subprocess.run(
        [sys.executable, "-c", REPORT_SETTINGS],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    return [line.split(" ") for line in completed.stdout.splitlines()]


def test_every_property_test_is_derandomized_without_deadline_or_too_slow_check_in_ci():
    lines = settings_under("true")
    assert lines[0] == ["default", "True", "None", "True"]
    property_tests = lines[1:]
    assert len(property_tests) >= 10
    not_deterministic = [line[0] for line in property_tests if line[1:] != ["True", "None", "True"]]
    assert not_deterministic == []


@pytest.mark.parametrize("ci", [None, "false"])
def test_local_runs_keep_random_exploration(ci):
    [default, *_] = settings_under(ci)
    assert default[:2] == ["default", "False"]
