"""Regions the explore map offers in one step, instead of picking municipality by municipality: Stockholm
and Uppsala counties (their municipalities from the store's register), Göteborgsregionen (a cooperation of
13 municipalities, not an SCB area: a fixed list) and the three together, the whole-region view of 47
municipalities (under `MAX_MUNICIPALITIES`). The choice lands in the URL as its municipality list."""

from __future__ import annotations

from typing import Protocol

import pandas as pd

from dashboard.texts import text

GOTEBORGSREGIONEN = (
    "1480",  # Göteborg
    "1481",  # Mölndal
    "1482",  # Kungälv
    "1440",  # Ale
    "1489",  # Alingsås
    "1401",  # Härryda
    "1384",  # Kungsbacka
    "1441",  # Lerum
    "1462",  # Lilla Edet
    "1402",  # Partille
    "1415",  # Stenungsund
    "1419",  # Tjörn
    "1407",  # Öckerö
)
COUNTIES = {"stockholm": "01", "uppsala": "03"}  # key → county code
REGIONS = ("stockholm", "uppsala", "goteborg", "all")


class Register(Protocol):
    def municipalities(self) -> pd.DataFrame: ...  # code, name, lan
    def name(self, code: str, level: str) -> str: ...


def region_municipalities(atlas: Register, key: str) -> tuple[str, ...]:
    """The municipality codes of a region (`REGIONS`), a county's in code order; () for an unknown key."""
    if key == "goteborg":
        return GOTEBORGSREGIONEN
    if key == "all":
        return tuple(code for part in REGIONS[:-1] for code in region_municipalities(atlas, part))
    if key not in COUNTIES:
        return ()
    k = atlas.municipalities()
    return tuple(sorted(k.loc[k["lan"] == COUNTIES[key], "code"]))


def region_label(atlas: Register, key: str, lang: str) -> str:
    if key in COUNTIES:
        return atlas.name(COUNTIES[key], "lan")
    if key == "all":
        return text("region_all", lang, n=len(region_municipalities(atlas, "all")))
    return text("region_goteborg", lang)
