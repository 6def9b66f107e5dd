"""Cues and speakers: who a direct quote belongs to, and reported speech ("X said (that) …")."""
import functools
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import compress
from operator import attrgetter
from typing import Optional

from .dates import MONTHS
from .lexicon import VerbForm, fold, lexicon
from .text import START, is_abbreviation_dot
from .mentions import DETERMINERS, GROUP_LEADS, Mention, coordinated_people, np_right, np_segment, unnamed_document

PREPOSITIONS = {"in", "at", "from", "of", "to", "with", "by", "for", "on", "about", "into", "near", "across",
                "inside", "outside", "within", "without", "under", "over", "between", "among", "against"}
POSTMODIFIERS = {"familiar", "close", "involved", "briefed", "knowledgeable", "who", "speaking", "granted",
                  "authorized", "authorised", "not", "with", "in", "at", "from", "on"}
LABEL_VERBS = {"call", "describe", "dub", "label", "term", "brand", "dismiss", "title", "name"}
OBJECT_VERBS = {"tell", "inform", "assure", "reassure", "warn", "remind", "advise", "promise", "caution", "urge",
                "ask", "answer", "guarantee", "threaten", "write"}
PREPS = {"in", "on", "at", "during", "after", "before", "to", "via", "through", "while", "from", "last", "earlier",
         "this", "late", "early", "over", "outside", "inside", "with", "for", "by", "when", "ahead", "following"}
MONTH_WORDS = set(MONTHS) | {m[:3] for m in MONTHS} | {"sept"}
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "today",
            "tonight", "overnight"}
MODALS = {"did", "does", "do", "would", "will", "could", "can", "might", "may", "should", "must", "not",
          "never", "n't", "also"}
CLAUSE_BAD_START = {"though", "although", "while", "whereas", "because", "since", "unless", "before", "after",
                    "when", "if", "into", "onto", "through", "across", "over", "under", "via", "among", "around", "against",
                    "toward", "towards", "upon", "within", "without", "behind", "beyond", "off", "up", "down", "would", "could", "will", "can", "should", "might", "may", "must", "is", "are", "was",
                    "were", "has", "have", "had", "be", "been", "being", "did", "does", "do", "not", "n't", "in", "on", "at", "to", "for", "with", "by", "from", "of", "about", ",", ".", ";", ":", "and",
                    "or", "but", "as", "so", "after", "before", "during", "earlier", "later", "last", "this",
                    "then", "when", "while", "”", "’", ")", "-", "–", "—", "!", "?"}
CLAUSE_TRAIL = (".", "!", "?", ";", ",", ":", "”", "’", "\"", "»")
SENT_PUNCT = {".", "!", "?", ";"}
VERB_NONE = VerbForm(None, None, None)  # read where no speech verb starts: one layout with the verbs
NO_VERB = (None, 0)  # verb_at's answer where no speech verb starts
NO_VERBS = {}  # SpeechVerbs.verbs of a paragraph with no cue word (shared: never written)
SUBJECT_PRONOUNS = {"he", "she", "they", "it", "we", "i", "there", "the", "his", "her", "their", "its"}
QUOTE_CHARS = set("“”\"‘’'«»„")
CLOSING_MARKS = set("”\"’'»")
LOW = attrgetter("low")
COMMA = (",",)


@dataclass(slots=True)
class Cue:
    mention: Mention
    verb: str  # the cue as written ("told", "according to", "was quoted as saying")
    verb_start: int
    verb_end: int
    appositive: Optional[str] = None  # ", the country's deputy foreign minister," between name and verb


def _first_at(toks, offset, a, b):
    """The index of the first of toks[a:b] that starts at or after offset, or b (found by bisection)."""
    return bisect_left(toks, offset, a, b, key=START)


def _was_quoted_as(toks, k):
    """Do toks[k:k + 3] read "was quoted as" (the passive cue "was quoted as saying")?"""
    return toks[k].low == "was" and toks[k + 1].low == "quoted" and toks[k + 2].low == "as"


def _words_as_written(toks, a, b):
    """The words toks[a:b] (a cue's verb, most often one word) as written, one space between them."""
    return toks[a].text if b - a == 1 else " ".join([t.text for t in toks[a:b]])


def verb_at(toks, i, lex=None):
    """(VerbForm, number of tokens) when a speech verb starts at toks[i]."""
    lex = lex or lexicon()
    if i >= len(toks):
        return None, 0
    w = toks[i].low
    if w not in lex.cue_words:
        return None, 0  # most words: one set lookup
    for words, v in lex.multi_verbs.get(w, ()):
        n = len(words)
        if tuple(t.low for t in toks[i:i + n]) == words:
            return v, n
    v = lex.verbs.get(w)
    if v:
        return v, 1
    return None, 0


@functools.lru_cache(maxsize=4)
def _word_cues(lex):
    """Cue word -> (the speech verb it starts standing alone, as verb_at finds it, and whether that verb may
    end an inverted cue, head a parenthetical one, cut a sentence as "adding", or have a reported clause after
    it as reported_clauses reads them before the words after it); None for the first word
    of a multi-word verb, whose verb depends on the words after it. And such a first word -> the verbs it may
    start, in verb_at's order, each as (its words, its kind as above), the word alone last (it always fits)."""
    kinds = {w: None if w in lex.multi_verbs else _cue_kind(_lone_verb(w, lex), w) for w in lex.cue_words}
    starts = {w: [(list(words), _cue_kind((v, len(words)), w)) for words, v in forms] +
              [([w], _cue_kind(_lone_verb(w, lex), w))] for w, forms in lex.multi_verbs.items()}
    return kinds, starts


def _kind_at(lows, i, starts):
    """The kind (_word_cues) of the first of the verbs starts lists whose words stand at lows[i] (the last,
    the word alone, always does)."""
    for words, kind in starts:
        if lows[i:i + len(words)] == words:
            return kind


def _lone_verb(w, lex):
    """verb_at for a word that starts no multi-word verb."""
    v = lex.verbs.get(w)
    return (v, 1) if v else (None, 0)


def bare_present(form, lex):
    """Is the speech verb form a bare present that may report ("say", "warn": data/lexicon/bare_verbs.txt)? It
    reports only after a subject that may take it (plural_speaker)."""
    return form is not None and form.form == "base" and form.base in lex.bare_verbs


def plural_speaker(m):
    """Can m report in the bare present as a third person ("analysts say"; not "we say", "you say")?"""
    return m.plural and m.head not in ("we", "you")


def _cue_kind(verb, w):
    """(verb, reporting, aside, adding, heads) for a speech verb (VerbForm, tokens) starting at a word w: the
    lists of SpeechVerbs it may go in, before the words around it are looked at."""
    f = verb[0]
    if f is None:
        return verb, False, False, False, w == "according"  # ("according to X": no verb, yet a cue)
    said = f.form in ("past", "third")
    # a bare present ends an inverted cue after a plural ("…, analysts say"), and so does a verb that takes
    # only a "that" clause ("…, the Guardian reported."): _inverted checks the plural and the sentence's end
    bare = bare_present(f, lexicon())
    aside = said and (f.reports != "n" or f.base == "say") or bare
    # (a verb that reports nothing heads a clause only before a noun of speech, looked at in the paragraph)
    heads = f.reports in ("y", "t") or f.base in ASKING or aside
    return verb, (said or bare) and f.reports in ("y", "t"), aside, \
        f.base in ("add", "say", "note", "tell") and w.endswith("ing"), heads


class SpeechVerbs:
    """Where a paragraph's cue words stand and the speech verb each starts, found once for all its
    sentences (lows: the tokens' folded forms)."""

    __slots__ = ("lows", "at", "forms", "verbs", "reporting", "adding", "aside", "heads", "head_forms")

    def __init__(self, lows, lex):
        self.lows = lows  # the tokens' folded forms, for searches by word
        if lex.cue_words.isdisjoint(lows):
            # over a quarter of the paragraphs hold no cue word: one C pass over their words tells (a seventh
            # of the cost of marking each word), and nothing else is built (the empties are shared, never written)
            self.at = self.forms = self.reporting = self.adding = self.aside = self.heads = self.head_forms = ()
            self.verbs = NO_VERBS
            return
        kinds, starts = _word_cues(lex)
        # (the set of the cue words tests a word for less than the table of their kinds)
        self.at = list(compress(range(len(lows)), map(lex.cue_words.__contains__, lows)))
        self.forms = forms = []
        self.verbs = verbs = {}  # index -> (VerbForm, tokens) where a speech verb starts: verb_at's answer there
        self.reporting = []  # the verbs an inverted cue ends with ("…, the minister said")
        self.adding = []  # the gerunds that cut a sentence before its inverted cue ("…, adding that …")
        self.aside = []  # the verbs of a parenthetical cue, a comma after them ("What he discovered, he says, is …")
        # the cue words a reported clause may follow (all the reporting and aside ones among them), with their
        # verbs: the others, two in five, reported_clauses would only pass over
        self.heads, self.head_forms = heads, head_forms = [], []
        # what each word starts is looked up by word (a multi-word verb's by its words at the place)
        last = len(lows) - 1
        for i in self.at:
            w = lows[i]
            verb, reporting, aside, adding, clause = kinds[w] or _kind_at(lows, i, starts[w])
            forms.append(verb)
            if clause or verb[0] is not None and _noun_cue(lows, i + verb[1], last + 1, lex):
                heads.append(i)
                head_forms.append(verb)
            if verb[0] is None:
                continue
            verbs[i] = verb
            if reporting:
                self.reporting.append(i)
            if aside and i < last and lows[i + 1] == ",":
                self.aside.append(i)
            if adding and i > 0 and lows[i - 1] == ",":
                self.adding.append(i)

    def cues(self, a, b):
        """(index, (VerbForm or None, tokens)) of each cue word from toks[a] to toks[b - 1], in order: where
        verb_at may find a speech verb, with what it finds (the other words start none)."""
        k = bisect_left(self.at, a)
        n = bisect_left(self.at, b, k)
        return zip(self.at[k:n], self.forms[k:n])


