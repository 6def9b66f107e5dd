"""The extraction pipeline: an Article in, Statements out. Pure functions, no I/O."""
import functools
import re
from bisect import bisect_left
from itertools import compress
from operator import itemgetter

from .attribution import OBJECT_VERBS, Cue, SpeechVerbs, head_cue, reported_clauses, tail_cue, QUOTE_CHARS
from .dates import MONTHS, SPECIAL_FOLDS, WEEKDAYS, may_name_time, statement_date
from .enrich import enrich
from .lexicon import fold, lexicon
from .mentions import ARTICLES, DETERMINERS, MOD_STOP, SPOKES, Entities, acronyms_in, as_written, phrase_heads, title_words, tidy, Mention, group_name, international_in, lone_pronouns, np_right, title_office, unnamed_document
from .records import Article, statement
from .text import START, TERMINATORS, find_quotes, is_abbreviation_dot, positions, sentences, tokens

TRAILING = ",;:"
PASSING_WORDS = {"to", "with", "by", "for", "of", "about", "against", "from", "at", "in", "on", "and", "or", "than",
                 "between", "among", "like", "unlike", "under", "over", "into", "toward", "towards", "via", "met",
                 "meet", "meets", "told", "tell", "tells", "beat", "beats", "thank", "thanks", "called", "asked",
                 "endorsed", "praised", "criticized", "attacked", "replace", "replaced", "succeeded", "defeat"}
GENDERED = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}
# a frozenset tells whether a paragraph has any of its words (isdisjoint) for a fifth of what listing them costs
GENDERED_WORDS = frozenset(GENDERED)
FIRST = itemgetter(0)


class _Para:
    __slots__ = ("source", "index", "lo", "hi", "toks", "quotes", "_sents", "ends", "caps", "lows")

    def __init__(self, source, index, lo, hi, toks, sents, quotes, ends=()):
        """source: the article's text; sents: the sentence spans, or None to find them when first asked for
        (from ends, the offsets of the article's TERMINATORS): only paragraphs with a quote or a cue word read
        them (three in four)."""
        self.source, self.index, self.lo, self.hi = source, index, lo, hi
        self.toks, self.quotes = toks, quotes
        self._sents, self.ends = sents, ends
        # each token's capital and folded form as lists, read by several passes over the paragraph (a
        # comprehension reads a slot for half what map(attrgetter) costs)
        self.caps, self.lows = [t.cap for t in toks], [t.low for t in toks]

    def sents(self):
        """The sentence spans, found when first asked for."""
        if self._sents is None:
            ends = self.ends
            self._sents = sentences(self.source, self.lo, self.hi, self.quotes,
                                    ends[bisect_left(ends, self.lo):bisect_left(ends, self.hi - 2)])
        return self._sents

    def text_of(self, toks, i, j):
        """The text as written from toks[i] to toks[j - 1]."""
        return self.source[toks[i].start:toks[j - 1].end] if j > i else ""

    def tok_index(self, offset):
        """Index of the first token starting at or after offset."""
        if offset <= self.lo or offset >= self.hi:
            # the paragraph's ends (a sentence's, often) need no list of starts: its tokens lie inside it
            return 0 if offset <= self.lo else len(self.toks)
        # the tokens bisected by their starts: a few looked at, where a list of all their starts cost a pass
        return bisect_left(self.toks, offset, key=START)

    def sentence_of(self, offset):
        for s, e in self.sents():
            if s <= offset < e:
                return s, e
        return self.lo, self.hi


def _layout(article):
    text = article.text
    quotes = find_quotes(text, article.paragraphs)
    # a quote has a part in each paragraph from the one it opens in (find_quotes runs it on only into the next)
    inside = {}
    for q in quotes:
        for k in range(q.paragraph, q.paragraph + len(q.parts)):
            inside.setdefault(k, []).append(q)
    paras = []
    ends = positions(text, TERMINATORS, 0, len(text))  # where a sentence may end, found once for the text
    for k, (lo, hi) in enumerate(article.paragraphs):
        paras.append(_Para(text, k, lo, hi, tokens(text, lo, hi), None, inside.get(k, []), ends))
    return quotes, paras


def _in_quote(offset, quotes):
    """Does offset fall in one of quotes' parts or on its marks?"""
    for q in quotes:
        for s, e in q.parts:
            if s - 1 <= offset < e + 1:
                return True
    return False


QUOTE_TOKENS = frozenset(map(fold, QUOTE_CHARS))  # the folded forms of the tokens that are quotation marks
# a paragraph without them, "(" (a token of its own: every CREDIT opens with one) and quotations is one run
RUN_BREAKS = QUOTE_TOKENS | {"("}
CREDIT = re.compile(r"\((?:[^()/]{1,60}/\s*[^()]{1,50}|\s*(?:photo|photograph|image|file photo)[^()]{0,60}|"
                    r"[^()]{0,60}\b(?:photo|getty images|the canadian press|associated press)\s*)\)", re.I)


