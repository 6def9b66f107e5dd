"""Stance: what a statement is for or against. Rules over word lists in data/lexicon, no model.

Sentiment is not stance: "we regret the withdrawal from the treaty" is for the treaty. The rules,
in the order they apply (data/lexicon/LEXICON.md lists the files):

* words and phrases from stance_words.csv give signals. `attitude` words are the speaker's own
  position (support, reject, off the table) and weigh 2; `sentiment` words are evaluative (good,
  reckless, betrayal) and weigh 1; `event` words say what happens to a thing (withdraw, ratify).
* an attitude followed closely by an event combines with it: regret (-) x withdrawal (-) = for;
  a `reverse` word (stop, prevent, limit, rather than) flips the event or evaluation after it.
* negation (negations.txt) shortly before a signal, in the same clause, flips it; "never been this"
  is an intensifier, not a negation.
* conditionals: "we would back X if Y" is support for X (the condition is not a position); when the
  condition comes first and both halves carry signals, "if we stop (-), it will cost us (-)" argues for.
* contrast (contrast_words.txt) splits a statement; halves of opposite polarity make it mixed, as
  does a position restricted by "but not all".
* the cue verb counts (stance_cues.csv): a speaker who "denied" or "rejected" what follows flips it;
  "warned" leans against, "praised" for.
* no signal at all: neutral (procedural statements, facts, announcements).
"""
import codecs
import functools
import re
from bisect import bisect_left, bisect_right
from itertools import chain, compress, filterfalse
from operator import itemgetter

from .lexicon import fold, lexicon, memo

EVENT_WINDOW = 8  # tokens an attitude reaches forward to find its event
REVERSE_WINDOW = 5
NEGATION_WINDOW = 4
WEIGHT = {"attitude": 2, "sentiment": 1, "event": 0.5, "process": 1, "reverse": 1}
COMBINED = 2  # an attitude or reversal with the event it governs
TOKEN = re.compile(r"\w+(?:['’\-]\w+)*|[.;:!?…—–,]")  # quotation marks are no tokens: 'an "assault on"' reads on
SENTENCE_END = {".", ";", "!", "?", "…", ":"}
CLAUSE_END = SENTENCE_END | {",", "—", "–"}
# "back" and "against" are stance words only in some positions: "we will back the plan", "we are against
# it"; not "back in court", "sanctions against Moscow"
BACK_BEFORE = {"would", "will", "to", "we", "they", "i", "firmly", "fully", "strongly", "not", "also", "still",
               "can", "could", "should", "must", "cannot", "won't", "wouldn't", "and", "who", "which", "that"}
BACK_NOT_BEFORE = {"be", "is", "was", "are", "were", "come", "came", "go", "went", "get", "brought", "bring", "put",
                   "been", "'re"}
BACK_NOT_AFTER = {"to", "in", "on", "from", "into", "home", "down", "up", "off", "out", "at", "away", "then"}
AGAINST_BEFORE = {"is", "are", "was", "were", "be", "been", "am", "'re", "'m", "remain", "remains", "remained",
                  "vote", "votes", "voted", "voting", "stand", "stands", "stood", "firmly", "strongly", "campaign",
                  "campaigned", "not", "all", "decided", "come", "came", "turned", "always", "still"}
INTENSIFIED = {"this", "so", "more", "better", "as"}
CONDITIONAL = {"if", "unless"}
CHOICE_VERBS = frozenset({"chose", "choose", "chooses", "chosen", "choosing", "prefer", "prefers", "preferred", "put",
                          "puts", "putting", "prioritise", "prioritised", "prioritize", "prioritized", "picked",
                          "pick", "valued", "value", "values"})
CONCESSIVE_OPENERS = {"while", "whilst", "although", "though", "despite"}
DENIALS = frozenset({"denied", "denies", "deny", "denying", "rejected", "rejects", "reject", "rejecting", "dismissed",
                     "dismisses", "disputed", "disputes", "refuted", "refutes", "contested"})
DENIED_NOUNS = {"claims", "claim", "suggestions", "suggestion", "reports", "report", "allegations", "allegation",
                "accusations", "accusation", "notion", "idea", "charge", "charges", "criticism", "assertion"}
RELATIVE = {"who", "whom", "whose"}
NOUN_NEGATIONS = {"no", "none"}
# before a reversal word these make it a noun ("the freeze", "a tax cut", "spending cuts"), which reverses nothing
NOUN_BEFORE = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "our", "his", "her", "any", "tax", "budget", "rate",
               "price", "spending", "pay", "job", "jobs", "funding", "wage", "interest"}
COPULAS = {"is", "are", "was", "were", "be", "been", "being", "'s", "seems", "looks"}
TOO_NOT = {"and", "but", "or", "is", "are", "was", "were", "have", "has", "had", "will", "would", "can", "do", "does",
           "did", "i", "we", "they", "he", "she", "it", "the", "a", "an", "in", "on", "at", "for", "to", "of", "with"}
HEDGES = {"might", "may", "could", "perhaps", "possibly", "probably", "likely", "unlikely", "seems", "seem", "appears",
          "suggests", "maybe"}
# an attitude does not reach across these to find its event
STOP_REACH = SENTENCE_END | {"but", "however", "although", "though", "yet", "whereas"}
# words a negation reaches across without using up its window: "nobody should expect us to return"
TRANSPARENT = {"should", "would", "could", "can", "will", "shall", "must", "might", "may", "expect", "us", "them",
               "to", "be", "been", "have", "has", "had", "simply", "ever", "even", "really", "just", "want",
               "wants", "going", "ask", "asked", "is", "are", "was", "were", "it", "this", "that", "think", "believe",
               "feel", "a", "an", "the", "very", "particularly", "necessarily"}
BACKGROUND = {"when", "since", "after", "before", "until", "once"}
WORD = re.compile(r"[\w'’\-]+")
# a signal's event, a hit's kind: C-level reads (where a generator costs a frame)
EVENT_OF = KIND_OF = itemgetter(3)
# a capital not preceded by a word character (the \b of "\b[A-Z]", written after the capital so that
# the search can skip straight from capital to capital). The repeats are possessive (*+, ++), which spares
# the regex engine keeping what it would need to backtrack into them, and never needed: what follows the
# words' characters and the run's last part always matches (maybe nothing), what follows the white space
# cannot start with white space. After white space the next part is tried before a joining word (the two
# cannot both match: a part starts with a capital or a digit, a joining word lowercase): a run's usual end,
# white space then a lowercase word, fails sooner
CAPS_PART = r"(?:[A-Z][\w'’\-]*+|\d{4})"  # a capitalised word or a year
CAPS = re.compile(r"[A-Z](?<!\w[A-Z])[\w'’\-]*+(?:[^\S\n]++(?:" + CAPS_PART +
                  r"|(?:of|on|for|and|the|de|to)[^\S\n]++" + CAPS_PART + r")|-" + CAPS_PART + r")*+")
# CAPS read over a coding of the text in which each character is an ASCII one the pattern reads the same way
# and every capital is "A": its search then skips from "A" to "A" as it looks for one literal character, ten
# times faster than it tries each character against a class such as [A-Z] (most of what the scan cost)
# ("’" is coded as "'", which stands beside it in each of the pattern's classes)
CAPS_CODED = re.compile(CAPS.pattern.replace("[A-Z]", "A").replace("’", "").encode())
# characters beyond Latin-1 common in news text, replaced before the coding (a C-level replace costs less than
# a call of the coding's error handler for each): "’" is read as "'", the others as no word, white space or digit
CODED_MARKS = (("’", "'"), ("“", "?"), ("”", "?"), ("—", "?"), ("‘", "?"), ("–", "?"), ("…", "?"), ("―", "?"))


