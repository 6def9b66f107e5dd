"""Noun phrases that can speak: names with their titles, pronouns, nominals ("the diplomat"),
organisations; and the article's entities that these mentions resolve to."""
import re
import functools
from bisect import bisect_left, insort
from dataclasses import dataclass, field
from itertools import islice
from operator import attrgetter, itemgetter
from typing import Optional

from .lexicon import fold, lexicon

CONNECTORS = {"of", "for", "the", "de", "da", "del", "der", "van", "von", "bin", "ibn", "al", "el", "la", "le",
              "du", "dos", "di", "y", "and", "on"}
NAME_PARTICLES = {"de", "da", "del", "der", "van", "von", "bin", "ibn", "al", "el", "la", "le", "du", "dos", "di"}
DETERMINERS = {"the", "a", "an", "one", "two", "three", "several", "some", "many", "other", "another", "both",
               "his", "her", "its", "their", "our", "this", "that", "these", "those"}
# who speaks for the body named before them: "the Kremlin spokesman", "the EFTA secretariat"
SPOKES = {"spokesperson", "spokesman", "spokeswoman", "statement", "spokespeople", "secretariat"}
ISSUED = {"released", "issued", "published", "posted", "sent", "written", "commissioned", "prepared", "filed"}
GENERIC_ORGS = {"company", "firm", "group", "organization", "organisation", "agency", "business", "retailer",
                "carrier", "airline", "bank", "insurer", "manufacturer", "union", "association", "charity",
                "railway", "railroad", "automaker", "carmaker", "broadcaster", "network", "utility", "regulator",
                "watchdog", "team", "club", "league"}
FAMILY_NAME_FIRST = {"CN", "TW", "HK", "MO", "KR", "KP", "JP", "VN", "HU", "KH", "SG"}
BARE_WINDOW = 200  # characters back from a he/she to a bare name that may stand for it
SALIENCE_WINDOW = 400  # characters back from a passing mention to look for a speaker or subject
PRONOUN_BASE = {"his": "he", "him": "he", "her": "she", "hers": "she", "their": "they", "them": "they", "its": "it"}
MOD_STOP = DETERMINERS | {"in", "which", "who", "whom", "whose", "that", "where", "when", "at", "on", "to", "by",
                           "with", "from", "as", "if", "and", "or", "but", "for", "of", "is", "was", "are", "were"}
# (frozensets: a token's text or folded form, which a tuple would compare with each of its words)
APPOSED_DETS = frozenset(("poss", "the", "a", "an", "his", "her", "its", "their"))  # may run on to ", Name"
ONE_DETS = frozenset(("a", "an", "one", "another"))  # one unnamed someone
POSSESSIVE_PRONOUNS = frozenset(("his", "her", "its", "their"))
ARTICLES = frozenset(("a", "an", "the"))
HEAD_ENDERS = frozenset(("for", "of", "on", "at", "in", "to", "with"))  # after a phrase's head, end it there
HEAD_RUN_ON = frozenset(("for", "of", "and", "on", "at", "in"))  # lowercase words a head's phrase runs on through
RELATIVE_WORDS = frozenset(("who", "which", "whose", "whom", "that", "where", "when"))
COMMA_SEMICOLON = frozenset((",", ";"))
CLAUSE_MARKS = frozenset((",", ".", ";", ":"))
QUANT_PLURAL = {"two", "three", "several", "some", "many", "both", "these", "those"}
# capitalised words that open sentences or stand for dates, never for speakers
NOT_NAMES = {"the", "a", "an", "but", "and", "or", "so", "yet", "however", "meanwhile", "in", "on", "at", "as",
             "after", "before", "when", "while", "if", "since", "last", "this", "that", "these", "those", "it",
             "there", "here", "then", "still", "also", "for", "with", "without", "by", "from", "to", "of",
             "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
             "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
             "read", "photo", "we", "i", "you", "he", "she", "they", "his", "her", "their", "our", "my", "what",
             "why", "how", "who", "where", "which", "asked", "speaking", "according", "earlier", "later",
             "despite", "although", "though", "because", "instead", "yesterday", "today", "tomorrow", "now",
             "not", "no", "yes", "just", "even", "only", "all", "every", "each", "both", "such", "other",
             "during", "under", "over", "among", "between", "through", "into", "about", "against", "amid",
             "like", "unlike", "until", "once", "whether", "do", "does", "did", "is", "are", "was", "were",
             "will", "would", "can", "could", "should", "must", "may", "might", "let", "please", "thank",
             "thanks", "dear", "oh", "well", "ok", "okay", "mr", "mrs", "ms", "dr", "sir"}
NAME_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "jr", "sr", "st", "prof", "gen", "sen", "rep", "gov", "capt", "lt", "col",
                      "maj", "sgt", "cpl", "pvt", "adm", "cmdr", "brig"} | set(
    "abcdefghijklmnopqrstuvwxyz")


@dataclass(slots=True)  # slots: every mention has the one layout (attribute reads stay specialised)
class Mention:
    start: int
    end: int
    text: str
    kind: str  # person | organization | pronoun | nominal | anonymous | place
    name: Optional[str] = None  # a person's or organisation's name as written, titles removed
    title: Optional[str] = None  # the title or description as written ("US Secretary of State")
    office: Optional[str] = None  # normalised office
    country: Optional[str] = None
    gender: str = "u"
    head: Optional[str] = None  # head noun of a nominal or a pronoun, lowercase
    plural: bool = False
    organization: Optional[str] = None  # an international body the speaker belongs to
    possessor: Optional["Mention"] = None  # "his administration": the mention of "his"
    entity: Optional["Entity"] = None
    evidence: bool = True  # for a person: a first name, title or honorific says it is one


@dataclass(eq=False, slots=True)  # an entity is itself only; one is made per name an article has
class Entity:
    id: int
    kind: str
    name: str
    # the fields Entities.add sets come first: it passes them by position (an entity is made per name, often)
    aliases: set = field(default_factory=set)
    gender: str = "u"
    evidence: bool = True  # known to be a person (not just a capitalised phrase)
    offices: list = field(default_factory=list)  # (office, phrase as written, (start, end) it was read from)
    country: Optional[str] = None
    organization: Optional[str] = None
    nominals: frozenset = frozenset()  # the nominal nouns of its offices ("diplomat" for an ambassador)
    last: int = -1  # offset of the latest mention
    titles: tuple = ()  # the titles it was named with, each once (their nominal nouns are read only when a
    # nominal mention is resolved: few are, and most titled names are never looked at so)

    @property
    def surname(self):
        parts = self.name.split()
        return parts[-1] if parts else self.name

    @property
    def office(self):
        return self.offices[-1][0] if self.offices else None


def is_cap(tok):
    return tok.cap


POSSESSIVE_ENDINGS = ("'s", "’s", "s'", "s’")


def _strip_possessive(word):
    """(the word without its possessive ending, whether it had one): "Canada's" -> ("Canada", True),
    "Jones'" -> ("Jones", True). (A word has one exactly when it ends with one of POSSESSIVE_ENDINGS.)"""
    if word.endswith(("'s", "’s")):
        return word[:-2], True
    if word.endswith(("s'", "s’")):
        return word[:-1], True
    return word, False


# a Mention with no fields yet, for the mentions made most often: its __init__, called with keywords, takes
# them as they come, where Mention(…, key=…) first gathers them into a dict (Python 3.11): half the cost
_BARE = Mention.__new__


def _copy(m, start=None, end=None):
    """A shallow copy of a Mention (what copy.copy does, without its generic machinery), at start..end
    if given."""
    if start is None:
        start, end = m.start, m.end
    new = _BARE(Mention)
    new.__init__(start, end, m.text, m.kind, m.name, m.title, m.office, m.country, m.gender, m.head, m.plural,
                 m.organization, m.possessor, m.entity, m.evidence)  # (every field, by position)
    return new


ORG_JOINERS = frozenset(("of", "for", "and", "the", "on"))  # a name with one of these names a body
ORDINALS = ("III", "II", "IV", "VI", "VII", "VIII")  # capitals that end a person's name ("Henry VIII")