def _collect_mentions(paras, ents, lex):
    """First pass: every person and organisation named outside quotation marks, with the titles
    and appositives that give their offices."""
    starters = _mention_starters(lex)
    opener = starters.get  # (word, capital): may the token open a mention?
    strong_words = _title_or_speaker(lex)  # titles and speaker nouns, beside capitals
    verbs = lex.verbs
    phrase_words = _phrase_words(lex)
    for p in paras:
        toks, n = p.toks, len(p.toks)
        # only capitals, determiners and titles can start a name or an organisation: the tokens looked at,
        # run by run of unquoted tokens, where a mention stops
        caps, lows = p.caps, p.lows
        nxt = 0
        for lo, stop in _unquoted_runs(p):
            # (a run of the whole paragraph, most, reads its lists as they are)
            for i in compress(range(lo, stop), map(opener, lows, caps) if stop - lo == n else
                              map(opener, lows[lo:stop], caps[lo:stop])):
                if i < nxt:
                    continue  # inside the mention found last
                if not caps[i]:
                    if starters[lows[i]] is DETERMINER:
                        # a determiner only when a capital, a title or a speaker noun follows closely (looked
                        # at for determiners alone, not listed for every token)
                        near = i + 5 if i + 5 < stop else stop
                        if True not in caps[i + 1:near] and strong_words.isdisjoint(lows[i + 1:near]) or \
                                _opens_no_phrase(caps, lows, i, stop, True, phrase_words):
                            continue  # (np_right would read nothing: not asked)
                    elif _opens_no_phrase(caps, lows, i, stop, False, phrase_words):
                        continue
                # entities_only (by position: a call with a keyword costs more): the others are read as documents
                # or passed
                m = np_right(toks, i, lex, stop, True)
                if m is None:
                    continue
                kind = m.kind
                if kind == "place":
                    # past the whole place name: "Scotia" of "Nova Scotia" is no one
                    nxt = i
                    while nxt < stop and toks[nxt].end <= m.end:
                        nxt += 1
                    continue
                if not m.name and m.possessor is None and _is_document(m, lex) and (
                        name := _named_issuer(m, lex)):  # (a document has no name of its own: most mentions pass)
                    # "a Norvik Rail study concluded": Norvik Rail is spoken of, as the study's issuer
                    ents.add(Mention(m.start, m.end, name, "organization", name=name))
                    while nxt < stop and toks[nxt].start < m.end:
                        nxt += 1  # past the document: its words name no one else
                    continue
                if kind not in ("person", "organization", "group") or (
                        kind == "person" and not m.evidence and " " not in m.name and i + 1 < stop and
                        toks[i + 1].text[:1].isdigit() and (i == 0 or toks[i - 1].text in (".", "!", "?", "—"))):
                    # "Almost 650 courses have closed": a capitalised word before a number opens a sentence
                    continue
                end = m.end
                for j in range(i, n):  # j: the token after the mention's (a for loop reads them for less)
                    if toks[j].end > end:
                        break
                else:
                    j = n
                comma = j < stop and toks[j].text == ","  # an appositive may follow
                unproven = kind == "person" and not m.evidence
                if unproven and comma and _described_as_organisation(toks, j, stop, lex):
                    m.kind = kind = "organization"  # "Rally North, the group that organised the march,"
                    unproven = False
                b = i - 1
                if b > 0 and lows[b] in ARTICLES and lows[b - 1] in PASSING_WORDS:
                    b -= 1  # "the move to a Langley line": the article left outside the name, the preposition before it
                before = lows[b] if b >= 0 else ""
                # a passing mention: the object of a preposition or a verb ("met Tomas Berger", "with Trump");
                # a noun before a name is an apposition ("maker Procter & Gamble"), not a passing mention
                passing = before and (word := toks[b].text).isalpha() and word.islower() and (
                    before in PASSING_WORDS or before.endswith("ed") or before in verbs)
                if before == "that" and any(verbs.get(t.low) and t.text.islower() for t in toks[max(0, b - 4):b]):
                    passing = True  # "Acme said on Monday that Norvik had …": a name inside what someone said, as
                    # after "said Norvik had …"
                if passing and b > 0 and toks[b - 1].text in ("”", '"', "’", "'", ",") and before in verbs:
                    passing = False  # “…,” said Lorne Fitch: the speaker, not an object
                if passing and kind == "person" and j + 1 < stop and toks[j].text == "," and toks[j + 1].low in (
                        "who", "whose"):
                    passing = False  # "I'm talking about Ana Okafor, who …": described at length, the topic
                e = ents.add(m, "other" if passing else "subject")
                if unproven and e is not None and not e.evidence and (
                        _next_to_verb(toks, i, j, lex) or _aged(toks, i, j, stop, lex)):
                    # someone who speaks is a person (asked only of an entity nothing has shown to be one yet),
                    # and so is someone with an age
                    m.evidence = e.evidence = True
                if e is not None and e.kind == "person":
                    if not e.evidence and not passing and i > 0 and toks[i - 1].text == "," and j < stop and \
                            toks[j].text.islower():
                        ents.bare_subjects.add(m.start)  # "…, Mulder didn't hesitate": a name, mid-sentence
                    # appositive: "Sergei Ryabkov, the country's deputy foreign minister, said"
                    if comma:
                        a = title_office(toks, j + 1, stop, lex)
                        if a is not None:
                            k = j + 1
                            while k < stop and toks[k].text not in (",", ";") and not (
                                    toks[k].text in (".", "!", "?") and not is_abbreviation_dot(toks, k)):
                                k += 1
                            phrase = p.text_of(toks, j + 1, k)
                            e.offices.append((a.office, phrase, (toks[j + 1].start, toks[k - 1].end)))
                            e.nominals |= lex.office_nominals.get(a.office, frozenset())
                            country = a.country
                            if country is None and a.possessor is not None:
                                country = a.possessor.country
                            e.country = e.country or country
                nxt = j if j > i else i + 1
    _quoted_titles(paras, ents, lex)
    if not any(e.gender == "u" and e.kind == "person" and e.evidence for e in ents.items):
        return  # pronouns give a gender only to a person known to be one who has none yet (most articles have none)
    pronouns = []
    for p in paras:
        if GENDERED_WORDS.isdisjoint(p.lows):
            continue
        for t in compress(p.toks, map(GENDERED.__contains__, p.lows)):  # he, his, she, her…
            g = GENDERED[t.low]
            if not (p.quotes and _in_quote(t.start, p.quotes)):
                pronouns.append((t.start, g))
    ents.infer_gender(pronouns)


def _quoted_titles(paras, ents, lex):
    """A title before the name of someone the story names, inside a quotation ("“Mayor Berger's plan
    is a fantasy,” Okafor said"), still says what that person is: "the mayor" may stand for them.
    Only their role is taken; quoted names are not mentions of the story's own."""
    titles = lex.office_words
    for p in paras:
        if not p.quotes or titles.isdisjoint(compress(p.lows, p.caps)):
            continue  # no capitalised title in the paragraph (most: the capitals' words looked up, in C)
        toks, lows, caps = p.toks, p.lows, p.caps
        for q in p.quotes:
            for a, b in q.parts:
                lo, hi = p.tok_index(a), p.tok_index(b)
                for k in compress(range(lo, hi), caps[lo:hi]):
                    if lows[k] not in titles:
                        continue
                    m = np_right(toks, k, lex, stop=hi, entities_only=True)
                    if m is None or m.kind != "person" or not m.office or not m.name:
                        continue
                    e = ents.known(m)
                    if e is not None and e.kind == "person":
                        e.nominals |= lex.office_nominals.get(m.office, frozenset())


@functools.lru_cache(maxsize=4)
def _country_cues(lex):
    """Folded word a country cue can start with -> (the country it stands for alone, or None; the cues of two
    or three words it starts, by their second word: [(third word or None, country), …], the longest first,
    or None).
    A cue is a country key, or one with "'s" on its last word (the key without it looked up, as for any
    word ending so)."""
    keys = lex.country_keys
    countries = {k: c for k, c in keys.items() if not k.endswith("'s")}
    countries.update((k + "'s", c) for k, c in keys.items())
    cues = {w: (c, None) for w, c in countries.items() if " " not in w}
    for key in [k for k in countries if " " in k]:  # (a few of them)
        words = key.split(" ")
        if len(words) <= 3:
            alone, longer = cues.get(words[0], (None, None))
            if longer is None:
                longer = {}
                cues[words[0]] = alone, longer
            longer.setdefault(words[1], []).append((words[2] if len(words) == 3 else None, countries[key]))
    for _, longer in cues.values():
        for tails in (longer or {}).values():
            tails.sort(key=lambda t: t[0] is None)  # a cue of three words before the one of two its first two make
    return cues


@functools.lru_cache(maxsize=4)
def _title_or_speaker(lex):
    return frozenset(lex.office_words) | frozenset(lex.speaker_nouns)


DETERMINER = "determiner"


@functools.lru_cache(maxsize=4)
def _phrase_words(lex):
    """(heads, titles, speaker nouns): the words _opens_no_phrase looks for."""
    return phrase_heads(lex), title_words(lex), frozenset(lex.speaker_nouns)


def _opens_no_phrase(caps, lows, i, stop, determiner, phrase_words):
    """True where np_right can read no phrase from the lowercase determiner or title word at i (a test holds
    it to that, token by token): a determiner's phrase is found by a head word among the eight words after
    it or a capital straight after "the"; a title word's when titles run on to a capital ("former state
    senator Ada Brisk") or a speaker noun is among its first three words ("state officials", a group). Most
    of them open nothing, and this costs a fraction of asking np_right. (Words past stop, which np_right does
    not read, are looked at too: a head there only means np_right is asked.)"""
    heads, titles, speakers = phrase_words
    if determiner:
        return not (i + 1 < stop and caps[i + 1] and lows[i] == "the") and heads.isdisjoint(lows[i + 1:i + 9])
    return not (i + 1 < stop and (caps[i + 1] or lows[i + 1] in titles)) and speakers.isdisjoint(lows[i:i + 3])