def _coded_char(c):
    """The ASCII character that stands for c in the coding CAPS_CODED reads: "A" for a capital, c itself
    where it is ASCII and a bytes pattern reads it alike, else one of its kind for CAPS ("’" as "'")."""
    if "A" <= c <= "Z":
        return "A"
    if c == "’":
        return "'"
    kinds = [re.match(kind, c) is not None for kind in (r"\w", r"\s", r"\d")]
    if c.isascii() and kinds == [re.match(kind, c.encode()) is not None for kind in (rb"\w", rb"\s", rb"\d")]:
        return c
    word, space, digit = kinds
    return "0" if digit else "_" if word else " " if space else "?"


CODED = bytes(ord(_coded_char(chr(b))) for b in range(256))  # a Latin-1 byte -> its coded one (bytes.translate)
codecs.register_error("quotes.caps", lambda e: ("".join(map(_coded_char, e.object[e.start:e.end])), e.end))


def caps_runs(text):
    """(starts, texts) of the CAPS matches of a text, found in its coding (see CAPS_CODED)."""
    coded = text
    if not text.isascii():
        for mark, mark_coded in CODED_MARKS:
            if mark in coded:
                coded = coded.replace(mark, mark_coded)
    spans = list(map(re.Match.span, CAPS_CODED.finditer(coded.encode("latin-1", "quotes.caps").translate(CODED))))
    return [s for s, _ in spans], [text[s:e] for s, e in spans]


@functools.lru_cache(maxsize=1)
def _data():
    """The word lists (data/lexicon; LEXICON.md lists the files), built with the lexicon: see
    lexicon._stance_tables for what each is."""
    return lexicon().stance


def tokens(text):
    """Folded tokens of a text with their character spans; punctuation marks clause ends."""
    low = text.lower().replace("’", "'")
    if len(low) != len(text):
        return [(fold(m.group(0)), m.start(), m.end()) for m in TOKEN.finditer(text)]
    return [(m.group(0), m.start(), m.end()) for m in TOKEN.finditer(low)]


def words_of(text):
    """Folded tokens of a text (the words of tokens(), without spans). No token spans white space, so the
    text is cut at it first (a C-level split) and a piece of letters and digits only (\\w but "_", as
    str.isalnum reads it) is one token; only the other pieces go through the regex."""
    # the apostrophes straightened first: a text with no other character beyond ASCII (many) is then
    # lowercased by the ASCII path (’ and ' alike are case-ignorable: no letter lowercases otherwise)
    return _cut_pieces(text.replace("’", "'").lower(), _piece_tokens)


def _cut_pieces(text, cut):
    """The words of a text cut at white space first (no word spans it): a piece of letters and digits only
    is one word, and only the other pieces are cut, by cut (a cached regex findall: pieces recur)."""
    words = []
    for piece in text.split():
        if piece.isalnum():
            words.append(piece)
        else:
            words += cut(piece)
    return words


@functools.lru_cache(maxsize=1 << 14)
def _piece_tokens(piece):
    """The tokens of a piece of text between white space that is not one word: pieces recur ("it's",
    "said,", "u.s."), so each is cut once."""
    return TOKEN.findall(piece)


def _is_negation(words, i, negations):
    w = words[i]
    if w in negations or w.endswith("n't") or (i and w in _negation_ends() and words[i - 1] + " " + w in negations):
        # "never been this close", "not only": not a negation
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if nxt == "only" or (nxt == "been" and i + 2 < len(words) and words[i + 2] in INTENSIFIED):
            return False
        return True
    return False


@functools.lru_cache(maxsize=1)
def _negating_words():
    """The words one of which a statement holds if _is_negation can find a negation in it, but for those
    ending in "n't": a negation of one word, or the first word of one of two."""
    return frozenset(n.split(" ", 1)[0] for n in _data()[3])


@functools.lru_cache(maxsize=1)
def _rule_words():
    """The words polarity's rules test a statement for (negations, conditionals, denials, choices): those
    of a statement are found in one pass over its words, then each rule looks among them."""
    return _negating_words() | CONDITIONAL | DENIALS | CHOICE_VERBS


@functools.lru_cache(maxsize=1)
def _negation_ends():
    """The last words of the two-word negations ("no longer", "fail to"): only after one of them can the
    word before make a negation of two."""
    return frozenset(n.rsplit(" ", 1)[1] for n in _data()[3] if " " in n)


def _hits(words):
    """Lexicon matches: a list of [start, end, polarity, kind]. Only words that can start a match are
    looked at (a set test per word)."""
    single, multi = _data()[:2]
    starters, follow = _starters()
    hits = []
    n, skip_to = len(words), 0
    # a word starts a match if it is a word of its own, or if the next word goes on a phrase it opens:
    # "the" is looked at before "the table", not before every noun
    for i in compress(range(n), map(follow.__contains__, words)):
        if i < skip_to:
            continue
        w = words[i]
        if w not in starters and (i + 1 == n or words[i + 1] not in follow[w]):
            continue
        entry, length = None, 1
        for phrase, e in multi.get(w, ()):
            if tuple(words[i:i + len(phrase)]) == phrase:
                entry, length = e, len(phrase)
                break
        if entry is None and w == "too" and i + 1 < n and words[i + 1] not in CLAUSE_END and \
                words[i + 1] not in TOO_NOT:
            entry, length = (-1, "sentiment"), 2  # "too late", "too facile": an excess is a criticism
        if entry is None:
            entry = single.get(w)
            if entry is not None:
                if w == "against" and (words[i - 1] if i else "") not in AGAINST_BEFORE:
                    entry = None
            elif w in ("back", "backs", "backed") and i + 1 < n:
                prev, nxt = (words[i - 1] if i else ""), words[i + 1]
                if (prev in BACK_BEFORE or w != "back") and nxt not in BACK_NOT_AFTER and nxt not in CLAUSE_END \
                        and prev not in BACK_NOT_BEFORE:
                    entry = (1, "attitude")
        if entry is not None:
            hits.append([i, i + length, entry[0], entry[1]])
            skip_to = i + length
    return hits


@functools.lru_cache(maxsize=1)
def _starters():
    """The words that can be a match by themselves, and for every word that can start a match, the
    second words of the longer phrases it opens (a word of its own: those of all its phrases)."""
    single, multi, *_ = _data()
    starters = frozenset(single) | {"too", "back", "backs", "backed"}
    follow = {w: set() for w in starters}
    for w, entries in multi.items():
        follow.setdefault(w, set()).update(phrase[1] for phrase, _ in entries)
    return starters, {w: frozenset(nxt) for w, nxt in follow.items()}


def _boundary_between(words, a, b, ends=SENTENCE_END):
    return not ends.isdisjoint(words[a:b])


