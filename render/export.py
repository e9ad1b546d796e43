"""The cost chart as a PNG file, drawn by Debian's chromium through kaleido, offline.

Left to its defaults, kaleido's page loads MathJax from a CDN (our charts hold no
LaTeX), and the chromium it starts calls Google's update, sign-in and time services and
the default search engine as it starts. Here MathJax is off, plotly.js comes from the
plotly package on disk, and every request the browser makes goes to a proxy on a
loopback port that nothing serves, so none leaves the machine and no name is looked up.
"""

from __future__ import annotations

import kaleido

from costmodel import CostResult
from render.charts import for_export, make_cost_curves

PNG_SIZE = {"width": 1200, "height": 600, "scale": 2}
# The discard port on this machine: a proxy there answers nothing, so requests end here.
DEAD_PROXY = "127.0.0.1:9"
OFFLINE_KALEIDO = {"mathjax": False, "proxy_server": DEAD_PROXY, "enable_extensions": False}


def cost_chart_png(
    result: CostResult, size: dict[str, int] | None = None, font_pixels: int | None = None
) -> bytes:
    """The cost curves as the PNG download (or another `size` and text size: the deck's) holds them."""
    figure = for_export(make_cost_curves(result))
    if font_pixels is not None:  # a projected slide: every text, ticks and labels too, this large
        figure.update_layout(font={"size": font_pixels}, legend={"font": {"size": font_pixels}})
        figure.update_annotations(font={"size": font_pixels})
        figure.update_traces(line={"width": 4}, selector={"mode": "lines"})
    png: bytes = kaleido.calc_fig_sync(
        figure,
        opts={"format": "png", **(size or PNG_SIZE)},
        kopts=dict(OFFLINE_KALEIDO),  # kaleido adds to the dict it is given
    )
    return png
