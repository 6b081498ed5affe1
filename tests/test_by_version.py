"""The version-keyed cache: one entry per arguments, none kept from an older store version."""

from __future__ import annotations

import gc
import weakref
from dataclasses import dataclass

from dashboard.by_version import by_store_version


@dataclass(eq=False)
class Store:  # stands in for an Atlas: only its version is read
    version: str


def test_entries_are_keyed_by_version_and_an_old_version_is_let_go() -> None:
    calls: list[tuple] = []

    @by_store_version(maxsize=2)
    def double(atlas, n: int) -> int:
        calls.append((atlas.version, n))
        return 2 * n

    old = Store("v1")
    assert double(old, 1) == double(old, 1) == 2
    assert calls == [("v1", 1)]
    gone = weakref.ref(old)
    del old
    gc.collect()
    assert gone() is None  # the cache holds the version string, never the store object
    new = Store("v2")
    assert double(new, 1) == 2 and calls[-1] == ("v2", 1)  # a new version computes afresh
    double(new, 2), double(new, 3), double(new, 1)
    assert calls[-1] == ("v2", 1)  # at most two entries: the oldest was dropped
