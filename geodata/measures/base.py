"""Shared validation for the measures: counts as float arrays, areas with people only."""

from __future__ import annotations

import numpy as np


def prepare(x: np.ndarray, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Group counts and totals as float arrays of the same shape; 0 ≤ x ≤ t is required."""
    x = np.asarray(x, dtype=float)
    t = np.asarray(t, dtype=float)
    if x.shape != t.shape:
        raise ValueError(f"group and total counts differ in shape: {x.shape} vs {t.shape}")
    if np.any(x < 0) or np.any(x > t + 1e-9):
        raise ValueError("group counts must lie between 0 and the area's total")
    return x, t


def shares(x: np.ndarray, t: np.ndarray) -> np.ndarray:
    """x / t per area, 0 where an area has nobody (such areas carry no weight in any measure)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(t > 0, x / np.where(t > 0, t, 1), 0.0)