@functools.lru_cache(maxsize=4)
def _mention_starters(lex):
    """Words that can open a mention besides capitalised ones: titles (True) and determiners (DETERMINER,
    each true, so that get(word, capital) says whether a token can open one). A word of both is a
    determiner, as np_right reads it."""
    starters = dict.fromkeys(lex.office_words | lex.title_modifiers, True)
    starters.update(dict.fromkeys(DETERMINERS, DETERMINER))
    # "He", "I", "They" open a capital's mention of a pronoun, which the scan passes: not asked
    starters.update(dict.fromkeys(lone_pronouns(lex), False))
    return starters


def _unquoted_runs(p):
    """The runs of a paragraph's tokens outside quotations (marks included) and photo credits, as (start,
    stop) token indices in order. A quotation mark standing alone ends a run too."""
    source, toks, lows = p.source, p.toks, p.lows
    n = len(toks)
    if not p.quotes and RUN_BREAKS.isdisjoint(lows):
        return [(0, n)] if n else []  # nothing left out (most paragraphs): one run
    # (start, stop) of each stretch of tokens left out: a quotation's marks bisected among its paragraph's tokens
    # (all of which start inside the paragraph, so an offset before or past it gives 0 or n as tok_index does)
    cut = []
    for q in p.quotes:
        for a, b in q.parts:
            cut.append((bisect_left(toks, a - 1, key=START), bisect_left(toks, b + 1, key=START)))
    if source.find("(", p.lo, p.hi) != -1:  # (every CREDIT opens with one)
        for c in CREDIT.finditer(source, p.lo, p.hi):
            # a photo credit, "(Lauren Pelley / CBC News)", names no one in the story; a paragraph that
            # ends with one is a caption, whose people are not the story's subjects either
            caption = not source[c.end():p.hi].strip(" .")
            cut.append((0, n) if caption else (p.tok_index(c.start()), p.tok_index(c.end())))
    if not cut and QUOTE_TOKENS.isdisjoint(lows):
        return [(0, n)] if n else []  # a "(" that opens no credit
    cut.append((n, n + 1))  # a stretch past the end, which closes the last run
    cut.sort()
    runs, lo = [], 0
    for a, b in cut:
        if a < b:  # an empty stretch leaves no token out
            if lo < a:
                # the marks standing alone between two quotations (few: a quotation's own are in it)
                if not QUOTE_TOKENS.isdisjoint(lows[lo:a]):
                    for k in compress(range(lo, a), map(QUOTE_TOKENS.__contains__, lows[lo:a])):
                        if lo < k:
                            runs.append((lo, k))
                        lo = k + 1
                if lo < a:
                    runs.append((lo, a))
            if lo < b:
                lo = b
    return runs


def _described_as_organisation(toks, j, stop, lex):
    """Does an appositive at toks[j] (a comma, then "the group that …", "a company based in …") say that
    the name before it is an organisation's?"""
    if not (j + 2 < stop and toks[j].text == "," and toks[j + 1].low in ("the", "a", "an")):
        return False
    d = np_right(toks, j + 1, lex, stop=stop, entities_only=True)
    if d is None or d.kind != "organization" or d.name or d.possessor is not None:
        return False
    k = j + 2
    while k < stop and toks[k].end <= d.end:
        k += 1
    # the description ends there ("the group that …", "a firm based in …"), not "a company veteran"
    return k >= stop or not toks[k].text.isalpha() or toks[k].low in MOD_STOP or toks[k].low.endswith(("ed", "ing"))


AGE = re.compile(r"[\w]+-(?:year|month|week)s?-old$")


def _aged(toks, i, j, stop, lex):
    """Is the phrase toks[i:j] a name given an age ("16-year-old Xander Wise,")? Not when a noun follows, the
    name a modifier ("a 40-year-old Lake Forest resident")."""
    if i == 0 or not toks[i - 1].low.endswith("-old") or not AGE.match(toks[i - 1].low):  # (most words: no match call)
        return False
    if j >= stop:
        return True
    nxt = toks[j]
    return not nxt.text.isalpha() or not nxt.text.islower() or nxt.low in ("and", "who", "or") or \
        nxt.low in lex.verbs


def _next_to_verb(toks, i, j, lex):
    """Is the phrase toks[i:j] the subject or the inverted object of a speech verb?"""
    k, n = j, len(toks)
    if k < n and toks[k].text == ",":
        # an appositive between the name and the verb: "Hiram Macharia, marketing executive at LG, said"
        for q in range(k + 1, min(n, k + 16)):
            s = toks[q].text
            if s == ",":
                k = q + 1
                break
            if s in (";", "!", "?") or (s == "." and not is_abbreviation_dot(toks, q)):
                break  # "researcher at St. Anne's Hospital, said": an abbreviation ends no sentence
    time_words, verbs = lex.time_words, lex.verbs
    while k < n and toks[k].low in time_words:
        k += 1
    for q in (k, i - 1):
        if 0 <= q < n:
            t = toks[q]
            v = verbs.get(t.low)
            if v and v.form in ("past", "third") and t.text.islower() and v.reports == "y" and not (
                    q == i - 1 and v.base in OBJECT_VERBS):
                return True
    return False


CONTENT_WORD = re.compile(r"[\w’']+")  # a word of what a cue reports, read after a name in it


def _named_in_content(ents, content, text, lex):
    """The ids of the entities named in what a cue reports, save one that reports it in turn ("Cross said
    he …, he wrote": the content's own cue, the same report twice)."""
    out = set()
    for off, e in ents.named_within(content):
        if e.id not in out and not any(w in lex.verbs for w in CONTENT_WORD.findall(fold(text[off:off + 60]))[:4]):
            out.add(e.id)
    return out


def _resolve(m, pos, ents, lex, content=(), text=""):
    """(entity or None, kind, name, country, office, organisation) for a cue's mention. content: the spans
    of what the cue reports."""
    if m.kind == "person" or (m.kind == "organization" and m.name):
        e = ents.add(m, "speaker")
        if e is not None:
            e.evidence = True  # a speaker is a person, whatever their name looks like
        return e
    if m.kind == "place":
        return None
    if m.kind == "group":
        # people named together ("Tore Lind and Ana Okafor") are one speaker "they" can stand for
        return ents.add(m, "speaker") if m.name else None
    definite_org = m.kind == "organization" and not m.name and m.possessor is None and \
        fold(m.text).split()[0] in ("the", "this", "that")
    if m.kind == "pronoun" or m.kind == "nominal" or definite_org:
        # "Lind hid under a desk, he said": a pronoun reporting a clause is no one the clause names (a name
        # may not take its reference from a pronoun that commands it, binding principle C)
        exclude = _named_in_content(ents, content, text, lex) if m.kind == "pronoun" and content else frozenset()
        e = ents.resolve(m, pos, exclude)
        if e is not None:
            ents.touch(e, pos)
        return e
    return None


class _Draft:
    """What extraction learns of a statement besides its fields, kept beside it while the article is read and
    never output: the spans of text its phrases were read from (where _as_written looks for them), the
    entity that spoke, the aside between the name and the verb (for the date), the statement it goes on from
    (for join_turns)."""

    __slots__ = ("at", "entity", "aside", "continues")

    def __init__(self):
        self.at, self.entity, self.aside, self.continues = {}, None, None, None