@functools.lru_cache(maxsize=1 << 14)
def _classify(words, lex):
    # names recur within and across articles; the analysis depends on the words alone
    text = " ".join(words)
    key = fold(text)
    low = key.split(" ")  # the words folded (no token holds a space): one fold for the phrase and its words
    # whole phrase known
    if key in lex.international:
        name, short = lex.international[key]
        # the body speaks under its short name, the one people facet by ("WHO")
        return Mention(0, 0, text, "organization", name=short or name, organization=short or name)
    if key in lex.institutions:
        name, country, kind = lex.institutions[key]
        return Mention(0, 0, text, "organization", name=name, country=country or None)
    if key in lex.organizations:
        name = lex.organizations[key]
        return Mention(0, 0, text, "organization", name=name[4:] if name.startswith("The ") else name)
    if key in lex.country_names or key in lex.capitals:
        return Mention(0, 0, text, "place", name=text, country=lex.country_of_word(key))
    if key in lex.demonyms and len(words) == 1:
        return Mention(0, 0, text, "place", name=text, country=lex.demonyms[key])
    # the words are cut into a title, words[:s], and a name, words[s:e] (folded: low[s:e]); each cut below
    # moves s on (the title grows) or, once, e back
    # find the last office pattern: the name follows it
    office, s, e = None, 0, len(words)
    if not lex.offices_by_first.keys().isdisjoint(low):  # (most names have no word an office starts with)
        for q, o, n in lex.offices_in(low):
            office, s = o, q + n
    gender = "u"
    if office and e - s > 2 and low[s] in ("for", "of", "on"):
        # the office's complement runs up to the name: a known first name, else the last two words
        cut = next((q for q in range(s + 1, e) if low[q] in lex.first_names), None)
        s = max(s + 1, e - 2) if cut is None else cut
    # a party before a name: "Democrat Hillary Clinton", "Republican Donald Trump"
    if e - s >= 3 and low[s] in lex.party_words and low[s + 1] in lex.first_names:
        s += 1
    # a rank inside the run: "Army Capt. Christian Pardo", the words before it are the title
    honorifics = lex.honorifics
    if "." in key or not honorifics.keys().isdisjoint(low):  # (most names have none; with no full stop
        # the words are looked up as they are)
        s = next((q for q in range(e - 2, s, -1) if low[q].rstrip(".") in honorifics), s)
        # honorifics ("Mr", "Ms", "Dr") before the name
        while e - s > 1 and low[s].rstrip(".") in honorifics:
            g = honorifics[low[s].rstrip(".")]
            if g != "u":
                gender = g
            s += 1
    # leading qualifiers that are not part of a name ("former", "Russian")
    country = lex.country_in_text(low[:s]) if s else None
    demonyms_cut = []
    while e - s > 1 and (low[s] in lex.title_modifiers or low[s] in lex.demonyms):
        country = country or _country_in_word(words[s], lex)
        if low[s] in lex.demonyms:
            demonyms_cut.append(words[s])
        s += 1
    # a lowercase word inside the name that no name has ("the", "of" and particles may): the title runs to it
    inside = None
    for q in range(e - 1, s - 1, -1):  # (a loop costs less than a generator)
        if words[q][:1].islower() and low[q] not in CONNECTORS:
            inside = q
            break
    if inside is not None and inside < e - 1:
        s = inside + 1
        country = country or lex.country_in_text(low[:s])
    if office and _former(low, office):
        office = None  # "Former Foreign Minister Klaus Wendt" holds no office now
    if office and office.gender:
        gender = office.gender
    title = (" ".join(words[:s]) or None) if s else None
    org = international_in(low[:s], lex) if s else None
    if s == e:
        # a bare title: "the Foreign Minister", "Kremlin spokesman"
        return Mention(0, 0, text, "nominal", title=title, office=office.office if office else None,
                       country=country, gender=gender, head=low[-1])
    if "of" in low[s + 2:e] and low[s] in lex.first_names:
        # "Richard Shelby of Alabama": a person, then where they are from (which gives the country; the title
        # stays the words before the name, a phrase the text has: "Sen." of "Sen. Ada Brisk of Vermont")
        cut = low.index("of", s, e)
        country = country or lex.country_in_text(low[cut + 1:e])
        e = cut
    if s or e < len(words):
        name_words, nlow = words[s:e], low[s:e]
        name = " ".join(name_words)
        fname = fold(name)
        if fname in lex.international:
            n, short = lex.international[fname]
            return Mention(0, 0, text, "organization", name=short or n, organization=short or n, title=title)
        if fname in lex.institutions:
            n, c, _ = lex.institutions[fname]
            return Mention(0, 0, text, "organization", name=n, country=c or country, title=title)
    else:  # the name is the whole phrase, looked up above (most names)
        name_words, nlow, name, fname = words, low, text, key
    first, last = name_words[0], name_words[-1]
    if e - s == 1 and first.isupper() and len(first) > 1:
        return Mention(0, 0, text, "organization", name=name, country=country, title=title)
    if last in lex.thing_heads or (e - s > 1 and last.isupper() and len(last) > 2 and last not in lex.demonyms
                                   and last not in ORDINALS):
        return Mention(0, 0, text, "thing", name=name, title=title)
    if last in lex.org_suffixes or first in lex.org_suffixes or not ORG_JOINERS.isdisjoint(nlow) or (
            e - s > 1 and last.isdigit() and name_words[-2] in lex.numbered_org_words):
        c = country
        if not c:  # the first word that stands for a country, as _country_in_word reads it
            countries = _word_countries(lex)
            for w in nlow:
                c = countries.get(w)
                if c:
                    break
        # "German Hospital Federation": a demonym is part of an organisation's name
        full = " ".join(demonyms_cut + list(name_words)) if demonyms_cut and \
            list(words[s - len(demonyms_cut):s]) == demonyms_cut else name
        return Mention(0, 0, text, "organization", name=full, country=c, title=title)
    if lex.place_words.issuperset(nlow) or fname in lex.place_words:
        return Mention(0, 0, text, "place", name=name, country=lex.country_of_word(name))
    if e - s == 1 and nlow[0].endswith("s") and (
            nlow[0][:-1] in lex.party_words or nlow[0][:-3] + "y" in lex.party_words):
        # "the Conservatives", "Tories": a party's members, a group ("they"), not a person
        return Mention(0, 0, text, "group", name=name, title=title, plural=True, country=country)
    if gender == "u" and e - s > 1 and nlow[0] in lex.first_names:
        gender = lex.first_names[nlow[0]]
    m = _BARE(Mention)
    m.__init__(0, 0, text, "person", name=name, title=title, office=office.office if office else None,
               country=None if org else country, gender=gender, evidence=bool(gender != "u" or office or title),
               organization=org)
    return m


def last_office(low, lex):
    """The last office pattern in a list of lowercase words, matched left to right without overlap."""
    found = None
    if lex.offices_by_first.keys().isdisjoint(low):
        return found  # (no word an office starts with, as in near half the phrases: no generator for them)
    for _, found, _ in lex.offices_in(low):
        pass
    return found


def title_office(toks, i, stop, lex):
    """An appositive that describes someone ("the country's deputy foreign minister", "general counsel
    of the Wire Importers Alliance", "a former ambassador"): a nominal Mention with its office, country
    and organisation, or None. Past offices ("former") give no office."""
    if i >= stop or toks[i].low in RELATIVE_WORDS:
        return None  # a relative clause ("who is no relation to the foreign minister") is no title
    k, far = i, i + 17 if i + 17 < stop else stop  # (more than 16 words are no phrase: no need to find its end)
    while k < far:
        text = toks[k].text
        if text in COMMA_SEMICOLON or text == "." and k + 1 < stop:
            break
        k += 1
    if k == i or k - i > 16:
        return None
    words = [x.low for x in toks[i:k]]  # the phrase's words, folded
    o = head_office(words, lex)
    if o is None or _former(words, o):
        return None
    phrase = " ".join([x.text for x in toks[i:k]])
    m = _BARE(Mention)
    m.__init__(toks[i].start, toks[k - 1].end, phrase, "nominal", office=o.office, title=phrase, head=o.words[-1])
    m.organization = international_in(words, lex)
    if not m.organization:
        m.country = lex.country_in_text(words)
    return m


COMPLEMENT_WORDS = frozenset(("to", "for", "of", "with"))  # an office after one of these is a complement's


def head_office(low, lex):
    """The office an appositive gives its person: the first one in it, not one in a complement
    ("a senior adviser to the Austrian president" is an adviser)."""
    if lex.offices_by_first.keys().isdisjoint(low):
        return None  # (most phrases have no word an office starts with: no generator for them)
    found = None
    for q, o, _ in lex.offices_in(low):
        if q == 0 or COMPLEMENT_WORDS.isdisjoint(low[max(0, q - 3):q]):
            return o
        found = o  # the last office, as last_office reads it, if none is the head
    return found


def international_in(words, lex):
    """The short name of an international body named in these folded words, or None."""
    firsts = _international_firsts(lex)
    if firsts.isdisjoint(words):
        return None  # no word can start a body's name (a lone "nato's" is in firsts too)
    for size in (6, 5, 4, 3, 2, 1):
        for q in range(0, len(words) - size + 1):
            if words[q] not in firsts:
                continue
            key = " ".join(words[q:q + size])
            if key.endswith("'s"):
                key = key[:-2]
            if key in lex.international:
                name, short = lex.international[key]
                return short or name
    return None


@functools.lru_cache(maxsize=4)
def _international_firsts(lex):
    """The words an international body's name starts with, and its one-word names with "'s"."""
    firsts = {k.split(" ", 1)[0] for k in lex.international}
    return frozenset(firsts | {k + "'s" for k in lex.international if " " not in k})


FORMER_WORDS = frozenset(("former", "ex", "then", "onetime", "one-time", "erstwhile", "retired"))


def _former(low, office):
    """Is the office in these words a past one ("a former ambassador", "ex-minister")?"""
    if FORMER_WORDS.isdisjoint(low) and "ex-" not in (joined := " ".join(low)) and "then-" not in joined:
        return False  # (no word says so, as in most titles: the office is not looked for)
    for q in range(len(low)):
        if tuple(low[q:q + len(office.words)]) == office.words:
            before = low[max(0, q - 2):q]
            return any(w in FORMER_WORDS or w.startswith(("ex-", "then-")) for w in before)
    return False


def _country_in_word(word, lex):
    """The country a word (a demonym, a country, a capital, an institution; "Canada's" too) stands for."""
    return _word_countries(lex).get(fold(word))


@functools.lru_cache(maxsize=4)
def _word_countries(lex):
    """Folded word -> the country it stands for: its own, or with its possessive ending dropped ("canada's",
    "netherlands'"), as a country key; for every word that stands for one (the others have none). Words
    are looked up so, one call each, many times over."""
    keys = lex.country_keys
    out = {k: c for k, c in keys.items() if not k.endswith(POSSESSIVE_ENDINGS)}
    for k, c in keys.items():
        out[k + "'s"] = c  # (the ending dropped, k again)
        if k.endswith("s"):
            out[k + "'"] = c
        if k.endswith(POSSESSIVE_ENDINGS) and (c := keys.get(_strip_possessive(k)[0])):
            out[k] = c  # (a key with an ending of its own: what it names without it)
    return out


@functools.lru_cache(maxsize=4)
def _known_names(lex):
    """First token -> (the numbers of tokens of the names it starts, largest first; {tokens: Mention
    fields}; the names' second tokens) for every institution, international body, well-known organisation
    and capital in the data files whose name runs over several tokens: "Food and Drug Administration",
    "Workers' Party of Korea", "No. 10" are read whole, whatever their lowercase words and digits."""
    from .text import tokens

    table = {}
    for name, country, _ in lex.institutions.values():
        table.setdefault(name, {"name": name, "country": country})
    for name, short in lex.international.values():
        for written in {name, short}:
            table.setdefault(written, {"name": short or name, "organization": short or name})
    for key, written in lex.organizations.items():
        table.setdefault(written, {"name": written[4:] if written.startswith("The ") else written})
    for written in lex.capitals_written:  # "San Salvador said": its government
        table.setdefault(written, {"name": written, "country": lex.capitals[fold(written)]})
    by_first = {}
    for written, fields in table.items():
        if written.isalnum():
            continue  # one token ("Paris", "NATO"): not tokenized
        lows = tuple(t.low for t in tokens(written))
        if len(lows) > 1:
            by_first.setdefault(lows[0], {}).setdefault(lows, fields)  # (of two names alike, the first)
    return {first: (tuple(sorted({len(lows) for lows in names}, reverse=True)), names,
                    frozenset(lows[1] for lows in names)) for first, names in by_first.items()}


def _known_at(toks, i, stop, lex, known_names):
    """A known organisation whose whole name starts at toks[i] and ends the noun phrase, or None.
    (known_names: _known_names(lex), which the caller has at hand.)"""
    known = known_names.get(toks[i].low)
    if known is None or i + 1 >= stop or toks[i + 1].low not in known[2]:
        return None  # (the second word tells most: "United" opens "United Nations", not "United States")
    sizes, names, _ = known
    end = i + sizes[0] if i + sizes[0] < stop else stop  # the longest name's length (no call)
    got = tuple([x.low for x in toks[i:end]])
    for n in sizes:
        fields = names.get(got[:n])
        if fields is not None:
            if n > len(got):
                n = len(got)  # (near stop, fewer tokens than n)
            nxt = toks[i + n] if i + n < stop else None
            if nxt is not None and (nxt.cap or nxt.low in lex.speaker_nouns or nxt.low in lex.office_words or (
                    nxt.text == "," and i + n + 1 < stop and toks[i + n + 1].cap)):
                # "White House officials", "Supreme Court Justice X", "the Iranian foreign ministry, Kazem
                # Rahimi,": more follows, read as before
                return None
            m = _BARE(Mention)
            m.__init__(toks[i].start, toks[i + n - 1].end, " ".join([x.text for x in toks[i:i + n]]),
                       "organization", **fields)
            return m
    return None


