"""The extractor's word lists, compiled once from the data files."""
import functools
import re
from dataclasses import dataclass

from .officials import build_index
from .resources import read_csv, read_list


# slots: records read at hot sites keep one layout (a pickled record with a __dict__ is read through it,
# slower, and the specialised reads miss when another layout comes by)
@dataclass(frozen=True, slots=True)
class VerbForm:
    base: str
    form: str  # base | third | past | gerund
    reports: str  # y | t | n (see data/lexicon/LEXICON.md)


@dataclass(frozen=True, slots=True)
class OfficePattern:
    words: tuple  # lowercase tokens of the surface form
    office: str
    nominals: frozenset
    gender: str


class _Memo(dict):
    """The results of a pure function of one argument by argument, each made when first asked for: read by
    the dict's lookup in C, where an lru_cache's call also moves the argument to the front of its list.
    Emptied when full: a bound on memory over a long run."""

    __slots__ = ("function", "size")

    def __init__(self, function, size):
        super().__init__()
        self.function, self.size = function, size

    def __missing__(self, key):
        if len(self) >= self.size:
            self.clear()
        self[key] = value = self.function(key)
        return value


def memo(size):
    """A decorator: the function memoised in a _Memo of at most `size` results (called as its lookup)."""
    return lambda function: _Memo(function, size).__getitem__


@memo(1 << 16)
def fold(s):
    """s lowercased with curly apostrophes straightened, the form every word list is keyed by."""
    # (straightened first: a text with no other character beyond ASCII is then lowercased by the ASCII
    # path; ’ and ' alike are case-ignorable, so no letter lowercases otherwise)
    return s.replace("’", "'").lower()


