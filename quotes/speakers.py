"""One speakers row per person across the database: variants of a name merge, namesakes do not."""
import functools
import json

import pycountry

from .lexicon import fold, lexicon
from .mentions import _same_first
from .resources import read_csv
from .officials import known_names, name_key


def _canonical(name):
    """(canonical name, wikidata id, office, country) from the officials gazetteer, if it knows the name."""
    rows = known_names().get(name_key(name))
    if rows:
        r = rows[0]
        return r["name"], r.get("wikidata") or None, r.get("office") or None, r.get("country") or None
    return name, None, None, None


def compatible(a_name, a_country, b_name, b_country):
    """Can two speaker names with their countries be the same person?"""
    if a_country and b_country and a_country != b_country:
        return False
    aw, bw = name_key(a_name).split(), name_key(b_name).split()
    if not aw or not bw:
        return False
    if aw == bw:
        return True
    if aw[-1] != bw[-1]:
        return False
    if len(aw) == 1 or len(bw) == 1:
        return True
    return _same_first(aw[0], bw[0])


@functools.lru_cache(maxsize=65536)
def _alias_list(aliases):
    # the same rows come back for every lookup of a surname: parse each aliases value once
    return tuple(json.loads(aliases or "[]"))


def find_speaker(db, name, kind, country):
    """The id of the stored speaker this name stands for, or None."""
    key = name_key(name)
    surname = key.split()[-1] if key else key
    candidates = db.execute(
        # like: case-insensitive, so a bare surname stored as written ("Ryabkov") is found too
        "select id, name, aliases, country, kind from speakers where kind = ? and (name = ? or name like ? "
        "or name like ? or aliases like ?)",
        [kind, name, f"% {surname}" if surname else name, surname, f"%{surname}%"]
    ).fetchall() if "speakers" in db.table_names() else []
    best = None
    for sid, sname, aliases, scountry, _ in candidates:
        names = [sname, *_alias_list(aliases)]
        # the same full name is the same speaker: a statement's country is too often inferred to
        # split people by it (a namesake from another country is left to a correction)
        if any(name_key(n) == key for n in names):
            return sid
        # a bare-surname alias says nothing about first names: it matches only a bare surname
        full = [n for n in names if len(n.split()) > 1] or names
        if kind == "person" and any(compatible(name, country, n, scountry) for n in (
                names if len(name.split()) == 1 else full)):
            if best is not None:
                return None  # two people fit: do not guess
            best = sid
    return best


@functools.lru_cache(maxsize=4096)
def generic_institution(name):
    """True for a name every country has an instance of ("Foreign Ministry", "Supreme Court")."""
    lex = lexicon()
    words = [fold(w).replace("'s", "").replace("’s", "") for w in name.split()]
    vocabulary = lex.office_words
    return bool(words) and fold(name) not in lex.institutions and all(
        w in vocabulary or lex.speaker_nouns.get(w) == "organization" for w in words)


def _institution_name(name, country):
    """One "Foreign Ministry" per country, not one for the world: "Foreign Ministry", "Russian Foreign
    Ministry" and "Russia's Foreign Ministry" of Russia are all "Foreign Ministry (Russia)"."""
    lex = lexicon()
    first, _, rest = name.partition(" ")
    word = fold(first).replace("'s", "").replace("’s", "")
    if rest and (lex.demonyms.get(word) == country or lex.country_names.get(word) == country) and \
            generic_institution(rest):
        name = rest[:1].upper() + rest[1:]  # "German government" -> "Government (Germany)"
    return f"{name} ({_country_name(country)})" if generic_institution(name) else name


def _country_name(code):
    c = pycountry.countries.get(alpha_2=code)
    return _short_names().get(code) or getattr(c, "common_name", None) or (c.name if c else code)


@functools.lru_cache(maxsize=1)
def _short_names():
    """The names newsrooms use where ISO's differ ("Russia", not "Russian Federation")."""
    return {r["country"]: r["name"] for r in read_csv("countries", "short_names.csv")}


def speaker_row(db, st, cache):
    """The speakers row for a statement's speaker (created or merged), kept in cache by id."""
    name, wikidata, office, g_country = _canonical(st.speaker) if st.speaker_kind == "person" else (
        st.speaker, None, None, None)
    country = st.country or g_country
    if st.speaker_kind == "organization" and country:
        name = _institution_name(name, country)
    for sid, row in cache.items():
        if row["kind"] == st.speaker_kind and (name_key(row["name"]) == name_key(name) or (
                st.speaker_kind == "person" and compatible(name, country, row["name"], row["country"]))):
            _merge(row, st, name, country)
            return row
    sid = find_speaker(db, name, st.speaker_kind, country)
    if sid is None and getattr(st, "country_inferred", False) and len(name.split()) > 1:
        # the country was only guessed from the article: a full name known under another country
        # ("Dmitry" for "Dmitri Orlovsky") is that person, and their country is the one to keep
        sid = find_speaker(db, name, st.speaker_kind, None)
        if sid is not None:
            known = db.execute("select country from speakers where id = ?", [sid]).fetchone()
            if known and known[0]:
                st.country = country = known[0]
    if sid is not None:
        existing = db["speakers"].get(sid)
        row = dict(existing)
    else:
        sid = _free_id(db, name, country, cache)
        row = {"id": sid, "name": name, "aliases": "[]", "kind": st.speaker_kind, "country": country,
               "office": st.office or office, "organization": st.organization, "gender": st.speaker_gender,
               "wikidata": wikidata}
    _merge(row, st, name, country)
    cache[sid] = row
    return row


def _merge(row, st, name, country):
    aliases = set(json.loads(row.get("aliases") or "[]"))
    for n in [st.speaker, name] + list(st.speaker_aliases or []):
        if n and n != row["name"]:
            aliases.add(n)
    # the fullest form of the name is the one shown
    if len(name.split()) > len(row["name"].split()):
        aliases.add(row["name"])
        aliases.discard(name)
        row["name"] = name
    row["aliases"] = json.dumps(sorted(aliases), ensure_ascii=False)
    row["country"] = row.get("country") or country
    row["office"] = st.office or row.get("office")
    row["organization"] = row.get("organization") or st.organization
    row["gender"] = row.get("gender") or st.speaker_gender


def _free_id(db, name, country, cache):
    base = slug = name_key(name).replace(" ", "-")[:80] or "unknown"
    if country:
        taken = db.execute("select 1 from speakers where id = ?", [slug]).fetchone() if "speakers" in db.table_names() else None
        if taken or slug in cache:
            slug = f"{base}-{country.lower()}"
    n = 2
    while slug in cache or ("speakers" in db.table_names() and db.execute(
            "select 1 from speakers where id = ?", [slug]).fetchone()):
        slug = f"{base}-{n}"
        n += 1
    return slug
