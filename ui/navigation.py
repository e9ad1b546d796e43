"""The app's pages, declared once: app.py builds its navigation from this list, and the tests
that visit every page take it from here, so a new page is never left out of them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageEntry:
    """One page of the sidebar navigation."""

    path: str
    title: str
    icon: str


WHAT_IF = PageEntry("pages/what_if.py", "What-if", ":material/show_chart:")
PRESENT = PageEntry("pages/present.py", "Present", ":material/slideshow:")
# In the sidebar's order; What-if is the landing page.
PAGES = (
    WHAT_IF,
    PageEntry("pages/scenarios.py", "Scenarios", ":material/save:"),
    PageEntry("pages/compare.py", "Compare", ":material/compare_arrows:"),
    PRESENT,
    PageEntry("pages/uncertainty.py", "How sure?", ":material/ssid_chart:"),
    PageEntry("pages/tokens.py", "Token counter", ":material/token:"),
    PageEntry("pages/calibrate.py", "Calibrate", ":material/query_stats:"),
    PageEntry("pages/evals.py", "Evals", ":material/fact_check:"),
    PageEntry("pages/prices.py", "Prices", ":material/sell:"),
    PageEntry("pages/decision_guide.py", "Decision guide", ":material/alt_route:"),
)
