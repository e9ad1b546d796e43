"""Everyone gets CI's verdict: plain `./test.sh` tries the same examples on every run, with no
deadline and no "too slow" health check, whether CI is set or not; `--explore` is random."""

import importlib
import inspect
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tests.conftest import DETERMINISTIC_PROFILE, EXPLORE_PROFILE

TESTS = Path(__file__).resolve().parent


def settings_of_every_property_test() -> dict[str, settings]:
    """Each property test's own settings, its module imported as pytest imports it (cached in a full run)."""
    found: dict[str, settings] = {}
    for path in sorted(TESTS.rglob("test_*.py")):
        module = importlib.import_module(".".join(path.relative_to(TESTS.parent).with_suffix("").parts))
        for owner in [module, *[member for _, member in inspect.getmembers(module, inspect.isclass)]]:
            for name, test in inspect.getmembers(owner, callable):
                used = getattr(test, "_hypothesis_internal_use_settings", None)
                if name.startswith("test") and used is not None and hasattr(test, "hypothesis"):
                    found[f"{path.relative_to(TESTS)}::{owner.__name__}::{name}"] = used
    return found


def is_deterministic(used: settings) -> bool:
    return used.derandomize and used.deadline is None and HealthCheck.too_slow in used.suppress_health_check


@pytest.mark.skipif(
    settings.default.derandomize is False, reason="exploring: ./test.sh --explore draws random examples"
)
def test_every_property_test_gives_the_same_verdict_on_every_run():
    property_tests = settings_of_every_property_test()
    assert len(property_tests) >= 10
    assert is_deterministic(settings.default)
    assert [name for name, used in property_tests.items() if not is_deterministic(used)] == []


def test_the_plain_command_is_deterministic_and_exploring_is_random():
    assert is_deterministic(settings.get_profile(DETERMINISTIC_PROFILE))
    explore = settings.get_profile(EXPLORE_PROFILE)
    assert explore.derandomize is False
    assert explore.deadline is None
    assert explore.max_examples > settings.get_profile(DETERMINISTIC_PROFILE).max_examples