MOD_BREAK = frozenset((",", ".", ";", ":", "“", "”", '"', "(", ")", "—", "–"))  # punctuation ends a phrase's words


@functools.lru_cache(maxsize=4)
def phrase_heads(lex):
    """Words that head a described person or body ("the deputy foreign minister", "a source")."""
    return frozenset(lex.speaker_nouns) | frozenset(lex.nominal_nouns) | frozenset(lex.office_heads)


@functools.lru_cache(maxsize=4)
def title_words(lex):
    """Words of titles and their modifiers ("deputy", "foreign", "former")."""
    return frozenset(lex.office_words) | frozenset(lex.title_modifiers)


RUN_GLUE_WORDS = CONNECTORS - {"and"} | NAME_PARTICLES  # what may join a run of capitals ("Bank of Canada")


class _WordSets:
    """The word sets a _Word is read from, gathered once per lexicon."""

    def __init__(self, lex):
        self.known = _known_names(lex)  # (its keys: the words that may open a known name)
        self.pronouns = frozenset(w for w, p in lex.pronouns.items() if w not in (
            "her", "his", "its", "their", "them", "him") and p["person"] in ("3", "1"))  # mentions by themselves
        self.title_words = title_words(lex)
        # the first words of document phrases ("green" of "green paper"): the phrase runs on to its head
        self.document_leads = frozenset(lead[0] for leads in lex.document_phrases.values() for lead in leads if lead)
        self.heads = phrase_heads(lex)
        # what may end the words after a determiner (marks, speech verbs, MOD_STOP; a mark is its folded form):
        # np_right looks closer only at these
        self.phrase_stops = frozenset(MOD_BREAK) | frozenset(lex.verbs) | MOD_STOP
        self.speakers, self.verbs, self.offices_first = lex.speaker_nouns, lex.verbs, lex.offices_by_first
        self.honorifics = lex.honorifics
        self.lex = lex
        self.name_ing = frozenset(lex.first_names) | frozenset(lex.name_first_words)  # "Downing", "Sterling"
        self.numbered_org_words = lex.numbered_org_words
        # first names that are also words no name is read from ("Will", "May", "June"): _opens_name says where
        # they open one
        self.word_firsts = frozenset(NOT_NAMES) & frozenset(lex.first_names)


class _Word:
    """What np_right and _cap_run ask of a token, read once per distinct token text (its folded form and
    capital follow from the text): a slot's load in place of a chain of set tests per token."""

    __slots__ = ("cap", "name_word", "known", "pronoun", "det", "owner", "owner_country", "low_title", "speaker",
                 "name_start", "office_first", "run_glue", "group_mod", "numbered", "word_first", "run_end")

    def __init__(self, tk, sets):
        text, low, cap = tk.text, tk.low, tk.cap
        self.cap = cap
        self.pronoun = low in sets.pronouns
        self.det = low in DETERMINERS
        self.speaker = low in sets.speakers
        # may describe a bare group's head ("city staff", "federal prosecutors")
        self.group_mod = text.isalpha() and low not in sets.verbs and low not in MOD_STOP
        if not cap:  # (what only a capital may be is not looked up)
            self.name_word = self.known = self.owner = self.name_start = self.office_first = self.numbered = \
                self.word_first = False
            self.owner_country = None
            self.low_title = low in sets.title_words
            # what may carry a run of capitals on past a word that is no name word
            self.run_glue = text in (".", "-", "&") or low in RUN_GLUE_WORDS or self.low_title
            self.run_end = not self.run_glue  # (a digit only after a numbered word: "Local 832")
            return
        self.low_title = False
        self.name_word = low not in NOT_NAMES
        self.known = low in sets.known  # may open a known name that runs over several tokens
        self.owner = text.endswith(POSSESSIVE_ENDINGS)
        # the country an owner ("Canada's", "Moscow's") stands for: a possessor's, read once per word
        self.owner_country = _country_in_word(_strip_possessive(text)[0], sets.lex) if self.owner else None
        # "Overstating …", "Speaking …" open sentences, not names ("Downing Street" is one)
        self.name_start = (not (low.endswith("ing") and low not in sets.name_ing) and (
            self.name_word or text.isupper() and len(text) > 1 and low not in ("i", "a")) or
            low in sets.honorifics or low.rstrip(".") in ("mr", "mrs", "ms", "dr"))
        self.office_first = low in sets.offices_first
        self.run_glue = text in (".", "-", "&") or low in RUN_GLUE_WORDS
        self.numbered = text in sets.numbered_org_words  # "Local" of "UFCW Local 832"
        self.word_first = low in sets.word_firsts  # "Will", "May": a first name, or a common word
        # a word that ends a run of capitals read up to it: no name word, nor glue, nor a surname like "May"
        self.run_end = not (self.name_word or self.run_glue or self.word_first)


_WORD_TABLES = {}  # lexicon -> ({token text: _Word} filled as texts come, _WordSets, {run's texts: what it
# names} filled by _make_name): a dict lookup costs less than an lru_cache call, and a process has one lexicon


def _word_tables(lex):
    """The lexicon's (word table, word sets, name table), made at the first call."""
    tables = _WORD_TABLES.get(lex)
    if tables is None:
        tables = _WORD_TABLES[lex] = {}, _WordSets(lex), {}
    return tables


def lone_pronouns(lex):
    """The words np_right reads as a pronoun alone ("he", "I", "they"; no known name opens with one)."""
    sets = (_WORD_TABLES.get(lex) or _word_tables(lex))[1]
    return sets.pronouns - sets.known.keys()


def _word(tk, lex, table):
    """The _Word of a token, made and stored in the table."""
    if len(table) > 1 << 17:
        table.clear()  # a bound on memory over a long run
    w = table[tk.text] = _Word(tk, _WORD_TABLES[lex][1])  # (the table is lex's: its sets are made)
    return w