class Lexicon:
    # slots: a lexicon unpickled from the cache would keep its tables in a __dict__, read (at every hot
    # lex.<table>) through a hashed look-up where a slot is one load
    __slots__ = ("verbs", "present_forms", "multi_verbs", "pronouns", "speaker_nouns", "noun_cues",
                 "time_words", "bare_verbs", "continuing_verbs", "poll_comparatives", "respondent_participles",
                 "document_verbs", "issuing_verbs", "document_nouns", "naming_verbs", "irregular_past",
                 "honorifics", "title_modifiers", "org_suffixes", "numbered_org_words", "thing_heads",
                 "speaking_buildings", "authored_works", "authoring_verbs", "party_words", "unnamed_heads",
                 "share_words", "share_qualifiers", "number_words", "document_phrases", "first_names",
                 "offices", "offices_by_first", "office_words", "office_heads", "nominal_nouns", "demonyms",
                 "capitals", "capitals_written", "organizations", "institutions", "international",
                 "country_names", "office_countries", "cities", "place_words", "name_first_words", "stance",
                 "cue_words", "office_nominals", "country_keys", "office_of_words", "office_sizes",
                 "country_words", "country_phrases", "country_text_firsts", "officials")

    def __init__(self):
        self.verbs = {}
        for row in read_csv("lexicon", "speech_verbs.csv"):
            # a word that is both base and past ("forecast") is taken as the past: it heads statements
            for form in ("past", "third", "base", "gerund"):
                self.verbs.setdefault(row[form].lower(), VerbForm(row["base"], form, row["reports"]))
        self.present_forms = {row["third"].lower() for row in read_csv("lexicon", "speech_verbs.csv")}
        # multi-word verbs ("point out") keyed by their first word
        self.multi_verbs = {}
        for k, v in self.verbs.items():
            if " " in k:
                self.multi_verbs.setdefault(k.split()[0], []).append((tuple(k.split()), v))
        for forms in self.multi_verbs.values():
            forms.sort(key=lambda f: -len(f[0]))  # "went on to say" before "went on"
        self.pronouns = {r["word"]: r for r in read_csv("lexicon", "pronouns.csv")}
        self.speaker_nouns = {r["noun"]: r["kind"] for r in read_csv("lexicon", "speaker_nouns.csv")}
        self.noun_cues = set(read_list("lexicon", "noun_cues.txt"))
        self.time_words = set(read_list("lexicon", "time_words.txt"))
        self.bare_verbs = set(read_list("lexicon", "bare_verbs.txt"))
        self.continuing_verbs = set(read_list("lexicon", "continuing_verbs.txt"))
        self.poll_comparatives = set(read_list("lexicon", "poll_comparatives.txt"))
        self.respondent_participles = set(read_list("lexicon", "respondent_participles.txt"))
        self.document_verbs = set(read_list("lexicon", "document_verbs.txt"))
        self.issuing_verbs = frozenset(read_list("lexicon", "issuing_verbs.txt"))
        self.document_nouns = frozenset(read_list("lexicon", "document_nouns.txt"))
        self.naming_verbs = set(read_list("lexicon", "naming_verbs.txt"))
        self.irregular_past = set(read_list("lexicon", "irregular_past.txt"))
        self.honorifics = {r["word"]: r["gender"] for r in read_csv("lexicon", "honorifics.csv")}
        self.title_modifiers = set(read_list("lexicon", "title_modifiers.txt"))
        self.org_suffixes = set(read_list("lexicon", "org_suffixes.txt"))
        self.numbered_org_words = set(read_list("lexicon", "numbered_org_words.txt"))
        self.thing_heads = set(read_list("lexicon", "thing_heads.txt"))
        self.speaking_buildings = set(read_list("lexicon", "speaking_buildings.txt"))
        self.authored_works = set(read_list("lexicon", "authored_works.txt"))
        self.authoring_verbs = set(read_list("lexicon", "authoring_verbs.txt"))
        self.party_words = set(read_list("lexicon", "party_words.txt"))
        self.unnamed_heads = set(read_list("lexicon", "unnamed_heads.txt"))
        self.share_words = set(read_list("lexicon", "share_words.txt"))
        self.share_qualifiers = set(read_list("lexicon", "share_qualifiers.txt"))
        self.number_words = set(read_list("lexicon", "number_words.txt"))
        # head -> the words written before it that make a document of it: "paper" -> {("white",), …}
        self.document_phrases = {}
        for phrase in read_list("lexicon", "document_phrases.txt"):
            *lead, head = fold(phrase).split()
            self.document_phrases.setdefault(head, set()).add(tuple(lead))
        self.first_names = {fold(r["name"]): r["gender"] for r in read_csv("names", "first_names.csv")}

        self.offices = []
        for r in read_csv("offices.csv"):
            words = tuple(re.findall(r"[\w'’\-]+", fold(r["pattern"])))
            if words:
                nominals = frozenset(n.strip() for n in (r.get("nominals") or "").split("|") if n.strip())
                self.offices.append(OfficePattern(words, r["office"], nominals, (r.get("gender") or "").strip()))
        self.offices.sort(key=lambda o: -len(o.words))
        self.offices_by_first = {}  # first word -> patterns, longest first
        for o in self.offices:
            self.offices_by_first.setdefault(o.words[0], []).append(o)
        # words of office titles; function words ("in", "of") are not title words on their own
        self.office_words = {w for o in self.offices for w in o.words} - {
            "in", "of", "for", "the", "and", "on", "at", "to", "a", "an", "with", "by", "from"}
        self.office_heads = {o.words[-1] for o in self.offices}
        self.nominal_nouns = {n for o in self.offices for n in o.nominals} | {
            n for n, kind in self.speaker_nouns.items() if kind == "person"}

        self.demonyms = {fold(r["word"]): r["country"] for r in read_csv("countries", "demonyms.csv")}
        self.capitals = {fold(r["capital"]): r["country"] for r in read_csv("countries", "capitals.csv")}
        self.capitals_written = [r["capital"] for r in read_csv("countries", "capitals.csv")]  # as written
        # news organisations, pollsters, big companies: organisations with no country of their own
        self.organizations = {fold(r["name"]): r["name"] for r in read_csv("organizations.csv")}
        self.institutions = {}
        for r in read_csv("countries", "institutions.csv"):
            self.institutions[fold(r["name"])] = (r["name"], r["country"], r.get("kind"))
        self.international = {}
        for r in read_csv("countries", "international.csv"):
            for key in (r["name"], r.get("short") or ""):
                if key:
                    self.international[fold(key)] = (r["name"], r.get("short") or r["name"])
        self.country_names = _country_names(self.capitals)
        # offices that only one country has ("Secretary of State" without a country is American)
        self.office_countries = {tuple(fold(r["pattern"]).split()): r["country"]
                                 for r in read_csv("countries", "office_countries.csv")}
        # big cities are places, never speakers or people ("Edmonton responded")
        self.cities = {fold(r["city"]): r["country"] for r in read_csv("countries", "cities.csv")}
        # a capital whose name a federal state or a big city of another country bears too ("Victoria": the
        # Seychelles or Australia; "San Jose": Costa Rica or California) is a place, but names no country
        # on its own: a country named with it, or the one the article is about, decides
        for key in _shared_capitals(self.capitals, self.cities):
            self.capitals[key] = None
            if key in self.country_names:
                self.country_names[key] = None
        self.place_words = set(self.demonyms) | set(self.capitals) | set(self.country_names) | set(self.cities)
        # first words of known names, which may look like other words ("Downing Street")
        self.name_first_words = {k.split()[0] for k in list(self.institutions) + list(self.international) +
                                 list(self.country_names) + list(self.capitals) if k}
        self.stance = _stance_tables()  # kept in the cache with the rest: not read again at every start
        self.officials = build_index()  # the gazetteer by name (officials.py), likewise

        # Tables derived from the word lists above, made here so that the cache keeps them too (as plain
        # attributes, not cached properties, they are looked up the quick way at every use)
        # words a cue can start with: speech verbs, first words of multi-word ones, "according (to)"
        self.cue_words = frozenset(self.verbs) | frozenset(self.multi_verbs) | {"according"}
        # office -> the nominals of all its patterns ("the diplomat" for an ambassador)
        self.office_nominals = {}
        for o in self.offices:
            self.office_nominals[o.office] = self.office_nominals.get(o.office, frozenset()) | o.nominals
        self.country_keys = _country_keys(self)
        # the words of an office pattern -> the pattern (the first listed, of several with the same words)
        self.office_of_words = {}
        for o in self.offices:
            self.office_of_words.setdefault(o.words, o)
        # first word -> the numbers of words of the office patterns it starts, largest first ("minister":
        # 46 patterns of 5 sizes)
        self.office_sizes = {w: tuple(sorted({len(o.words) for o in os}, reverse=True))
                             for w, os in self.offices_by_first.items()}
        self.country_words, self.country_phrases = _country_phrases(self)
        # first words of the phrases of several words country_in_text looks for
        self.country_text_firsts = frozenset(k[0] for k in self.country_phrases)

    def office_at(self, words, i):
        """The longest office pattern starting at words[i] (lowercase tokens): (pattern, length)."""
        left = len(words) - i
        for n in self.office_sizes.get(words[i], ()) if left > 0 else ():
            if n <= left:  # (a longer slice would be cut to the words left: looked up at its own size)
                o = self.office_of_words.get(tuple(words[i:i + n]))
                if o is not None:
                    return o, n
        return None, 0

    def offices_in(self, words):
        """The office patterns in a list of lowercase words, matched left to right without overlap:
        (index, pattern, length) each."""
        firsts, q, end = self.offices_by_first, 0, len(words)
        while q < end:
            if words[q] in firsts:  # most words start no office: no call for them
                o, n = self.office_at(words, q)
                if o:
                    yield q, o, n
                    q += n  # an office phrase may run on: "deputy foreign minister for arms control"
                    continue
            q += 1

    def country_in_text(self, words):
        """The country named in a list of folded words (demonyms, countries, capitals, institutions,
        one-country offices), the last one winning; None when there is none."""
        found = None
        n = len(words)
        i = 0
        lone, phrases, firsts = self.country_words, self.country_phrases, self.country_text_firsts
        while i < n:
            w = words[i]
            size, hit = 1, None
            if w in firsts:  # a word no phrase of several words starts with is looked up alone
                for size in (4, 3, 2):
                    if i + size <= n:
                        hit = phrases.get(tuple(words[i:i + size]))
                        if hit is not None:
                            break
            if hit is None:
                size, hit = 1, lone.get(w)
                if hit is None:
                    i += 1
                    continue
            country, demonym = hit
            if not demonym and (words[i - 1:i] == ["to"] or words[i - 2:i] == ["to", "the"]):
                # "ambassador to Russia": the country someone is sent to is not the one they serve
                country = None
            found = country or found
            i += size
        return found

    def country_of_word(self, phrase):
        key = fold(phrase).strip()
        for table in (self.demonyms, self.country_names, self.capitals):
            if key in table:
                return table[key]
        if key in self.institutions:
            return self.institutions[key][1] or None
        return None


