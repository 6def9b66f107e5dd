"""What both site plugins share: the served quotes database, and a cache of whole-table aggregates
(home page, charts) kept until the database file changes."""
import os
import time

from datasette.utils.asgi import NotFound

DB = "quotes"
CACHE_SECONDS = 300
_CACHE = {}


def quotes_db(datasette):
    if DB not in datasette.databases:
        raise NotFound("No quotes database is being served")
    return datasette.get_database(DB)


def _db_stamp(db):
    path = getattr(db, "path", None)
    if not path:
        return None
    stamps = []
    for p in (path, path + "-wal"):
        try:
            stamps.append(os.stat(p).st_mtime_ns)
        except OSError:
            stamps.append(0)
    return tuple(stamps)


async def cached(datasette, db, name, fn):
    """fn()'s result, kept for CACHE_SECONDS or until the database file changes."""
    key = (id(datasette), name, _db_stamp(db))
    hit = _CACHE.get(key)
    if hit and time.monotonic() - hit[0] < CACHE_SECONDS:
        return hit[1]
    value = await fn()
    if len(_CACHE) > 500:
        _CACHE.clear()
    _CACHE[key] = (time.monotonic(), value)
    return value