def _skip_back_adverbs(toks, k, lo, lex):
    """Step back over adverbs and short time phrases between a subject and its verb."""
    while k >= lo:
        w = toks[k].low
        if w in lex.time_words and not (toks[k].cap and w in lex.first_names):
            # (a capitalised "Will" right before the verb is a name: the auxiliary would have its subject next)
            k -= 1
            continue
        if w in WEEKDAYS and k - 1 >= lo and toks[k - 1].low in ("on", "last", "this"):
            k -= 2
            continue
        if w in WEEKDAYS:
            k -= 1
            continue
        break
    return k


def subject_before(toks, v, lo, lex=None):
    """The speaker noun phrase ending right before the verb at toks[v] (adverbs and an appositive
    between commas may stand between them), or (None, None)."""
    lex = lex or lexicon()
    k = _skip_back_adverbs(toks, v - 1, lo, lex)
    if k < lo:
        return None, None
    if toks[k].low == "who" and k - 2 >= lo and toks[k - 1].text == ",":
        # "Tomas Berger, who said …": the relative pronoun stands for the name before its comma
        m = _np_ending_at(toks, lo, k - 2, lex)
        a = _first_at(toks, m.start, lo, k) if m is not None else k
        if m is None or m.kind not in ("person", "organization", "group") or m.kind != "person" and any(
                t.low not in ("the", "a", "an") for t in toks[lo:a]):
            # not "the director of the Acme Institute, who said": the institute is no speaker; but "a
            # lecture from the Mexican president, who said": an unnamed person after a preposition is
            m = _np_ending_at(toks, lo, k - 2, lex, objects=True) if toks[k].text == "who" and \
                _says(toks, v, lex) else None
            if m is None or m.kind not in ("person", "group", "anonymous", "nominal"):
                return None, None
        return m, None
    if toks[k].text == "who" and k - 1 >= lo and (toks[k - 1].text[-1].isalnum() or toks[k - 1].text == "%") and \
            _says(toks, v, lex):
        # "critics who say …", "30 percent of voters who said …": a restrictive relative's subject is the
        # phrase right before "who" (a share here after any word: "compared with 30 percent who said")
        m = _np_ending_at(toks, lo, k - 1, lex)
        past = [q for q in range(lo, k - 1) if m is not None and toks[q].start >= m.start and toks[q].text.islower()
                and (toks[q].low.endswith("ed") or toks[q].low in lex.irregular_past)]
        if past:  # not "the mayor rebuked critics": the phrase is the object after the verb
            m = _np_ending_at(toks, past[-1] + 1, k - 1, lex)
        m = m or _share_ending_at(toks, lo, k - 1, lex, anywhere=True) or \
            _np_ending_at(toks, lo, k - 1, lex, objects=True)
        if m is None or m.kind not in ("person", "organization", "group", "anonymous", "nominal"):
            return None, None
        return m, None
    if toks[k].text != ",":
        # (a share is looked for only where no speaker phrase ends: "24 percent of voters said")
        m = _np_ending_at(toks, lo, k, lex) or _share_ending_at(toks, lo, k, lex) or _respondents(toks, lo, k, lex)
        if m is not None and m.kind == "person":
            # "Tore Lind and Ana Okafor said": both speak
            a = _first_at(toks, m.start, lo, k + 1)
            if a - 2 >= lo and toks[a - 1].low == "and":
                both = coordinated_people(_np_ending_at(toks, lo, a - 2, lex), m)
                if both is not None:
                    return both, None
        return (m, None) if m is not None else (None, None)
    # a comma before the verb: "X, the country's deputy foreign minister, said" (the aside
    # describes X), or "the country's deputy foreign minister, X, said" (X is the aside)
    k2 = None
    for q in range(k - 1, max(lo - 1, k - 30), -1):
        if toks[q].text == ",":
            k2 = q
            break
        if (toks[q].text in SENT_PUNCT and not is_abbreviation_dot(toks, q)) or toks[q].text in QUOTE_CHARS:
            break
    if k2 is None:
        return None, None
    # "Ana Lind, speaking in Wilmington, N.C., warned": the state after its city is where, not who; the
    # speaker opens the sentence, before the aside
    state = k - k2 == 2 and k2 - 1 >= lo and toks[k2 - 1].cap and STATE_INITIALS.fullmatch(toks[k2 + 1].text)
    inner = _np_ending_at(toks, k2 + 1, k - 1, lex) if not state else None
    if not state and (inner is None or inner.start != toks[k2 + 1].start):
        # "…, Ana Lind of the Grace Chapel, said": a name, then where the person is from
        named = np_right(toks, k2 + 1, lex, stop=k)
        after = _first_at(toks, named.end, k2 + 1, k) if named is not None else k
        if named is not None and named.kind == "person" and " " in (named.name or "") and after < k and \
                toks[after].low in ("of", "from"):
            inner = named
    if inner is not None and inner.kind in ("person", "organization") and inner.start == toks[k2 + 1].start:
        before = _np_ending_at(toks, lo, k2 - 1, lex)
        if before is not None and before.kind in ("nominal", "anonymous", "organization") and before.office:
            return inner, (before.start, toks[k2 - 1].end)
        if before is None or before.kind not in ("person",) or fold(before.name or "") in lex.party_words:
            return inner, None  # "One red-state Democrat, Montana Sen. Jon Tester, said": Tester
        a = _first_at(toks, before.start, lo, k2)
        if inner.kind == "person" and " " in inner.name and a > lo and toks[a - 1].text.isalpha() and \
                toks[a - 1].text.islower() and toks[a - 1].low not in ("the", "a", "an"):
            # "One pastor supporting Mr. Cruz, Ana Lind, said": the name before the comma is an object, the
            # phrase it ends describes the speaker named between the commas
            return inner, (toks[lo].start, toks[k2 - 1].end)
        if inner.kind == "person" and (inner.evidence or " " in inner.name) and not before.evidence and \
                before.start > toks[lo].start:
            # "Keeper of the Royal Archive, Tomas Berger, said": the capital before the comma only ends
            # a longer phrase, a title nobody listed; the whole name between the commas is the speaker
            return inner, (toks[lo].start, toks[k2 - 1].end)
    outer = _np_ending_at(toks, lo, k2 - 1, lex) if not state else None
    if outer is not None:
        return outer, (toks[k2 + 1].start, toks[k - 1].end)
    # an aside with commas of its own ("Will Young, a mechanic based in Kansas City, Mo., and an
    # organizer at Railroad Workers United, said"): the speaker opens the sentence
    for c in range(k2 - 1, max(lo, k - 45), -1):
        if toks[c].text != ",":
            continue
        first = _np_ending_at(toks, lo, c - 1, lex)
        if first is not None and first.kind in ("person", "organization") and first.start == toks[lo].start:
            return first, (toks[c + 1].start, toks[k - 1].end)
    return None, None


SHARE_OPENERS = {",", ";", ":", "—", "–", "that", "while", "but", "and", "whereas"}  # what may stand before one
QUANTIFIERS = GROUP_LEADS | {"both", "all"}  # the words of a share that names no group ("many", "some")


def _number(tok, lex):
    """Is the token a number, in digits or words ("10", "21,000" read as its last part, "twenty-four")?"""
    return tok.text.isdigit() or all(p in lex.number_words for p in tok.low.split("-"))


def _is_share(head, lex):
    """Is a group's head a share's ("percent", "half"; the "10" of "three in 10")?"""
    return head is not None and (head in lex.share_words or head.rpartition("-")[2] in lex.share_words or
                                 head.isdigit() or head in lex.number_words)


def _next_share(toks, a, b, lex):
    """The index of the comma or conjunction in toks[a:b] after which another share comes in ("…, versus 39
    percent", "… and one in four said"), or None."""
    for q in range(a, b):
        if toks[q].text not in (",", ";", "—") and toks[q].low not in ("and", "while", "versus", "but", "compared"):
            continue
        for k in range(q + 1, min(b, q + 5)):
            w = toks[k].low
            if w in lex.share_words and w != "cent" or _number(toks[k], lex) and k + 1 < b and (
                    toks[k + 1].low in ("percent", "%", "per") or toks[k + 1].low == "in" and k + 2 < b and
                    _number(toks[k + 2], lex)):
                return q
    return None


def _share_ending_at(toks, lo, end, lex, anywhere=False):
    """A share of the people asked ending at toks[end] as a clause's subject ("24 percent of voters", "almost
    half", "three in 10 Democrats", "two-thirds of respondents"): a poll's answer is reported speech, its
    respondents the group that speaks. The share opens the clause (the sentence, or after a comma or "that"),
    and after its head only plain words follow ("of registered voters"). A group Mention, or None."""
    share_words, number_words = lex.share_words, lex.number_words
    h = end
    while h >= lo and h > end - 8:
        t = toks[h]
        w = t.low
        if w in share_words:
            break
        if t.text.isdigit() or w in number_words:
            if h - 2 >= lo and toks[h - 1].low == "in" and _number(toks[h - 2], lex):
                break  # "three in 10"
        elif not t.text.isalpha():
            if "-" in w and w.rpartition("-")[2] in share_words:
                break  # "two-thirds"
            if not w.replace("-", "").replace("'", "").isalpha():
                return None
        if w in lex.verbs or w in RELATIVES or w == "that":
            return None  # "of voters who said": the relative's subject is the share before "who"
        h -= 1
    else:
        return None
    w = toks[h].low
    if h < end and toks[h + 1].low != "of" and toks[h - 1].low != "in":
        return None  # "the most popular player", "several delegates": a determiner, whose noun heads the phrase
    if w in ("percent", "%", "cent"):
        s = h - 2 if w == "cent" and h - 2 >= lo and toks[h - 1].low == "per" else h - 1
        if s < lo or not _number(toks[s], lex):
            return None  # "the percent", "per cent" alone
    elif toks[h - 1].low == "in" if h - 2 >= lo else False:
        s = h - 2  # "three in 10"
    else:
        s = h
        if "-" in w and not _number(toks[h], lex) and w.partition("-")[0] not in lex.number_words:
            return None
    while s > lo and (toks[s - 1].low in lex.share_qualifiers or _number(toks[s - 1], lex)):
        s -= 1  # "more than", "about", "a", "two thirds"
    if s > lo and toks[s - 1].low not in SHARE_OPENERS and not anywhere:
        return None  # "in 24 percent of cases said"
    # a quantifier alone ("Many", "Some", "Both") says of whom only in the sentences before it: like "a
    # senior official", it names no one (speaker null, the phrase kept); a poll's share stays its group
    kind = "anonymous" if all(t.low in QUANTIFIERS for t in toks[s:end + 1]) else "group"
    return _people(toks, s, end, kind, toks[h].low)