NO_OFFICE = (None, None, None)  # an entity's office, phrase and span where it has none


def _speaker_fields(st, d, m, e, ents, pos, lex, text=""):
    # the phrases below are read from the mention's span of text, where _as_written looks for them
    at = (m.start, m.end)
    d.at = {"speaker_phrase": at, "speaker_written": at, "office_phrase": at}
    st.speaker_phrase = m.text
    if m.kind in ("person", "organization", "place") and m.name:
        st.speaker_written = m.name
    if e is not None:
        st.speaker = e.name
        st.speaker_kind = e.kind
        d.entity = e
        st.speaker_aliases = sorted(e.aliases.difference((e.name,)))
        st.speaker_gender = e.gender if e.gender != "u" else None
        own = m.office if m.kind in ("person", "organization") else None  # "the diplomat" names no office
        if own:
            st.office, st.office_phrase = own, m.title
        else:
            # the entity's latest office, its phrase and the span that was read from, taken at once
            st.office, st.office_phrase, d.at["office_phrase"] = e.offices[-1] if e.offices else NO_OFFICE
        st.country = m.country or e.country
        st.organization = m.organization or e.organization
        if m.kind == "pronoun" and e.kind == "person":
            # "she said" writes no name: as written, the speaker is named as the story last named her
            st.speaker_written, d.at["speaker_written"] = _written_before(e, pos, ents, text), AS_WRITTEN
        return
    if m.kind == "place":
        st.speaker, st.speaker_kind, st.country = m.name, "organization", m.country
        return
    if m.kind == "thing" and m.name and m.name.split()[-1] in lex.speaking_buildings:
        # "according to Dixon Hall", "Buckingham Palace said": whoever the building houses
        st.speaker, st.speaker_kind, st.speaker_written = m.name, "organization", m.name
        st.country = m.country
        return
    if _is_document(m, lex):
        issuer = _document_issuer(m, ents, pos, lex, text)
        st.speaker_written = m.text  # "FEC filings", as written
        if issuer is not None:
            ents.documents.append((pos, m.head, issuer))
            ents.touch(issuer, pos)  # the issuer spoke through it
            _speaker_fields(st, d, Mention(m.start, m.end, issuer.name, issuer.kind, name=issuer.name, entity=issuer),
                            issuer, ents, pos, lex)
            st.speaker_phrase, st.speaker_written = m.text, m.text
        else:
            st.speaker_kind = "anonymous"
        return
    if m.possessor is not None and m.head in SPOKES:
        # "Berger's spokeswoman" is no one called so but an unnamed source speaking for Berger, kept as
        # described like "a Kremlin spokesman"; as written, the source is that phrase
        st.speaker_written = m.text
        st.speaker_kind, st.office, st.country, st.organization = "anonymous", m.office, m.country, m.organization
        return
    if m.possessor is not None and m.head in ("administration", "government", "campaign", "team", "office",
                                              "lawyers", "attorneys"):
        owner = m.possessor
        oe = ents.resolve(owner, pos) if owner.kind == "pronoun" else None
        st.speaker_written = m.text  # "Huckabee’s campaign", as written
        if owner.kind == "place":
            st.speaker = f"{owner.name} {m.head}"
            st.speaker_kind = "organization"
            st.country = owner.country
            return
        if oe is None and owner.kind == "person":
            oe = ents.add(Mention(owner.start, owner.end, owner.text, "person", name=owner.name))
        if oe is not None:
            surname = oe.surname if oe.kind == "person" else oe.name
            if m.head in ("lawyers", "attorneys"):
                # "his lawyers": people acting for him, a group, not someone called "Berger lawyers"
                st.speaker, st.speaker_kind = f"{surname}'s {m.head}", "group"
            else:
                st.speaker, st.speaker_kind = f"{surname} {m.head}", "organization"
            st.country = oe.country
            return
    if m.kind == "organization":
        st.speaker_kind = "organization"
        st.speaker = m.name
        st.country = m.country
        return
    if m.kind == "group":
        # "some residents", "addiction experts": an unnamed group, kept as described
        st.speaker, st.speaker_kind, st.country = group_name(m.text), "group", m.country
        return
    if m.kind in ("anonymous", "nominal") and fold(m.text).startswith("the ") and not m.plural and \
            lex.speaker_nouns.get(m.head or "") != "group" and m.head not in lex.unnamed_heads:
        # a definite description ("the affable proprietor") points back at someone already named
        e2 = ents.recent(pos, lambda x: x.kind == "person" and x.evidence)
        if e2 is not None and pos - e2.last < 600:
            _speaker_fields(st, d, Mention(m.start, m.end, e2.name, "person", name=e2.name, entity=e2), e2, ents,
                            pos, lex)
            st.speaker_phrase = m.text
            st.speaker_written = _written_before(e2, pos, ents, text)  # as the story last named them
            d.at["speaker_written"] = AS_WRITTEN
            return
    if m.kind in ("anonymous", "nominal"):
        st.speaker_kind = "anonymous"
        st.office = m.office
        st.country = m.country
        st.organization = m.organization
        return
    # an unresolved pronoun: a person for he/she, else someone unnamed, never no kind at all
    st.speaker_kind = "person" if m.kind == "pronoun" and m.head in ("he", "she") else "anonymous"


CALENDAR_WORDS = set(MONTHS) | set(WEEKDAYS)


def _is_document(m, lex):
    """A report, a filing, a statement standing as the speaker ("according to FEC filings"). (Only one whose head
    mentions.may_be_document allows: np_right's entities_only drops the others.)"""
    if m.kind not in ("anonymous", "nominal", "organization", "media", "source") or m.name or not m.head:
        return False
    if unnamed_document(m, lex) or m.head == "statement":
        return True
    # the words are read only for the heads that need them (most mentions have neither)
    if m.head in lex.document_phrases:
        return _document_phrase_size(m, lex) > 0
    return m.head == "website" and lex.speaker_nouns.get(m.head) == "media" and any(
        w[:1].isupper() for w in m.text.split()[1:-1])


def _document_issuer(m, ents, pos, lex, text=""):
    """Who issued a document: its owner ("the company's memo", "the union's release"), the name before
    it ("FEC filings", "the Sensei website"), the site it is on ("a paper on the Acme Rail website"), or,
    for "the statement", the issuer of the same document named before, else whoever was last reported
    speaking nearby."""
    owner = m.possessor
    if owner is not None:
        if owner.kind == "pronoun" or (owner.kind in ("organization", "nominal") and not owner.name):
            return ents.resolve(owner, pos)  # "the union's release": the union the article is about
        if owner.kind in ("person", "place", "organization") and owner.name:
            return ents.add(Mention(owner.start, owner.end, owner.name, "person" if owner.kind == "person"
                                    else "organization", name=owner.name, country=owner.country), role="other")
        return None  # an owner the article does not name is not whoever spoke last
    name = _named_issuer(m, lex)
    if name:
        return ents.add(Mention(m.start, m.end, name, "organization", name=name), role="other")
    words = m.text.split()
    site = ON_SITE.match(text, m.end)
    if site:
        name = site.group(1)
        return ents.add(Mention(site.start(1), site.end(1), name, "organization", name=name), role="other")
    if fold(words[0]) in ("the", "this", "that"):
        # "the white paper said" after "a white paper on Acme Rail's website": the same document
        same = [e for off, head, e in ents.documents if head == m.head and off < pos]
        return same[-1] if same else ents.recent_speaker(pos)
    if m.head == "statement":
        # "Acme said its director was killed. A statement said …": the statement of whoever just spoke
        return ents.recent_speaker(pos, window=STATEMENT_WINDOW)
    return None