def np_right(toks, i, lex=None, stop=None, entities_only=False):
    """The speaker-like noun phrase starting at toks[i], or None. stop bounds the search. entities_only: the
    caller reads no description but one of an entity's kind (ENTITY_KINDS) or an unowned one that may be a
    document's (may_be_document): any other is None, and only an entity's words are looked up for its office."""
    lex = lex or lexicon()
    if stop is None or stop > len(toks):
        stop = len(toks)
    if i >= stop:
        return None
    t = toks[i]
    tables = _WORD_TABLES.get(lex) or _word_tables(lex)
    table, sets, names = tables
    w = table.get(t.text) or _word(t, lex, table)
    if w.known:  # most capitals open no known name: no call for them
        known = _known_at(toks, i, stop, lex, sets.known)
        if known is not None:
            return known
    if w.pronoun:
        low = t.low
        p = lex.pronouns[low]
        m = _BARE(Mention)
        m.__init__(t.start, t.end, t.text, "pronoun", gender=p["gender"], head=low, plural=p["number"] == "pl")
        return m
    # determiner / possessive phrase: "the diplomat", "a senior official", "his administration",
    # "Moscow's deputy foreign minister ..., Sergei Ryabkov"
    possessor = None
    j = i
    det = None
    if w.det:
        det = low = t.low
        if low in POSSESSIVE_PRONOUNS:
            p = lex.pronouns[low]
            possessor = _BARE(Mention)
            possessor.__init__(t.start, t.end, t.text, "pronoun", gender=p["gender"], head=low,
                               plural=p["number"] == "pl")
        j = i + 1
    elif w.owner and not (
            j + 1 < stop and toks[j + 1].text in ("'", "’") and j + 2 < stop and toks[j + 2].low == "s"):
        # (the tokenizer keeps "Moscow’s" whole: one followed by "'" "s" is handled below)
        owner, _ = _strip_possessive(t.text)
        c = w.owner_country
        possessor = _BARE(Mention)
        possessor.__init__(t.start, t.end, owner, "place" if c else "person", name=owner, country=c)
        det = "poss"
        j = i + 1
    if det is not None:
        # the words after the determiner, toks[j:k], are read up to eight of them
        k = j
        far = j + 8 if j + 8 < stop else stop  # (no call)
        # the head is the last speaker-like noun among them (possibly followed by "for ..." run-on), found as
        # they are read: toks[j + head_idx], up to the word that ends its phrase (after which no head counts)
        head_idx = None
        head_closed = False
        heads, stops = sets.heads, sets.phrase_stops  # (what every word is looked up in)
        while k < far:
            tk = toks[k]
            lw = tk.low
            if lw in stops and (tk.text in MOD_BREAK or (
                    lw in lex.verbs and not tk.cap and not (
                        lw in lex.speaker_nouns and _noun_not_verb(toks[k - 1] if k > j else None, lw, lex))) or (
                    lw in MOD_STOP and not (k > j and lw in ("for", "of")) and not (
                        lw == "and" and k > j and toks[k - 1].cap and k + 1 < stop and toks[k + 1].cap))):
                break
            if lw in heads:
                if not head_closed:
                    head_idx = k - j
            elif head_idx is not None and not head_closed and det != "poss" and not (
                    # "deputy foreign minister", "a Norvik Rail green paper": the title or phrase goes on
                    lw in sets.title_words or lw in sets.document_leads) and (
                    lw in HEAD_ENDERS or lw not in HEAD_RUN_ON and not tk.cap):
                head_closed = True
            k += 1
        # "the Kremlin", "the White House", "the United Nations": a known name after "the"
        if det == "the" and j < stop and toks[j].cap and toks[j].low in sets.known:
            known = _known_at(toks, j, stop, lex, sets.known)
            if known is not None:
                known.start, known.text = t.start, t.text + " " + known.text  # ("the" is one token)
                return known
        if det == "the" and k > j and toks[j].cap:
            run = _cap_run(toks, j, stop, lex, tables)
            # the run's words (run[2]: the texts of toks[j:run[1]]) whole, folded, and after "the"
            name = " ".join(run[2])
            key = fold(name)
            phrase = t.text + " " + name
            if key in lex.institutions or key in lex.international or key in lex.country_names:
                m = _make_name(toks, run[0], run[1], lex, run[2], names)
                if m is not None and m.kind == "organization":
                    m.start = t.start
                    m.text = phrase
                    return m
            words = run[2]
            if len(words) >= 3 and lex.speaker_nouns.get(fold(words[0])) == "organization" and any(
                    fold(w) in ("of", "for", "on") for w in words[1:-1]):
                # "the Bank of Canada", "the University of Toronto": an organisation named by its kind
                return Mention(t.start, toks[run[1] - 1].end, phrase, "organization", name=name,
                               head=fold(words[0]), country=lex.country_in_text([fold(w) for w in words[1:]]))
            if run[1] == k and _team_name(words, lex):
                # "the San Jose Sharks": a city and a plural is a team; "the" before it says it is no
                # person, whose first name may be a city's ("Paris Jones", "Sydney Adams"); one that
                # runs on names something else ("the Washington Heights neighborhood")
                return Mention(t.start, toks[run[1] - 1].end, phrase, "organization", name=name, plural=True)
        if head_idx is None:
            if det == "poss" and k > j and toks[j].cap:
                # "Twitter's Adam Sharp": a person named after an organisation's possessive
                m = _titled_name(toks, i, j, stop, possessor, lex)
                if m is not None:
                    return m
            if det == "the" and k > j and toks[j].cap:  # the capitals read above
                m = _make_name(toks, run[0], run[1], lex, run[2], names)
                if m is not None and m.kind in ("organization", "person", "group"):
                    m.start = t.start
                    m.text = phrase
                    return m
            return None
        head_tok = toks[j + head_idx]
        end_tok = head_tok
        lw_head = head_tok.low
        head_kind = lex.speaker_nouns.get(lw_head)
        k_from = j + head_idx + 1
        if (lw_head == "statement" or head_kind == "source") and possessor is None:
            # "a statement from the Norwegian Foreign Ministry", "a report released by the Fraser
            # Institute": the body that issued it speaks
            k_by = k_from + 1 if k_from < stop and toks[k_from].low in ISSUED else k_from
            if k_by + 1 < stop and (toks[k_by].low in ("from", "by") or (
                    toks[k_by].low == "of" and lw_head == "statement")):
                body = np_right(toks, k_by + 1, lex, stop=stop)
                if body is not None and body.kind in ("organization", "person") and body.name:
                    body.start = t.start
                    body.text = " ".join([x.text for x in toks[i:k_by + 1]]) + " " + body.text
                    return body
        if possessor is None and det in ARTICLES and (
                lw_head == "statement" or head_kind == "source"):
            # "the union's Friday release", "the city's Street Needs Assessment": the owner issued it
            possessor = _owner_in(toks, j, j + head_idx, lex)
        # possessive office phrases may run on through "for …" to an appositive name
        k2 = j + head_idx + 1
        if det in APPOSED_DETS:
            run, far = k2, k2 + 8 if k2 + 8 < stop else stop
            while run < far and toks[run].text not in CLAUSE_MARKS and not toks[run].cap:
                run += 1
            if run < stop and toks[run].text == "," and run + 1 < stop and toks[run + 1].cap:
                name = _cap_run(toks, run + 1, stop, lex, tables)
                if name[1] >= stop or toks[name[1]].text in (",", "."):
                    title_text = " ".join([x.text for x in toks[i:run]])
                    m = _make_name(toks, name[0], name[1], lex, name[2], names)
                    if m and m.kind == "person":
                        _add_title(m, title_text, possessor, lex)
                        m.start = toks[i].start
                        return m
        # "the deputy foreign minister Sergei Ryabkov": a name straight after the title
        if k2 < stop and toks[k2].cap and toks[k2].low not in NOT_NAMES and det in ("the", "poss"):
            m = _titled_name(toks, i, k2, stop, possessor, lex,
                             organization_ok=lw_head in lex.speaker_nouns)  # "the broadcaster NRK"
            if m is not None:
                return m
        kind = head_kind
        if lw_head in lex.nominal_nouns or lw_head in lex.office_heads:
            kind = kind if kind == "organization" else "nominal"
        plural = lw_head.endswith("s") and lw_head not in ("boss", "press", "congress") or det in QUANT_PLURAL
        if det in ONE_DETS and kind != "organization":
            kind = "anonymous"
        elif kind == "group" or (det in QUANT_PLURAL and kind != "organization"):
            kind = "group" if head_kind == "group" else "anonymous"
        described = not entities_only or kind in ENTITY_KINDS
        if not described and (possessor is not None or not may_be_document(lw_head, lex)):
            return None  # (half the descriptions the mention scan reads: nominal, anonymous)
        words = [x.text for x in toks[j:j + head_idx + 1]]  # (read only for a mention made)
        # "an EU official" works for the EU; a document the scan reads needs no office
        office, named_country, body = _described(tuple(words), lex) if described else (None, None, None)
        text = " ".join(words)
        country = (possessor.country if possessor else None) or named_country
        m = _BARE(Mention)
        m.__init__(t.start, end_tok.end, t.text + " " + text, kind or "anonymous", title=text, office=office,
                   country=None if body else country, head=lw_head, plural=plural, possessor=possessor,
                   organization=body)
        if kind == "organization" and possessor is not None and possessor.kind in ("place",):
            m.name = f"{possessor.name} {' '.join(words)}"
        elif kind == "organization" and possessor is None and det == "the" and _names_in(toks, j, j + head_idx):
            # "the Canadian government"; "the RCMP statement" and "the Kremlin spokesman" speak for the RCMP
            m.name = " ".join(words[:-1]) if lw_head in SPOKES else " ".join(words)
        return m
    # lowercase titles straight before a name: "spokeswoman Haley Morris", "former president X"; a dash
    # breaks the run ("a candidate for president - Ms. Lind, 68, has"; "OSLO (Reuters) - Officials said")
    if w.low_title:
        k = i + 1
        while k < stop and (table.get(toks[k].text) or _word(toks[k], lex, table)).low_title:
            k += 1
        if k < stop and toks[k].cap:
            m = _titled_name(toks, i, k, stop, None, lex)
            if m is not None:
                return m
    if w.speaker and w.cap and (i + 1 >= stop or not toks[i + 1].cap) and not (
            i + 1 < stop and toks[i + 1].low in lex.speaker_nouns):  # "Union leaders": "Union" describes them
        head = t.low  # "Sources say", "Officials said" at the start of a sentence
        m = _BARE(Mention)
        m.__init__(t.start, t.end, t.text, _group_kind(lex, head), title=t.text, head=head,
                   plural=head.endswith("s") or head in ("police", "staff"))
        return m
    if w.name_start or w.office_first and lex.office_at(
            [x.low for x in toks[i:i + 6]], 0)[0] is not None or w.word_first and _opens_name(toks, i, stop, lex):
        _, end, run_texts = _cap_run(toks, i, stop, lex, tables)  # (the run from i to end, and its texts)
        m = _make_name(toks, i, end, lex, run_texts, names)
        # "White House officials", "Republican lawmakers": a group described by a name
        if end < stop and toks[end].low in lex.speaker_nouns and not toks[end].cap:
            head = toks[end].low
            if m is not None and m.kind in ("person", "place") and run_texts[-1].endswith(POSSESSIVE_ENDINGS) \
                    and lex.speaker_nouns[head] in ("organization", "person"):
                # "Anna Lindqvist's campaign": the campaign of a named person (or place); "Anna
                # Lindqvist's spokeswoman" is someone described by her office, like "her spokeswoman"
                kind = lex.speaker_nouns[head]
                office = None
                if kind == "person" and (head in lex.nominal_nouns or head in lex.office_heads):
                    kind, office = "nominal", _described((head,), lex)[0]
                return Mention(t.start, toks[end].end, " ".join([x.text for x in toks[i:end + 1]]),
                               kind, title=toks[end].text, head=head, possessor=m, office=office,
                               country=m.country)
            if head in SPOKES and m is not None and m.kind in ("organization", "person", "thing"):
                # "a Freedom Mobile spokesperson says": the organisation speaks
                return Mention(t.start, toks[end].end, " ".join([x.text for x in toks[i:end + 1]]),
                               "organization", name=m.name, country=m.country, head=head,
                               title=" ".join([x.text for x in toks[i:end + 1]]))
            phrase = " ".join([x.text for x in toks[i:end + 1]])
            group = _BARE(Mention)
            group.__init__(t.start, toks[end].end, phrase, _group_kind(lex, head), title=phrase,
                           country=m.country if m else None, head=head, plural=head.endswith("s"))
            return group
        if run_texts[-1].endswith(POSSESSIVE_ENDINGS) and m is not None and m.kind == "person":
            h = _described_head(toks, end, stop, lex)
            if h is not None:
                # "Anna Lind's longtime friend", "Lind's right-hand woman": someone of hers, not Lind
                head = toks[h].low
                office = _described((head,), lex)[0] if head in lex.nominal_nouns or head in lex.office_heads \
                    else None
                text = " ".join([x.text for x in toks[i:h + 1]])
                return Mention(t.start, toks[h].end, text, "nominal" if office else "anonymous",
                               title=" ".join(x.text for x in toks[end:h + 1]), head=head, possessor=m,
                               office=office, country=m.country)
        return m
    # bare groups: "police", "city staff", "federal prosecutors"; a head after the first word needs it
    # to describe the head
    if (not w.cap or w.speaker) and (w.speaker or w.group_mod):
        for n in (1, 2, 3):
            if i + n - 1 >= stop:
                break
            head = toks[i + n - 1].low
            if head in lex.speaker_nouns and lex.speaker_nouns[head] != "source" and (
                    n == 1 or _describe_group(toks, i, i + n - 1, lex.verbs)):
                if n == 1 and not (head.endswith("s") or head in ("police", "staff", "family")):
                    break
                phrase = " ".join([x.text for x in toks[i:i + n]])
                m = _BARE(Mention)
                m.__init__(t.start, toks[i + n - 1].end, phrase, _group_kind(lex, head), title=phrase, head=head,
                           plural=True)
                return m
    return None


def _describe_group(toks, a, b, verbs):
    """May toks[a:b] all describe a bare group's head ("city staff", "federal prosecutors")? (Apart from
    np_right, whose lexicon a generator there would make a cell variable at every call.)"""
    for x in toks[a:b]:  # (a loop costs less than a generator)
        if not x.text.isalpha() or x.low in verbs or x.low in MOD_STOP:
            return False
    return True


NAME_ENDS = frozenset((",", ".", ";", ":", "(", ")", "—", "–"))  # what may follow a name that ends a clause's subject


def _name_expected(toks, i, lex):
    """Is toks[i] where a name may open: a clause's start, or after a speech verb or a title ("said Will
    Young", "union leader May Hollis")? Not after a preposition or a time word ("In May Trump said")."""
    if i == 0:
        return True
    p = toks[i - 1]
    if not p.text[0].isalnum():
        return not (p.text in ("-", "/") and p.end == toks[i].start)  # "mid-May"
    sets = _word_tables(lex)[1]
    return p.low in lex.verbs and not p.cap or p.low in sets.title_words or p.low in sets.heads