def signals(words, hits=None, present=None):
    """Positions a statement takes: a list of (token index, polarity, weight, event or None), where event
    is (start, end, polarity) of the event an attitude governs. Bare events weigh little (a description:
    "the treaties shredded by"); "process" words (talks, negotiate) count only when governed or negated."""
    negations = _data()[3]
    hits = _hits(words) if hits is None else hits
    out, used, last, flipped = [], set(), 0, {}
    # a statement with no word that can negate (most): no signal looks back for a negation, and what the
    # phrases cover (a negation inside one belongs to it) is not needed
    present = _rule_words().intersection(words) if present is None else present
    negatable = not _negating_words().isdisjoint(present) or "n't" in " ".join(words)
    covered = {k for i, j, _, _ in hits if j - i > 1 for k in range(i, j)} if negatable else ()
    for k, (i, j, pol, kind) in enumerate(hits):
        if k in used or kind in ("neutral", "reserve"):
            continue
        weight, event = WEIGHT.get(kind, 1), None
        if kind == "reverse" and i and words[i - 1] in NOUN_BEFORE:
            continue  # "the tax cut is too small": a noun, not a reversal of what follows
        if kind in ("attitude", "reverse"):
            reach = EVENT_WINDOW if kind == "attitude" else REVERSE_WINDOW
            for k2 in range(k + 1, len(hits)):
                i2, j2, pol2, kind2 = hits[k2]
                if i2 - j > reach or _boundary_between(words, j, i2, STOP_REACH) or \
                        (kind == "reverse" and _boundary_between(words, j, i2, COPULAS)):
                    break
                if kind2 in ("event", "process") or (kind == "reverse" and kind2 in ("sentiment", "attitude")):
                    pol = (pol if kind == "attitude" else -1) * pol2
                    weight = COMBINED if kind == "attitude" or kind2 == "attitude" else 1
                    event = (i2, j2, pol2, j)
                    used.add(k2)
                    # a chain of nominalised events: "welcome the quashing of the cancellation"
                    k3 = k2 + 1
                    while k3 < len(hits) and hits[k3][3] == "event" and hits[k3][0] - event[1] <= 2 and \
                            words[event[1]] == "of":
                        pol *= hits[k3][2]
                        used.add(k3)
                        event = (event[0], hits[k3][1], event[2] * hits[k3][2], event[3])
                        k3 += 1
                    break
                if kind2 == "neutral":
                    break
        if kind == "reverse" and event is None:
            out.append((i, 0, 0, None))  # a reversal with nothing after it: kept for conditionals
            continue
        negated, seen = False, 0
        # (bounds by a comparison, not max() or min(): builtins that take keywords cost ~1k instructions a call)
        farthest = i - 3 * NEGATION_WINDOW
        for n in range(i - 1, (farthest if farthest > -1 else -1) if negatable else i - 1, -1):
            if words[n] in CLAUSE_END or words[n] in STOP_REACH or seen >= NEGATION_WINDOW or \
                    (n < last and kind == "attitude"):
                break  # an attitude after another signal is not in the first one's negation
            if n in covered and not (n and words[n - 1] + " " + words[n] in negations):
                seen += 1  # "will not work": a negation inside a phrase belongs to the phrase
                continue
            if _is_negation(words, n, negations):
                if words[n] in NOUN_NEGATIONS and i - n > 2:
                    break  # "no date had been set for a meeting": "no" binds its own noun
                if n in flipped and flipped[n] != pol:
                    break  # "not sign a deal that sells out": the second signal is not what is negated
                flipped.setdefault(n, pol)  # "nobody ignored the warnings": one act, negated whole
                pol, negated = -pol, True
                break
            if words[n] not in TRANSPARENT:
                seen += 1
        if kind == "event" and event is None and (_background(words, i) or _past_fact(words, i)):
            continue  # "when it lapsed", "the treaty was signed in 1987": a circumstance, not a position
        if kind == "process" and event is None:
            if not negated:
                continue
            weight = 1
        if _relative(words, i):
            weight = weight / 2  # "the voters who trusted them": a description inside the object
        out.append((i, pol, weight, event))
        last = (event[1] if event else j)
    return out


def _past_fact(words, i):
    """'was signed', 'had been withdrawn': an event told as a past fact (a modal 'could be signed' is not)."""
    prev = words[i - 1] if i else ""
    return prev in ("was", "were") or (prev == "been" and i > 1 and words[i - 2] in ("had", "has", "have"))


def _background(words, i):
    """Whether token i sits in a temporal clause ("when it lapsed", "since the treaty collapsed")."""
    for n in range(i - 1, i - 6 if i > 5 else -1, -1):
        if words[n] in CLAUSE_END:
            return False
        if words[n] in BACKGROUND:
            return True
    return False


def _relative(words, i):
    """Whether token i sits in a relative clause ("who trusted them", "which it called")."""
    for n in range(i - 1, i - 5 if i > 4 else -1, -1):
        if words[n] in CLAUSE_END:
            return False
        if words[n] in RELATIVE and n > 0 and words[n - 1] not in CLAUSE_END:
            return True
    return False


def _reservations(words, hits=None):
    """Token indexes of words that qualify a position ("but we must", "but would demand")."""
    return [h[0] for h in (_hits(words) if hits is None else hits) if h[3] == "reserve"]


def _segments(words):
    """Token indexes where a contrast marker starts a new segment ("but", "however", "even as")."""
    contrast, opens = _data()[2], _segment_openers()
    cuts = []
    for i in compress(range(len(words)), map(opens.__contains__, words)):  # only words that can cut
        w = words[i]
        if w in CONCESSIVE_OPENERS and (i == 0 or words[i - 1] in SENTENCE_END):
            # "While we welcome the funding, it will not be enough": the comma divides
            comma = next((k for k in range(i + 1, len(words)) if words[k] in CLAUSE_END), None)
            if comma is not None:
                cuts.append(comma)
            continue
        for c in contrast.get(w, ()):
            if i > 0 and tuple(words[i:i + len(c)]) == c:
                cuts.append(i)
                break
    return cuts


@functools.lru_cache(maxsize=1)
def _segment_openers():
    """The words _segments looks at: concessive openers and the first words of contrast markers."""
    return frozenset(CONCESSIVE_OPENERS) | frozenset(_data()[2])


def _conditional(words, sig, present):
    """Drop what a condition says ("if the US returns") when the rest of its sentence takes a position;
    "if we stop X, Y suffers" argues for X."""
    if CONDITIONAL.isdisjoint(present):
        return sig
    # sentence spans
    spans, s = [], 0
    for i, w in enumerate(words):
        if w in SENTENCE_END:
            spans.append((s, i))
            s = i + 1
    spans.append((s, len(words)))
    out = []
    for a, b in spans:
        inside = [x for x in sig if a <= x[0] < b]
        ifs = [i for i in range(a, b) if words[i] in CONDITIONAL]
        if not ifs:
            out.extend(inside)
            continue
        c0 = ifs[0]
        if c0 == a or (c0 == a + 1 and words[a] in ("and", "but", "so", "even", "only")):
            # condition first: it runs to the first comma (or "then")
            c1 = next((i for i in range(c0 + 1, b) if words[i] in (",", "then")), b)
        else:
            c1 = next((i for i in range(c0 + 1, b) if words[i] in (",", "and", "but")), b)
        cond = [x for x in inside if c0 <= x[0] < c1]
        main = [x for x in inside if not c0 <= x[0] < c1]
        cond_pol = sum(p * w for _, p, w, _ in cond) or (-1 if any(p == 0 and w == 0 for _, p, w, _ in cond) else 0)
        main_pol = sum(p * w for _, p, w, _ in main)
        main = [x for x in main if x[2]]
        if main_pol and cond_pol and c0 < c1 <= b and (c0 == a or c0 == a + 1) and cond:
            sign = 1 if cond_pol * main_pol > 0 else -1
            out.append((main[0][0], sign, 2, None))
        elif main:
            out.extend(main)
        else:
            out.extend(x for x in cond if x[2])
    return out


def _denials(words, sig, present):
    """'… but denied that the ministry had failed': what is denied counts the other way round, to the end
    of its sentence, and the denying verb itself is no position."""
    if DENIALS.isdisjoint(present):
        return sig
    for d, w in enumerate(words):
        if w not in DENIALS:
            continue
        nxt = words[d + 1:d + 4]
        if "that" not in nxt and not any(x in DENIED_NOUNS for x in nxt):
            continue
        end = next((k for k in range(d + 1, len(words)) if words[k] in SENTENCE_END), len(words))
        sig = [(i, -p, wt, e) if d < i < end else (i, p, wt, e) for i, p, wt, e in sig if i != d]
    return sig


