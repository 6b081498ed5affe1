"""Map snapshots with matplotlib and geopandas, using the live map's classes and colours.

Title, legend, source line and reference year are drawn inside the image; SVG keeps its text as text
(searchable, accessible, and checked by the tests).
"""

from __future__ import annotations

import io
import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.patches import Patch

from dashboard.classify import NO_DATA

plt.rcParams.update({"svg.fonttype": "none", "font.family": "DejaVu Sans"})


def render_map(
    shapes,
    colors: list[str],
    legend: list[tuple[str, str, int]],
    title: str,
    subtitle: str,
    source: str,
    width: int,
    scale: float,
    fmt: str,
    edge: str = "white",
) -> bytes:
    """shapes: GeoDataFrame (a projected CRS) in draw order; colors: one per shape; legend: (colour, label,
    count); edge: the areas' border colour (grey where a palette's middle is near white). Returns PNG or
    SVG bytes of `width` CSS pixels (× `scale` for PNG)."""
    minx, miny, maxx, maxy = shapes.total_bounds if len(shapes) else (0, 0, 1, 1)
    aspect = (maxy - miny) / max(maxx - minx, 1e-9)
    map_h = max(2.5, min(width / 100 * aspect, width / 100 * 1.4))
    legend_rows = (len(legend) + 1) // 2 + 1
    height_in = 1.0 + map_h + 0.28 * legend_rows + 0.45
    fig = plt.figure(figsize=(width / 100, height_in), dpi=100)
    top = 1 - 0.9 / height_in
    bottom = (0.28 * legend_rows + 0.45) / height_in
    ax = fig.add_axes((0.02, bottom, 0.96, top - bottom))
    if len(shapes):
        shapes.plot(ax=ax, color=colors, edgecolor=edge, linewidth=0.3)
    ax.set_axis_off()
    ax.set_aspect("equal")
    fig.text(0.02, 1 - 0.35 / height_in, title, fontsize=13, fontweight="bold", va="center")
    fig.text(0.02, 1 - 0.68 / height_in, subtitle, fontsize=9.5, color="#444", va="center")
    handles = [
        Patch(
            facecolor=c,
            edgecolor="#999" if c != NO_DATA else "#777",
            linestyle="-" if c != NO_DATA else "--",
            label=f"{label} ({n})",
        )
        for c, label, n in legend
    ]
    fig.legend(
        handles=handles,
        loc="lower left",
        bbox_to_anchor=(0.02, 0.45 / height_in),
        ncol=2,
        fontsize=8.5,
        frameon=False,
        handlelength=1.4,
        columnspacing=1.5,
    )
    fig.text(0.02, 0.18 / height_in, source, fontsize=7.5, color="#555", va="center")
    buffer = io.BytesIO()
    if fmt == "svg":
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    else:
        fig.savefig(buffer, format="png", dpi=100 * scale)
    plt.close(fig)
    data = buffer.getvalue()
    if fmt == "svg":  # matplotlib sizes SVG in points; give it the requested CSS pixels, keep the viewBox
        text = data.decode("utf-8")
        text = re.sub(
            r'width="[\d.]+pt" height="[\d.]+pt"', f'width="{width}" height="{round(height_in * 100)}"', text, count=1
        )
        data = text.encode("utf-8")
    return data
