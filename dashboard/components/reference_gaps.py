"""Why a municipal or national reference figure is missing, in one sentence per reason."""

from __future__ import annotations

from dash import html

from dashboard.sentences import join_names
from dashboard.texts import REFERENCE_GAP_KEYS, text
from geodata.queries import Reference


def reference_gaps(refs: list[Reference], year: int, lang: str) -> list[html.P]:
    """One muted paragraph per reason among the references without a value (none when all have one)."""
    out = []
    for reason in dict.fromkeys(r.missing for r in refs if r.missing):
        gaps = sorted((r for r in refs if r.missing == reason), key=lambda r: r.level == "riket")  # riket last
        names = [r.name if r.level == "kommun" else text("riket_inline", lang) for r in gaps]
        joined = join_names(list(dict.fromkeys(names)), lang)
        said = text(REFERENCE_GAP_KEYS[reason], lang, names=joined[:1].upper() + joined[1:], year=year)
        out.append(html.P(said, className="muted ref-gap"))
    return out