def _people(toks, s, end, kind, head):
    """The plural Mention of the people toks[s:end + 1] describes, as written (a poll's share, its respondents)."""
    text = " ".join(t.text for t in toks[s:end + 1])
    return Mention(toks[s].start, toks[end].end, text, kind, title=text, head=head, plural=True)


@functools.lru_cache(maxsize=4)
def _phrase_openers(lex):
    """Lowercase words a speaker phrase can start with: pronouns, determiners, speaker nouns, titles."""
    return frozenset(lex.pronouns) | DETERMINERS | frozenset(lex.speaker_nouns) | frozenset(lex.office_words) | \
        frozenset(lex.title_modifiers)


def _inside_place(toks, s, lo, end, lex):
    """Does toks[s] go on a place's name of several words that ends the phrase at toks[end] ("Aires" in
    "of Buenos Aires said", "Jose" in "in San Jose said")?"""
    if s <= lo or end - s > 2 or not toks[s - 1].cap:
        return False
    tail = " " + " ".join(map(LOW, toks[s:end + 1]))
    for a in range(max(lo, s - 3), s):
        if " ".join(map(LOW, toks[a:s])) + tail in lex.place_words:
            return True
    return False


def _np_ending_at(toks, lo, end, lex, objects=False):
    """The longest speaker-like noun phrase that ends exactly at toks[end] (a "(D-Md.)" after a
    name may stand between). objects: also one after a preposition but "of", as a relative "who" may stand
    for ("offered help to Republicans who say"), and no phrase running on past its head."""
    if end < lo:
        return None
    if toks[end].text == ")":
        for q in range(end - 1, max(lo - 1, end - 8), -1):
            if toks[q].text == "(":
                end = q - 1
                break
        if end < lo:
            return None
    phrases = {}  # start -> np_right(toks, start, stop=end + 1): the second search reads the first's
    openers = _phrase_openers(lex)
    for s in range(max(lo, end - 12), end + 1):
        t = toks[s]
        # a cheap test of the first word before the full parse
        if not (t.cap or t.low in openers or "-" in t.low):
            continue
        before = toks[s - 1].low if s > lo else None
        if before == "of" if objects else before in PREPOSITIONS or before in ("the", "a", "an") and \
                s - 2 >= lo and toks[s - 2].low in PREPOSITIONS:
            continue  # a phrase after a preposition, maybe with an article ("at the University"), is its object
        if end - s <= 2 and _inside_place(toks, s, lo, end, lex):
            continue
        m = phrases[s] = np_right(toks, s, lex, end + 1)
        if m is not None and m.end == toks[end].end:
            if m.plural and t.low in ("that", "this"):
                # "the files that investigators said …": no "that" points at a plural, it opens a clause
                m = np_right(toks, s + 1, lex, end + 1)
                if m is None or m.end != toks[end].end:
                    continue
            if m.kind == "organization" and s > lo and toks[s - 1].cap and toks[s - 1].low in lex.first_names:
                continue  # not from the middle of "Marta Berg": "Berg of Oslo" is no one
            return m
    # a speaker phrase with a short prepositional phrase after it: "a Western diplomat in Vienna"
    for s, m in phrases.items() if not objects else ():  # (the phrases read above, in the order of their starts)
        if m is None or m.kind in ("place", "thing"):
            continue
        k = s
        while k <= end and toks[k].end <= m.end:
            k += 1
        if k > end or toks[end].low in PREPOSITIONS:
            continue  # "delegates in [states that …]": a preposition has its object after it
        if toks[k].low in PREPOSITIONS and end - k <= 6 and not any(
                t.text in (",", ";") or verb_at(toks, q, lex)[0] for q, t in enumerate(toks[k:end + 1], k)):
            return m
        if m.kind in ("anonymous", "group", "nominal") and toks[k].low in POSTMODIFIERS and \
                end - k <= 10 and not any(t.text in (",", ";") for t in toks[k:end + 1]):
            return m
    return None


def _noun_cue(lows, k, hi, lex):
    """Does a noun of speech follow a verb that ends before the word lows[k]? ("expressed hope that", "rejected
    the notion that")"""
    return k + 1 < hi and (lows[k] in ("the", "a", "any") and lows[k + 1] in lex.noun_cues or
                           lows[k] in lex.noun_cues and lows[k + 1] == "that")


def _after_modal(toks, v, lo):
    """Does the base form of a speech verb at toks[v] head a statement, after a modal ("would say"; not a bare
    infinitive)? (A past or third-person form heads one, a gerund none.)"""
    return v - 1 >= lo and toks[v - 1].low in MODALS


# words before a plural noun, never before a verb in -s ("five states", "their claims")
NOUN_DETERMINERS = {"the", "a", "an", "these", "those", "their", "our", "my", "your", "its", "all", "both", "several",
                    "many", "few"}


def _counted_noun(toks, v, lo, lex):
    """Is the -s form at toks[v] a plural noun after a determiner or a number ("in five states going to the
    polls", "their states")? A subject is never that close before its verb."""
    if v - 1 < lo:
        return False
    w = toks[v - 1].low
    return w in NOUN_DETERMINERS or w.isdigit() or w in lex.number_words or w.rpartition("-")[2] in lex.number_words


def tail_cue(toks, lo, hi, lex=None):
    """The cue right after a closing quotation mark: `, X said`, `, said X`, `, X told NPR`."""
    lex = lex or lexicon()
    i = lo
    while i < hi and toks[i].text in (",", "—", "–", "-"):
        i += 1
    if i >= hi:
        return None
    # "according to X"
    if toks[i].low == "according" and i + 1 < hi and toks[i + 1].low == "to":
        m = _author_of_work(toks, i + 2, hi, lex) or np_right(toks, i + 2, lex, stop=hi)
        if m:
            return Cue(m, "according to", toks[i].start, toks[i + 1].end)
    v, n = verb_at(toks, i, lex)
    if v and v.form in ("past", "third"):
        # ", said X" / ", says the minister"
        j = i + n
        while j < hi and toks[j].low in lex.time_words:
            j += 1
        m = np_right(toks, j, lex, stop=hi)
        end = j
        while end < hi and not (toks[end].text in SENT_PUNCT and not (end + 1 < hi and toks[end + 1].text == ")")) \
                and toks[end].text != "," and end - j < 10:
            end += 1  # (not at the full stop inside "(D-Md.)")
        if m is None or ((m.kind in ("place", "organization") or (
                m.kind == "person" and len((m.name or "").split()) == 1 and not m.evidence)) and end - j > 2):
            # "said then-Surrey mayoral candidate Doug McCallum.", "says Cambridge cartoonist Andre Campbell,"
            loose, _ = np_segment(toks, j, end, lex)
            if loose is None and m is None:
                # "said former tech executive Ana Lind during the debate": the phrase ends where a time or
                # a place of the saying begins
                cut = next((q for q in range(j + 2, end) if toks[q].low in PREPS and toks[q].text.islower()), None)
                loose = np_segment(toks, j, cut, lex)[0] if cut is not None else None
            if loose is not None and (m is None or loose.kind == "person"):
                m = loose
        aside = None
        if (m is None or m.kind in ("anonymous", "nominal") and not m.name) and end + 1 < hi and \
                toks[end].text == "," and toks[end + 1].cap:
            # "said another ferry user, Johanna Berg.": a description, then the name of the one it describes
            named = np_right(toks, end + 1, lex, stop=hi)
            k = _first_at(toks, named.end, end + 1, hi) if named is not None else hi
            if named is not None and named.kind == "person" and " " in (named.name or "") and (
                    k >= hi or toks[k].text in (",", ".", ";")):
                m, aside = named, (toks[j].start, toks[end - 1].end)
        if m:
            return Cue(m, _words_as_written(toks, i, i + n), toks[i].start, toks[i + n - 1].end, aside)
        return None
    # ", X said" / ", X, the mayor, told reporters": the first speech verb, with the speaker before it
    cue_words = lex.cue_words
    for v_i in range(i + 1, min(hi, i + 36)):
        tk = toks[v_i]
        if (tk.text in SENT_PUNCT and not is_abbreviation_dot(toks, v_i)) or tk.text in QUOTE_CHARS:
            return None
        if tk.low not in cue_words and tk.low not in ("was", "were", "is", "are"):
            continue  # most words start no cue, active or passive: one set lookup
        form, n = verb_at(toks, v_i, lex)
        quoted_as = v_i + 2 < hi and _was_quoted_as(toks, v_i)
        passive = form is None and tk.low in ("was", "were", "is", "are") and v_i + 1 < hi and \
            (verb_at(toks, v_i + 1, lex)[0] or VERB_NONE).base in ("quote", "report", "cite")
        if form and (not tk.text.islower() or (form.form == "base" and not _after_modal(toks, v_i, i))):
            form = None  # "State" in "Secretary of State" is no verb; a bare "say" needs a modal
        if not (form and form.form in ("past", "third", "base")) and not quoted_as and not passive:
            continue
        end = _skip_back_adverbs(toks, v_i - 1, i, lex) + 1
        m, appositive = np_segment(toks, i, end, lex)
        if m is None:
            # "“…” for Clinton, said Kunin." / "“…” against it in the meetings, he said.": a phrase
            # about the quote, then the cue after a comma
            commas = [q for q in range(i + 1, v_i) if toks[q].text == ","]
            if not commas or form is None or form.form not in ("past", "third"):
                return None
            c = commas[-1]
            if c == v_i - 1:
                m = np_right(toks, v_i + n, lex, stop=hi)  # ", said Kunin"
                if m is None:
                    return None
                return Cue(m, _words_as_written(toks, v_i, v_i + n), tk.start, toks[v_i + n - 1].end)
            m, appositive = np_segment(toks, c + 1, end, lex)  # ", he said"
            if m is None:
                return None
        if quoted_as:
            return Cue(m, "was quoted as saying", tk.start, toks[v_i + 2].end, appositive)
        if passive:
            return Cue(m, f"{tk.text} {toks[v_i + 1].text}", tk.start, toks[v_i + 1].end, appositive)
        return Cue(m, _words_as_written(toks, v_i, v_i + n), tk.start, toks[v_i + n - 1].end, appositive)
    return None


