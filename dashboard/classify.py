"""Class breaks and colours for the map, via mapclassify, with colour-blind-safe ColorBrewer palettes.

Quantiles (default), Fisher-Jenks and equal intervals in five classes, and a box map (six classes:
outliers beyond 1.5 × the interquartile range, and the four quartiles). Categories (områdestyp) get
their own fixed colours. A change map gets classes symmetric around zero on a diverging palette.
Results are cached by their inputs: a restyle computes each once.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from functools import lru_cache

import mapclassify
import numpy as np

# mapclassify suggests numba for Fisher-Jenks; the sampled variant keeps us fast without it.
warnings.filterwarnings("ignore", message="Numba not installed")

SEQUENTIAL = ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494")  # YlGnBu, colour-blind safe
BOX = ("#2166ac", "#67a9cf", "#d1e5f0", "#fddbc7", "#ef8a62", "#b2182b")  # RdBu, colour-blind safe
# PuOr, ColorBrewer's colour-blind-safe diverging scheme: decrease orange, increase purple, near white at zero
DIVERGING = ("#b35806", "#f1a340", "#fee0b6", "#f7f7f7", "#d8daeb", "#998ec3", "#542788")
CATEGORY = {1: "#d7191c", 2: "#fdae61", 3: "#ffffbf", 4: "#abd9e9", 5: "#2c7bb6"}  # RdYlBu
NO_DATA = "#d4d4d4"
K = 5
FISHER_JENKS_EXACT_MAX = 800  # exact Fisher-Jenks is quadratic; above this, a sample of this size


@dataclass(frozen=True)
class Classes:
    """Bins as (lower, upper] with a colour each; `index` gives each value's bin, -1 for no data."""

    method: str
    lower: tuple[float, ...]
    upper: tuple[float, ...]
    colors: tuple[str, ...]
    counts: tuple[int, ...]
    index: tuple[int, ...]
    categories: tuple[int, ...] = ()


def _spread(palette: tuple[str, ...], k: int) -> tuple[str, ...]:
    """k colours from a palette, keeping its ends."""
    if k >= len(palette):
        return palette
    picks = np.linspace(0, len(palette) - 1, k).round().astype(int)
    return tuple(palette[i] for i in picks)


def classify(values: tuple[float, ...], method: str, categorical: bool = False) -> Classes:
    """Classes for the values (NaN = no data) by `method`."""
    return _classify(tuple(values), method, categorical)


@lru_cache(maxsize=512)
def _classify(values: tuple[float, ...], method: str, categorical: bool) -> Classes:
    y = np.array(values, dtype=float)
    present = ~np.isnan(y)
    index = np.full(len(y), -1)
    if categorical:
        cats = tuple(sorted(CATEGORY))
        for i, c in enumerate(cats):
            index[present & (y == c)] = i
        counts = tuple(int((index == i).sum()) for i in range(len(cats)))
        colors = tuple(CATEGORY[c] for c in cats)
        return Classes(
            "categories",
            tuple(map(float, cats)),
            tuple(map(float, cats)),
            colors,
            counts,
            tuple(int(i) for i in index),
            cats,
        )
    data = y[present]
    if data.size == 0:
        return Classes(method, (), (), (), (), tuple(int(i) for i in index))
    unique = np.unique(data)
    if unique.size == 1:
        bins = np.array([unique[0]])
        yb = np.zeros(data.size, dtype=int)
        colors = (SEQUENTIAL[2],)
    elif method == "box":
        mc = mapclassify.BoxPlot(data)
        bins, yb, colors = mc.bins, mc.yb, BOX
    else:
        k = min(K, int(unique.size))
        if method == "fisher_jenks" and data.size > FISHER_JENKS_EXACT_MAX:
            method = "fisher_jenks_sampled"
            np.random.seed(0)  # mapclassify samples with numpy's global generator: fix it for stable maps
            mc = mapclassify.FisherJenksSampled(data, k=k, pct=FISHER_JENKS_EXACT_MAX / data.size)
        else:
            cls = {
                "quantiles": mapclassify.Quantiles,
                "fisher_jenks": mapclassify.FisherJenks,
                "equal_interval": mapclassify.EqualInterval,
            }[method]
            mc = cls(data, k=k)
        bins, yb, colors = mc.bins, mc.yb, _spread(SEQUENTIAL, len(mc.bins))
    index[present] = yb
    lower = (float(data.min()), *(float(b) for b in bins[:-1]))
    upper = tuple(float(b) for b in bins)
    counts = tuple(int((index == i).sum()) for i in range(len(upper)))
    colors = tuple(colors[: len(upper)])
    if method == "box":
        return _box_within_data(data, lower, upper, colors, counts, index)
    return Classes(method, lower, upper, colors, counts, tuple(int(i) for i in index))