def _described_head(toks, j, stop, lex):
    """The index of a person's noun ("friend", "woman") after up to three lowercase words that describe it
    ("longtime", "right-hand"), from toks[j]; None if the words there are no such phrase."""
    for k in range(j, min(stop, j + 4)):
        x = toks[k]
        if not x.text[:1].islower() or not x.text.replace("-", "").isalpha():
            return None
        if lex.speaker_nouns.get(x.low) in ("person", "anonymous") and k > j:
            return k
        if x.low in lex.verbs or x.low in MOD_STOP or x.low in lex.speaker_nouns:
            return None
    return None


def _opens_name(toks, i, stop, lex):
    """Does a first name that is also a common word ("Will", "May", "June") open a person's name at toks[i]?
    Where a name is expected, and when it runs on in capitals to a comma, a full stop or a speech verb ("said
    Will Young, a steward"; "Will Young said"): "Will Trump win?", "said May 5" and "In May Trump said" name
    no one by it."""
    if i + 1 >= len(toks):
        return False
    nxt = toks[i + 1]
    if not nxt.cap:
        # "Will wrote", "May says": a surname alone before a speech verb in the past or with -s, which
        # the auxiliary and the month never take (the verb may lie past stop, which ends the phrase there)
        v = lex.verbs.get(nxt.low)
        return v is not None and v.form in ("past", "third") and _name_expected(toks, i, lex)
    if i + 1 >= stop or nxt.low in NOT_NAMES or nxt.text.isupper() or not _name_expected(toks, i, lex):
        return False
    j = _cap_run(toks, i, stop, lex)[1]
    return j >= stop or toks[j].text in NAME_ENDS or not toks[j].cap and toks[j].low in lex.verbs


def may_be_document(head, lex):
    """May a description with this head be a document ("the report", "a statement", "a white paper"), as
    extract's _is_document reads one? (A test of its head alone.)"""
    return lex.speaker_nouns.get(head) == "source" or head in ("statement", "website") or head in lex.document_phrases


def unnamed_document(m, lex):
    """Is the mention an unnamed document ("the report", "a book"), one of the source nouns in the data?"""
    return not m.name and lex.speaker_nouns.get(m.head or "") == "source"


def _team_name(words, lex):
    """A city's name then one capitalised plural ("San Jose Sharks", "Boston Celtics")."""
    last = words[-1]
    if len(words) < 2 or not (last[:1].isupper() and last.endswith("s") and len(last) > 3) or last.endswith(
            ("ss", "'s", "’s")):
        return False  # (most runs end in no plural: the city is not looked up)
    city = fold(" ".join(words[:-1]))
    return city in lex.cities or city in lex.capitals


def _names_in(toks, a, b):
    """Does a capital among toks[a:b] name something ("Canadian", "RCMP"; not "Calgary-based")?"""
    for tk in toks[a:b]:
        if tk.cap and not _described_by(tk.text):
            return True
    return False


def _described_by(word):
    """"Calgary-based", "Ottawa-area": a name made into a describing word, which names nothing itself."""
    return "-" in word and word.rsplit("-", 1)[1][:1].islower()


def _noun_not_verb(before, low, lex):
    """Is a word that is both a speech verb's form and a speaker noun ("report", "post") the noun here? Right
    after the determiner (before is None) or a describing word (the token before) it is ("the report", "the
    company's post"); after a noun it is the verb ("the officials report")."""
    if before is None:
        return True
    prev = before.low
    return not (prev in lex.speaker_nouns or prev in lex.nominal_nouns or prev in lex.office_words)


def _owner_in(toks, j, h, lex):
    """The owner in the words toks[j:h] before a document's head, ending with a possessive ("the union's",
    "the Globe's"), as a mention; None when no word there is a possessive."""
    p = next((k for k in range(h - 1, j - 1, -1) if toks[k].text.endswith(POSSESSIVE_ENDINGS)), None)
    if p is None:
        return None
    if any(tk.cap for tk in toks[j:p + 1]):
        return _make_name(toks, j, p + 1, lex)
    head = _strip_possessive(toks[p].low)[0]
    kind = lex.speaker_nouns.get(head)
    return Mention(toks[j - 1].start, toks[p].end, " ".join([x.text for x in toks[j - 1:p + 1]]),
                   "organization" if kind == "organization" else "nominal", head=head)


@functools.lru_cache(maxsize=1 << 13)
def _described(words, lex):
    """(office, country, international body) that the words of a description name ("a senior Russian
    diplomat", "an EU official"); descriptions recur, so each is read once."""
    low = fold(" ".join(words)).split(" ")  # (no word holds a space: one fold for them all)
    o = last_office(low, lex)
    country = None
    countries = _word_countries(lex)
    for w in low:  # the first word that stands for a country, as _country_in_word reads it
        country = countries.get(w)
        if country:
            break
    return o.office if o else None, country, international_in(low, lex)


def _group_kind(lex, head):
    kind = lex.speaker_nouns.get(head, "anonymous")
    return kind if kind in ("organization", "group", "media") else "anonymous"


def _titled_name(toks, i, k, stop, possessor, lex, organization_ok=False):
    """A person named at toks[k] with the title toks[i:k] before it ("spokeswoman Haley Morris"),
    or with organization_ok an organisation named after a noun ("the broadcaster NRK"); else None."""
    run = _cap_run(toks, k, stop, lex)
    m = _make_name(toks, run[0], run[1], lex, run[2])
    if m is not None and m.kind == "person":
        _add_title(m, " ".join([x.text for x in toks[i:k]]), possessor, lex)
    elif m is not None and m.kind == "group":
        pass  # "veteran Republicans": the party's members, described
    elif not (m is not None and m.kind == "organization" and organization_ok):
        return None
    m.start = toks[i].start
    return m


def _cap_run(toks, i, stop, lex, tables=None):
    """(i, j, the texts of toks[i:j]): a run of capitalised words from i, with lowercase titles and
    connectors inside it ("Kremlin spokesman Dmitry Peskov", "Secretary of State Antony Blinken"). The
    texts, gathered on the way, are what _make_name reads the run by. (Every caller starts it at a capital,
    which is in it whatever its word. tables: the lexicon's _word_tables, when the caller has them.)"""
    table, sets, _ = tables or _WORD_TABLES.get(lex) or _word_tables(lex)
    tk = toks[i]
    j = i + 1
    numbered = tk.text in sets.numbered_org_words
    if j >= stop or (table.get(toks[j].text) or _word(toks[j], lex, table)).run_end and not (
            numbered and toks[j].text.isdigit()):
        return i, j, (tk.text,)  # a capital, then a word that no run goes on through: most runs
    texts = [tk.text]
    last_cap = i
    if numbered and toks[j].text.isdigit():
        texts.append(toks[j].text)  # "UFCW Local 832": the local's number is part of the name
        last_cap = j
        j += 1
    while j < stop:
        tk = toks[j]
        w = table.get(tk.text) or _word(tk, lex, table)
        if w.name_word:
            texts.append(tk.text)
            last_cap = j
            j += 1
            if w.numbered and j < stop and toks[j].text.isdigit():
                texts.append(toks[j].text)  # "UFCW Local 832": the local's number is part of the name
                last_cap = j
                j += 1
            continue
        if w.word_first and last_cap == j - 1 and toks[j - 1].low in lex.first_names and (
                j + 1 >= stop or not toks[j + 1].cap and not toks[j + 1].text[:1].isdigit() or
                (table.get(toks[j + 1].text) or _word(toks[j + 1], lex, table)).name_word):
            # "Theresa May said", "George Will wrote": a surname that is also a word; "Ana May Hollis": a
            # middle name, between a first name and a name word
            texts.append(tk.text)
            last_cap = j
            j += 1
            continue
        if not w.run_glue:
            break  # most runs end at a word nothing below carries on through
        lw = tk.low
        if tk.text == "." and j > i and len(toks[j - 1].text) <= 4 and toks[j - 1].low in NAME_ABBREVIATIONS:
            texts.append(tk.text)
            j += 1
            continue
        if tk.text in ("-", "&") and j + 1 < stop and is_cap(toks[j + 1]) and (
                tk.text == "&" or toks[j - 1].end == tk.start == toks[j + 1].start - 1):
            texts.append(tk.text)
            j += 1  # "Procter & Gamble", "Smith-Jones"; not the dateline's "CLEVELAND - Donald Trump"
            continue
        if lw in CONNECTORS and j + 1 < stop and toks[j + 1].cap and lw != "and":
            texts.append(tk.text)
            j += 1
            continue
        if lw in NAME_PARTICLES and j + 2 < stop and toks[j + 1].low in NAME_PARTICLES and toks[j + 2].cap:
            texts += tk.text, toks[j + 1].text
            j += 2  # "van der Berg", "de la Cruz"
            continue
        if w.low_title:
            # a lowercase title inside the run must be followed by more capitals
            k = j + 1
            while k < stop and (table.get(toks[k].text) or _word(toks[k], lex, table)).low_title:
                k += 1
            if k < stop and toks[k].cap and toks[k].low not in NOT_NAMES:
                texts += [x.text for x in toks[j:k]]
                j = k
                continue
        break
    if len(texts) > last_cap + 1 - i:
        del texts[last_cap + 1 - i:]  # glue read past the last capital ("Bank of")
    return i, last_cap + 1, tuple(texts)


def _make_name(toks, i, j, lex, texts=None, names=None):
    """The mention that toks[i:j] (whose texts _cap_run may have gathered) names, or None. (names: the name
    table of the lexicon's _word_tables, when the caller has it.)"""
    texts = texts or tuple([tk.text for tk in toks[i:j]])
    if names is None:
        names = (_WORD_TABLES.get(lex) or _word_tables(lex))[2]
    named = names.get(texts, False)
    if named is False:  # (names recur: each run of texts is read once)
        if len(names) > 1 << 14:
            names.clear()  # a bound on memory over a long run
        named = names[texts] = _name_of(texts, lex)
    if named is None:
        return None
    shared, how, k, poss = named
    if how == "whole":  # (most runs)
        return _copy(shared, toks[i].start, toks[j - 1].end - 2 if poss else toks[j - 1].end)
    if how == "owned":
        return _copy(shared, [tk for tk in toks[i:j] if tk.text != "."][k].start, toks[j - 1].end)
    toks_in = [tk for tk in toks[i:j] if tk.text != "."]  # "from"
    return _copy(shared, toks_in[0].start, toks_in[k - 1].end)