def head_cue(toks, lo, hi, speech, lex=None):
    """The cue right before an opening quotation mark: `X said: “`, `X told reporters, “`,
    `According to X, “`. hi is the index of the first token after the cue; speech: the paragraph's
    SpeechVerbs."""
    lex = lex or lexicon()
    if hi <= lo:
        return None
    last = toks[hi - 1].text
    if lex.speaker_nouns.get(toks[hi - 1].low) == "source":
        return None  # "his book “The Art of Winning”": a document's title stands right after it
    end = hi - 1 if last in (":", ",", "—", "–") else hi
    # "According to X, “…”" ("according" is one of the cue words)
    for i, _ in speech.cues(lo, end - 1):
        if toks[i].low == "according" and toks[i + 1].low == "to":
            m = np_right(toks, i + 2, lex, stop=end)
            if m and m.end == toks[end - 1].end:
                return Cue(m, "according to", toks[i].start, toks[i + 1].end)
            m = _author_of_work(toks, i + 2, end, lex)
            if m:  # "According to a letter Tomas Varga wrote to the council, “…”"
                return Cue(m, "according to", toks[i].start, toks[i + 1].end)
    # the last speech verb before the mark, with at most a short object or phrase after it
    for v, (form, n) in reversed(list(speech.cues(max(lo, end - 11), end))):
        if not form or not toks[v].text.islower():
            continue
        if form.form == "gerund" and not (v >= 3 and _was_quoted_as(toks, v - 3)):
            if v > lo and toks[v - 1].text == "," and (last in (",", ":") and hi - 1 - (v + n) <= 1 or (
                    v + n == hi and form.base in ("say", "write", "add") and hi + 1 < len(toks) and
                    toks[hi + 1].text[:1].isupper())):
                # "…, saying: “…”"; "…, writing “It is …”" (a sentence right after the gerund, no comma)
                m = _cue_before(toks, lo, v - 1, lex) or _doer_before(toks, lo, v - 1, lex) or \
                    sentence_subject(toks, lo, v - 1, lex)
                if m is not None:
                    return Cue(m, toks[v].text, toks[v].start, toks[v].end)
            continue
        if form.form == "base" and not _after_modal(toks, v, lo) and not (
                bare_present(form, lex) and v > lo and toks[v - 1].low not in ("to", "not")):
            continue  # "Mexicans often say, “…”" is a cue; "to say" is not
        between = toks[v + n:end]
        if not between and last not in (":", ",") and form.base in lex.naming_verbs:
            return None  # "what he calls “…”", "a website called “…”": the quotation is a name
        if _said_in(speech, v + n, end):
            continue
        if last not in (":", ",") and between:
            # `X said “…”` without a colon: only "that" may stand between; `X called the offer “…”`
            # and `X described the talks as “…”` label something in the speaker's words
            labels = form.base in LABEL_VERBS and len(between) <= 8 and \
                not any(t.text in (",", ";", ".") for t in between)
            if not labels and not all(t.low == "that" for t in between):
                return None
        if len(between) > 10:
            return None
        start_v = v
        if form.form == "gerund":
            start_v = v - 3
        m, appositive = subject_before(toks, start_v, lo, lex)
        if m is None and start_v > lo and toks[start_v - 1].low in ("and", "but"):
            m = sentence_subject(toks, lo, start_v, lex)  # "X called for … and expressed “deep concern”"
        if m is not None and unnamed_document(m, lex) and form.base in LABEL_VERBS and toks[v - 1].end == m.end:
            continue  # "a book called “…”": the document's title, not its words
        if m is None:
            # "said X: “" (inverted); a document after another verb is what it is about ("called the report “…”")
            m = np_right(toks, v + n, lex, stop=end)
            if m is None or (unnamed_document(m, lex) and form.base not in lex.document_verbs):
                continue
        return Cue(m, _words_as_written(toks, start_v, v + n), toks[start_v].start, toks[v + n - 1].end,
                   appositive)
    return None


def _said_in(speech, a, b):
    """Does a speech verb in the past or third person stand from toks[a] to toks[b - 1]?"""
    for _, (form, _) in speech.cues(a, b):
        if form and form.form in ("past", "third"):
            return True
    return False