def _preferences(words, sig, present):
    """'chose calm over anger', 'put profit before safety': what is passed over counts the other way round."""
    if CHOICE_VERBS.isdisjoint(present):
        return sig
    for c, w in enumerate(words):
        if w not in CHOICE_VERBS:
            continue
        over = next((k for k in range(c + 1, min(len(words), c + 8)) if words[k] in ("over", "before", "above")
                     or words[k] in CLAUSE_END), None)
        if over is None or words[over] in CLAUSE_END:
            continue
        end = next((k for k in range(over + 1, len(words)) if words[k] in CLAUSE_END), len(words))
        sig = [(i, -p, wt, e) if over < i < end else (i, p, wt, e) for i, p, wt, e in sig]
    return sig


@functools.lru_cache(maxsize=1 << 10)
def _cue_effect(cue):
    """What a cue verb as written ("denied", "warned") does to the position it reports (stance_cues.csv:
    flip, favor, against), or None; cues recur, so each is read once."""
    lex, cues = lexicon(), _data()[4]
    for c in fold(cue).split():
        v = lex.verbs.get(c)
        base = v.base if v else c
        if base in cues:
            return cues[base]
    return None


def _hedged(words):
    return not HEDGES.isdisjoint(words)


def polarity(words, cue=None):
    """(stance, confidence, signals) for a statement's folded words and its cue verb (as written)."""
    hits = _hits(words)  # looked at again below
    # no lexicon match, no signal: the rules below only reweigh, flip or drop signals
    sig = []
    if hits:
        present = _rule_words().intersection(words)  # the words the rules test for, found in one pass
        sig = [x for x in _conditional(words, signals(words, hits, present), present) if x[2]]
        sig = _preferences(words, _denials(words, sig, present), present)
    effect = _cue_effect(cue) if cue else None
    if effect == "flip":
        sig = [(i, -p, w, e) for i, p, w, e in sig]
    elif effect in ("favor", "against"):
        sig = sig + [(-1, 1 if effect == "favor" else -1, 1, None)]
    pos = neg = 0
    for _, p, w, _ in sig:  # most statements have no signal: no generators made for them
        if p > 0:
            pos += w
        elif p < 0:
            neg += w
    if not pos and not neg:
        return "neutral", 0.5, sig
    if pos + neg <= 1 and "neutral" in map(KIND_OF, hits):
        return "neutral", 0.45, sig  # "will study the ruling carefully", with one weak evaluation
    cuts = _segments(words)
    if pos and neg:
        bounds = [0] + cuts + [len(words) + 1]
        seg_pol = []
        for a, b in zip(bounds, bounds[1:]):
            s = sum(p * w for i, p, w, _ in sig if a <= i < b)
            if s:
                seg_pol.append(s)
        opposite = any(x > 0 for x in seg_pol) and any(x < 0 for x in seg_pol)
        if opposite or min(pos, neg) / max(pos, neg) >= 0.6:
            return "mixed", round(0.5 + 0.05 * min(pos, neg), 2), sig
    # a position restricted in the same breath: "return to some of them, but not all", "we remain
    # committed, but will demand changes"
    reserve = _reservations(words, hits) if cuts else ()
    for i in cuts:
        if any(i < r <= i + 6 for r in reserve) and any(0 <= x[0] < i for x in sig) and \
                not any(x[0] > i for x in sig if x[0] >= 0):
            return "mixed", 0.5, sig
        if words[i + 1:i + 2] == ["not"] and any(0 <= x[0] < i for x in sig) and \
                not any(x[0] > i for x in sig):
            return "mixed", 0.5, sig  # "return to some of them, but not all", "their goals, but not their methods"
    margin = pos - neg
    stance = "favor" if margin > 0 else "against"
    conf = 0.5 + 0.1 * abs(margin)
    return stance, round(conf if conf < 0.9 else 0.9, 2), sig


# --- targets -----------------------------------------------------------------------------------

LEADING_DETERMINER = re.compile(r"^(?:the|a|an|this|that|its|their|our|any)\s+", re.I)
POSSESSIVE = re.compile(r"[’']s$")
def _last_word(phrase):
    """A name's last word, split off at a space or a hyphen ("By-Election Count" -> "Count", "Anti-Dumping"
    -> "Dumping"); names have their words joined by single spaces."""
    space, hyphen = phrase.rfind(" "), phrase.rfind("-")
    return phrase[(space if space > hyphen else hyphen) + 1:]  # (a comparison: max() costs ~1k instructions)


@functools.lru_cache(maxsize=8192)
def normalise_target(phrase):
    """'the Open Skies treaty' -> 'Open Skies Treaty' (canonical names from targets.csv)."""
    _, _, _, _, _, targets, heads, *_ = _data()
    p = LEADING_DETERMINER.sub("", phrase.strip())
    p = POSSESSIVE.sub("", p.strip(" ,.;:«»“”\"'‘’()[]")).strip()
    key = fold(p)
    if key in targets:
        return targets[key]
    words = p.split()
    if len(words) > 1 and all(w[:1].isupper() for w in words[:-1]) and fold(words[-1]) in heads:
        words[-1] = words[-1][:1].upper() + words[-1][1:]  # "Open Skies treaty" -> "Open Skies Treaty"
    return " ".join(words)


