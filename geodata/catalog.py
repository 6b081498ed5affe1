"""The indicator catalogue, loaded from `catalogue.toml` into frozen dataclasses.

Every name, definition, unit and SCB table the atlas shows comes from here, so Swedish and English
texts, the formulas and the coverage cannot drift apart between views, exports and the build.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from geodata.errors import UsageError
from geodata.levels import EDITIONS, LEVELS, Level

CATALOGUE_PATH = Path(__file__).with_name("catalogue.toml")
UNITS = ("count", "percent", "tkr", "per_1000", "ratio", "category")
AGGREGATIONS = ("sum", "ratio", "none")
DIRECTIONS = ("higher_better", "higher_worse", "neutral")
FORMS = ("counts", "published")
_DEFAULT_SCALE = {"percent": 100.0, "per_1000": 1000.0}


@dataclass(frozen=True)
class Term:
    """One raw variable in a formula, added (+1) or subtracted (-1)."""

    variable: str
    sign: int = 1

    @classmethod
    def parse(cls, text: str) -> Term:
        return cls(text[1:], -1) if text.startswith("-") else cls(text, 1)


@dataclass(frozen=True)
class Source:
    """Where SCB publishes an indicator: one table, edition, level and span of years."""

    table: str
    v1: str
    edition: str
    level: Level
    years: tuple[int, int]
    form: str
    note: str = ""

    @property
    def label(self) -> str:
        """The table reference as users see it in source lines: 'TAB6571 (FolkmDesoBakgrKon)'."""
        names = [n for n in (self.table, f"({self.v1})" if self.table and self.v1 else self.v1) if n]
        return " ".join(names) or self.note or "SCB"


@dataclass(frozen=True)
class Category:
    code: int
    sv: str
    en: str


@dataclass(frozen=True)
class Indicator:
    """One indicator: what it means, how it is computed from raw variables and where it exists."""

    id: str
    theme: str
    name: dict[str, str]
    definition: dict[str, str]
    universe: dict[str, str]
    unit: str
    aggregation: str
    direction: str
    sources: tuple[Source, ...]
    numerator: tuple[Term, ...] = ()
    denominator: tuple[Term, ...] = ()
    published: tuple[str, ...] = ()
    scale: float = 1.0
    categories: tuple[Category, ...] = field(default=())
    lisa: bool = False

    @property
    def variables(self) -> set[str]:
        """Every raw variable the formula reads."""
        return {t.variable for t in (*self.numerator, *self.denominator)}

    @property
    def tables(self) -> tuple[str, ...]:
        """SCB table references, in catalogue order, without repeats."""
        return tuple(dict.fromkeys(s.label for s in self.sources))

    def coverage(self) -> dict[tuple[str, Level], set[int]]:
        """Years per (edition, level) where the indicator exists: its own level, and coarser levels
        wherever counts roll up (never for medians, means or published shares)."""
        cover: dict[tuple[str, Level], set[int]] = {}
        for s in self.sources:
            years = set(range(s.years[0], s.years[1] + 1))
            levels = [s.level]
            if s.form == "counts" and self.aggregation != "none":
                levels = list(LEVELS[LEVELS.index(s.level) :])
            for level in levels:
                cover.setdefault((s.edition, level), set()).update(years)
        return cover

    def years(self, level: Level) -> list[int]:
        """All years at a level, both editions, sorted."""
        return sorted({y for (_, lv), ys in self.coverage().items() if lv == level for y in ys})

    def levels(self) -> list[Level]:
        """The levels where the indicator exists in some year, finest first."""
        have = {lv for _, lv in self.coverage()}
        return [lv for lv in LEVELS if lv in have]

    def category_label(self, code: float, lang: str = "sv") -> str:
        for c in self.categories:
            if c.code == code:
                return getattr(c, lang)
        return ""


@dataclass(frozen=True)
class FetchTable:
    """How raw variables are read from one SCB table: selections by code or Swedish label."""

    id: str
    v1: str
    title: str
    editions: tuple[str, ...]
    fixed: dict[str, str]
    variables: dict[str, dict[str, str]]
    verified: str = "no"

    @property
    def label(self) -> str:
        return " ".join(n for n in (self.id, f"({self.v1})" if self.id and self.v1 else self.v1) if n)


@dataclass(frozen=True)
class Split:
    """A two-group split for segregation measures: the group and the other group as raw counts."""

    id: str
    name: dict[str, str]
    group_name: dict[str, str]
    group: tuple[Term, ...]
    other: tuple[Term, ...]

    @property
    def variables(self) -> set[str]:
        return {t.variable for t in (*self.group, *self.other)}


@dataclass(frozen=True)
class DerivedCount:
    """A count made from published figures: the product of `product` variables times `scale`
    (a share in per cent × the persons it is of × 0.01)."""

    variable: str
    product: tuple[str, ...]
    scale: float = 1.0


@dataclass(frozen=True)
class Theme:
    id: str
    name: dict[str, str]


@dataclass(frozen=True)
class Catalogue:
    themes: tuple[Theme, ...]
    indicators: tuple[Indicator, ...]
    tables: tuple[FetchTable, ...] = ()
    splits: tuple[Split, ...] = ()
    derived: tuple[DerivedCount, ...] = ()

    def split(self, split_id: str) -> Split:
        for s in self.splits:
            if s.id == split_id:
                return s
        raise UsageError(f"unknown group {split_id!r}; known groups: {', '.join(s.id for s in self.splits)}")

    def get(self, indicator_id: str) -> Indicator:
        """The indicator with that id, or a UsageError naming the known ones."""
        for ind in self.indicators:
            if ind.id == indicator_id:
                return ind
        known = ", ".join(i.id for i in self.indicators)
        raise UsageError(f"unknown indicator {indicator_id!r}; known indicators: {known}")

    def ids(self) -> list[str]:
        return [i.id for i in self.indicators]

    def raw_variables(self) -> set[str]:
        """Every raw variable any indicator or split reads: what a source must deliver."""
        out: set[str] = set()
        for ind in self.indicators:
            out |= ind.variables | set(ind.published)
        for split in self.splits:
            out |= split.variables
        return out


def _text(entry: dict, key: str, where: str) -> dict[str, str]:
    value = entry.get(key)
    if not isinstance(value, dict) or not {"sv", "en"} <= value.keys():
        raise ValueError(f"{where}: {key} needs both sv and en")
    return {"sv": value["sv"], "en": value["en"]}


def _choice(value: str, allowed: tuple[str, ...], what: str, where: str) -> str:
    if value not in allowed:
        raise ValueError(f"{where}: {what} {value!r} is not one of {', '.join(allowed)}")
    return value


def _indicator(entry: dict, themes: set[str]) -> Indicator:
    where = f"indicator {entry.get('id', '?')}"
    unit = _choice(entry["unit"], UNITS, "unit", where)
    aggregation = _choice(entry["aggregation"], AGGREGATIONS, "aggregation", where)
    if entry["theme"] not in themes:
        raise ValueError(f"{where}: unknown theme {entry['theme']!r}")
    sources = tuple(
        Source(
            table=s.get("table", ""),
            v1=s.get("v1", ""),
            note=s.get("note", ""),
            edition=_choice(s["edition"], EDITIONS, "edition", where),
            level=_choice(s["level"], LEVELS, "level", where),  # type: ignore[arg-type]
            years=(int(s["years"][0]), int(s["years"][1])),
            form=_choice(s["form"], FORMS, "form", where),
        )
        for s in entry["sources"]
    )
    numerator = tuple(Term.parse(t) for t in entry.get("numerator", ()))
    denominator = tuple(Term.parse(t) for t in entry.get("denominator", ()))
    if aggregation == "ratio" and not (numerator and denominator):
        raise ValueError(f"{where}: a ratio needs numerator and denominator")
    if aggregation == "sum" and (not numerator or denominator):
        raise ValueError(f"{where}: a sum needs a numerator and no denominator")
    if aggregation == "none" and not entry.get("published"):
        raise ValueError(f"{where}: an indicator that does not aggregate must name published variables")
    return Indicator(
        id=entry["id"],
        theme=entry["theme"],
        name=_text(entry, "name", where),
        definition=_text(entry, "definition", where),
        universe=_text(entry, "universe", where),
        unit=unit,
        aggregation=aggregation,
        direction=_choice(entry["direction"], DIRECTIONS, "direction", where),
        sources=sources,
        numerator=numerator,
        denominator=denominator,
        published=tuple(entry.get("published", ())),
        scale=float(entry.get("scale", _DEFAULT_SCALE.get(unit, 1.0))),
        categories=tuple(Category(int(c["code"]), c["sv"], c["en"]) for c in entry.get("categories", ())),
        lisa=bool(entry.get("lisa", False)),
    )


def parse_catalogue(text: str) -> Catalogue:
    """Parse and validate catalogue TOML; a ValueError names the indicator that is wrong."""
    data = tomllib.loads(text)
    themes = tuple(Theme(t["id"], _text(t, "name", f"theme {t['id']}")) for t in data["theme"])
    theme_ids = {t.id for t in themes}
    indicators = tuple(_indicator(e, theme_ids) for e in data["indicator"])
    ids = [i.id for i in indicators]
    if len(ids) != len(set(ids)):
        raise ValueError(f"duplicate indicator ids in catalogue: {sorted(i for i in ids if ids.count(i) > 1)}")
    tables = tuple(
        FetchTable(
            id=t.get("id", ""),
            v1=t.get("v1", ""),
            title=t["title"],
            editions=tuple(
                _choice(e, EDITIONS, "edition", f"table {t.get('id') or t.get('v1')}") for e in t["editions"]
            ),
            fixed=dict(t.get("fixed", {})),
            variables={name: dict(sel) for name, sel in t["variables"].items()},
            verified=t.get("verified", "no"),
        )
        for t in data.get("table", ())
    )
    splits = tuple(
        Split(
            sp["id"],
            _text(sp, "name", f"split {sp['id']}"),
            _text(sp, "group_name", f"split {sp['id']}"),
            tuple(Term.parse(v) for v in sp["group"]),
            tuple(Term.parse(v) for v in sp["other"]),
        )
        for sp in data.get("split", ())
    )
    derived = tuple(
        DerivedCount(d["variable"], tuple(d["product"]), float(d.get("scale", 1.0))) for d in data.get("derived", ())
    )
    return Catalogue(themes, indicators, tables, splits, derived)


@cache
def load_catalogue(path: Path = CATALOGUE_PATH) -> Catalogue:
    """The catalogue shipped with the package (cached: it never changes while running)."""
    return parse_catalogue(path.read_text(encoding="utf-8"))