def reported_clauses(text, toks, lo, hi, speech, lex=None):
    """Reported speech in one sentence (tokens lo..hi): yields (Cue, clause_start, clause_end).
    speech: the paragraph's SpeechVerbs."""
    lex = lex or lexicon()
    # every cue below starts at a verb that may head a clause or at "according"; a sentence without one has
    # none (the inverted cue may look one token past the sentence)
    a, b = bisect_left(speech.heads, lo), bisect_right(speech.heads, hi)
    if a == b:
        return []
    cands, forms, verb_pos = speech.heads[a:b], speech.head_forms[a:b], speech.verbs
    out = []
    # most words are no cue: the loop visits only the words that may be, from i on (it moves forward)
    c = 0
    i = lo
    while True:
        c = bisect_left(cands, i, c)
        if c == len(cands) or cands[c] >= hi:
            break
        i = cands[c]
        low = toks[i].low
        if toks[i].cap and low != "according":
            i += 1  # a capitalised word ("States") is no verb here
            continue
        form, n = forms[c]
        heads = question = False
        if form is not None:
            # "asked whether …", "asked reporters if …": a reported question
            question = form.base in ASKING and not QUESTION_WORDS.isdisjoint(speech.lows[i + n:min(hi, i + n + 5)])
            heads = form.reports in ("y", "t") or question or _noun_cue(speech.lows, i + n, hi, lex)
        if heads:  # and in a form that heads a clause here (each form has its own ways)
            ok = form.form == "past"
            bare = gerund = quoted_as = carried = polled = False
            issuer = None
            if form.form == "third":
                ok = not _counted_noun(toks, i, lo, lex)
            elif form.form == "base":
                ok = _after_modal(toks, i, lo)
                if not ok and toks[i].text.islower():
                    bare = bare_present(form, lex) and i > lo and \
                        toks[i - 1].low not in ("to", "and", "or", "the", "a", "not")
                    # "continued to insist that …": the statement goes on, made by the subject of "continued"
                    carried = i - 2 >= lo and toks[i - 1].low == "to" and toks[i - 2].low in lex.continuing_verbs
                    # "voters were more likely to say …": a poll's answer, given by the subject of "were"
                    polled = i - 3 >= lo and toks[i - 1].low == "to" and toks[i - 2].low == "likely" and \
                        toks[i - 3].low in lex.poll_comparatives
                    carried = carried or polled
            elif form.form == "gerund":
                issuer = _issued_document_before(toks, i, lo, lex)
                gerund = i > lo and toks[i].text.islower() and (toks[i - 1].text == "," or (
                    toks[i - 1].text in CLOSING_MARKS and i - 2 >= lo and toks[i - 2].text == ",") or
                    issuer is not None)  # “…,” saying; "released a statement saying"
                quoted_as = i >= lo + 3 and _was_quoted_as(toks, i - 3)
            heads = ok or bare or gerund or quoted_as or carried
        if not heads:
            # "X, according to Y" / "According to X, …"
            if toks[i].low == "according" and i + 1 < hi and toks[i + 1].low == "to":
                r = _according(text, toks, lo, hi, i, lex)
                if r:
                    out.append(r)
            i += 1
            continue
        if i + n >= hi - 1 and (i + n >= hi or toks[i + n].text in SENT_PUNCT):
            break  # the verb ends the sentence ("…, the minister said."): no clause follows it, nor another cue
        if i + n + 1 < hi and toks[i + n].low == "to" and toks[i + n + 1].low in ("be", "have"):
            i += n  # "people believed to have been inside", "he is said to be ill": no one speaks
            continue
        v = i
        j = v + n
        # object of tell/warn/assure: "told reporters", "told US National Public Radio"
        told_someone = False
        if question:
            j = _first_of(speech.lows, QUESTION_WORDS, v + n, hi)
        elif form.base in OBJECT_VERBS and j < hi and toks[j].low != "that":
            obj = np_right(toks, j, lex, stop=hi)
            if obj is not None:
                while j < hi and toks[j].end <= obj.end:
                    j += 1
                told_someone = True
            elif toks[j].low in ("reporters", "journalists", "lawmakers", "parliament", "congress",
                                          "him", "her", "them", "me", "us", "supporters", "delegates"):
                j += 1
                told_someone = True
        # "told a weekly news conference in Tehran on Monday that …": whatever stands before a near
        # "that" (no verb, no comma in between) belongs to the cue (looked at only when there is one)
        near = speech.lows[j + 1:min(hi, j + 14)] if not question else ()
        t = j + 1 + near.index("that") if "that" in near else None
        if t is not None and toks[t - 1].low not in ("and", "or") and _part_of_cue(toks, j, t, verb_pos) and not (
                t + 1 < hi and (_finite_verb(toks, t + 1, hi, lex) or toks[t + 1].low in TIME_NOUNS)):
            # (not "said he formed firms that …": the "that" after a subject is the clause's own; not "worry
            # about cuts that could come", "found himself that morning": a relative pronoun, a determiner;
            # not "said prices rose and that …": a second clause, the first without its "that")
            j = t
        # "responded a few minutes later", "said two days ago": a span of time, then its adverb, dates the cue
        k = _first_of(speech.lows, TIME_AFTER, j + 1, min(hi, j + 5))
        if k is not None and toks[k - 1].low in TIME_UNITS:
            j = k + 1
        # short prepositional or time phrases before the clause: "in a statement", "on Tuesday"
        for _ in range(3 if not question else 0):
            if not (j < hi and (toks[j].low in PREPS or toks[j].low in WEEKDAYS)):
                break  # no phrase here (nor, j unmoved, at the next turn)
            k = j
            while k < hi and k - j < 8 and toks[k].low != "that" and toks[k].text not in (",", ".", ";"):
                if toks[k].low in WEEKDAYS and (k + 1 >= hi or toks[k + 1].low != "that"):
                    k += 1
                    break
                k += 1
            if k < hi and (toks[k].low == "that" or toks[k].text == ","):
                j = k + (1 if toks[k].text == "," else 0)
            elif toks[j].low in WEEKDAYS or (j + 1 < hi and toks[j + 1].low in WEEKDAYS):
                j = k
            else:
                # "said for weeks he's the only one": a short phrase, then a subject pronoun
                p_i = _first_of(speech.lows, SUBJECT_PRONOUNS, j + 1, min(hi, j + 5))
                if p_i is not None and verb_pos.keys().isdisjoint(range(j + 1, p_i)):
                    j = p_i
                break
        if j < hi and j > v + n and toks[j - 1].text == "," and toks[j].text.islower() and toks[j].low.endswith("ing"):
            i = v + n  # "said in an address, looking drained": a participle after the phrase describes the speaker
            continue
        # "said on Tuesday, February 16, that …": the date after the weekday
        month_first = toks[j].low.rstrip(".") in MONTH_WORDS if j < hi else False
        if j + 1 < hi and (month_first and (toks[j + 1].text == "." or toks[j + 1].text.isdigit()) or
                           toks[j].text.isdigit() and toks[j + 1].low.rstrip(".") in MONTH_WORDS):
            k = j + 2
            while k < hi and k - j < 6 and (toks[k].text in (",", ".") or toks[k].text.isdigit()):
                k += 1
            if k < hi and toks[k].low == "that":
                j = k
        # "rejected the notion (that) …", "expressed hope that …"
        if j + 1 < hi and toks[j].low in ("the", "a", "any") and toks[j + 1].low in lex.noun_cues:
            j += 2
        elif j + 1 < hi and toks[j].low in lex.noun_cues and toks[j + 1].low == "that":
            j += 1
        if question:
            has_that = True  # the question word plays the part of "that" and stays in the clause
        else:
            has_that = j < hi and toks[j].low == "that"
        if has_that and not question:
            j += 1
            if j < hi and j - 1 > v + n and _finite_verb(toks, j, hi, lex):
                i = v + n  # "said in a speech that included …": "that" after a noun opens a relative clause
                continue
            if j < hi and toks[j].low in AUXILIARIES:
                j -= 1  # "said that may help": no clause opens with its verb, so "that" is its subject
        elif form.reports == "t":
            i = v + n
            continue
        if j >= hi:
            i = v + n
            continue
        first = toks[j]
        fronted = not has_that and first.low in SUBORDINATORS and _fronted_clause(toks, j, hi)
        fronted = fronted or first.low == "this" and j + 1 < hi and toks[j + 1].low in AUXILIARIES  # "said this may …"
        if toks[j - 1].text == "," and first.low in RELATIVES:
            i = v + n  # "responded for the Blades, who have lost …": a relative clause, no one's words
            continue
        if not has_that and not fronted and (first.low in CLAUSE_BAD_START or first.low in lex.verbs or
                             (first.text in QUOTE_CHARS and not has_that) or
                             not (told_someone or looks_like_clause(toks, j, hi, asides=True))):
            i = v + n
            continue
        # the speaker last: most verbs head no clause, and finding who speaks is the costly part
        if quoted_as:
            m, appositive = subject_before(toks, v - 3, lo, lex)
        elif issuer is not None:
            m, appositive = subject_before(toks, issuer, lo, lex)  # who released the statement
        elif gerund:
            m, appositive = _cue_before(toks, lo, v - 1, lex) or _doer_before(toks, lo, v - 1, lex) or \
                sentence_subject(toks, lo, v, lex), None
        elif carried:
            w_c = v - 2 if not polled else v - 3
            while polled and w_c - 1 >= lo and toks[w_c - 1].low.endswith("ly") and toks[w_c - 1].text.islower():
                w_c -= 1  # "were slightly more likely"
            if w_c - 1 >= lo and toks[w_c - 1].low in AUXILIARIES:
                w_c -= 1  # "is continuing to", "were more likely to"
            m, appositive = subject_before(toks, w_c, lo, lex)
        else:
            m, appositive = subject_before(toks, v, lo, lex)
            if m is None and v > lo and toks[v - 1].low in ("and", "but"):
                # "X called for their release and said that …": the verbs share X
                m = sentence_subject(toks, lo, v, lex)
        if m is None or (bare and m.kind == "pronoun" and m.head in ("he", "she", "it")) or (
                bare and m.kind == "person" and not m.plural):
            i = v + n
            continue
        # the clause ends where a second cue takes over: "…, but said …", "… and that …"
        stop_at, resume, same_cue = _second_cue(toks, j, hi, speech, lex)
        if m.kind == "group" and m.name is None and _is_share(m.head, lex):
            # "24 percent said A, compared with 30 percent …", "…, and 60 percent said B": a poll's answer
            # ends where the narrator brings in another share
            cut = _next_share(toks, j + 1, stop_at, lex)
            if cut is not None:
                stop_at, resume, same_cue = cut, cut + 1, False
        w_i = _skip_back_adverbs(toks, v - 1, lo, lex)
        if w_i - 1 >= lo and toks[w_i].low == "who":
            # "X, who said A, was hired": A ends at the comma; "X, who said A, said B": B is read next
            cut = _relative_end(toks, j, stop_at, lex)
            if cut < stop_at:
                stop_at, resume, same_cue = cut, cut + 1, False
            elif toks[w_i].text == "who" and toks[w_i - 1].text != "," and not _verb_before(toks, lo, m, lex):
                # "Critics who say A want B": inside the sentence's subject the relative clause ends where
                # nothing marks it; read only after a verb, whose object the phrase is ("rebuked critics who say A")
                i = v + n
                continue
        end_tok = stop_at - 1
        while end_tok > j and toks[end_tok].text in CLAUSE_TRAIL + CONJUNCTIONS:
            end_tok -= 1
        start, end = first.start, toks[end_tok].end
        words = _words(toks, j, end_tok + 1)
        cue = Cue(m, _words_as_written(toks, v, v + n), toks[v].start, toks[v + n - 1].end, appositive)
        kept = words >= 3 or (words == 2 and looks_like_clause(toks, j, end_tok + 1))  # "said prices rose"
        if kept:
            out.append((cue, start, end))
        if resume is None:
            break
        if same_cue:
            # "said A and that B": B is a second object of the same verb, and the report of both is one
            # statement, A and B with the "and that" between them
            e2 = hi - 1
            while e2 > resume and toks[e2].text in CLAUSE_TRAIL:
                e2 -= 1
            s2, _, _ = _second_cue(toks, resume, hi, speech, lex)
            e2 = min(e2, s2 - 1)
            while e2 > resume and toks[e2].text in CLAUSE_TRAIL + CONJUNCTIONS:
                e2 -= 1
            if kept:
                out[-1] = (cue, start, toks[e2].end)
            elif _words(toks, resume, e2 + 1) >= 3:
                out.append((cue, toks[resume].start, toks[e2].end))
            i = s2 if s2 < hi else hi
            continue
        i = resume
    # parenthetical: "What he discovered, he says, is that …" — the sentence around the cue, whose
    # verb stands before a comma
    if not out and speech.aside and _any_between(speech.aside, lo + 2, hi - 3):  # (few paragraphs have one)
        r = _parenthetical(text, toks, lo, hi, lex)
        if r:
            out.append(r)
    # inverted: "The deal is dead, the minister said." (also before ", adding that …")
    k = bisect_left(speech.adding, lo + 2)
    cut = speech.adding[k] - 1 if k < len(speech.adding) and speech.adding[k] < hi else hi
    k = bisect_right(speech.reporting, cut) - 1
    # (none in a sentence that opens with a quotation: “…,” he said is the direct route's)
    r = _inverted(text, toks, lo, cut, speech.reporting[k], speech, lex) if k >= 0 and speech.reporting[k] >= lo \
        and toks[lo].text not in QUOTE_CHARS else None
    # kept unless it overlaps a clause found already or is that clause's own cue seen from the other side
    if r and out and all(r[1] <= cue.verb_start and cue.verb_end <= r[2] and _that_only(toks, cue, lo, hi, lex)
                         for cue, *_ in out):
        # "Porters like Berger recognized that …, he writes.": what the sentence says is reported whole by the
        # cue that ends it; a verb that takes only a "that" clause inside it is part of the report
        out = [r]
    elif r and not any(r[1] < e and s_ < r[2] or cue.verb_start == r[0].verb_start for cue, s_, e, *_ in out):
        out.insert(0, r)
    return out