class ArticleIndex:
    """What stance looks up in one article, each part made once and only when first asked for: its
    capitalised runs (CAPS matches over the whole text, with what each can name), the named targets by
    offset (they resolve "the treaty"), the modified forms of each target head ("the reform" -> "hospital
    reform"). paras: the article's paragraphs as extraction cut them into words (objects with lo, hi, toks,
    lows and tok_index), where they are at hand: heads are then found from their words."""

    def __init__(self, article=None, paras=None):
        self.text = getattr(article, "text", None) or ""
        self.paras = paras if paras and self.text else None
        # whether the heads of a text within one paragraph can be read from the paragraph's words (see
        # _text_head_phrases): told for the whole article, and so for every text in it
        self.heads_in_paras = self.paras is not None and _plain_heads() and _lowers_in_place(self.text)
        self.para_starts = [p.lo for p in paras] if self.paras else None
        self._para_heads = [None] * len(paras) if self.paras else None
        self._runs = self._named = self._forms = self._lowered = self._default = None
        self._head_forms, self._head_phrases = {}, {}
        self.candidates = {}  # candidate_targets of a text at an offset, asked again for a shared context

    def runs(self):
        """(starts, texts) of the CAPS matches of the whole text (a match ends where its start and text say)."""
        if self._runs is None:
            self._runs = caps_runs(self.text)
        return self._runs

    def named(self):
        """(offset, canonical name, its last word folded) of the named targets in the text, by offset:
        aliases and capitalised 'X Treaty'."""
        if self._named is None:
            starts, runs = self.runs()
            names = list(map(_run_names, runs))  # most runs name nothing: ()
            self._named = tuple((starts[k], name, _name_head(name)) for k in compress(range(len(names)), names)
                                for name in names[k])
        return self._named

    def forms(self):
        """head -> {lowercase modified form: (count, first surface form)}, as _modified_heads."""
        if self._forms is None:
            self._forms = _modified_heads(self.text, _layout_head_phrases(self) if self.paras else None)
        return self._forms

    def head_forms(self, head):
        """forms().get(head, {}), for one head: where lowercasing keeps each character in place, the
        head's whole-word occurrences are found by a plain search of the lowercased text, not by reading
        the forms of every head of the article."""
        if self._forms is not None:
            return self._forms.get(head, {})
        found = self._head_forms.get(head)
        if found is None:
            text = self.text
            if self._lowered is None:
                lowered = text.lower().replace("’", "'")
                self._lowered = lowered if len(lowered) == len(text) and "Σ" not in text else ""
            lowered = self._lowered
            if not lowered or not _plain_heads():
                return self.forms().get(head, {})
            # a whole HEAD_WORD word is a run of HEAD_CHAR characters with none on either side
            at, n, spans = lowered.find(head), len(head), []
            while at >= 0:
                if not (at and HEAD_CHAR.match(lowered, at - 1)) and not HEAD_CHAR.match(lowered, at + n):
                    spans.append((at, at + n))
                at = lowered.find(head, at + n)
            found = _modified_heads(text, self.phrases_at(spans)).get(head, {})
            self._head_forms[head] = found
        return found

    def default_target(self):
        """The target of a statement with nothing named near it: the policy or treaty the article is about
        (its first named one), else its most frequent modified head (not a body's); the same for each
        statement, so found once."""
        if self._default is None:
            heads, target = _data()[6], None
            for _, name, _ in self.named():
                if fold(name.split()[-1]) in heads and fold(name.split()[-1]) not in BODIES:
                    target = name
                    break
            else:
                forms = [v for head, f in self.forms().items() if head not in BODIES
                         for v in f.values() if v[0] >= 2]
                target = normalise_target(max(forms, key=lambda v: v[0])[1]) if forms else None
            self._default = (target,)
        return self._default[0]

    def head_phrase(self, s, e):
        """_head_phrase of the head at text[s:e], a whole HEAD_WORD word: found once, whatever statement's
        quote or context or the article's forms ask for it."""
        found = self._head_phrases.get(s)
        if found is None:
            found = self._head_phrases[s] = _head_phrase(self.text, s, e)
        return found

    def phrases_at(self, found):
        """The phrases of _head_phrases(text), given the (start, end) of every HEAD_WORD word of the text
        that is a head."""
        return [phrase for phrase, _, blocked in map(self.head_phrase, *zip(*found)) if phrase and blocked is None] \
            if found else []

    def para_heads(self, k):
        """(start, end) of each word of paragraph k that is a target head and a whole HEAD_WORD word of
        the text (not the end of "’deal" or the start of "deal-making"), found once from its words."""
        found = self._para_heads[k]
        if found is None:
            p, text, heads = self.paras[k], self.text, _data()[6]
            found = []
            if not _head_set().isdisjoint(p.lows):  # most paragraphs have none: one C-level pass
                n, toks = len(text), p.toks
                for i in compress(range(len(toks)), map(heads.__contains__, p.lows)):
                    s, e = toks[i].start, toks[i].end
                    if not (s and HEAD_CHAR.match(text, s - 1)) and not (e < n and HEAD_CHAR.match(text, e)):
                        found.append((s, e))
            self._para_heads[k] = found
        return found

    def runs_in(self, text, at):
        """(offset in the article, _caps_phrase) of each CAPS match of a text that stands at offset `at` of
        the article (the caller has checked it does), looked up in the article's runs; None when they may
        differ: a run crosses one of its edges, or its first capital follows a word character (a run of its
        own only when cut out)."""
        source = self.text
        starts, runs = self.runs()
        end = at + len(text)
        i = bisect_left(starts, at)
        j = bisect_left(starts, end, i)
        if (i and starts[i - 1] + len(runs[i - 1]) > at) or (j > i and starts[j - 1] + len(runs[j - 1]) > end) or \
                (at and "A" <= source[at:at + 1] <= "Z" and (source[at - 1].isalnum() or source[at - 1] == "_")):
            return None  # (\w is str.isalnum or "_": a capital after a word character)
        return zip(starts[i:j], map(_caps_phrase, runs[i:j]))


HEAD_STOP = {"or", "with", "by", "from", "at", "is", "was", "be", "would", "will", "has", "had", "in", "on", "to",
             "for", "and", "of"}
BODIES = {"organization", "organisation", "union", "alliance", "government", "coalition"}
PARTICLES = {"down", "up", "over", "off", "out", "into", "onto", "amid", "after", "as", "vs"}
EVALUATIVE = {"perfect", "worst", "best", "biggest", "huge", "major", "big", "small", "long-stalled", "long-delayed",
              "so-called", "sweeping", "controversial", "landmark", "historic", "narrow", "latest", "recent", "whole"}
FUNCTION = {"of", "the", "a", "an", "on", "in", "to", "for", "and", "or", "with", "by", "from", "at", "is", "was", "be",
            "would", "will", "has", "had", "have", "that", "this", "it", "its", "their", "our", "his", "her", "they",
            "we", "he", "she", "can", "could", "not", "new", "said", "says", "any", "every", "which", "who", "as",
            "first", "last", "next", "whole", "entire", "same", "current", "proposed", "planned", "draft", "final",
            "such", "whose", "own", "but", "if", "so", "than", "then", "there", "what", "when", "all", "more",
            "cannot", "can't", "should", "must", "may", "might", "did", "does", "do", "are", "were", "been", "only"}


@functools.lru_cache(maxsize=1 << 12)
def _name_head(name):
    """The last word of a target name, folded: what says what kind of thing it names."""
    return fold(_last_word(name))


@functools.lru_cache(maxsize=1)
def _name_words():
    """The words of the aliases and heads, cut at hyphens too (as _last_word cuts a name's last word)."""
    _, _, _, _, _, targets, heads, _ = _data()
    return frozenset(piece for word in chain(targets, heads) for piece in word.replace("-", " ").split())


@memo(1 << 14)
def _run_names(run):
    """The target names a capitalised run (a CAPS match) gives; runs recur, so each is read once."""
    if run.isascii() and _name_words().isdisjoint(run.lower().replace("-", " ").split()):
        return ()  # most runs: no word of an alias, no head (a name is made of the one or ends on the other)
    _, _, _, _, _, targets, heads, stop = _data()
    words = run.split()
    if len(words) == 1 and fold(words[0]) not in targets:
        return ()  # one capitalised word is a name only if it is an alias ("NATO")
    while words and fold(words[0]) in stop:
        words = words[1:]
    key = fold(" ".join(words))
    if key in targets and (len(key) > 4 or " ".join(words).isupper()):
        return (targets[key],)  # "Joint Comprehensive Plan of Action"
    words = words[-4:]  # a title-case headline: only its last words can be a name
    phrase = " ".join(words)
    key = fold(phrase)
    if key in targets and (len(key) > 4 or phrase.isupper()):
        return (targets[key],)
    if len(words) > 1 and fold(_last_word(phrase)) in heads:
        words = _trim_name(words)
        if len(words) > 3 and not any(fold(w) in ("of", "on", "for") for w in words):
            words = words[-3:]  # "Tense Kenyan By-Election Count" -> "Kenyan By-Election Count"
        return (normalise_target(" ".join(words)),) if len(words) > 1 else ()
    # an alias inside a longer phrase: "the JCPOA talks"
    return tuple(targets[fold(w)] for w in words if fold(w) in targets and (len(w) > 4 or w.isupper()))


HEAD_AS_MODIFIER = {"party", "parties", "coalition", "class", "elite", "elites", "family", "bloc", "majority", "body",
                    "bodies", "officials", "official", "committee", "panel", "team", "teams", "day", "turnout"}
HEAD_DETERMINERS = {"the", "this", "its", "their", "our", "any", "a", "an"}
HEAD_WORD = re.compile(r"[\w\-’']+|[^\w\s]")  # words, and punctuation that ends a phrase


def _head_phrases(text):
    """(word index, phrase) of every 'the [up to three modifiers] HEAD' in a text: 'the steel wire levy'.
    Only the words around a head are looked at in Python."""
    heads = _data()[6]
    lowered = text.lower().replace("’", "'")
    words = _split_words(text)
    if len(lowered) == len(text) and "Σ" not in text:
        # lowercasing that keeps the length keeps each character's class (only İ lengthens), and but for
        # a final sigma each character lowercases alone: the words lowercased are the lowercase words
        low = list(map(str.lower, words))
        if "’" in text:
            low = [w.replace("’", "'") for w in low]
    else:
        low = _split_words(lowered)
        if len(words) != len(low):
            words = low  # lowercasing changed the words (rare letters): keep them lowercase
    if _head_set().isdisjoint(low):
        return []  # most texts name no head: one C-level pass
    out = []
    for k in compress(range(len(low)), map(heads.__contains__, low)):
        if k + 1 < len(low) and (low[k + 1] in heads or low[k + 1] in HEAD_AS_MODIFIER):
            continue  # "the vaccine mandate": the last head of a compound names it; "the ruling party"
        for back in range(1, 5):
            if k - back < 0:
                break
            prev = low[k - back]
            if prev in HEAD_DETERMINERS:
                out.append((k - back + 1, " ".join(words[k - back + 1:k + 1])))
                break
            if prev in FUNCTION or prev in HEAD_STOP or not prev[:1].isalnum():
                break
    return out


