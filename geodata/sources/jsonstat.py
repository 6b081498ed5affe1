"""A small JSON-stat 2.0 reader: a dataset into a long table of category codes, labels and values.

JSON-stat stores values in row-major order over `id` with sizes `size`; missing cells are `null`
and may carry a status symbol such as `..`. Both become NaN here, never zero.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def categories(dataset: dict, dimension: str) -> list[str]:
    """Category codes of a dimension in index order."""
    index = dataset["dimension"][dimension]["category"].get("index")
    if index is None:
        return list(dataset["dimension"][dimension]["category"]["label"])
    if isinstance(index, dict):
        return [code for code, _pos in sorted(index.items(), key=lambda kv: kv[1])]
    return list(index)


def labels(dataset: dict, dimension: str) -> dict[str, str]:
    """code → label of a dimension (the code itself where no label is given)."""
    cat = dataset["dimension"][dimension]["category"]
    given = cat.get("label") or {}
    return {code: given.get(code, code) for code in categories(dataset, dimension)}


def to_frame(dataset: dict) -> pd.DataFrame:
    """One row per cell: a column of codes per dimension and `value` (float, NaN where missing)."""
    ids, sizes = dataset["id"], dataset["size"]
    total = int(np.prod(sizes)) if sizes else 0
    raw = dataset.get("value", [])
    values = np.full(total, np.nan)
    if isinstance(raw, dict):
        for pos, v in raw.items():
            values[int(pos)] = np.nan if v is None else float(v)
    else:
        if len(raw) != total:
            raise ValueError(f"JSON-stat dataset has {len(raw)} values for {total} cells")
        values = np.array([np.nan if v is None else float(v) for v in raw], dtype=float)
    grids = np.meshgrid(*[np.arange(n) for n in sizes], indexing="ij")
    frame = pd.DataFrame(
        {
            dim: np.array(categories(dataset, dim), dtype=object)[grid.ravel()]
            for dim, grid in zip(ids, grids, strict=True)
        }
    )
    frame["value"] = values
    return frame