def _part_of_cue(toks, j, t, verbs):
    """May toks[j:t] belong to the cue before a "that" at toks[t]: no comma, colon or quotation mark, no speech
    verb after toks[j] (verbs: the paragraph's), auxiliary or subject pronoun among them?"""
    for q in range(j, t):
        w = toks[q]
        if w.text in (",", ";", ":") or w.text in QUOTE_CHARS or q > j and q in verbs or w.low in AUXILIARIES or \
                w.low in CLAUSE_SUBJECTS:
            return False
    return True


def _that_only(toks, cue, lo, hi, lex):
    """Is the cue's verb one that reports only with "that" ("recognized", "found": speech_verbs.csv's t)?"""
    k = next((q for q in range(lo, hi) if toks[q].start == cue.verb_start), None)
    form = verb_at(toks, k, lex)[0] if k is not None else None
    return form is not None and form.reports == "t"


AUXILIARIES = {"is", "are", "was", "were", "will", "would", "could", "can", "should", "may", "might", "must", "has",
               "have", "had", "do", "does", "did", "won't", "can't", "isn't", "wasn't", "aren't", "weren't",
               "doesn't", "didn't", "hasn't", "haven't", "wouldn't", "couldn't", "shouldn't", "needs", "need",
               "wants", "want", "remains", "remain", "seems", "seem", "appears"}
# what opens a verb's object ("hurts the rails", "takes a toll"); not "this"/"that", which also open time
# phrases ("announced job cuts this week" is no clause)
OBJECT_OPENERS = {"the", "a", "an", "his", "her", "its", "their", "our", "my"}
CLAUSE_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my",
                      "such"}
# the words that are no noun before a verb in -s ("the rails hurts" is none)
NOUN_STOPS = CLAUSE_DETERMINERS | PREPOSITIONS
NOUN_STOPS_OR_AND = NOUN_STOPS | {"and", "or", "of"}


CONJUNCTIONS = ("and", "but", "while", "although", "though")
RELATIVES = {"who", "which", "whom", "whose"}
DATING = {"on", "last", "this", "earlier", "later", "week", "month", "year", "morning", "afternoon", "evening", "night"}
SUBORDINATORS = {"if", "unless", "once", "because", "although", "though", "when", "as"}  # "said if …, …"
CLAUSE_SUBJECTS = {"he", "she", "they", "we", "i"}  # pronouns that can only open a clause, never an object
QUESTION_WORDS = {"whether", "if"}  # what opens a reported question ("asked whether …")
ASKING = {"ask", "wonder", "question"}  # the verbs that report a question
TIME_AFTER = {"later", "ago", "earlier"}  # "minutes later", "days ago": a plural noun of time, no verb
TIME_NOUNS = {"morning", "afternoon", "evening", "night", "day", "week", "month", "year", "time", "moment"}
TIME_UNITS = {"seconds", "minutes", "hours", "days", "weeks", "months", "years", "decades", "moments", "minute",
              "hour", "day", "week", "month", "year", "decade", "moment"}


def _finite_verb(toks, j, hi, lex):
    """Does toks[j] (after an adverb in -ly) read as a finite verb: an auxiliary or a lowercase past tense?"""
    if toks[j].low.endswith("ly") and j + 1 < hi:
        j += 1
    w = toks[j]
    return w.low in AUXILIARIES or w.text.islower() and (w.low.endswith("ed") or w.low in lex.irregular_past)


def _says(toks, v, lex):
    """Is the verb at toks[v] one that reports speech with or without "that" ("say", "claim": speech_verbs.csv's
    y)? After a relative "who" a verb of feeling ("who worry that", "who had hoped that") describes, not reports."""
    form = verb_at(toks, v, lex)[0]
    return form is not None and form.reports == "y"


def _respondents(toks, lo, end, lex):
    """The people a poll asked as a speaker ending at toks[end]: "those surveyed", "voters polled" (a plural
    phrase, or "those", then a participle of respondent_participles.txt); a group Mention, or None."""
    if end - 1 < lo or toks[end].low not in lex.respondent_participles or not toks[end].text.islower():
        return None
    if toks[end - 1].low == "those":
        s = end - 1
    else:
        m = _np_ending_at(toks, lo, end - 1, lex)
        if m is None or not m.plural or m.kind not in ("group", "anonymous", "nominal"):
            return None
        s = _first_at(toks, m.start, lo, end)
    return _people(toks, s, end, "group", toks[end - 1].low)


def _verb_before(toks, lo, m, lex):
    """Does a verb stand in the sentence before the mention m ("rebuked critics", "compared with 30 percent")?"""
    for t in toks[lo:]:
        if t.start >= m.start:
            return False
        w = t.low
        if t.text.islower() and (w in AUXILIARIES or w in lex.irregular_past or w.endswith("ed") or
                                 w.endswith("s") and not w.endswith("ss") and w not in ("as", "this", "its", "his")):
            return True
    return False


def _relative_end(toks, j, stop, lex):
    """Where a clause reported inside a relative clause ("Berger, who said he left on good terms, was hired …")
    ends: at the comma that gives the sentence back to its own verb."""
    irregular_past = lex.irregular_past
    for q in range(j + 1, stop - 1):
        if toks[q].text != ",":
            continue
        w = toks[q + 1]
        if w.low in AUXILIARIES or w.low in irregular_past or w.low in lex.verbs or \
                w.low.endswith("ed") and w.text.islower():
            return q
    return stop


def _fronted_clause(toks, j, hi):
    """Does a reported clause open with a clause of its own ("said if he were mayor, the fund would …", "said as
    police entered the camp, one man …")? Both, before and after its comma, must read as clauses."""
    for c in range(j + 2, min(hi - 2, j + 16)):
        if toks[c].text in QUOTE_CHARS or toks[c].text in (";", ":", ".") and not is_abbreviation_dot(toks, c):
            return False
        if toks[c].text == ",":
            return looks_like_clause(toks, j + 1, c) and looks_like_clause(toks, c + 1, hi)
    return False


def _first_of_texts(toks, texts, a, b):
    """The index of the first of toks[a:b] whose text is one of texts, or None."""
    for q in range(a, b):
        if toks[q].text in texts:
            return q
    return None


def _first_of(words, wanted, a, b):
    """The index of the first word in words[a:b] that is in the set wanted, or None."""
    near = words[a:b]
    if wanted.isdisjoint(near):
        return None  # most windows hold none: one test
    return a + next(q for q, w in enumerate(near) if w in wanted)


def _words(toks, a, b, most=3):
    """How many words toks[a:b] holds, counted up to most (a clause needs only so many)."""
    n = 0
    for t in toks[a:b]:
        if t.text[0].isalnum():
            n += 1
            if n == most:
                break
    return n


SECOND_CUE_OPENERS = {"and", "but", ","}


def _second_cue(toks, j, hi, speech, lex):
    """Where a reported clause starting at toks[j] stops because a second cue begins:
    (index to stop before, index to resume scanning at or None, whether the cue is shared).
    "…, but said …" / "… and noted that …" resume at the verb; "… and that …" shares the cue."""
    lows = speech.lows
    for q in range(j + 3, hi):
        if lows[q] not in SECOND_CUE_OPENERS:
            continue  # every second cue starts at a comma or a conjunction
        t = toks[q]
        if t.low in ("and", "but") and q + 2 < hi and toks[q - 1].text in (",", "—", "–", ";"):
            # ", and its leader, Oddny Brekke, told …", "— but the chiefs say …": a second speaker takes over
            for v2, (form2, _) in speech.cues(q + 2, min(hi, q + 16)):
                bare2 = bare_present(form2, lex)
                if form2 and (form2.form in ("past", "third") or bare2) and toks[v2].text.islower() and \
                        form2.reports in ("y", "t"):
                    m2, _ = subject_before(toks, v2, q + 1, lex)
                    if m2 is not None and m2.kind in ("person", "organization", "group", "anonymous") and (
                            not bare2 or plural_speaker(m2)):  # "— but the chiefs say …"
                        return q - 1, v2, False
                    break
        if t.text == "," and q + 3 < hi and toks[q + 1].low in ("and", "but") and toks[q + 2].low in (
                "he", "she", "they") and (toks[q + 3].low.endswith("ed") or toks[q + 3].low in lex.verbs):
            # ", and he railed against …": the narration takes over; ", but he said …" reports anew, read next
            form, _ = speech.verbs.get(q + 3, NO_VERB)
            anew = form is not None and form.form in ("past", "third") and form.reports in ("y", "t")
            return q, q + 3 if anew else None, False
        if t.low in ("and", "but") and q + 1 < hi:
            nxt = toks[q + 1]
            if nxt.low == "that" and q + 2 < hi and looks_like_clause(toks, q + 2, hi):
                return q, q + 2, True
            v2 = _speaker_and_verb_at(toks, q + 1, hi, speech, lex) if nxt.cap else None
            if v2 is not None:
                return q, v2, False  # "… and Berger says B": B is Berger's
            k = q + 1
            while k < hi and toks[k].low in lex.time_words:
                k += 1
            form, n = speech.verbs.get(k, NO_VERB)
            if form and form.form in ("past", "third") and toks[k].text.islower() and form.reports in ("y", "t"):
                return q, k, False
        if t.text == "," and q + 1 < hi:
            form, n = speech.verbs.get(q + 1, NO_VERB)
            if form and form.form == "gerund" and form.reports in ("y", "t"):
                return q, q + 1, False
            v2 = _speaker_and_verb_at(toks, q + 1, hi, speech, lex)
            if v2 is not None:
                return q, v2, False  # "While critics say A, Berger says B": Berger's clause is his own
            if toks[q + 1].low in ("while", "whereas") and any(
                    (speech.verbs.get(k, NO_VERB)[0] or VERB_NONE).base in ("say", "tell", "argue", "claim", "insist", "warn")
                    and toks[k].text.islower() for k in range(q + 2, min(hi, q + 12))):
                return q, q + 2, False
    return hi, None, False