def _name_of(texts, lex):
    """What a run of tokens (their texts) names, as _make_name reads it: (the classified Mention, how it
    is cut — "owned": the words from index k, after an owner's possessive; "from": the
    words before "of" at k, a person from a place; "whole" — k, whether a possessive ends it), or None.
    The Mention is shared: _make_name makes a copy of it."""
    n = len(texts)
    joined = "".join(texts)
    words = tuple([t.rstrip(".") if t.endswith(".") and len(t) > 2 and t.count(".") == 1 else (
        # a middle initial keeps its full stop: "John R. Kasich"
        t + "." if len(t) == 1 and t.isupper() and q + 1 < n and texts[q + 1] == "." and q + 2 < n else t)
             for q, t in enumerate(texts) if t != "."]) if "." in joined else texts  # (most have none)
    if not words:
        return None
    return _read_name(words, lex, "'" in joined or "’" in joined)


def _read_name(words, lex, apostrophe):
    """_name_of's reading of the words of a run (a tuple, full stops dropped), with the classified Mention.
    apostrophe: whether any word has one (without, none is a possessive: most names)."""
    if apostrophe:
        # "the CBC's Richard Cuthbertson": the name is what follows the owner's possessive
        for k in range(len(words) - 2, 0, -1):
            if words[k - 1].endswith(POSSESSIVE_ENDINGS) and len(words) - k >= 2:
                m = _classify(words[k:], lex)
                if m.kind == "person":
                    return m, "owned", k, False
                break
    # "Dallin Okonkwo of Toronto": a person from a place, not a name with "of" in it
    if "of" in words[1:-1] and fold(words[0]) in lex.first_names:
        k = words.index("of", 1)
        place = fold(" ".join(words[k + 1:]))
        if place in lex.place_words:
            m = _classify(words[:k], lex)
            if m.kind == "person":
                m = _copy(m)
                m.country = m.country or lex.country_in_text(place.split())
                return m, "from", k, False
    # drop a possessive at the end: "Trump's" is a person mention too
    poss = False
    if apostrophe:
        last, poss = _strip_possessive(words[-1])
        words = words[:-1] + (last,)
    return _classify(words, lex), "whole", None, poss


def _add_title(m, title_text, possessor, lex):
    """Fold a title written before or around the name into the mention."""
    o, organization, country = _title_facts(title_text, lex)
    if o:
        m.office = o.office
        if o.gender and m.gender == "u":
            m.gender = o.gender
    m.organization = m.organization or organization
    if not m.organization:
        m.country = m.country or country
    if possessor is not None and possessor.country:
        m.country = m.country or possessor.country
    m.title = title_text if not m.title else f"{title_text} {m.title}"


@functools.lru_cache(maxsize=1 << 13)
def _title_facts(title_text, lex):
    """(its present office, the international body, the country) that a title names; titles recur ("Sen.",
    "Republican presidential candidate"), so each is read once."""
    low = [fold(w) for w in re.findall(r"[\w'’\-]+", title_text)]
    o = last_office(low, lex)
    words = [fold(w) for w in re.findall(r"[\w'’\-\.]+", title_text)]
    return o if o and not _former(low, o) else None, international_in(words, lex), lex.country_in_text(words)


ID = attrgetter("id")
OFFSET = itemgetter(0)


@functools.lru_cache(maxsize=1 << 14)  # (an article's names are new to it: most recur across articles)
def _name_forms(name):
    """(key, words): a name's folded form, the key entities are found by, and its folded words, as a tuple
    (folding makes and removes no white space); names are looked up many times over."""
    key = fold(name)
    return key, tuple(key.split())


def _by_last_word(folded, few, country):
    """Does a person's name, its folded words `few`, have the name whose folded words are `folded` as its
    short or long form by the last word: the surname alone, a family name that comes first, a fuller form
    of a surname alone, the surname with a first name that may be the same, the name's last words?"""
    n = len(folded)
    if n == 1 and folded[0] == few[-1]:
        return True
    if n == 1 and len(few) > 1 and folded[0] == few[0] and ("-" in few[-1] or country in FAMILY_NAME_FIRST):
        return True  # "Kim" for "Kim Jong-un", "Liang" for "Liang Wenjun": the family name comes first
    if len(few) == 1 and folded[-1] == few[0]:
        return True
    if n > 1 and len(few) > 1 and folded[-1] == few[-1] and _same_first(folded[0], few[0]):
        return True
    return 1 < n < len(few) and few[-n:] == folded


TITLE_WORD = re.compile(r"[\w'’\-]+")


@functools.lru_cache(maxsize=1 << 12)
def _title_nominals(title, lex):
    """The nominal nouns ("diplomat", "minister") in a title; titles recur."""
    return tuple(w for w in TITLE_WORD.findall(fold(title)) if w in lex.nominal_nouns)


ENTITY_KINDS = frozenset(("person", "organization", "group"))  # the mentions Entities.add attaches


_NEW_ENTITY = Entity.__new__  # an entity is made for half the names an article has


def _by_name(kind, gender, holders):
    """The latest made of holders (the entities filed under a key) that a mention of the kind and gender given
    may name (of its kind, or an organisation for a name that looks like a person's: "Rally North"; of no
    other gender), or None."""
    for e in reversed(holders):
        if e.kind != kind and not (kind == "person" and e.kind == "organization"):
            continue
        if gender == "u" or e.gender == "u" or gender == e.gender:
            return e
    return None