def _modified_heads(text, phrases=None):
    """head -> {lowercase modified form: (count, first surface form)}: 'the steel wire levy'. phrases:
    those of _head_phrases(text), where found otherwise (None: the text is scanned)."""
    out = {}
    for phrase in (phrases if phrases is not None else (p for _, p in _head_phrases(text))):
        form = _form(phrase)
        if form is not None:
            head, key, written = form
            forms = out.setdefault(head, {})
            n, first = forms.get(key, (0, written))
            forms[key] = (n + 1, first)
    return out


@functools.lru_cache(maxsize=1 << 12)
def _form(phrase):
    """(head folded, form folded, form) of a head phrase with its modifiers ('the new steel wire levy' ->
    'steel wire levy'), None for a bare head or words that are not plain; phrases recur across articles."""
    words = _modifiers(phrase.split())
    form = " ".join(words)
    if len(words) < 2 or not PLAIN_WORDS.fullmatch(form):
        return None
    return fold(words[-1]), fold(form), form


PLAIN_WORDS = re.compile(r"[\w\-’']+(?: [\w\-’']+)*")


HEAD_CHAR = re.compile(r"[\w\-’']")  # a character of a HEAD_WORD word


@functools.lru_cache(maxsize=1)
def _head_set():
    """The target heads as a frozenset: its isdisjoint test of a list of words takes half the time of the
    heads dict's keys view's."""
    return frozenset(_data()[6])


@functools.lru_cache(maxsize=1)
def _plain_heads():
    """Whether every head is a word of two letters or more that starts and ends with a word character
    ("by-election", not "-ism"): such a head, as a whole HEAD_WORD word, is also one word of text.tokens."""
    return all(len(h) > 1 and re.fullmatch(r"\w[\w\-']*\w", h) for h in _data()[6])


def _layout_head_phrases(index):
    """The phrases of _head_phrases(text) of the article of an ArticleIndex, found from the words
    extraction already cut the paragraphs into (their folded forms show the heads: no scan of the whole
    text); the text between paragraphs is searched for heads as _head_phrases does. None when that cannot
    be done exactly: paragraphs that do not start and end at white space, lowercasing that changes the
    count of letters, unusual heads."""
    text, paras = index.text, index.paras
    if not index.heads_in_paras:
        return None
    n = len(text)
    found, covered = [], 0
    for k, p in enumerate(paras):
        lo, hi = p.lo, p.hi
        if lo < covered or (lo and not text[lo - 1].isspace()) or (hi < n and not text[hi].isspace()):
            return None
        if lo > covered and not text[covered:lo].isspace():  # a head is no white space
            found += _heads_between(text, covered, lo)
        found += index.para_heads(k)
        covered = hi
    if covered < n and not text[covered:].isspace():
        found += _heads_between(text, covered, n)
    return index.phrases_at(found)


def _head_phrase(text, s, e):
    """What _head_phrases makes of the head at text[s:e], a whole HEAD_WORD word: (the phrase 'the [up to
    three modifiers] HEAD' or None, the count of words from its determiner to the head, where the next word
    starts if it is a head or a modifier head, else None; looked for only where there is a phrase, the only
    case it is read in). Only the words around the head are cut out."""
    before = _words_before(text, s, 4)  # the four words before the head
    for back in range(1, (len(before) if len(before) < 4 else 4) + 1):
        prev = before[-back].lower().replace("’", "'")
        if prev in HEAD_DETERMINERS:
            return " ".join(before[len(before) - back + 1:] + [text[s:e]]), back, _compound_at(text, e)
        if prev in FUNCTION or prev in HEAD_STOP or not prev[:1].isalnum():
            break
    return None, 0, None


def _compound_at(text, e):
    """Where the word after offset e starts if it is a head or a modifier head ("the vaccine mandate": the
    last head of a compound names it; "the ruling party"), else None."""
    # the next word is the first of the next piece between white space (every character but white space is in
    # a word), found in a stretch after e that holds the whole piece (white space after it, or the text's end)
    rest = text[e:e + 64]
    pieces = rest.split(None, 1)
    if len(pieces) == 2 or (pieces and e + 64 >= len(text)):
        piece = pieces[0]
        after = (piece if piece.isalnum() else _head_words(piece)[0]).lower().replace("’", "'")
        start = e + len(rest) - len(rest.lstrip())
    else:
        nxt = HEAD_WORD.search(text, e)
        if nxt is None:
            return None
        after, start = nxt.group().lower().replace("’", "'"), nxt.start()
    return start if after in _data()[6] or after in HEAD_AS_MODIFIER else None


def _heads_between(text, lo, hi):
    """(start, end) of each HEAD_WORD word of text[lo:hi], cut out alone, that lowercased is a head, in a text
    that lowercases in place."""
    heads = _data()[6]
    gap = text[lo:hi].lower().replace("’", "'")
    return [(lo + m.start(), lo + m.end()) for m in HEAD_WORD.finditer(gap) if m.group() in heads]


def _lowers_in_place(text):
    """Whether lowercasing keeps each character of a text in place, as len(text.lower()) == len(text) and no
    "Σ" tells, without lowercasing it: only "İ" lowercases to two characters (checked over all of Unicode),
    and but for a final sigma each character lowercases alone."""
    return text.isascii() or ("İ" not in text and "Σ" not in text)


def _text_head_phrases(text, at, index):
    """_head_phrases(text) for a text that stands at offset `at` of the article of `index` (the caller has
    checked it does), its heads found from the words of its paragraphs; None when that cannot be done
    exactly: no paragraphs' words at hand or none to read so (index.heads_in_paras), the text is not
    within one paragraph, or a word runs on across its edges."""
    if not index.heads_in_paras:
        return None
    paras, source, n = index.paras, index.text, len(text)
    k = bisect_right(index.para_starts, at) - 1
    if k < 0 or at + n > paras[k].hi or \
            (at and (source[at - 1].isalnum() or source[at - 1] in "_-’'")) or \
            (at + n < len(source) and (source[at + n].isalnum() or source[at + n] in "_-’'")):  # HEAD_CHAR
        return None
    # the text's edges are no word's inside (tested above): its heads are its paragraph's heads within it,
    # and its words the article's there. A head's phrase is the text's unless the text cuts it (it starts
    # on fewer words before the head than the phrase has) or the word after the head, which makes a
    # compound of it, is in the text.
    end, out = at + n, []
    for s, e in index.para_heads(k):
        if at <= s and e <= end:
            phrase, back, blocked = index.head_phrase(s, e)
            if phrase and (blocked is None or blocked >= end):
                words = _count_words(source[at:s])  # the word index of the head in the text
                if words >= back:
                    out.append((words - back + 1, phrase))
    return out


def _words_before(text, end, n):
    """The last n words (HEAD_WORD tokens) before offset end, or all there are. No word spans white space,
    so a stretch before end is cut at white space (a C-level split) and read from its end, piece by piece:
    a piece of letters and digits only (\\w but "_", as str.isalnum reads it) is one word, only the others
    go through the regex. The first piece of a stretch that starts inside the text may be the end of a
    longer one: it is not read (a longer stretch is cut if the pieces after it hold too few words)."""
    lo = end
    while True:
        lo = lo - 64 if lo > 64 else 0
        pieces = text[lo:end].split()
        first = 1 if lo else 0  # the first piece read
        last = pieces[-n:]
        if len(pieces) - n >= first and all(map(str.isalnum, last)):
            return last  # most stretches end on n pieces of letters and digits only: a word each
        words = []
        for k in range(len(pieces) - 1, first - 1, -1):
            piece = pieces[k]
            words[:0] = (piece,) if piece.isalnum() else _head_words(piece)
            if len(words) >= n:
                return words[-n:]
        if not lo:
            return words