def _speaker_and_verb_at(toks, s, hi, speech, lex):
    """The index of the speech verb when toks[s:] opens with a speaker, that verb and a clause of its
    own ("Berger says the premium works"), else None; ", he added, was sound" is an aside, not that."""
    for v, (form, n) in speech.cues(s + 1, min(hi, s + 8)):
        if form is None:
            continue
        if not (form.form in ("past", "third") and toks[v].text.islower() and form.reports == "y"):
            return None
        m, _ = subject_before(toks, v, s, lex)
        if m is None or m.start != toks[s].start or m.kind not in ("person", "organization", "group", "pronoun"):
            return None
        k = v + n
        if k < hi and toks[k].text[0].isalnum() and (toks[k].low == "that" or looks_like_clause(toks, k, hi)):
            return v
        return None
    return None


def looks_like_clause(toks, j, hi, asides=False):
    """Does toks[j:] start a clause (a subject and a finite verb), not an object ("announced the end")?
    asides: the subject may run on over commas (right after a cue, where no second cue is looked for)."""
    first = toks[j].low
    if first.endswith(("'d", "'ll", "'re", "'ve", "'m")):
        return True  # "he'd taken", "they're"
    if first in SUBJECT_PRONOUNS and first not in ("the", "his", "her", "their", "its"):
        return True
    irregular_past = lexicon().irregular_past
    for q in range(j + 1, min(hi, j + 12)):
        t, before = toks[q], toks[q - 1]
        w, b, lower = t.low, before.low, t.text.islower()
        if w in AUXILIARIES:
            return True
        if (w in irregular_past or lower and w.endswith("ed")) and b not in CLAUSE_DETERMINERS and q - j <= 8:
            return True
        if lower and w.endswith("s") and not w.endswith("ss"):  # a verb in -s ("needs", "makes")
            if q - j <= 4 and (before.cap or b in ("he", "she", "it", "this", "that", "who", "which", "one")):
                return True  # "Ottawa needs", "she wants": a verb after a name or a pronoun
            if first in CLAUSE_DETERMINERS and q - j >= 2 and before.text.islower() and \
                    b not in NOUN_STOPS_OR_AND and not b.endswith("s") and not (
                        q + 1 < hi and toks[q + 1].low in TIME_AFTER):
                return True  # "a prolonged standoff makes …": article, noun, verb ("a few minutes later": no verb)
            if q - j <= 3 and q + 1 < hi and toks[q + 1].low in OBJECT_OPENERS and before.text.isalpha() and \
                    before.text.islower() and b not in NOUN_STOPS and not b.endswith("s"):
                return True  # "cold weather hurts the rails": a bare noun, a verb, then its object's article
        if asides and t.text == "," and _verb_after_aside(toks, q, hi, irregular_past):
            return True
        if t.text in (",", ";", ":", ".") and not is_abbreviation_dot(toks, q):
            break  # "Mr. Lind had …": a title's full stop ends no clause
    return first.endswith(("'s", "’s"))


def _verb_after_aside(toks, c, hi, irregular_past):
    """After a comma in a would-be subject: does the subject run on over an aside to its finite verb ("the
    firm, along with a bank run by his friend, gave …") or over a list ("officials, rights groups, and owners
    need …")? The verb must follow the aside's closing comma, or the list's last item after ", and"."""
    for q in range(c + 1, min(hi, c + 16)):
        t = toks[q]
        if t.text in (";", ":", ".", "(", ")") or t.text in QUOTE_CHARS and t.start > toks[q - 1].end:
            return False  # (an apostrophe that ends a word, "tenants'", is no quotation mark)
        w = t.low
        if q == c + 1 or not (w in AUXILIARIES or w in irregular_past or w.endswith("ed") and t.text.islower()):
            continue  # (an aside may open with a participle: "the report, released on Monday, showed …")
        if toks[q - 1].text == ",":
            if q - c >= 3:
                return True  # an aside of two words or more between the commas
            continue
        k = q - 1  # the list's last item: up to three words after ", and"
        while k > q - 4 and toks[k].text.isalpha() and toks[k].low not in ("and", "or"):
            k -= 1
        if toks[k].low in ("and", "or") and toks[k - 1].text == "," and k - 1 > c:
            return True
    return False


def _cue_before(toks, lo, c, lex):
    """The speaker of a cue that ends right before toks[c] ("“…,” Berger said, adding that …")."""
    for k in range(c - 1, max(lo - 1, c - 4), -1):
        form, n = verb_at(toks, k, lex)
        if form and form.form in ("past", "third") and toks[k].text.islower():
            m, _ = subject_before(toks, k, lo, lex)
            if m is None and k + n < c:
                m = np_right(toks, k + n, lex, stop=c)
            return m
    return None


DOERS = {"him": "he", "her": "she", "them": "they"}
ING_PREPOSITIONS = {"during", "including", "regarding", "concerning", "following", "according", "excluding",
                    "considering", "pending", "notwithstanding", "barring", "respecting", "involving"}


def _issued_document_before(toks, g, lo, lex):
    """The index of the verb by which a document standing right before the gerund at toks[g] was put out ("the
    town released a statement Wednesday saying …", "put out a notice saying …"), or None: the document says what
    its issuer says, so the verb's subject speaks; a document someone else answers ("denied reports saying …")
    is not read."""
    k = g - 1
    while k > lo and g - k <= 2 and (toks[k].low in WEEKDAYS or toks[k].low in TIME_NOUNS or toks[k].low == "online"):
        k -= 1  # "a statement Wednesday evening saying", "a message online saying"
    w = toks[k].low
    if k <= lo or not (w in lex.document_nouns or lex.speaker_nouns.get(w) == "source"):
        return None
    issuing = lex.issuing_verbs  # ("put out", "posted online": the verb, then "out" or "online")
    for q in range(k - 1, max(lo, k - 5) - 1, -1):  # back over its article and modifiers to the issuing verb
        w = toks[q].low
        if w in issuing:
            return q
        if w in ("out", "online") and q > lo and toks[q - 1].low in issuing:
            return q - 1
        if not toks[q].text.isalpha() or w in lex.verbs and w not in issuing:
            return None
    return None


def _doer_before(toks, lo, c, lex):
    """The one doing the act that ends right before the comma at toks[c] when it is an object's ("recalls him
    pausing at the gate, saying …", "showed Ana Lind speaking, saying …"): a participle clause goes with the
    nearest doer, here the object before the -ing verb, not the sentence's subject. None if there is none."""
    for k in range(c - 1, max(lo + 1, c - 10), -1):
        t = toks[k]
        if t.text in (",", ";", ":") or t.text in SENT_PUNCT:
            return None
        if not (t.low.endswith("ing") and t.text.islower()) or t.low in TIME_NOUNS or t.low in ING_PREPOSITIONS:
            continue  # ("Monday evening", "during his visit": no one doing anything)
        d = toks[k - 1]
        if toks[k + 1].low == "of" or d.low.endswith(("'s", "’s")):
            return None  # "criticized her handling of the crisis, saying …": a noun, the subject's words
        if d.low in DOERS and k - 2 >= lo and toks[k - 2].text.islower():
            return Mention(d.start, d.end, d.text, "pronoun", head=DOERS[d.low], plural=d.low == "them")
        if d.cap:
            m = _np_ending_at(toks, lo, k - 1, lex)
            a = _first_at(toks, m.start, lo, k) if m is not None else lo
            if m is not None and m.kind == "person" and a > lo and toks[a - 1].text.islower() and \
                    toks[a - 1].low not in PREPOSITIONS:
                return m  # (after a verb: "showed Ana Lind speaking"; not "with Ana Lind looking on")
        return None
    return None


DATELINE_DASHES = frozenset("-—–")
STATE_INITIALS = re.compile(r"(?:[A-Z]\.){2}")  # "N.C.", "N.H.": a US state as newspapers abbreviate it


def sentence_subject(toks, lo, v, lex):
    """The subject of the sentence's main clause, for "…, saying that …": the first noun phrase,
    after an introductory phrase closed by a comma."""
    if toks[lo].text.isupper() and len(toks[lo].text) > 1:
        # "PARIS, Aug 31 (Reuters) — Ana Lind …, saying": a dateline before a dash is no part of the sentence
        dash = _first_of_texts(toks, DATELINE_DASHES, lo + 1, min(v, lo + 12))
        if dash is not None:
            lo = dash + 1
    comma = _first_of_texts(toks, COMMA, lo, v)
    first = np_right(toks, lo, lex, stop=v)
    if comma is not None and comma + 1 < v and (first is None or first.end < toks[comma - 1].end):
        # "Hours later, Ana Lind …", "Inside the hall, Ana Lind …": words before the comma that are more than
        # one phrase open the sentence; the name after them is its subject (a name, not "a Democrat", which
        # is rather an aside)
        m = np_right(toks, comma + 1, lex, stop=v)
        if m is not None and m.kind in ("person", "organization") and m.name:
            return m
    for s_i in [lo] + ([comma + 1] if comma is not None else []):
        m = first if s_i == lo else np_right(toks, s_i, lex, stop=v)
        if m is not None and m.kind in ("person", "organization", "group", "pronoun", "nominal", "anonymous"):
            return m
    return None