class Entities:
    """The people and organisations of one article, and the timeline of their mentions."""

    def __init__(self, lex=None):
        self.lex = lex or lexicon()
        self.items = []
        self.by_key = {}  # folded name or alias -> entities that bear it
        self.by_end = {}  # folded first or last word of any name a person has had -> the people filed under it
        self.timeline = []  # (offset, entity, role): role is speaker, subject or other
        self._sorted = []  # the timeline's entries sorted by offset, in the order entered among equals (see _before)
        self.acronyms = {}  # "EDC" -> "Export Development Canada", from the article's own "Name (ACRONYM)"
        self.bare_subjects = set()  # offsets of names nothing shows to be people's, subjects after a comma
        self.documents = []  # (offset, head, issuer): documents that spoke, for "the report" later on

    def _find(self, m):
        """The entity m names, or None: one filed under its name (or an alias), else, for a person, one whose
        name its name shortens or lengthens."""
        if not m.name:
            return None
        key, words = _name_forms(m.name)
        return _by_name(m.kind, m.gender, self.by_key.get(key, ())) or (
            self._by_surname(m, words) if m.kind == "person" else None)

    def _by_surname(self, m, folded):
        """The person m, a person's mention with the folded words given, names by the name's last word, or
        None."""
        # a surname alone, or a fuller form of a known surname (never across Mr and Ms); among
        # namesakes, the one mentioned last
        g = m.gender
        # every test of _by_last_word matches the name's last word with the other name's first or last word:
        # only the people whose name begins or ends with it (or once did) are looked at
        filed = self.by_end.get(folded[-1])
        if not filed:
            return None
        best = None
        for e in filed:
            if e.kind != "person" or g != "u" and e.gender != "u" and g != e.gender:
                continue
            if best is not None and (e.last < best.last or e.last == best.last and e.id > best.id):
                continue  # (among namesakes, the one mentioned last, the first made among equals)
            if _by_last_word(folded, _name_forms(e.name)[1], e.country):
                best = e
        return best

    def known(self, m):
        """The entity a mention names, if the article has it already (none is made)."""
        return self._find(m)

    def add(self, m, role="subject"):
        """Attach a person or organisation mention to its entity (new or known); return it."""
        kind = m.kind
        if kind == "group" and not m.name:
            m.name = group_name(m.text)
        name = m.name
        if kind not in ENTITY_KINDS or not name:
            return None
        key, words = _name_forms(name)
        # an entity found under the name's own key is filed there, and under its own name's key already; half
        # the names are new to the article: no entity bears them, and no person's name ends or begins with the
        # last word of most of the people's, so neither search is made
        holders = self.by_key.get(key)
        e = _by_name(kind, m.gender, holders) if holders else None
        filed = e is not None
        if not filed and kind == "person" and words[-1] in self.by_end:
            e = self._by_surname(m, words)
        if e is None:
            # an international body keeps the short name it has everywhere ("EFTA", "WHO")
            full = self.acronyms.get(name) if self.acronyms and key not in self.lex.international else None
            if full:
                # "EDC" after "Export Development Canada (EDC)": one organisation, under its full name
                e = self._find(_renamed(m, full, "organization"))
                if e is None:
                    e = Entity(len(self.items), "organization", full, {full})
                    self.items.append(e)
                    self._file(_name_forms(full)[0], e)
                e.aliases.add(name)
                if m.gender != "u" and e.gender == "u":
                    e.gender = m.gender
                self._file(key, e)
            else:
                e = _NEW_ENTITY(Entity)
                e.__init__(len(self.items), kind, name, {name}, m.gender, m.evidence)  # (see _BARE)
                self.items.append(e)
                if holders is None:
                    self.by_key[key] = [e]
                else:
                    holders.append(e)  # the newest: last among those filed under its name
                if kind == "person":
                    self._index_end_words(e, words)
                    if e.gender == "u" and len(words) > 1:
                        e.gender = self.lex.first_names.get(words[0], "u")
        else:
            if not e.evidence and m.evidence:
                e.evidence = True
            # (an entity's own name is among its aliases: a name met again, the most common, adds none; nor
            # does an alias met again, and a name that was not longer than the entity's when first met is not
            # now: its name only grows)
            if name != e.name and name not in e.aliases:
                e.aliases.add(name)
                if len(words) > len(_name_forms(e.name)[1]):
                    e.name = name
                    if e.kind == "person":
                        self._index_end_words(e, words)
                        if e.gender == "u":
                            e.gender = self.lex.first_names.get(words[0], "u")
            # (a person of unknown gender whose name is not new had their first name looked up when it was)
            if m.gender != "u" and e.gender == "u":
                e.gender = m.gender
            if not filed:
                self._file(key, e)  # a surname or a fuller name of a known person: found by it from now on
        if m.office:
            e.offices.append((m.office, m.title, (m.start, m.end)))
            e.nominals |= self.lex.office_nominals.get(m.office, frozenset())
        if m.title and m.title not in e.titles:
            e.titles += (m.title,)
        if m.country and not e.country:
            e.country = m.country
        if m.organization and not e.organization:
            e.organization = m.organization
        m.entity = e
        if m.start > e.last:
            e.last = m.start
        self.timeline.append((m.start, e, role))
        return e

    def _file(self, key, e):
        """File e under a folded name it bears, among the others that bear it in the order made."""
        holders = self.by_key.setdefault(key, [])
        if e not in holders:
            insort(holders, e, key=ID)

    def _index_end_words(self, e, words):
        """File a person under the first and last of words, their name's folded words, which _by_surname
        matches a name by (only people are looked for so; no organisation becomes one). (A person whose name
        grew may be filed twice under a word: what _by_surname finds depends on neither order nor repeats.)"""
        by_end = self.by_end
        by_end.setdefault(words[0], []).append(e)
        if len(words) > 1:
            by_end.setdefault(words[-1], []).append(e)

    def infer_gender(self, pronouns):
        """Give people of unknown gender the gender of the pronouns that follow their mentions
        ("Darian Lonechild … proven herself"). pronouns: [(offset, 'm' or 'f')], in order of offset."""
        # a pronoun votes for the person shown to be one mentioned last before it (at its offset or before),
        # if within 300 characters and of unknown gender: the pronouns up to the next such mention are found
        # by bisection, for the mentions of people of unknown gender only (few), not in a walk over them all
        mentioned = sorted([(off, e) for off, e, _ in self.timeline if e.kind == "person" and e.evidence],
                           key=OFFSET)  # (a stable sort: of mentions at one offset, the one entered last is last)
        at = [off for off, _ in pronouns]
        votes = {}
        for k, (off, e) in enumerate(mentioned):
            if e.gender != "u":
                continue
            end = off + 300
            if k + 1 < len(mentioned) and mentioned[k + 1][0] < end:
                end = mentioned[k + 1][0]
            lo = bisect_left(at, off)
            hi = bisect_left(at, end, lo)
            if lo < hi:
                votes.setdefault(e.id, []).extend([g for _, g in pronouns[lo:hi]])
        for i, v in votes.items():
            m, f = v.count("m"), v.count("f")
            if m != f:
                self.items[i].gender = "m" if m > f else "f"  # (an entity's id is its place among the items)

    def touch(self, e, pos):
        if e is not None:
            self.timeline.append((pos, e, "speaker"))
            e.last = max(e.last, pos)

    def _before(self, pos):
        """The timeline's entries before offset pos, latest first (of mentions at one offset, the one entered
        last first): the searches below stop at the first that fits, or at the edge of their window, instead
        of going through the whole timeline."""
        entries = self._entries()
        return islice(reversed(entries), len(entries) - bisect_left(entries, pos, key=OFFSET), None)

    def _entries(self):
        """The timeline's entries sorted by offset, in the order entered among equals: those made since the
        last call are filed in (the first call, after the article's names are read, sorts them all at once)."""
        entries, timeline = self._sorted, self.timeline
        if not entries:
            entries += sorted(timeline, key=OFFSET)  # (a stable sort)
        for k in range(len(entries), len(timeline)):
            insort(entries, timeline[k], key=OFFSET)  # after those at its offset already
        return entries

    def recent(self, pos, accept, window=SALIENCE_WINDOW):
        """The entity a pronoun or nominal at pos most likely stands for, among those accept(entity)
        admits: the latest mention, unless it is a passing one (an object, a name in a phrase) and a
        speaker or a subject was mentioned shortly before it."""
        walk = self._before(pos)
        for latest_off, latest, latest_role in walk:
            if accept(latest):
                break
        else:
            return None
        if latest_role != "other":
            return latest
        for off, e, role in walk:  # on from the latest (none after it was accepted)
            if off < latest_off - window:
                break
            if role != "other" and accept(e):
                return e
        return latest

    def _recent_people(self, pos, g, exclude, window=SALIENCE_WINDOW):
        """What recent() finds among the people shown to be people (none in exclude) of gender g, and among
        those of unknown gender: the two searches "he" and "she" make, in one walk back over the timeline with
        the tests in line (the second mostly finds no one, after going through it all). The second is
        given up (None) once one of gender g is found and the walk is past the window resolve asks a person
        of unknown gender to have been spoken of in (_after): what it found from there on would go unused."""
        found = {}  # gender -> the entity found
        edge = pos - SALIENCE_WINDOW
        passing = {}  # gender -> (offset, entity) of the latest mention when a passing one: a speaker's or a
        # subject's within window before it is found instead
        for off, e, role in self._before(pos):
            if passing:
                for gender, (at, x) in list(passing.items()):
                    if off < at - window:
                        found[gender] = x
                        del passing[gender]
                if len(found) == 2:
                    break
            if off < edge and g in found and "u" not in found:
                break
            if e.kind != "person" or not e.evidence or e.id in exclude:
                continue
            gender = e.gender
            if gender in found or gender != g and gender != "u":
                continue
            if gender in passing:
                if role != "other":
                    found[gender] = e
                    del passing[gender]
            elif role == "other":
                passing[gender] = off, e
            else:
                found[gender] = e
            if len(found) == 2:
                break
        for gender, (_, x) in passing.items():
            found.setdefault(gender, x)
        return found.get(g), found.get("u")

    def _bare_subject(self, pos, window=BARE_WINDOW):
        """A name of unknown gender nothing showed to be a person's, the subject of a clause after a
        comma within window characters before pos ("…, Mulder didn't hesitate."), or None."""
        if not self.bare_subjects:
            return None  # (most articles have none: no walk back)
        for off, e, role in self._before(pos):
            if off < pos - window:
                break
            if off in self.bare_subjects and e.kind == "person" and e.gender == "u":
                return e
        return None

    def _latest(self, e, pos, subject=False):
        """The offset of e's latest mention before pos (as a speaker or subject only, if subject)."""
        for off, x, role in self._before(pos):
            if x is e and not (subject and role == "other"):
                return off
        return -1

    def _after(self, u, e, pos):
        """Was u last mentioned as a speaker or subject after e's latest mention, and shortly before pos?"""
        u_at = self._latest(u, pos, subject=True)
        return u_at > self._latest(e, pos) and pos - u_at < SALIENCE_WINDOW

    def recent_speaker(self, pos, window=800):
        """The latest person or organisation reported speaking within window characters before pos."""
        for off, e, role in self._before(pos):
            if off < pos - window:
                break
            if role == "speaker" and e.kind in ("person", "organization"):
                return e
        return None

    def named_within(self, spans):
        """(offset, entity) of each name (not a mere touch as a speaker) inside any of spans."""
        entries = self._entries()  # (sorted: each span's entries found by bisection, not the whole timeline)
        return [(off, e) for a, b in spans for off, e, role in
                entries[bisect_left(entries, a, key=OFFSET):bisect_left(entries, b, key=OFFSET)] if role != "speaker"]

    def resolve(self, m, pos, exclude=frozenset()):
        """The entity a pronoun or nominal mention stands for, or None. exclude: ids of entities the mention
        cannot stand for (for "he" reporting a clause, those named in the clause)."""
        if m.entity is not None:
            return m.entity
        if m.kind == "pronoun":
            head = PRONOUN_BASE.get(m.head, m.head)
            if head in ("he", "she"):
                g = "m" if head == "he" else "f"
                e, u = self._recent_people(pos, g, exclude)
                if u is not None and (e is None or self._after(u, e, pos)):
                    # the only person who fits, or the one just spoken of, whose gender nobody has said, before
                    # anyone older who fits
                    e = u
                if e is None:
                    # no known person fits: a two-word name nobody has ruled out will do
                    e = self.recent(pos, lambda e: e.kind == "person" and e.gender in ("u", g) and
                                    len(_name_forms(e.name)[1]) > 1 and e.id not in exclude)
                bare = self._bare_subject(pos)
                if bare is not None and bare.id not in exclude and (
                        e is None or self._latest(e, pos) < self._latest(bare, pos)):
                    # "…, Mulder didn't hesitate. “…,” he said.": the name just before, whatever it looked like
                    e = bare
                return e
            if head == "they":
                return self.recent(pos, lambda e: e.kind in ("organization", "group"))
            if head == "it":
                return self.recent(pos, lambda e: e.kind == "organization" or (
                    e.kind == "person" and len(_name_forms(e.name)[1]) == 1 and e.gender == "u"))
            return None
        if m.kind == "nominal" and m.head:
            head = m.head
            e = self.recent(pos, lambda e: e.kind == "person" and e.evidence and (head in e.nominals or (
                m.office and m.office == e.office) or any(head in _title_nominals(t, self.lex) for t in e.titles)))
            return e
        if m.kind == "organization" and not m.name and m.head:
            head = m.head
            e = self.recent(pos, lambda e: e.kind == "organization" and head in _name_forms(e.name)[1])
            if e is None and head in GENERIC_ORGS:
                # a capitalised name never shown to be a person is as likely a company ("Google")
                e = self.recent(pos, lambda e: e.kind == "organization" or (e.kind == "person" and (
                    not e.evidence or (len(_name_forms(e.name)[1]) == 1 and e.gender == "u"))))
                if e is not None and e.kind == "person":
                    e.kind = "organization"
            return e
        return None


def _renamed(m, name, kind):
    other = _copy(m)
    other.name, other.kind = name, kind
    return other


ACRONYM_DEFINED = re.compile(r"((?:[A-Z][\w’'&.-]*\s+(?:(?:of|and|for|the|on|de)\s+)*){1,8})\(([A-Z]{2,6})\)")
ACRONYM_HINT = re.compile(r"\([A-Z]{2,6}\)")  # what every match of ACRONYM_DEFINED ends with
# what no match of ACRONYM_DEFINED holds before its "(EDC)" (its words and the white space between them have
# none): a match starts after the last of these before the "(EDC)" it ends with
ACRONYM_BARS = ("(", ")", ",", ";", ":", "“", "”", '"', "?", "!")


def acronyms_in(text):
    """{"EDC": "Export Development Canada"} for each "Export Development Canada (EDC)" in text whose
    capitalised words' initials spell the acronym (the last words before the bracket that do)."""
    found = {}
    end = 0  # where the last definition found ends (they do not overlap)
    # the definitions re.finditer finds, looked for before each "(EDC)" only, from the last mark none holds:
    # the search tries every capital, and most of an article's capitals are far from any "(EDC)"
    for hint in ACRONYM_HINT.finditer(text):
        h = hint.start()
        bar = max([text.rfind(c, end, h) for c in ACRONYM_BARS])  # (-1: none since the last definition)
        m = ACRONYM_DEFINED.search(text, bar + 1 if bar >= 0 else end, hint.end())
        if m is None:
            continue
        end = m.end()
        words, acr = m.group(1).split(), m.group(2)
        for start in range(len(words)):
            caps = [w for w in words[start:] if w[:1].isupper()]
            if words[start][:1].isupper() and "".join(w[0] for w in caps) == acr:
                found.setdefault(acr, " ".join(words[start:]))
                break
    return found


# punctuation that may end a run of tokens but never a phrase shown as written ("- - President", "Rivera ,"),
# and the space around it (once white space is single spaces, the only white space left)
STRAY_ENDS = " ,;:/&-–—"
SPACED_MARKS = (" .", " ,", " ’", " '")  # the space before these marks is dropped ("Mrs . Clinton")
# (string methods, not regular expressions: these run on every new phrase, and a regex tries each position)


@functools.lru_cache(maxsize=1 << 14)  # names and titles recur, within an article and across articles
def tidy(phrase):
    """A phrase joined from tokens with spaces, re-spaced as prose: "Mrs . Clinton's" -> "Mrs. Clinton's"."""
    return _unspaced(" ".join(phrase.split())).strip(STRAY_ENDS)