def _count_words(text):
    """len(HEAD_WORD.findall(text)), counted from its pieces between white space (no word spans white
    space): one word each but for those not of letters and digits only."""
    pieces = text.split()
    odd = list(filterfalse(str.isalnum, pieces))
    return len(pieces) - len(odd) + sum(map(len, map(_head_words, odd)))


def _split_words(text):
    """HEAD_WORD.findall(text), from its pieces between white space."""
    return _cut_pieces(text, _head_words)


@functools.lru_cache(maxsize=1 << 14)
def _head_words(piece):
    """HEAD_WORD.findall of a piece of text between white space; pieces recur ("said," "“the")."""
    return tuple(HEAD_WORD.findall(piece))


def _trim_name(words):
    """The name at the end of a capitalised run: 'Brazil Declares Dengue Emergency' -> 'Dengue Emergency',
    'Court Strikes Down Steel Wire Levy' -> 'Steel Wire Levy' (a headline's verbs and particles go)."""
    single, lex = _data()[0], lexicon()
    for k in range(len(words) - 2, -1, -1):
        w = fold(words[k])
        known = w in lex.country_names or w in lex.demonyms or w in _data()[5] or words[k].isupper()
        if not known and (w in FUNCTION or w in single or w in EVALUATIVE or w in PARTICLES or
                          (w.endswith("s") and not w.endswith("ss") and k > 0)):
            return words[k + 1:]
    return words


def _modifiers(words):
    """A head with its modifiers, without function words or evaluations: 'a good deal' -> 'deal'."""
    single = _data()[0]
    for k in range(len(words) - 2, -1, -1):
        if fold(words[k]) in FUNCTION:
            words = words[k + 1:]
            break
    while len(words) > 1 and (fold(words[0]) in single or fold(words[0]) in EVALUATIVE):
        words = words[1:]
    return words


def _resolve(head, index, before):
    """'the treaty' -> the nearest named 'X Treaty' before the statement, else the article's most
    frequent modified form ('the reform' -> 'hospital reform'), else None."""
    named = index.named()
    for kin in (frozenset([head]), _data()[6].get(head, frozenset([head]))):
        best = None
        for pos, name, last in named:
            if pos >= before:
                break
            if last in kin:
                best = name
        if best:
            return best
        forms = list(index.head_forms(head).values()) if len(kin) == 1 else None
        if forms and len(kin) == 1:  # lowercase forms of the same word only: "the reform" -> "hospital reform"
            return max(forms, key=lambda x: x[0])[1]
    return None


# what a sentence's first word can follow, then white space (a line break is white space itself)
SENTENCE_MARKS = frozenset(".!?…:;“\"«‘'[(—–-")


def _opens_sentence(before):
    r"""Whether text ending on `before` may start a sentence: a mark of SENTENCE_MARKS or a line break, then
    only white space (what the regex (?:[MARKS]|\n)\s*$ searches for; str.rstrip strips what \s reads)."""
    kept = before.rstrip()
    return kept[-1:] in SENTENCE_MARKS or "\n" in before[len(kept):]


AFTER_CUE = re.compile(r"(?:\btold|\bto|\bnewspaper|\bbroadcaster|\bagency|\bchannel|\bradio|\bin an interview with)"
                       r"(?:\s+the)?\s+$", re.I)


# the last words AFTER_CUE can end on (before white space)
AFTER_CUE_ENDS = ("told", "to", "newspaper", "broadcaster", "agency", "channel", "radio", "with", "the")


# the letters other than ASCII that re.I matches to an ASCII letter and that do not lowercase to it (the
# fourth, the Kelvin sign, lowercases to "k")
CASE_TO_ASCII = frozenset("İıſ")


def _after_cue(before):
    """AFTER_CUE.search(before), its regex run only when the text ends on one of its last words: where no
    letter matches an ASCII one but by lowercasing, nothing else can match (the search costs much more
    than the test)."""
    last = before.rstrip()
    if last.isascii() or CASE_TO_ASCII.isdisjoint(last):
        low = last.lower()  # as long as last: only "İ" lengthens
        if not low.endswith(AFTER_CUE_ENDS):
            return None
        # a match ends on its word, then white space, maybe "the" and white space: it starts at most 20
        # characters (its longest word) before that end
        end = len(last)
        if end > 3 and low.endswith("the") and low[end - 4].isspace():
            end = len(last[:-3].rstrip())
        return AFTER_CUE.search(before, max(0, end - 20))
    return AFTER_CUE.search(before)


@memo(1 << 14)
def _caps_phrase(run):
    """What a capitalised run (a CAPS match) can name, whatever stands around it: (offset of the name in
    the run, base form, whether it is known, whether it is one ordinary capitalised word, its last word
    folded, rank, the name without a possessive), or None. Runs recur across statements and articles."""
    lex = lexicon()
    _, _, _, _, _, targets, heads, stop = _data()
    stripped = run.strip(" -")
    words = stripped.split()
    folded = fold(stripped).split()  # the words folded (lowercasing makes no white space), cut as the words are
    # leading function words and titles are not part of a name
    k = 0
    while k < len(words):
        first = folded[k]
        n = lex.office_at(folded, k)[1] if first in lex.offices_by_first else 0
        if n:
            k += n
        elif first in stop or first in lex.title_modifiers or first in lex.honorifics:
            k += 1
        else:
            break
    end = len(words)
    while end > k and folded[end - 1] in stop:
        end -= 1
    words, folded = words[k:end], folded[k:end]
    if len(words) > 2 and folded[-1] in heads:
        words = _trim_name(words)  # a part at the end
        folded = folded[len(folded) - len(words):]
    if len(words) > 4:
        words, folded = words[-4:], folded[-4:]  # a title-case headline
    if not words or (len(words) == 1 and (len(words[0]) < 2 or words[0].isdigit())) or \
            folded[-1].endswith("-based") or \
            (len(words) > 1 and all(map(str.isupper, words))):
        return None  # "Alberta-based" describes; "NEW YORK" is a dateline
    offset = run.find(words[0])
    offset = offset if offset > 0 else 0
    phrase = " ".join(words)
    key = " ".join(folded)
    base = key[:-2] if key.endswith("'s") else key
    if base in stop:
        return None
    last = _last_word(base)
    if base in targets and len(base) <= 4 and not phrase.replace("'s", "").replace("’s", "").isupper():
        return None  # "Who", "Un": a sentence opener, not the WHO
    place = base in lex.country_names or base in lex.capitals or base in lex.international or base in lex.institutions
    known = base in targets or place or base in lex.demonyms
    one_word = len(words) == 1 and not known and not words[0].isupper()
    if base in targets or last in heads:
        rank = 0  # treaties, deals, policies: the most specific target
    elif place:
        rank = 2
    elif base in lex.demonyms:
        rank = 3
    else:
        rank = 2.5
    name = phrase[:-2] if phrase.endswith(("'s", "’s")) else phrase  # without a possessive
    return offset, base, known, one_word, folded[-1], rank, name


def candidate_targets(text, speaker="", skip_first=True, at=None, index=None):
    """Named things in a text that a position can be about: (rank, offset, phrase), lower rank preferred.
    at: where the text stands in the article of `index` (an ArticleIndex), if it does: its runs and
    words are looked up there, not found again."""
    if index is None:
        return _candidate_targets(text, speaker, skip_first, None, None)
    key = (text, speaker, skip_first, at)
    found = index.candidates.get(key)
    if found is None:
        found = index.candidates[key] = _candidate_targets(text, speaker, skip_first, at, index)
    return found