STATEMENT_WINDOW = 200  # characters back to the speaker an unattributed "a statement" belongs to


def _document_phrase_size(m, lex):
    """How many of a mention's last words are a document phrase of the word lists ("white paper": 2), or 0."""
    leads = lex.document_phrases.get(m.head)
    if not leads:
        return 0
    words = fold(m.text).split()
    for lead in leads:
        if len(lead) < len(words) and tuple(words[-1 - len(lead):-1]) == lead:
            return len(lead) + 1
    return 0


def _named_issuer(m, lex):
    """The name before a document's words that says who issued it ("FEC filings", "a Norvik Rail study",
    "a Norvik Rail white paper"), or None."""
    words = m.text.split()
    first = 1 if fold(words[0]) in DETERMINERS else 0
    last = len(words) - (_document_phrase_size(m, lex) or 1)
    caps = [w for w in words[first:last] if w[:1].isupper() and fold(w).rstrip("'’s") not in CALENDAR_WORDS]
    return " ".join(caps) if caps else None


# the rest of a document's sentence saying whose website it is on: "… on Acme Rail's website"
ON_SITE = re.compile(r"[^.!?\n]{0,80}?\bon\s+(?:the\s+)?((?:[A-Z][\w&.-]*\s+){0,5}[A-Z][\w&.-]*?)['’]s?\s+"
                     r"(?:web\s?site|site|blog|web\s?page|page)\b")


def _clean_span(text, s, e):
    """Trim white space and trailing commas from a quote span."""
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in TRAILING):
        e -= 1
    if e > s and text[e - 1] == "." and not text[max(s, e - 3):e] == "...":
        e -= 1
    return s, e


