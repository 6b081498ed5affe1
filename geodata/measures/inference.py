"""Uncertainty for the measures: bootstrap over areas, and tests of a difference.

Areas are resampled with replacement (the `bootstrap` approach of PySAL `segregation`'s
`SingleValueTest`), vectorised over replicates. The percentile interval says how much a value depends
on which areas a municipality happens to have; with few areas it is wide. Evenness indices such as D
are biased upwards in small units, so an interval near zero is not evidence of no segregation.
Differences: independent resamples for two municipalities, paired resamples (same areas) for two
years of one municipality; the two-sided p-value is twice the smaller tail beyond zero.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

REPLICATES = 500
SEED = 20_251_124  # fixed: the same data always gives the same interval
FEW_AREAS = 15  # below this many areas a municipality's interval is wide and its value uncertain (said so)


@dataclass(frozen=True)
class Estimate:
    value: float
    low: float
    high: float
    n_areas: int
    population: float


@dataclass(frozen=True)
class Difference:
    value: float
    low: float
    high: float
    p_value: float

    @property
    def significant(self) -> bool:
        return self.low > 0 or self.high < 0


def _resample(n: int, reps: int, rng: np.random.Generator) -> np.ndarray:
    return rng.integers(0, n, size=(reps, n))


def _replicates(fn: Callable, x: np.ndarray, t: np.ndarray, idx: np.ndarray) -> np.ndarray:
    values = fn(x[idx], t[idx])
    return values[np.isfinite(values)]


def estimate(fn: Callable, x: np.ndarray, t: np.ndarray, reps: int = REPLICATES, level: float = 0.95) -> Estimate:
    """The measure with a bootstrap percentile interval."""
    x, t = np.asarray(x, float), np.asarray(t, float)
    value = float(fn(x, t))
    rng = np.random.default_rng(SEED)
    boot = _replicates(fn, x, t, _resample(len(x), reps, rng))
    alpha = (1 - level) / 2
    low, high = np.quantile(boot, [alpha, 1 - alpha]) if len(boot) else (np.nan, np.nan)
    return Estimate(value, float(min(low, value)), float(max(high, value)), len(x), float(t.sum()))


def difference(
    fn: Callable,
    a: tuple[np.ndarray, np.ndarray],
    b: tuple[np.ndarray, np.ndarray],
    paired: bool = False,
    reps: int = REPLICATES,
    level: float = 0.95,
) -> Difference:
    """fn(a) − fn(b) with a bootstrap interval and p-value; `paired` when a and b are the same areas."""
    (xa, ta), (xb, tb) = [(np.asarray(x, float), np.asarray(t, float)) for x, t in (a, b)]
    rng = np.random.default_rng(SEED)
    ia = _resample(len(xa), reps, rng)
    ib = ia if paired else _resample(len(xb), reps, rng)
    diffs = fn(xa[ia], ta[ia]) - fn(xb[ib], tb[ib])
    diffs = diffs[np.isfinite(diffs)]
    alpha = (1 - level) / 2
    low, high = np.quantile(diffs, [alpha, 1 - alpha])
    p = min(1.0, 2 * min((diffs <= 0).mean(), (diffs >= 0).mean()))
    return Difference(float(fn(xa, ta) - fn(xb, tb)), float(low), float(high), float(p))
