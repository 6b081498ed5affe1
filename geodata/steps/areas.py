"""The area register: every area of every level and edition with its name and ancestors.

One row per (code, level, edition) with `name`, `regso`, `kommun`, `lan`. DeSO have no names of their
own; they carry their RegSO's name, which is how SCB and users refer to them. Kommun, län and riket do
not change between editions and appear once per edition so that joins stay simple.
"""

from __future__ import annotations

import pandas as pd

from geodata.areacodes import kommun_of, lan_of
from geodata.levels import EDITIONS, RIKET_CODE, RIKET_NAME
from geodata.sources import SourceData

COLUMNS = ["code", "level", "edition", "name", "regso", "kommun", "lan", "name_source"]


def build_register(source: SourceData) -> pd.DataFrame:
    """All areas known to the source: from boundaries, correspondence and the statistics' own codes."""
    stats_codes = source.statistics[["code", "level", "edition"]].drop_duplicates()
    geo_codes = [
        frame[["code"]].assign(level=level, edition=edition)
        for (level, edition), frame in source.boundaries.items()
        if level in ("deso", "regso")
    ]
    small = pd.concat(
        [
            stats_codes[stats_codes["level"].isin(["deso", "regso"])],
            *geo_codes,
            source.links[["code", "level", "edition"]],
            source.links[["parent", "edition"]].rename(columns={"parent": "code"}).assign(level="regso"),
        ],
        ignore_index=True,
    ).drop_duplicates(["code", "level", "edition"])

    parents = source.links.rename(columns={"parent": "regso"})[["code", "level", "edition", "regso"]]
    small = small.merge(parents, on=["code", "level", "edition"], how="left")
    is_regso = small["level"] == "regso"
    small.loc[is_regso, "regso"] = small.loc[is_regso, "code"]
    small["kommun"] = small["code"].map(kommun_of)
    small["lan"] = small["code"].map(lan_of)

    own = source.names.set_index(["code", "edition"])["name"]
    # A RegSO 2025 without a 2025 name in the source takes its unchanged code's 2020 name.
    fallback = source.names[source.names["edition"] == "2018"].set_index("code")["name"]
    keys = list(zip(small["regso"], small["edition"], strict=True))
    small["name"] = [own.get(k) for k in keys]
    small["name_source"] = ["own" if n is not None else "" for n in small["name"]]
    missing = small["name"].isna() & small["regso"].isin(fallback.index)
    small.loc[missing, "name"] = small.loc[missing, "regso"].map(fallback)
    small.loc[missing, "name_source"] = "RegSO 2020"
    small["name"] = small["name"].fillna("")

    k = source.kommuner
    big = []
    for edition in EDITIONS:
        big.append(
            pd.DataFrame(
                {
                    "code": k["kommun"],
                    "level": "kommun",
                    "edition": edition,
                    "name": k["kommun_name"],
                    "regso": "",
                    "kommun": k["kommun"],
                    "lan": k["lan"],
                    "name_source": "own",
                }
            )
        )
        lan = k.drop_duplicates("lan")
        big.append(
            pd.DataFrame(
                {
                    "code": lan["lan"],
                    "level": "lan",
                    "edition": edition,
                    "name": lan["lan_name"],
                    "regso": "",
                    "kommun": "",
                    "lan": lan["lan"],
                    "name_source": "own",
                }
            )
        )
        big.append(
            pd.DataFrame(
                [
                    {
                        "code": RIKET_CODE,
                        "level": "riket",
                        "edition": edition,
                        "name": RIKET_NAME,
                        "regso": "",
                        "kommun": "",
                        "lan": "",
                        "name_source": "own",
                    }
                ]
            )
        )
    register = pd.concat([small, *big], ignore_index=True)[COLUMNS]
    register["regso"] = register["regso"].fillna("")
    return register.sort_values(["level", "edition", "code"], ignore_index=True)