def extract(article: Article, unit: str = "quote") -> list:
    """The statements of one article. unit "quote": one statement per quoted passage; "turn": a
    speaker's consecutive passages in one paragraph make one statement (see join_turns)."""
    lex = lexicon()
    text = article.text
    quotes, paras = _layout(article)
    ents = Entities(lex)
    ents.acronyms = acronyms_in(text)
    _collect_mentions(paras, ents, lex)
    para_of = {}
    for p in paras:
        for q in p.quotes:
            para_of.setdefault(id(q), []).append(p)
    out = []
    drafts = {}  # id of each statement in out -> its _Draft (out keeps the statements, so ids stay theirs)
    consumed = set()
    quoted_by = set()  # where the verb of each “…,” X said stands: the quotation is what it said
    last = None  # the latest statement, for quotes that continue it
    latest = {}  # speaker -> the latest statement of theirs, for _date
    contexts = {}  # (start, end) -> that text: the statements of a paragraph share one string (written once)

    def emit(st, d, paragraph):
        nonlocal last
        context = contexts.get(paragraph)
        if context is None:
            context = contexts[paragraph] = text[paragraph[0]:paragraph[1]]
        st.context = context
        st.context_start = paragraph[0]
        out.append(st)
        drafts[id(st)] = d
        last = st
        if st.speaker:
            latest[st.speaker] = st

    if article.headline_span:
        # a headline that quotes someone: "Sanders: …" or "…, State Department Says"
        h_lo, h_hi = article.headline_span
        hp = _Para(text, -1, h_lo, h_hi, [], [(h_lo, h_hi)], [])  # both read its text, not its tokens
        head = _speaker_label(text, hp, lex, ents) or _headline_says(text, hp, lex)
        if head is not None:
            m, q_s, q_e = head
            st = statement(article.doc, text[q_s:q_e], "indirect", q_s, q_e, [(q_s, q_e)], "headline")
            d = _Draft()
            _attach(st, d, Cue(m, "headline", q_s, q_s), h_hi, ents, lex, text)
            st.confidence = 0.5
            if article.published:
                st.date, st.date_precision = article.published.isoformat(), "day"
            emit(st, d, (h_lo, h_hi))
    for p in paras:
        toks = p.toks
        label = _speaker_label(text, p, lex, ents)
        if label is not None:
            m, q_s, q_e = label
            st = statement(article.doc, text[q_s:q_e], "direct", q_s, q_e, [(q_s, q_e)], ":")
            d = _Draft()
            _attach(st, d, Cue(m, ":", q_s - 1, q_s - 1), q_s, ents, lex, text)
            st.confidence = 0.6
            emit(st, d, (p.lo, p.hi))
            continue
        # reported speech, sentence by sentence
        clauses = []
        speech = SpeechVerbs(p.lows, lex)
        hi_i = 0
        for s_lo, s_hi in p.sents() if speech.heads else ():  # no cue word, no reported speech
            # the sentences follow one another: the first token after the last opens this one, unless a
            # token stands between them
            lo_i = hi_i if hi_i == len(toks) or toks[hi_i].start >= s_lo else p.tok_index(s_lo)
            hi_i = bisect_left(toks, s_hi, lo_i, key=START)  # (p.tok_index, from the sentence's first token)
            for cue, c_s, c_e, *cut in reported_clauses(text, toks, lo_i, hi_i, speech, lex):
                if p.quotes:  # (most reported clauses stand in paragraphs with no quotation)
                    # a clause that is one whole direct quote is left to the direct route
                    inner = [q for q in p.quotes if c_s <= q.start and q.end <= c_e + 1]
                    if inner and len(inner) == 1 and inner[0].outer_start <= c_s + 1 and inner[0].end >= c_e - 1:
                        continue
                    if any(_in_quote(c_s + 1, [q]) and q.start < c_s for q in p.quotes):
                        continue  # the "clause" is inside a quotation
                clauses.append((cue, c_s, c_e, s_lo, s_hi, cut))
        if not clauses and not p.quotes:
            continue  # nothing said in the paragraph (most of them)
        events = [(c[1], "clause", c) for c in clauses]
        events += [(q.start, "quote", q) for q in p.quotes if para_of[id(q)][0] is p]
        events.sort(key=FIRST)
        pending_split = None
        for pos, kind, item in events:
            if kind == "clause":
                cue, c_s, c_e, s_lo, s_hi, cut = item
                if cue.verb_start in quoted_by and not (fold(text[c_s:c_s + 5]) == "that " or
                                                        re.search(r"\bthat\s*$", fold(text[max(0, c_s - 6):c_s]))):
                    # "“…,” he said aboard his plane": what follows the verb is no second statement, unless
                    # "that" opens one ("“…,” they wrote in a letter, that …")
                    continue
                for q in p.quotes:
                    if c_s <= q.start and q.end <= c_e + 1:
                        consumed.add(id(q))
                s, e = _clean_span(text, c_s, c_e)
                if fold(text[s:s + 5]) == "that ":
                    s += 5
                parts = [(s, e)]
                if cut:
                    # the parenthetical cue is cut out: two parts around it
                    parts = [_clean_span(text, s, cut[0]), _clean_span(text, cut[1], e)]
                    parts = [(a, b) for a, b in parts if b > a]
                st = statement(article.doc, " ".join(text[a:b] for a, b in parts), "indirect", parts[0][0],
                               parts[-1][1], parts, cue.verb)
                d = _Draft()
                _attach(st, d, cue, cue.verb_start, ents, lex, text)
                st.confidence = 0.7 if st.speaker else 0.4
                _date(st, d, article, text, s_lo, s_hi, latest)
                emit(st, d, (p.lo, p.hi))
                continue
            q = item
            if id(q) in consumed:
                continue
            last_p = para_of[id(q)][-1]
            s_lo, s_hi = p.sentence_of(q.start)
            e_lo, e_hi = last_p.sentence_of(max(q.end - 1, last_p.lo))
            # tail: after the closing mark to the end of the sentence or the next quote
            nxt = [o.outer_start for o in last_p.quotes if o.start > q.end]
            t_lo = last_p.tok_index(q.outer_end)
            t_hi = last_p.tok_index(min([e_hi] + nxt))
            if t_lo >= t_hi and q.close_mark and text[max(q.start, q.end - 3):q.end].rstrip("’'")[-1:] in ("?", "!") and \
                    e_hi < last_p.hi:
                # “How are you?” Berger asked.: the capital after “…?” opens no new sentence, nor after a
                # question quoted inside (“She asked, ‘Why?’” Berger said)
                e_hi = last_p.sentence_of(e_hi + 1)[1]
                t_hi = last_p.tok_index(min([e_hi] + nxt))
            cue = tail_cue(last_p.toks, t_lo, t_hi, lex) if q.close_mark else None
            if cue is not None and _names_a_title(text, q, s_lo):
                continue  # "on CNN's “State of the Union,” Gov. Ana Lind said …": a programme's name, not her words
            how = "tail"
            # “Why now?” Berger then writes back, “…”: a cue between two quotes that leads into the second
            # with a comma is the second's when the first has a cue of its own before it
            between = cue is not None and nxt and t_hi < len(last_p.toks) and t_hi > t_lo and \
                last_p.toks[t_hi - 1].text in (",", ":") and last_p.toks[t_hi].start >= min(nxt)
            if cue is None or between:
                # the cue before the quote, from the sentence's start or the quote before it
                prev = [o.outer_end for o in p.quotes if o.end < q.start]
                own = head_cue(toks, p.tok_index(max([s_lo] + prev)), p.tok_index(q.outer_start), speech, lex)
                if cue is None or own is not None:
                    cue, how = own, "head"
            parts = [(_clean_span(text, a, b)) for a, b in q.parts]
            parts = [(a, b) for a, b in parts if b > a]
            if not parts:
                continue
            # a split quote: “First part,” she said, “second part.” is one statement
            if pending_split is not None and how == "head" and cue is not None:
                prev_st, prev_q, prev_tail_end = pending_split
                gap = text[prev_q.outer_end:q.outer_start]
                if prev_st.speaker_phrase and prev_tail_end is not None and len(gap) < 120 and gap.rstrip().endswith(
                        (",", ":", "—")) and "." not in gap.replace("Mr.", "").replace("Ms.", "").replace("Dr.", ""):
                    prev_st.parts.extend(parts)
                    prev_st.end = parts[-1][1]
                    prev_st.quote = " ".join(text[a:b] for a, b in prev_st.parts)
                    prev_st.context = text[prev_st.context_start:max(last_p.hi, prev_st.context_start)]
                    pending_split = None
                    continue
            pending_split = None
            quote = " ".join(text[a:b] for a, b in parts)
            topic = None
            if cue is None:
                # no cue: a quote standing as its own sentence continues the latest speaker;
                # a short one inside a sentence is a scare quote, a title or a nickname
                outside = text[s_lo:q.outer_start] + text[q.outer_end:e_hi] if p is last_p else text[s_lo:q.outer_start]
                if len(WORDS.findall(outside)) > 2:
                    continue  # words around it: not a quote standing as its own sentence
                n_words = len(WORDS.findall(quote))
                if n_words < 4:
                    continue
                goes_on = last is not None and (last.speaker or last.speaker_phrase) and \
                    paras[max(0, p.index - 3)].lo <= (last.context_start or 0)
                # nobody spoke lately: the quote is the words of the person the story was just about
                topic = _paragraph_topic(paras, p, q.outer_start, ents) if not goes_on else None
                if not goes_on and topic is None and n_words < 10:
                    continue
            st = statement(article.doc, quote, "direct", parts[0][0], parts[-1][1], parts)
            d = _Draft()
            if cue is not None:
                if how == "tail" and not WORD.search(text, s_lo, q.outer_start):
                    quoted_by.add(cue.verb_start)  # (a quotation inside a sentence may be a title the verb is not about)
                st.cue = cue.verb
                _attach(st, d, cue, cue.verb_start, ents, lex, text)
                st.confidence = 0.9 if st.speaker and cue.mention.kind in ("person", "organization") else 0.75
                if how == "tail" and text[q.outer_end:q.outer_end + 2].strip().startswith(",") or (
                        how == "tail" and text[max(q.start, q.end - 1):q.end] == ","):
                    pending_split = (st, q, cue.verb_end)
            elif goes_on:
                _copy_speaker(st, d, last, drafts[id(last)])
                st.cue = None
                st.confidence = 0.6
            elif topic is not None:
                _speaker_fields(st, d, Mention(q.start, q.start, topic.name, "person", name=topic.name,
                                            entity=topic), topic, ents, q.start, lex)
                st.speaker_phrase = None
                st.speaker_written = _written_before(topic, q.start, ents, text)
                d.at["speaker_written"] = AS_WRITTEN
                st.confidence = 0.4
            else:
                st.confidence = 0.3  # a long quote standing alone, whose speaker is unknown
            _date(st, d, article, text, s_lo, e_hi if p is last_p else s_hi, latest)
            emit(st, d, (p.lo, last_p.hi))
    written = {}  # as_written's memo
    for st in out:
        d = drafts[id(st)]
        if st.speaker is None and st.speaker_phrase and not st.speaker_written and \
                fold(st.speaker_phrase) not in lex.pronouns:
            # a source nobody names ("a senior official", "aides") is, as written, the phrase that describes it
            st.speaker_written = st.speaker_phrase
            d.at["speaker_written"] = d.at.get("speaker_phrase")
        _as_written(st, text, d.at, written)
        e = d.entity
        if e is not None and e.kind == "organization" and st.speaker_kind == "person":
            # "Facebook said …" before "the company" showed Facebook to be one
            st.speaker_kind, st.speaker_gender = "organization", None
    main, lead = _main_country(paras, lex)
    if unit == "turn":
        out = join_turns(out, text, {id(st): drafts[id(st)].continues for st in out})
    return enrich(out, article, main, lead, paras)


TITLE_SMALL_WORDS = {"of", "the", "a", "an", "and", "on", "in", "for", "to", "at", "with"}


def _names_a_title(text, q, s_lo):
    """Is the quote a title inside its sentence: a few words, each capitalised but the small ones, after words
    of the sentence ("on CNN's “State of the Union,” she said …")? A statement quoted opens its sentence."""
    if q.end - q.start > 60 or not text[q.start:q.start + 1].isupper():
        return False  # (most quotes: too long for a title, or opening in lowercase)
    words = re.findall(r"[\w’'-]+", text[q.start:q.end])
    return 0 < len(words) <= 6 and words[0][0].isupper() and all(
        w[0].isupper() or w in TITLE_SMALL_WORDS for w in words) and re.search(r"\w", text[s_lo:q.outer_start])