def _described_source(m, toks, a, end, lex):
    """Is m, found at toks[a], an unnamed source or document whose description runs on before end in
    lowercase words ("a source close to …", "the memo obtained by …")?"""
    if m is None or m.name or m.kind not in ("anonymous", "source", "nominal") or toks[a].low not in (
            "the", "a", "an"):
        return False
    after = _first_at(toks, m.end, a, end)
    return after < end and toks[after].text[:1].islower()


def _author_of_work(toks, k, end, lex):
    """The author named in "a speech Ana Brenner delivered", "a letter the mayor wrote", "an interview he gave":
    the mention after a work or document and before a verb of authoring, or None."""
    k += 1 if k < end and toks[k].low in ("a", "an", "the", "one", "this", "that") else 0
    if k + 2 >= end or not (toks[k].low in lex.authored_works or lex.speaker_nouns.get(toks[k].low) == "source"):
        return None
    a = np_right(toks, k + 1, lex, stop=end)
    if a is None or a.kind not in ("person", "organization", "pronoun", "nominal"):
        return None
    after = _first_at(toks, a.end, k + 1, end)
    return a if after < end and toks[after].low in lex.authoring_verbs else None


def _according(text, toks, lo, hi, i, lex):
    """"According to X, …" and "…, according to X": the source phrase runs to the next comma or dash."""
    end = i + 2
    while end < hi and toks[end].text not in (",", ";", "—", "–", "-", "(") and not (
            toks[end].text in SENT_PUNCT and not is_abbreviation_dot(toks, end)) and end - i < 14:
        end += 1
    if end == i + 2:
        return None
    m = np_right(toks, i + 2, lex, stop=end)
    author = _author_of_work(toks, i + 2, end, lex)
    described = author is None and _described_source(m, toks, i + 2, end, lex)
    if author is not None:
        m = author  # "according to a speech Ana Brenner delivered at …": Brenner speaks through it
    elif not described:
        # the whole phrase may name the source ("Amy Glasmeier of the Acme Institute"), but a name that ends a
        # description ("the memo obtained by The Courier", "a source close to Tomas Berger") does not
        m = np_segment(toks, i + 2, end, lex)[0] or m
        after = _first_at(toks, m.end, i + 2, end) if m is not None else end
        described = m is not None and after < end and unnamed_document(m, lex)
    if described:
        # a description that runs on ("the person who spoke to The Associated Press on condition of
        # anonymity") stays a description, whole, not a name; a document stays itself ("the memo obtained
        # by The Globe": the memo, whoever obtained it), its issuer found from its own words
        if not unnamed_document(m, lex):  # "a memo" as much as "the memo"
            m.end, m.text = toks[end - 1].end, text[toks[i + 2].start:toks[end - 1].end]
    elif author is None and (m is None or m.end < toks[end - 1].end):
        phrase = text[toks[i + 2].start:toks[end - 1].end]
        first = i + 2 + (1 if toks[i + 2].low in ("the", "a", "an") else 0)
        name = text[toks[first].start:toks[end - 1].end] if first < end else phrase  # "the study" -> "study"
        named = any(t.cap for t in toks[i + 2:end])
        m = Mention(toks[i + 2].start, toks[end - 1].end, phrase, "organization" if named else "anonymous",
                    name=name if named else None, title=phrase)
    cue = Cue(m, "according to", toks[i].start, toks[i + 1].end)
    if (i == lo or toks[lo].low in ("but", "and", "yet", "so")) and end < hi and toks[end].text == ",":
        end_tok = hi - 1
        while end_tok > end and toks[end_tok].text in CLAUSE_TRAIL:
            end_tok -= 1
        if end_tok - end >= 3:
            return cue, toks[end + 1].start, toks[end_tok].end
    if i > lo + 2 and toks[i - 1].text == ",":
        start = lo
        if toks[lo].text in QUOTE_CHARS:
            return None
        if end + 1 < hi and toks[end].text == "," and _sentence_goes_on(toks, end + 1, hi, lex):
            # "Over the long term, according to the budget office, the deficit will grow": the source is an
            # aside and the statement is the sentence around it
            end_tok = hi - 1
            while end_tok > end and toks[end_tok].text in CLAUSE_TRAIL:
                end_tok -= 1
            if _words(toks, end + 1, end_tok + 1) >= 3:
                return cue, toks[start].start, toks[end_tok].end, toks[i - 1].start, toks[end].end
        return cue, toks[start].start, toks[i - 2].end
    return None


def _sentence_goes_on(toks, k, hi, lex):
    """After ", according to X," does the sentence go on (", the deficit will grow"), rather than describe X
    (", who …", ", released on Monday"), add a clause of its own (", and …") or bring in another speaker
    (", Berger said he …")?"""
    w = toks[k]
    if w.low in RELATIVES or w.low in ("and", "but", "or", "where", "when", "while") or w.text in QUOTE_CHARS or \
            w.text.islower() and w.low.endswith(("ed", "ing")):
        return False
    return not any(t.text.islower() and (toks[q - 1].cap or toks[q - 1].low in CLAUSE_SUBJECTS) and
                   (verb_at(toks, q, lex)[0] or VERB_NONE).form in ("past", "third")
                   for q, t in enumerate(toks[k + 1:hi], k + 1) if t.low in lex.cue_words)


def _parenthetical(text, toks, lo, hi, lex):
    """", he says," between two commas inside a sentence: the statement is the rest of the sentence,
    returned as (cue, start, end, cut_start, cut_end) with the parenthetical cut out. Only the first
    two commas a word or more apart are read."""
    c1 = _first_of_texts(toks, COMMA, lo + 1, hi - 3)
    c2 = c1 and _first_of_texts(toks, COMMA, c1 + 2, min(hi - 1, c1 + 8))
    if c2 is None:
        return None
    form, n = verb_at(toks, c2 - 1, lex)
    bare = bare_present(form, lex)
    if not form or form.form not in ("past", "third") and not bare or form.reports == "n" and form.base != "say":
        return None
    m, _ = np_segment(toks, c1 + 1, c2 - 1, lex)
    if m is None or toks[c1 + 1].text in QUOTE_CHARS or bare and not plural_speaker(m):
        return None  # ", critics say,": the bare present after a plural
    end_tok = hi - 1
    while end_tok > c2 and toks[end_tok].text in CLAUSE_TRAIL:
        end_tok -= 1
    if end_tok <= c2 or toks[lo].text in QUOTE_CHARS:
        return None
    cue = Cue(m, _words_as_written(toks, c2 - 1, c2 - 1 + n), toks[c2 - 1].start, toks[c2 - 1].end)
    return cue, toks[lo].start, toks[end_tok].end, toks[c1].start, toks[c2].end


def _inverted(text, toks, lo, hi, last_verb, speech, lex):
    """"The deal is dead, the minister said." / "…, said Howard Rubel, a senior analyst at Jefferies."
    last_verb: the index of the last reporting verb up to toks[hi]; the cue's verb follows its comma. The
    sentence opens with no quotation mark."""
    end = hi - 1
    while end > lo and toks[end].text in (".", "!", "?"):
        end -= 1
    lows = speech.lows  # (a comma's folded form is the comma)
    for c in range(min(end, last_verb - 1), max(lo, end - 45), -1):
        if lows[c] != ",":
            continue
        if c - lo < 4:
            return None
        first = c + 1
        while first <= end and toks[first].text in QUOTE_CHARS:
            first += 1  # "… “like snipers,” he said"
        form, n = speech.verbs.get(first, NO_VERB)
        if form and form.form in ("past", "third") and form.reports == "y" and toks[first].text.islower():
            m = np_right(toks, first + n, lex, stop=end + 1)
            if m and unnamed_document(m, lex) and form.base not in lex.document_verbs:
                continue  # "…, denied the report, saying …": the report is what was denied
            if m and (m.end == toks[end].end or _followed_by_comma(toks, m, end)):
                return Cue(m, toks[first].text, toks[first].start, toks[first + n - 1].end), toks[lo].start, \
                    toks[c - 1].end
            continue
        m = np_right(toks, first, lex, stop=end + 1)
        if m is None:
            continue
        k = first
        while k <= end and toks[k].end <= m.end:
            k += 1
        while k <= end and (toks[k].low in lex.time_words or toks[k].low in WEEKDAYS or fold(
                toks[k].text) == "on"):
            k += 1
        form, n = speech.verbs.get(k, NO_VERB)
        if form and form.form == "base" and not (bare_present(form, lex) and plural_speaker(m) and
                                                 toks[k].text.islower() and k + n - 1 >= end):
            continue  # "…, analysts say." (a plural speaks in the bare present, ending the sentence), not "…, you say"
        if form and form.form in ("past", "third", "base") and (form.reports == "y" and (
                k + n - 1 >= end - 6 or _comma_soon(toks, k + n, end, speech)) or form.reports == "t" and all(
                t.low in WEEKDAYS or t.low in DATING for t in toks[k + n:end + 1])):
            return Cue(m, _words_as_written(toks, k, k + n), toks[k].start, toks[k + n - 1].end), \
                toks[lo].start, toks[c - 1].end
    return None


def _any_between(positions, a, b):
    """Does the sorted list hold a value from a to b (both included)?"""
    k = bisect_left(positions, a)
    return k < len(positions) and positions[k] <= b


def _comma_soon(toks, k, end, speech):
    """After an inverted cue, only a short phrase and then a comma ("…, X said on Tuesday at a
    briefing in Moscow, though …")."""
    for q in range(k, min(end + 1, k + 10)):
        if toks[q].text == ",":
            return True
        if toks[q].text in QUOTE_CHARS or q in speech.verbs:
            return False
    return False


def _followed_by_comma(toks, m, end):
    """Is the first token after the mention m a comma, at toks[end] or before it?"""
    q = _first_at(toks, m.end, 0, len(toks))
    return q < len(toks) and q <= end and toks[q].text == ","
