"""The officials gazetteer (data/officials.csv): who held which office for which country, when."""
import functools
import unicodedata

from .resources import read_csv


# what name_key makes of each ASCII character: itself if a letter or a digit, else a space (a table of all of
# them: with a dict of the others alone, str.translate raised and cleared a KeyError at every new letter)
_ASCII_SPACES = "".join(c if c.isalnum() else " " for c in map(chr, range(128)))


@functools.lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """Accent-, case- and punctuation-free form of a name for matching."""
    if not name or name.isascii():
        # nothing to decompose and no accents: the same, without reading the name character by character
        return " ".join((name or "").lower().translate(_ASCII_SPACES).split())
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower().replace("’", "'")
    return " ".join("".join(c if c.isalnum() else " " for c in s).split())


def build_index():
    """name_key -> the gazetteer's rows for that name: built with the lexicon and kept in its cache."""
    idx = {}
    for row in read_csv("officials.csv"):
        names = [row["name"]] + [a for a in (row.get("aliases") or "").split("|") if a.strip()]
        for n in names:
            idx.setdefault(name_key(n), []).append(row)
    return idx


@functools.lru_cache(maxsize=1)
def _index():
    from .lexicon import lexicon  # (lexicon builds the index with this module)

    return lexicon().officials


def _covers(row, when):
    if not when:
        return True
    start, end = (row.get("start") or "")[:10], (row.get("end") or "")[:10]
    # years alone are compared by year
    w = when[:len(start)] if start and len(start) < 10 else when
    if start and w < start:
        return False
    we = when[:len(end)] if end and len(end) < 10 else when
    return not (end and we > end)


@functools.lru_cache(maxsize=1 << 12)
def lookup(name, when=None, country=None):
    """The gazetteer row for a person's office as of `when` (ISO date), or None (read, not to be changed:
    the answers are kept, as speakers speak again and again)."""
    rows = _index().get(name_key(name), [])
    if country:
        rows = [r for r in rows if not r["country"] or r["country"] == country] or rows
    current = [r for r in rows if _covers(r, when)]
    if current:
        # the most recently started office wins when several overlap
        return max(current, key=lambda r: r.get("start") or "")
    return None


def known_names():
    return _index()