def _box_within_data(data, lower, upper, colors, counts, index) -> Classes:
    """A box map's classes with every bound inside the data's range: the outlier fences (quartile ∓ 1.5 IQR)
    can lie beyond it (a negative share), and an outlier class with no area is dropped, not shown empty."""
    lo, hi = float(data.min()), float(data.max())
    clip = lambda v: min(max(v, lo), hi)  # noqa: E731
    rows = [
        (clip(a), clip(b), c, n)
        for i, (a, b, c, n) in enumerate(zip(lower, upper, colors, counts, strict=True))
        if n or i not in (0, len(upper) - 1)
    ]
    if counts[0] == 0:
        index = np.where(index > 0, index - 1, index)
    lower_, upper_, colors_, counts_ = (tuple(col) for col in zip(*rows, strict=True))
    return Classes("box", lower_, upper_, colors_, counts_, tuple(int(i) for i in index))


def _size_breaks(size: np.ndarray, method: str, k: int) -> np.ndarray:
    """Upper bounds of up to k classes of the changes' sizes by the method (a box map: quantiles)."""
    k = min(k, int(np.unique(size).size))
    if k < 2:
        return np.array([size.max()])
    if method == "fisher_jenks" and size.size > FISHER_JENKS_EXACT_MAX:
        np.random.seed(0)
        mc = mapclassify.FisherJenksSampled(size, k=k, pct=FISHER_JENKS_EXACT_MAX / size.size)
    else:
        cls = {"fisher_jenks": mapclassify.FisherJenks, "equal_interval": mapclassify.EqualInterval}
        mc = cls.get(method, mapclassify.Quantiles)(size, k=k)
    return np.unique(mc.bins)


@lru_cache(maxsize=512)
def classify_change(values: tuple[float, ...], method: str) -> Classes:
    """Classes symmetric around zero for changes (NaN = no data) on the diverging palette.

    The method (a box map: quantiles) splits the changes' sizes |x| into up to four classes; their
    three inner breaks b₁ < b₂ < b₃ are mirrored, so a class and its opposite span the same sizes and
    the middle class (−b₁, b₁) holds the smallest changes either way: up to seven classes."""
    y = np.array(values, dtype=float)
    present = ~np.isnan(y)
    index = np.full(len(y), -1)
    size = np.abs(y[present])
    if size.size == 0:
        return Classes("symmetric_" + method, (), (), (), (), tuple(int(i) for i in index))
    top = float(size.max())
    inner = _size_breaks(size, method, 4)[:-1] if top > 0 else np.array([])
    inner = inner[inner > 0]
    k = len(inner)
    lower = (-top if top else 0.0, *(-inner[::-1]), *inner)
    upper = (*(-inner[::-1]), *inner, top)
    x = y[present]
    ring = np.searchsorted(inner, np.abs(x), side="left")  # 0 for |x| ≤ b₁ (the middle), k for the outermost
    index[present] = np.where(x < 0, k - ring, k + ring)
    colors = _spread(DIVERGING, 2 * k + 1) if k else (DIVERGING[3],)
    counts = tuple(int((index == i).sum()) for i in range(2 * k + 1))
    return Classes(
        "symmetric_" + method,
        tuple(float(v) for v in lower),
        tuple(float(v) for v in upper),
        colors,
        counts,
        tuple(int(i) for i in index),
    )