def _country_keys(lex):
    """The country a name, demonym, capital or institution stands for, looked up in that order."""
    out = {}
    for k in set(lex.demonyms) | set(lex.country_names) | set(lex.capitals) | set(lex.institutions):
        c = lex.demonyms.get(k) or lex.country_names.get(k) or lex.capitals.get(k) or (
            lex.institutions[k][1] if k in lex.institutions else None)
        if c:
            out[k] = c
    return out


def _country_phrases(lex):
    """What country_in_text finds, indexed by the words it looks at: (word -> hit, tuple of 2 to 4 words ->
    hit), a hit being (country, whether the phrase is a demonym). A phrase is a country key, one with "'s"
    (the key without it looked up, as for any phrase ending so) or a one-country office; words never hold a
    space (they are tokens), so a tuple of them stands for their phrase joined with spaces."""
    keys, offices = lex.country_keys, lex.office_countries
    lone, phrases = {}, {}
    for words in {tuple(s.split(" ")) for k in keys for s in (k, k + "'s")} | set(offices):
        key = " ".join(words)
        base = key[:-2] if key.endswith("'s") else key
        c = keys.get(base) or offices.get(words)
        if c:
            if len(words) == 1:
                lone[words[0]] = c, base in lex.demonyms
            elif len(words) <= 4:
                phrases[words] = c, base in lex.demonyms
    return lone, phrases


