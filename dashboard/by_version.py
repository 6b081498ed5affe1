"""An in-process LRU cache for functions of (atlas, *hashable args), keyed by the store's version string.

`functools.lru_cache` on such a function keeps every `Atlas` it was called with alive in its keys, so
after a rebuild each worker held the old store version (hundreds of MB) until its entries aged out.
Here the key is the version string and the arguments, and the entries of an older version are
dropped as soon as a newer one is asked for.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from geodata.queries import Atlas

T = TypeVar("T")


def by_store_version(maxsize: int = 256) -> Callable[[Callable[..., T]], Callable[..., T]]:
    def decorate(fn: Callable[..., T]) -> Callable[..., T]:
        entries: OrderedDict[tuple, Any] = OrderedDict()
        lock = threading.Lock()
        current = [""]

        @wraps(fn)
        def cached(atlas: Atlas, *args: Any) -> T:
            version = atlas.version
            with lock:
                if version != current[0]:
                    entries.clear()
                    current[0] = version
                elif args in entries:
                    entries.move_to_end(args)
                    return entries[args]
            value = fn(atlas, *args)
            with lock:
                if version == current[0]:
                    entries[args] = value
                    while len(entries) > maxsize:
                        entries.popitem(last=False)
            return value

        return cached

    return decorate
