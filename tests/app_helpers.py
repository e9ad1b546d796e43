"""What the AppTest modules share: the app's path, reading a page as a user reads it, and what
the command line says to compare it with."""

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from costmodel import Scenario

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")


def start_app(page: str | None = None, query: dict[str, str] | None = None) -> AppTest:
    """The app as a fresh browser session opens it: optionally from a link, optionally on a page."""
    at = AppTest.from_file(APP, default_timeout=120)  # one run may take a minute on a busy machine
    at.query_params.update(query or {})
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception
    return at


def shown(text: str) -> str:
    """Text as the user reads it, without the escapes and the invisible word joiners that
    keep it from being markup or a link."""
    return re.sub(r"\\(.)", r"\1", text).replace("\u2060", "")


def metric(at: AppTest, label_start: str) -> str:
    """The metric's value, and its note where it has one, as the user reads them."""
    [found] = [m for m in at.metric if m.label.startswith(label_start)]
    value = shown(found.value)
    return f"{value} {found.delta}" if found.delta else value


def show_manager_answers(at: AppTest, key: str = "what_if") -> None:
    """Switch on What-if's "What managers ask next" (Present always shows it) and open its
    "Month by month", which draw nothing until asked for."""
    if key == "what_if":
        at.toggle(key="what_if.answers.show").set_value(True).run()
    at.session_state[f"{key}.monthly.open"] = True
    at.run()


def open_section(at: AppTest, name: str) -> None:
    """Show one of the sidebar's 'More inputs' sections."""
    at.selectbox(key="input.more").set_value(name).run()


def texts(at: AppTest) -> list[str]:
    """Every message, note and caption on the page."""
    return [shown(element.value) for element in (*at.warning, *at.info, *at.caption, *at.success)]


def labelled(widgets: Any, label: str) -> Any:
    """The one widget of that kind with that label, found as a user finds it (widgets in a form
    whose values follow the record they show carry no key)."""
    [found] = [widget for widget in widgets if widget.label == label]
    return found


def record_decision(at: AppTest, **fields: Any) -> None:
    """On Present, fill in the decision record's form with the fields given and save it."""
    boxes = {"decision": at.selectbox, "owner": at.text_input, "decided_on": at.date_input}
    labels = {"decision": "Decision", "owner": "Owner", "decided_on": "Date", "rationale": "Rationale"}
    for name, value in fields.items():
        labelled(boxes.get(name, at.text_area), labels[name]).set_value(value)
    labelled(at.button, "Save the decision record").click().run()


def save_as(at: AppTest, name: str) -> None:
    """On Scenarios, save the current scenario as a new one under that name."""
    at.text_input(key="saved.name").set_value(name)
    at.button(key="saved.save_as_new").click().run()
    assert not at.exception


def cli_numbers(scenario: Scenario, folder: Path) -> dict[str, Any]:
    """What `python -m costmodel --json` says about the scenario."""
    path = folder / "scenario.json"
    path.write_text(scenario.model_dump_json())
    run = subprocess.run(
        [sys.executable, "-m", "costmodel", "--json", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    [numbers] = json.loads(run.stdout)
    return numbers