def _stance_tables():
    """The word lists of quotes/stance.py: (single words -> (polarity, kind), first word -> [(phrase, (polarity,
    kind))] longest first, first word -> contrast markers longest first, negations, cue -> effect, alias ->
    target, head -> the heads of its kind, target stopwords)."""
    single, multi = {}, {}
    for r in read_csv("lexicon", "stance_words.csv"):
        entry = (int(r["polarity"]), r["kind"].strip())
        w = tuple(fold(r["word"]).split())
        if len(w) == 1:
            single[w[0]] = entry
        elif w:
            multi.setdefault(w[0], []).append((w, entry))
    for k in multi:
        multi[k].sort(key=lambda x: -len(x[0]))
    contrast = {}
    for c in read_list("lexicon", "contrast_words.txt"):
        w = tuple(fold(c).split())
        contrast.setdefault(w[0], []).append(w)
    for k in contrast:
        contrast[k].sort(key=lambda x: -len(x))
    negations = {fold(n) for n in read_list("lexicon", "negations.txt")}
    cues = {fold(r["cue"]): r["effect"].strip() for r in read_csv("lexicon", "stance_cues.csv")}
    targets = {fold(r["alias"]): r["target"] for r in read_csv("lexicon", "targets.csv")}
    heads = {}  # head -> the set of heads naming the same kind of thing (one line of the file)
    for line in read_list("lexicon", "target_heads.txt"):
        group = frozenset(fold(h) for h in line.split())
        for h in group:
            heads[h] = heads.get(h, frozenset()) | group
    stop = {fold(s) for s in read_list("lexicon", "target_stopwords.txt")}
    return single, multi, contrast, negations, cues, targets, heads, stop


def _shared_capitals(capitals, cities):
    """Folded capitals that a federal state (pycountry's type "State") or a big city of another country
    is named too."""
    import pycountry

    states = {}
    for sub in pycountry.subdivisions:
        if sub.type == "State":
            states.setdefault(fold(sub.name), set()).add(sub.country_code)
    return {k for k, c in capitals.items() if states.get(k, {c}) != {c} or cities.get(k, c) != c}


def _country_names(capitals=()):
    import pycountry

    names = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            v = getattr(c, attr, None)
            if v:
                names[fold(v)] = c.alpha_2
    # provinces and states stand for places too ("Nova Scotia"), never for speakers; not a name that
    # several countries' subdivisions share ("Central", "Punjab"), nor a common word ("Centre")
    not_places = set(read_list("countries", "not_places.txt"))
    owners = {}
    for sub in pycountry.subdivisions:
        owners.setdefault(fold(sub.name), set()).add(sub.country_code)
    for sub in pycountry.subdivisions:
        if len(owners[fold(sub.name)]) > 1 or fold(sub.name) in not_places:
            continue
        # (regions, districts and departments left out: small units whose names are often common words)
        if sub.type in ("State", "Province", "Territory", "Autonomous region", "Country", "Nation",
                        "Federal district", "Capital territory", "Land", "Canton", "Oblast",
                        "Autonomous republic", "Republic", "Prefecture"):
            # "Santiago" is Chile's capital before a Dominican province; a federal state's name that is a
            # capital too ("Victoria") stays a place with no country (Lexicon: _shared_capitals)
            if fold(sub.name) not in capitals or sub.type == "State":
                names.setdefault(fold(sub.name), sub.country_code)
    # everyday names that pycountry spells otherwise
    for k, v in {"russia": "RU", "iran": "IR", "syria": "SY", "south korea": "KR", "north korea": "KP",
                 "vietnam": "VN", "laos": "LA", "bolivia": "BO", "venezuela": "VE", "tanzania": "TZ",
                 "moldova": "MD", "taiwan": "TW", "britain": "GB", "great britain": "GB", "england": "GB",
                 "scotland": "GB", "wales": "GB", "america": "US", "united states": "US", "the united states": "US",
                 "u.s.": "US", "us": "US", "usa": "US", "u.s.a.": "US", "uk": "GB", "u.k.": "GB", "czech republic": "CZ",
                 "ivory coast": "CI", "turkey": "TR", "palestine": "PS", "the netherlands": "NL", "holland": "NL",
                 "brunei": "BN", "micronesia": "FM", "vatican": "VA", "kosovo": "XK"}.items():
        names[k] = v
    return names