def _candidate_targets(text, speaker, skip_first, at, index):
    surname = speaker.split()[-1] if speaker else ""
    found = []
    # a text found where it says it stands: its runs and heads are looked up in the article's
    there = at is not None and index.text.startswith(text, at)
    runs = index.runs_in(text, at) if there else None
    shift = at  # where the runs' offsets count from
    if runs is None:
        starts, texts = caps_runs(text)
        shift, runs = 0, zip(starts, map(_caps_phrase, texts))
    for run_start, named in runs:
        if named is None:
            continue
        offset, base, known, one_word, last_word, rank, name = named
        start = run_start - shift + offset
        # (bounds by a comparison, not max(): a builtin that takes keywords costs ~1k instructions a call)
        if one_word and skip_first and (start == 0 or _opens_sentence(text[start - 4 if start > 4 else 0:start])):
            continue  # "Persuasion works", "Tonight the people": capitalised because a sentence starts
        if speaker and (base in speaker or last_word == surname):  # (in: the whole name, its end, a part)
            continue  # the speaker is not what they take a position on
        if not known and _after_cue(text[start - 40 if start > 40 else 0:start]):
            continue  # "told NTB", "told the newspaper Nationen": where it was said, not what about
        found.append((rank, start, name))
    phrases = _text_head_phrases(text, at, index) if there else None
    for start, phrase in (_head_phrases(text) if phrases is None else phrases):
        words = _modifiers(phrase.split())
        if words:
            found.append((1, start, " ".join(words)))
    if len(found) < 2:
        return tuple(found)
    # "Treaty" and "Open Skies Treaty" found apart: keep the full name, at the better rank
    keys = [fold(phrase) for _, _, phrase in found]
    if not _ends_another(keys):
        return tuple(found)  # most texts: no name is the end of another, nothing to merge
    merged = []
    folded = [(f[0], len(f[2]), key) for f, key in zip(found, keys)]
    for (rank, start, phrase), key in zip(found, keys):
        n = len(phrase)
        if any(m > n and other.endswith(" " + key) for _, m, other in folded):
            continue
        shorter = [r for r, m, other in folded if m < n and key.endswith(" " + other)]
        merged.append((min([rank] + shorter), start, phrase))
    return tuple(merged)


def _ends_another(keys):
    """Whether one of the keys is what another ends on after a space ("treaty", "open skies treaty")."""
    known = set(keys)
    for key in keys:
        at = key.find(" ")
        while at >= 0:
            if key[at + 1:] in known:
                return True
            at = key.find(" ", at + 1)
    return False


def choose_target(st, context, index):
    """The thing the statement's position is about: in the quote first, then around it. index: the
    ArticleIndex of the statement's article."""
    speaker = fold(st.speaker or "")
    heads = _data()[6]
    # no two statements share a quote: only a context's candidates are kept for the next statement
    cands = _candidate_targets(st.quote or "", speaker, True, st.start, index)
    if not cands and context:
        cands = [(r + 4, s, p) for r, s, p in candidate_targets(context, speaker, True, st.context_start, index)]
    if not cands:
        return index.default_target()  # nothing named near the quote: what the article is about
    best = cands[0] if len(cands) == 1 else _best_candidate(cands, st.country)
    phrase = best[2]
    words = phrase.split()
    if best[0] in (1, 5) and words and fold(words[-1]) in heads and len(words) <= 2:
        # "the treaty", "the reform": what the article names so
        resolved = _resolve(fold(words[-1]), index, (st.start or 0) + 1)
        if resolved and (len(words) == 1 or fold(resolved).endswith(fold(phrase))) and \
                fold(resolved) not in (fold(st.speaker or ""),):
            return normalise_target(resolved)
    return normalise_target(phrase)


def _best_candidate(cands, country):
    """The candidate a statement is most likely about: not its speaker's own country, the lowest rank,
    the name found most often, the first."""
    names = [normalise_target(p) for _, _, p in cands]
    counts = {}
    for n in names:
        counts[n] = counts.get(n, 0) + 1
    keys = [(bool(country and r >= 2 and _country_of(n) == country), r, -counts[n], s)
            for (r, s, _), n in zip(cands, names)]
    return cands[keys.index(min(keys))]  # the first of the best


@functools.lru_cache(maxsize=1 << 12)
def _country_of(name):
    """The country a target name is (lexicon's country_of_word); names recur across statements."""
    return lexicon().country_of_word(name)


def _event_phrase(quote, toks, event):
    """The words naming an event after an attitude: 'regret the US withdrawal' -> 'US withdrawal'."""
    i, j, _, a = event
    while a < i and (toks[a][0] in ("the", "a", "an", "this", "that", "its", "their", "any") or
                     not toks[a][0][:1].isalnum()):
        a += 1
    if i - a > 3 or a >= j:
        return None
    text = quote[toks[a][1]:toks[j - 1][2]]
    if j - a < 2 and not re.search(r"(?:al|ion|ment|ure)$", toks[j - 1][0]):
        return None  # "opposed extending": a verb, not a thing to hold a position on
    return text if any(ch.isalpha() for ch in text) else None


def assess(st, article=None, index=None):
    """Set st.stance, st.stance_target, st.stance_confidence and st.stances. index: the article's
    ArticleIndex, shared by its statements (made here if not given)."""
    words = words_of(st.quote or "")
    toks = None  # character spans, computed only when a phrase has to be cut out of the quote
    stance, conf, sig = polarity(words, st.cue)
    if stance != "neutral" and _hedged(words):
        conf = round(max(0.3, conf - 0.1), 2)  # "might", "could", "probably": a weaker position
    st.stance = stance
    st.stance_confidence = conf
    st.stance_target = choose_target(st, st.context, ArticleIndex(article) if index is None else index)
    stances = []
    if st.stance_target:
        stances.append({"target": st.stance_target, "stance": stance, "confidence": conf})
    # a mixed statement's halves, each about its own thing: "supported mandatory vaccination for health
    # workers but opposed extending the mandate to the public"
    if stance == "mixed" or (sig and any(map(EVENT_OF, sig))):
        toks = tokens(st.quote or "")
        if len(toks) != len(words):
            toks = None
    if stance == "mixed" and toks:
        cuts = _segments(words)
        bounds = [0] + cuts + [len(words)]
        speaker = fold(st.speaker or "")
        for a, b in zip(bounds, bounds[1:]):
            part = sum(p * w for i, p, w, _ in sig if a <= i < b)
            if not part or a >= len(toks):
                continue
            text = st.quote[toks[a][1]:toks[b - 1][2]]
            cands = [c for c in candidate_targets(text, speaker) if c[0] < 2]  # things, not countries
            if not cands:
                continue
            target = normalise_target(min(cands, key=lambda c: (c[0], c[1]))[2])
            if st.stance_target and " " not in target and fold(st.stance_target).endswith(fold(target)):
                continue  # "the mandate" again: the main target
            if all(x["target"] != target for x in stances):
                stances.append({"target": target, "stance": "favor" if part > 0 else "against",
                                "confidence": round(conf * 0.9, 2)})
    # an event the speaker takes a position on: "we regret the US withdrawal" is against the withdrawal
    for i, pol, w, event in sig:
        if event is None or i < 0 or pol == 0 or not toks:
            continue
        phrase = _event_phrase(st.quote, toks, event)
        ev_pol = event[2]
        if phrase and ev_pol:
            own = "favor" if pol * ev_pol > 0 else "against"
            target = phrase[:1].upper() + phrase[1:] if phrase[:1].isupper() else phrase
            if all(s["target"] != target for s in stances):
                stances.append({"target": target, "stance": own, "confidence": round(conf * 0.9, 2)})
    st.stances = stances