WORD = re.compile(r"\w")
WORDS = re.compile(r"\w+")
TURN_GAP = 150  # characters between two passages of one turn: room for "she said" and an aside
CUE_SENTENCE_GAP = 400  # …or for a cue whose speaker is described at length, the gap being that one sentence
SENTENCE_END_INSIDE = re.compile(r"[a-z]{2}[.!?]\s+\S")  # "… campaigns. She …" (not "Gene B. Sperling")


def join_turns(statements, text, continues=None):
    """Join “First,” she said. “Second.” into one statement with two parts: consecutive direct
    quotes of one speaker in one paragraph with only the cue between them (no other quote). continues:
    id of a statement -> the statement it goes on from with no cue of its own (an unnamed source's)."""
    continues = continues or {}
    out = []
    for st in statements:
        prev = out[-1] if out else None
        same = (st.speaker and st.speaker == prev.speaker) or continues.get(id(st)) is prev if prev else False
        if same and st.type == "direct" and prev.type == "direct" and st.context_start == prev.context_start and \
                0 <= st.start - prev.end:
            gap = text[prev.end:st.start]
            inner = gap.strip().lstrip("”\"’',").rstrip("“\"‘'")
            if (len(gap) < TURN_GAP or len(gap) < CUE_SENTENCE_GAP and not SENTENCE_END_INSIDE.search(
                    inner.rstrip(" .!?"))) and "\n" not in gap and not any(c in QUOTE_CHARS for c in inner if c not in "'’") \
                    and not any(c in "“”\"" for c in inner):
                prev.parts.extend(st.parts)
                prev.end = st.end
                prev.quote = " ".join(text[a:b] for a, b in prev.parts)
                continue
        out.append(st)
    return out


LABEL = re.compile(r"([A-Z][A-Z.'\- ]{1,30}[A-Z]|[A-Z][a-z’'\-]+(?: [A-Z][a-z’'\-]+){0,2}):\s+(\S.*)$")


def _speaker_label(text, p, lex, ents):
    """A transcript line or a headline led by a speaker's name and a colon ("TAPPER: Do you …",
    "Sanders: …"): (mention, start, end) of what follows, or None."""
    if text.find(":", p.lo, p.hi) < 0:
        return None  # most paragraphs have no colon, which a label ends with: one C-level search
    m = LABEL.match(text, p.lo, p.hi)
    if m is None or p.quotes and p.quotes[0].outer_start < m.start(2):
        return None
    name = m.group(1)
    words = len(WORDS.findall(m.group(2)))
    if words < 3 or fold(name) in lex.speaker_nouns or fold(name).split()[0] in NOT_LABELS:
        return None
    mention = np_right(tokens(name.title() if name.isupper() else name), 0, lex)
    if mention is None or mention.kind not in ("person", "organization"):
        return None
    if mention.kind == "person" and fold(name).startswith("the "):
        return None  # "The Latest: …": a person's name takes no article, the label is a column's
    # a label must name someone: a person the article names, or a first name and a surname
    words = fold(mention.name or "").split()
    known = any(e.kind == "person" and words and (fold(e.surname) == words[-1] or fold(e.name) == " ".join(words))
                for e in ents.items) or (mention.kind == "organization" and " ".join(words) in lex.organizations)
    if not known and not (len(words) > 1 and words[0] in lex.first_names):
        return None
    mention.start, mention.end = m.start(1), m.end(1)
    mention.text = name
    s, e = _clean_span(text, m.start(2), p.hi)
    return mention, s, e


SAYS_HEADLINE = re.compile(r"^(.{12,}?),\s+((?:[A-Z][\w.’'\-]*\s+){0,5}[A-Z][\w.’'\-]*)\s+(?:Says|Said|Warns|Claims|Tells)\b")


def _headline_says(text, p, lex):
    """"US Will Look at Other Ways …, State Department Says": (mention, start, end) or None."""
    m = SAYS_HEADLINE.match(text[p.lo:p.hi])
    if m is None:
        return None
    name = m.group(2)
    mention = np_right(tokens(name), 0, lex)
    if mention is None or mention.kind not in ("person", "organization", "place"):
        return None
    mention.start, mention.end = p.lo + m.start(2), p.lo + m.end(2)
    return mention, p.lo + m.start(1), p.lo + m.end(1)


NOT_LABELS = {"read", "watch", "update", "note", "editor", "photo", "video", "related", "source", "sources", "see",
              "listen", "warning", "correction", "disclosure", "q", "a", "question", "answer", "by", "also"}


def _main_country(paras, lex):
    """(main, lead): the country an article is about — the one named in more than half of its
    country cues (and at least twice), or None when none dominates — and the first country its
    first paragraph names (the news peg: "Russia is prepared to …")."""
    counts = {}
    lead = None
    cues = _country_cues(lex)
    for n_p, p in enumerate(paras):
        lows = p.lows
        n = len(lows)
        nxt = 0
        # country names, demonyms, capitals and institutions are capitalised (quoted words count:
        # speakers name their own country more than any other)
        for i in compress(range(n), p.caps):
            cue = cues.get(lows[i])
            if cue is None or i < nxt:
                continue
            c, longer = cue
            if longer and i + 1 < n:
                # the longest cue there, read word by word (most first words start none there)
                for third, country in longer.get(lows[i + 1], ()):
                    if third is None:
                        c, nxt = country, i + 2
                        break
                    if i + 2 < n and lows[i + 2] == third:
                        c, nxt = country, i + 3
                        break
            if c:
                counts[c] = counts.get(c, 0) + 1
                if n_p == 0 and lead is None:
                    lead = c
    if not counts:
        return None, None
    best = max(counts, key=counts.get)
    total = sum(counts.values())
    return (best if counts[best] >= 2 and counts[best] * 2 > total else None), lead  # a tie is no dominance


TOPIC_WINDOW = 500  # characters before a cue-less quote to look for the person it belongs to


def _paragraph_topic(paras, p, pos, ents):
    """The person the narration just before pos is about, for a quote with no cue and no recent
    speaker: whom the latest he/she/his/her there stands for, else the latest person named as a subject."""
    lo = max(0, pos - TOPIC_WINDOW)
    for k in range(p.index, -1, -1):
        para = paras[k]
        if para.hi <= lo:
            break
        for t in reversed(para.toks):
            if t.start >= pos or t.start < lo or t.low not in GENDERED:
                continue
            if para.quotes and _in_quote(t.start, para.quotes):
                continue
            head = "he" if GENDERED[t.low] == "m" else "she"
            e = ents.resolve(Mention(t.start, t.end, t.text, "pronoun", head=head), t.start)
            near = e is not None and any(x is e and lo - TOPIC_WINDOW <= off < pos for off, x, _ in ents.timeline)
            return e if near and e.kind == "person" else None
    best = None
    for off, e, role in ents.timeline:
        if lo <= off < pos and role != "other" and e.kind == "person" and e.evidence and (
                best is None or off >= best[0]):
            best = (off, e)
    return best[1] if best else None


def _written_before(e, pos, ents, text):
    """The name of e as the story writes it once it is known: the surname alone where the story uses
    it ("Trump" after "Donald Trump"), else the name as last written before pos: words of the text as they
    stand (AS_WRITTEN: _as_written need not look for them)."""
    if e.kind == "person" and e.surname != e.name and e.surname in e.aliases:
        return e.surname
    off = ents._latest(e, pos)
    if off < 0:
        return e.name
    return max((a for a in e.aliases | {e.name} if text.startswith(a, off)), key=len, default=e.name)


AS_WRITTEN = (-1, -1)  # the span _as_written is given for a phrase taken from the text as it stands


