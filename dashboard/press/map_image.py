"""Map snapshots with matplotlib and geopandas, using the live map's classes and colours.

Title, legend, source line and reference year are drawn inside the image; SVG keeps its text as text
(searchable, accessible, and checked by the tests).
"""

from __future__ import annotations

import io
import re
import textwrap

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.patches import Patch

from dashboard.classify import NO_DATA

plt.rcParams.update({"svg.fonttype": "none", "font.family": "DejaVu Sans"})
NARROW_PX = 480  # at most this wide (a phone's embed): one legend column, larger text, wrapped lines
# font sizes in points: (wide, narrow); a narrow picture is shown near its own size, a wide one shrunk
FONTS = {"title": (13, 15), "subtitle": (9.5, 11), "legend": (8.5, 10.5), "source": (7.5, 9.5)}


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
    narrow = width <= NARROW_PX
    size = {part: sizes[narrow] for part, sizes in FONTS.items()}
    wrap = max(30, round(width / (size["source"] * 0.85)))  # characters per line of the source text
    source_lines = textwrap.wrap(source, wrap) if narrow else [source]
    title_lines = textwrap.wrap(title, max(20, round(width / (size["title"] * 0.95)))) if narrow else [title]
    minx, miny, maxx, maxy = shapes.total_bounds if len(shapes) else (0, 0, 1, 1)
    aspect = (maxy - miny) / max(maxx - minx, 1e-9)
    map_h = max(2.5, min(width / 100 * aspect, width / 100 * 1.4))
    columns = 1 if narrow else 2
    line_in = size["legend"] / 30  # inches per legend row
    legend_rows = (len(legend) + columns - 1) // columns + 1
    head_in = 0.55 + 0.3 * len(title_lines) + (0.15 if narrow else 0)
    foot_in = 0.2 + 0.17 * len(source_lines) * size["source"] / 7.5
    height_in = head_in + map_h + line_in * legend_rows + foot_in
    fig = plt.figure(figsize=(width / 100, height_in), dpi=100)
    top = 1 - head_in / height_in
    bottom = (line_in * legend_rows + foot_in) / height_in
    ax = fig.add_axes((0.02, bottom, 0.96, top - bottom))
    if len(shapes):
        shapes.plot(ax=ax, color=colors, edgecolor=edge, linewidth=0.3)
    ax.set_axis_off()
    ax.set_aspect("equal")
    fig.text(0.02, 1 - 0.2 / height_in, "\n".join(title_lines), fontsize=size["title"], fontweight="bold", va="top")
    fig.text(0.02, 1 - (head_in - 0.22) / height_in, subtitle, fontsize=size["subtitle"], color="#444", va="center")
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
        bbox_to_anchor=(0.02, foot_in / height_in),
        ncol=columns,
        fontsize=size["legend"],
        frameon=False,
        handlelength=1.4,
        columnspacing=1.5,
    )
    fig.text(0.02, 0.1 / height_in, "\n".join(source_lines), fontsize=size["source"], color="#555", va="bottom")
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