def _unspaced(prose):
    """Prose with single spaces, the space before a full stop, comma or apostrophe dropped."""
    for spaced in SPACED_MARKS:
        prose = prose.replace(spaced, spaced[1])
    return prose


@functools.lru_cache(maxsize=1 << 14)
def _prose(written):
    """A stretch of the text as a phrase shows it: white space made single spaces, no stray punctuation
    at either end."""
    return " ".join(written.split()).strip(STRAY_ENDS)


def _is_word_char(text, i):
    """re's \\w at text[i] (a letter, digit or underscore), False past either end."""
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] == "_")


def _written_end(text, p, words, tail):
    """Where the pattern as_written builds from the words ("(?<!\\w)w1\\.?\\s*w2…(?!\\w)", a full stop
    allowed after the last with tail) ends when it starts at p, the first word standing there, or None.
    With no word after the first starting with a full stop the pattern has one way to match, followed
    here (str.isalnum and str.isspace test a character as re's \\w and \\s do)."""
    q, n = p + len(words[0]), len(text)
    for w in words[1:]:
        if text.startswith(".", q):
            q += 1
        while q < n and text[q].isspace():
            q += 1
        if not text.startswith(w, q):
            return None
        q += len(w)
    if tail and text.startswith(".", q):
        return q if _is_word_char(text, q + 1) else q + 1  # "Sen.": the full stop, unless a word follows
    return None if _is_word_char(text, q) else q


def _written_spans(text, words, tail):
    """(start, end) of what re.finditer finds of the pattern as_written builds from the words, in order,
    without compiling it: tried only where the first word stands with no word character before it (a
    fast string search)."""
    first, out, pos = words[0], [], 0
    while (p := text.find(first, pos)) >= 0:
        pos = p + 1
        if p and (text[p - 1].isalnum() or text[p - 1] == "_"):
            continue  # inside a word
        q = _written_end(text, p, words, tail)
        if q is not None:
            out.append((p, q))
            pos = q
    return out


def _written_within(text, words, tail, lo, hi):
    """The span of the first stretch with the phrase's words that starts in text[lo:hi], or None."""
    first = words[0]
    p = text.find(first, lo, hi)
    while p >= 0:
        if not (p and (text[p - 1].isalnum() or text[p - 1] == "_")):
            q = _written_end(text, p, words, tail)
            if q is not None:
                return p, q
        p = text.find(first, p + 1, hi)
    return None


def _nearest_written(text, words, tail, near, dotted):
    """The span of the stretch with the phrase's words nearest offset `near`, as min() picks among all
    re.finditer finds of the pattern, or None."""
    if dotted:
        pat = r"(?<!\w)" + r"\.?\s*".join(re.escape(w) for w in words) + tail + r"(?!\w)"
        spans = [m.span() for m in re.finditer(pat, text)]
    else:
        spans = _written_spans(text, words, tail)
    return min(spans, key=lambda h: abs(h[0] - near), default=None)


def _stands_at(text, phrase, lo, hi):
    """Is text[lo:hi] the phrase, tidy already, with no word character on either side and no full stop
    after it? Then the phrase is what as_written finds there: the pattern's words are the phrase's, met
    at lo and ending at hi."""
    if hi - lo != len(phrase) or not text.startswith(phrase, lo):
        return False
    return not (_is_word_char(text, lo - 1) or _is_word_char(text, hi) or text[hi:hi + 1] == ".") and \
        tidy(phrase) == phrase


def as_written(text, phrase, near=0, at=None, memo=None):
    """The phrase as the article writes it: the stretch of text whose words are the phrase's (joined from
    tokens, "Mr Rubio" lost the full stop of "Mr." and "Mrs . Clinton" gained a space), white space made
    single spaces, no stray punctuation at either end. It is looked for where it was read, when `at` gives
    that span of text (a mention's), else (or not found there: a name the lexicon gives) the one nearest
    offset `near`. Unfound, the phrase tidied. memo: a dict kept for one text, holding the answers found
    where the phrase was read (by phrase and span: they do not depend on `near`)."""
    if memo is not None:
        found = memo.get((phrase, at))  # (None is no answer)
        if found is not None:
            return found
    if not phrase:
        return phrase
    if at is not None and _stands_at(text, phrase, *at):
        if memo is not None:
            memo[phrase, at] = phrase
        return phrase  # the text writes it so where it was read (most phrases): nothing to look for
    words, tail, dotted = _pattern_of(phrase)
    if not words or not text:
        return tidy(phrase)
    best = _written_within(text, words, tail, *at) if at is not None and not dotted else None
    if best is not None:
        found = _prose(text[best[0]:best[1]])
        if memo is not None:
            memo[phrase, at] = found
        return found
    best = _nearest_written(text, words, tail, near, dotted)
    if best is None:
        return tidy(phrase)
    return _prose(text[best[0]:best[1]])


@functools.lru_cache(maxsize=1 << 14)  # phrases recur: read each once
def _pattern_of(phrase):
    """(words, tail, dotted): the words of the pattern as_written looks for, whether a full stop may follow
    the last ("Sen." keeps its full stop), whether a word after the first starts with one (more than one
    way to match: the regex itself is run)."""
    words = tuple(tidy(phrase).split())
    if not words:
        return words, "", False
    tail = r"\.?" if fold(words[-1]).rstrip(".") in NAME_ABBREVIATIONS else ""
    return words, tail, any(w.startswith(".") for w in words[1:])


GROUP_LEADS = frozenset(("the", "some", "many", "several", "a", "an", "other", "most", "these", "those"))


@functools.lru_cache(maxsize=1 << 12)  # groups are named by few phrases, again and again
def group_name(text):
    """'Some Republican senators' -> 'Republican senators': a group as it is named."""
    words = text.split()
    k = 0
    while k < len(words) - 1 and fold(words[k]) in GROUP_LEADS and fold(words[k + 1]) != "of" and not (
            k == len(words) - 2 and fold(words[k]) in ("those", "these") and words[k + 1].endswith("ed")):
        k += 1  # (not from "some of the women": the quantifier heads the phrase; nor "those surveyed")
    return _unspaced(" ".join(words[k:])) or text  # "Mr . Rubio's" was joined from tokens


def _same_first(a, b):
    a, b = fold(a), fold(b)
    if a == b:
        return True
    if len(a) <= 2 or len(b) <= 2:
        return a[0] == b[0]
    # transliteration variants: Sergei/Sergey, Dmitri/Dmitry
    return a[:-1] == b[:-1] and len(a) == len(b) and a[-1] in "iy" and b[-1] in "iy" or a.rstrip(".") == b[:1]


def coordinated_people(left, right):
    """"Tore Lind and Ana Okafor said": two people named as one subject speak together, a group under
    both names; None unless both look like people's names, a first name and a surname or a title
    (not "Smith and Wesson")."""
    if left is None or right is None or left.kind != "person" or right.kind != "person" or \
            not left.name or not right.name or not all(
                x.evidence or len(x.name.split()) > 1 for x in (left, right)):
        return None
    names = f"{left.name} and {right.name}"
    return Mention(left.start, right.end, names, "group", name=names, plural=True)


def np_segment(toks, a, b, lex=None):
    """A speaker noun phrase spanning exactly toks[a:b], with what describes it:
    (mention, appositive span or None). Handles "X, the mayor," / "the mayor, X," and loose
    descriptors before a name ("then-Surrey mayoral candidate Doug McCallum")."""
    lex = lex or lexicon()
    if b <= a:
        return None, None
    if toks[b - 1].text == ")" and b - a > 2:
        # "Sen. Ana Lind (D-Mo.)": a party and a state, or a word about the person, in brackets after them
        b = next((q for q in range(b - 2, max(a, b - 9), -1) if toks[q].text == "("), b)
    if toks[b - 1].text == "," and b - 1 > a:
        for c in range(a + 1, b - 1):
            if toks[c].text != ",":
                continue
            left, _ = np_segment(toks, a, c, lex)
            right, _ = np_segment(toks, c + 1, b - 1, lex)
            if left is not None and left.kind in ("person", "organization"):
                return left, (toks[c + 1].start, toks[b - 2].end)
            if right is not None and right.kind in ("person", "organization"):
                return right, (toks[a].start, toks[c - 1].end)
            return None, None
        return None, None
    m = np_right(toks, a, lex, stop=b)
    if m is not None and m.end == toks[b - 1].end:
        return m, None
    if m is not None and m.kind == "person":
        c = next((q for q in range(a + 1, b - 1) if toks[q].start >= m.end), None)
        if c is not None and toks[c].low == "and" and toks[c].start >= m.end and \
                toks[c - 1].end <= m.end:
            right = np_right(toks, c + 1, lex, stop=b)
            if right is not None and right.end == toks[b - 1].end:
                both = coordinated_people(m, right)
                if both is not None:
                    return both, None
        # "Marta Berg of Oslo said": the person, and where they are from
        rest = [t.low for t in toks[a:b] if t.start >= m.end]
        if len(rest) >= 2 and rest[0] in ("of", "from") and " ".join(rest[1:]) in lex.place_words:
            m.country = m.country or lex.country_in_text(rest[1:])
            return m, None
    # loose: descriptive words, then a capitalised name that ends the segment
    c = b - 1
    if not toks[c].cap or toks[c].low in NOT_NAMES:
        return None, None
    while c - 1 >= a and (toks[c - 1].cap and toks[c - 1].low not in NOT_NAMES or
                          toks[c - 1].low in NAME_PARTICLES):
        c -= 1
    if c - 1 > a and c < b and toks[c - 1].cap and toks[c - 1].low in _word_tables(lex)[1].word_firsts and \
            not toks[c].text.isupper() and _name_expected(toks, c - 1, lex):
        c -= 1  # "union leader Will Young said": a first name that is also a word, where a name is expected
    if c == a or b - a > 12:
        return None, None
    for q in range(a, c):
        tk, lw = toks[q], toks[q].low
        if lw == "." and q > a and len(toks[q - 1].low) > 1 and toks[q - 1].low in NAME_ABBREVIATIONS:
            continue  # "panel Chairman Rep. Ana Lind": the full stop of a title
        if not tk.text[0].isalnum() and tk.text not in ("-", "'", "’") or lw in lex.verbs or lw in (
                "and", "or", "but", "that", "which", "who", "when", "if", "as", "because"):
            return None, None
    m = _make_name(toks, c, b, lex)
    if m is None or m.kind not in ("person", "organization", "group"):
        return None, None
    if m.kind == "group":
        m.start = toks[a].start  # "committee Democrats": the party's members, described
        return m, None
    if m.kind == "organization":
        if not all(t.low in ("the",) for t in toks[a:c]):
            return None, None
        m.start = toks[a].start
        return m, None
    _add_title(m, " ".join(t.text for t in toks[a:c]), None, lex)
    m.start = toks[a].start
    return m, None
