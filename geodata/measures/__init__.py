"""Segregation measures for a two-group split of a municipality's population over its areas.

One module per index, each a pure NumPy function over arrays of group counts `x` and totals `t` per
area (the other group is `t - x`). Every function also takes 2-D arrays (replicates × areas), which is
how `inference` bootstraps them. Cross-checked against PySAL `segregation` in the tests.
"""

from geodata.measures.dissimilarity import dissimilarity
from geodata.measures.exposure import exposure
from geodata.measures.isolation import isolation
from geodata.measures.theil import theil

MEASURES = {"dissimilarity": dissimilarity, "theil": theil, "isolation": isolation, "exposure": exposure}

__all__ = ["MEASURES", "dissimilarity", "exposure", "isolation", "theil"]