def _as_written(st, text, at, memo):
    """Phrases are shown as the article writes them, not as their tokens joined with spaces; at: the
    span of text each was read from, by field, where known; memo: as_written's for the article (the
    fields of its statements are often one phrase read from one span)."""
    near = st.start or 0
    if st.speaker:
        st.speaker = tidy(st.speaker)  # a name stays a name, its punctuation spaced as prose ("Mrs. Lind's campaign")
    for f in ("speaker_phrase", "speaker_written", "office_phrase"):
        phrase = getattr(st, f)
        if phrase and at.get(f) is not AS_WRITTEN:
            setattr(st, f, as_written(text, phrase, near, at.get(f), memo))
    if st.date_phrase:
        st.date_phrase = " ".join(st.date_phrase.split())  # a slice of the text already: white space only


def _copy_speaker(st, d, other, other_d):
    for f in ("speaker", "speaker_written", "speaker_kind", "speaker_aliases", "speaker_gender", "office", "office_phrase", "country",
              "organization"):
        setattr(st, f, getattr(other, f))
    # an unnamed source is known only by its description ("a senior adviser"): it goes on with it
    st.speaker_phrase = None if other.speaker else other.speaker_phrase
    d.at = other_d.at
    d.continues = other


def _introduced_unnamed(m, text):
    """'the official' after 'a justice official' in the same article: the unnamed source again."""
    if not m.head or m.kind not in ("nominal", "anonymous"):
        return False
    words = fold(m.text).split()
    if len(words) < 2 or words[0] not in ("the", "this", "that"):
        return False
    for start, end in _introductions(text, m.start, m.head):
        # "a spokeswoman, Janet Okafor," and "Anna Lindqvist, a senior diplomat" are named
        if not re.match(r",\s+[A-Z]", text[end:end + 3]) and \
                not re.search(r"[A-Z][\w'’.-]*,\s*$", text[max(0, start - 40):start]):
            return True
    return False


RUN = re.compile(r"[\w\s-]*")  # a run of words and spaces, all a find of _introductions' pattern can span
INTRODUCTION = r"\b(?:a|an|one|another)\s+(?:[\w-]+\s+){0,3}"  # and the head, at a word's end
# the pattern with "A" for the head: searched for in lowercased text, where the head stands as "A" (no other
# "A" is left in it), it makes the finds the head's own pattern would, one compiled pattern for all heads
# (each head's took ~0.6 M instructions to compile)
ANY_HEAD = re.compile(INTRODUCTION + r"A\b")


def _introductions(text, end, head):
    """The (start, end) of the finds of "a/an/one/another, up to three words, head" in text[:end], as
    re.finditer with re.I makes them. Where lowercasing keeps every letter in its place and re.I folds none
    its own way (İ, ı, ſ), the lowercased text is searched, case-sensitively, and only in the runs of words
    and spaces the head stands in, each from its start to the head's last appearance in it and the character
    after (which \b reads): a find is such a run, ending with the head. (A run's start, read back from the
    head, is where the reversed text's run read on from there ends.) A head of letters and digits that is no
    part of an article stands as one letter in the run: a word still, in the same place among the run's
    words and spaces."""
    before = text[:end]
    if not (head.isascii() and head == head.lower() and head.isalnum()) or head in "another" or head in "one" \
            or any(c in before for c in SPECIAL_FOLDS):
        return [m.span() for m in re.finditer(INTRODUCTION + re.escape(head) + r"\b", before, re.I)]
    low = before.lower()
    at = low.find(head)
    if at < 0:
        return ()
    backwards, n, spans = low[::-1], len(low), []
    while at >= 0:
        searched = spans[-1][1] if spans else 0  # (the text before it is searched already)
        lo = n - RUN.match(backwards, n - at, n - searched).end() if at > searched else searched
        if spans and lo == searched:
            spans[-1][1] = at + len(head) + 1  # in the run of the head before (or touching it): one search
        else:
            spans.append([lo, at + len(head) + 1])
        at = low.find(head, at + 1)
    finds, longer = [], len(head) - 1  # (how much longer the head is than its letter)
    for lo, hi in spans:
        # (a run opens after a character that is no word's, or at the text's start: \b reads the same there)
        run = low[lo:hi].replace(head, "A")
        for hit in ANY_HEAD.finditer(run):
            a, b = hit.span()
            finds.append((lo + a + run.count("A", 0, a) * longer, lo + b + run.count("A", 0, b) * longer))
    return finds


def _attach(st, d, cue, pos, ents, lex, text):
    m = cue.mention
    if _introduced_unnamed(m, text):
        st.speaker_phrase, st.speaker_kind = m.text, "anonymous"
        d.at = {"speaker_phrase": (m.start, m.end)}
        st.office, st.country, st.organization = m.office, m.country, m.organization
        return
    e = _resolve(m, pos, ents, lex, st.parts, text)
    _speaker_fields(st, d, m, e, ents, pos, lex, text)
    if cue.appositive:
        d.aside = cue.appositive
        a_s, a_e = cue.appositive
        phrase = text[a_s:a_e]
        a_toks = tokens(text, a_s, a_e)
        am = title_office(a_toks, 0, len(a_toks), lex)
        if am is not None and am.office:
            st.office = st.office or am.office
            if not st.office_phrase:
                st.office_phrase = phrase
                d.at["office_phrase"] = cue.appositive
            words = [t.low for t in a_toks]
            org = international_in(words, lex)
            if org:
                st.organization, st.country = st.organization or org, None
            else:
                st.country = st.country or am.country or (am.possessor.country if am.possessor else None) or \
                    lex.country_in_text(words)
            if e is not None and not e.offices:
                e.offices.append((am.office, phrase, cue.appositive))


def _blanked(text, lo, hi, spans):
    """text[lo:hi] with each part of it the spans cover made one space (a time phrase is words and white space
    of any length: it is found as in the text, its white space made single in _as_written)."""
    out, at = [], lo
    for a, b in sorted(spans):
        a, b = max(a, at), min(b, hi)
        if b > a:
            out += (text[at:a], " ")
            at = b
    out.append(text[at:hi])
    return "".join(out)


SPEECH_EVENT_ASIDE = re.compile(r"[\s,]*(?:speaking|talking|writing|addressing|testifying|appearing)\b", re.I)


def _date(st, d, article, text, s_lo, s_hi, latest):
    """Date the statement from a time phrase around it, else as its speaker's latest statement (latest: speaker
    -> statement) when that one has a date, else as the article for a cue in the present."""
    # the time phrase is looked for around the statement, not inside what was said
    aside = d.aside
    if aside and SPEECH_EVENT_ASIDE.match(text, aside[0]):
        aside = None  # "X, speaking at a rally on Saturday, said": the aside dates the statement
    spans = st.parts + [aside] if aside else st.parts
    # most sentences name no time, which their words show
    around = _blanked(text, s_lo, s_hi, spans)
    found = statement_date(around, article.published) if may_name_time(around) else None
    if found is not None:
        st.date, st.date_precision, st.date_phrase = found
        return
    # the same speaker's earlier dated statement (same interview), or the article's date for "says"
    o = latest.get(st.speaker) if st.speaker else None
    if o is not None and o.date:
        st.date, st.date_precision, st.date_phrase = o.date, o.date_precision, None
        return
    if article.published and st.cue and fold(st.cue) in lexicon().present_forms:
        st.date, st.date_precision = article.published.isoformat(), "day"