def _cache_file():
    """Where the built lexicon is kept between runs: a user cache file whose name is a digest of all
    that builds it (this module, the resource reader, every data file's size and time, pycountry's
    databases, the Python version), so a change to any of them builds and stores it anew."""
    import hashlib
    import importlib.util
    import os
    import sys
    from pathlib import Path

    from .resources import data_dir

    h = hashlib.sha256(sys.version.encode())
    for src in (__file__, sys.modules[read_csv.__module__].__file__, sys.modules[build_index.__module__].__file__):
        h.update(Path(src).read_bytes())
    pycountry_dir = Path(importlib.util.find_spec("pycountry").origin).parent  # found, not imported (slow)
    for folder in (data_dir(), pycountry_dir / "databases"):
        # (os.walk, not Path.rglob: half the cost; the same files in the same order at every start)
        for root, dirs, files in os.walk(folder):
            dirs.sort()
            for name in sorted(files):
                st = os.stat(f := os.path.join(root, name))
                h.update(f"{f}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "quotes" / f"lexicon-{h.hexdigest()[:32]}.pickle"


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    # building the word lists (pycountry's subdivisions above all) took a tenth of a second at every
    # start; a pickled copy loads in a few milliseconds. A missing, unreadable or corrupt cache, or one
    # that cannot be written, only means building it as before.
    import contextlib

    try:
        path = _cache_file()
    except Exception:  # noqa: BLE001 - no cache, no harm
        return Lexicon()
    with contextlib.suppress(Exception), open(path, "rb") as f:
        lex = _load(f)  # our own file, in the user's own cache folder
        if type(lex) is Lexicon:
            return lex
    lex = Lexicon()
    with contextlib.suppress(Exception):
        _store(lex, path)
    return lex


def settle():
    """Ready a process to extract many articles: the word lists loaded, then frozen out of the cycle
    collector's passes (they live as long as the process), and the collector run only once a million more
    objects live than were freed. Extraction makes a great many small objects and almost no reference
    cycles (~450 cyclic objects over PolNeAR's 924 articles): at the default pace (every 700 allocations)
    the collector took a tenth of the run, and every 10,000 still ~0.08 s walking what the word caches keep."""
    import gc

    gc.set_threshold(1_000_000, 10, 10)
    lex = lexicon()
    gc.freeze()
    return lex


def _load(f):
    """The lexicon pickled in f. Its tens of thousands of objects all live as long as the process: the
    cycle collector, run as they are made, would walk them (and all else) for nothing."""
    import gc
    import pickle

    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.load(f)
    finally:
        if was_enabled:
            gc.enable()


def _shared_copy(x, equal, done):
    """A copy of x (a lexicon, or any of its tables and records) in which equal strings and tuples are
    one object: pickle stores an object once however often it is referred to, so the cache holds and
    loads each country code, gender or (polarity, kind) once, not at every entry (equal: a string, or the
    ids of a tuple's items -> the one kept; done: id -> (object, its copy), keeping the object alive while
    its id is a key)."""
    got = done.get(id(x))
    if got is not None:
        return got[1]
    t = type(x)
    if t is str:
        y = equal.setdefault(x, x)
    elif t is tuple:
        y = tuple([_shared_copy(v, equal, done) for v in x])
        y = equal.setdefault(tuple(map(id, y)), y)  # (the same items, not equal ones: (1, "x") is no (True, "x"))
    elif t is list:
        y = [_shared_copy(v, equal, done) for v in x]
    elif t is dict:
        y = {_shared_copy(k, equal, done): _shared_copy(v, equal, done) for k, v in x.items()}
    elif t is set or t is frozenset:
        y = t([_shared_copy(v, equal, done) for v in x])
    elif hasattr(t, "__slots__"):  # the lexicon, VerbForm, OfficePattern (set past the frozen ones' __setattr__)
        y = t.__new__(t)
        for k in t.__slots__:
            object.__setattr__(y, k, _shared_copy(getattr(x, k), equal, done))
    else:  # numbers, booleans, None
        y = x
    done[id(x)] = x, y
    return y


def _store(lex, path):
    import os
    import pickle
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            pickle.dump(_shared_copy(lex, {}, {}), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # whole or not at all: a reader never sees half a file
    except BaseException:
        os.unlink(tmp)
        raise
    # copies built from older data or code: the few latest are kept (another checkout may use one)
    for old in sorted(path.parent.glob("lexicon-*.pickle"), key=lambda p: p.stat().st_mtime)[:-4]:
        old.unlink()
