"""Stance: what a statement is for or against. Rules over word lists in data/lexicon, no model.

Sentiment is not stance: "we regret the withdrawal from the treaty" is for the treaty. Attitude
words combine with the event words after them; reversal words ("adjust the decision to leave")
flip the event they govern; negation flips what follows it; a speaker who "rejected the notion"
flips the whole clause.
"""
import functools
import re

from .lexicon import fold, lexicon
from .resources import read_csv, read_list

CONTEXT_WINDOW = 8
FLIP_CUES = {"reject", "deny", "dismiss", "refuse", "question", "dispute"}
TARGET_HEADS = {"treaty", "agreement", "accord", "deal", "act", "bill", "law", "convention", "pact", "plan",
                "protocol", "mandate", "policy", "tariff", "tariffs", "sanctions", "ban", "reform", "program",
                "programme", "ruling", "proposal", "initiative", "resolution", "budget", "strategy", "union",
                "organization", "organisation"}
WORD = re.compile(r"[\w'’\-]+")
CAPS = re.compile(r"(?:(?:the\s+)?(?:[A-Z][\w'’\-]*|[A-Z]{2,})(?:\s+(?:of|on|for|and|the|de)\s+|\s+|-)?)+")


@functools.lru_cache(maxsize=1)
def _words():
    single, multi = {}, []
    for r in read_csv("lexicon", "stance_words.csv"):
        entry = (int(r["polarity"]), r["kind"])
        w = tuple(r["word"].lower().split())
        if len(w) == 1:
            single[w[0]] = entry
        else:
            multi.append((w, entry))
    contrast = [tuple(c.split()) for c in read_list("lexicon", "contrast_words.txt")]
    negations = set(read_list("lexicon", "negations.txt"))
    targets = {r["alias"]: r["target"] for r in read_csv("lexicon", "targets.csv")}
    return single, multi, contrast, negations, targets


def signals(words):
    """Polarity signals in a statement's words: a list of (position, polarity)."""
    single, multi, contrast, negations, _ = _words()
    hits = []
    i = 0
    while i < len(words):
        entry, n = None, 1
        for w, e in multi:
            if tuple(words[i:i + len(w)]) == w:
                entry, n = e, len(w)
                break
        if entry is None and words[i] in single:
            entry = single[words[i]]
        if entry is not None:
            hits.append((i, entry[0], entry[1]))
        i += n
    out = []
    used = set()
    for k, (i, pol, kind) in enumerate(hits):
        if k in used:
            continue
        # attitude or reversal followed closely by an event: one combined position
        if kind in ("attitude", "reverse"):
            for k2 in range(k + 1, len(hits)):
                j, pol2, kind2 = hits[k2]
                if j - i > CONTEXT_WINDOW:
                    break
                if kind2 == "event":
                    pol = (pol if kind == "attitude" else -1) * pol2
                    used.add(k2)
                    break
        if kind == "reverse" and pol == 0:
            continue
        if any(w in negations for w in words[max(0, i - 3):i]):
            pol = -pol
        out.append((i, pol))
    return out


def has_contrast(words):
    _, _, contrast, _, _ = _words()
    for c in contrast:
        n = len(c)
        for i in range(len(words) - n + 1):
            if tuple(words[i:i + n]) == c and i > 0:
                return True
    return False


def normalise_target(phrase):
    """'the Open Skies treaty' -> 'Open Skies Treaty' (canonical names from targets.csv)."""
    _, _, _, _, targets = _words()
    p = re.sub(r"^(?:the|a|an)\s+", "", phrase.strip(), flags=re.I).strip(" ,.;:")
    key = fold(p)
    if key in targets:
        return targets[key]
    words = p.split()
    if words and words[-1].lower() in TARGET_HEADS:
        words[-1] = words[-1].capitalize()
    return " ".join(words)


def candidate_targets(text):
    """Named things in a text that a position can be about, in order of preference."""
    lex = lexicon()
    _, _, _, _, targets = _words()
    found = []
    for m in CAPS.finditer(text):
        phrase = m.group(0).strip(" -")
        phrase = re.sub(r"\s+(?:of|on|for|and|the|de)$", "", phrase)
        if not phrase:
            continue
        words = phrase.split()
        first = fold(words[0])
        if first in ("i", "we", "it", "the", "but", "and", "if", "all", "this", "that", "there", "they", "he",
                     "she", "our", "my", "so", "in", "as", "a"):
            words = words[1:]
            if not words:
                continue
            phrase = " ".join(words)
        key = fold(phrase)
        kind = None
        if key in targets or (words and fold(words[-1]) in TARGET_HEADS):
            kind = 0  # treaties, deals, policies: the most specific target
        elif key in lex.country_names or key in lex.capitals or key in lex.international or key in lex.institutions:
            kind = 1
        elif key in lex.demonyms:
            kind = 2
        else:
            kind = 3
        found.append((kind, m.start(), phrase))
    # lowercase policy nouns: "the tariff agreement", "the vaccine mandate"
    for m in re.finditer(r"\bthe\s+((?:[a-z\-]+\s+){0,2}(?:" + "|".join(TARGET_HEADS) + r"))\b", text):
        found.append((0.5, m.start(), m.group(1)))
    return found


def choose_target(st, context):
    cands = candidate_targets(st.quote)
    lex = lexicon()
    if not cands:
        cands = [(k + 4, s, p) for k, s, p in candidate_targets(context or "")]
    if not cands:
        return None
    counts = {}
    for k, s, p in cands:
        counts[normalise_target(p)] = counts.get(normalise_target(p), 0) + 1
    speaker = fold(st.speaker or "")

    def rank(c):
        k, s, p = c
        n = normalise_target(p)
        same_as_speaker = bool(fold(n) in speaker or (st.country and lex.country_of_word(n) == st.country and k >= 1))
        return (same_as_speaker, k, -counts[n], s)

    best = min(cands, key=rank)
    return normalise_target(best[2])


def assess(st, article=None):
    """Set st.stance, st.stance_target, st.stance_confidence and st.stances."""
    words = [fold(w) for w in WORD.findall(st.quote)]
    sig = signals(words)
    pos = sum(1 for _, p in sig if p > 0)
    neg = sum(1 for _, p in sig if p < 0)
    cue = fold(st.cue or "").split()
    lex = lexicon()
    flip = any(lex.verbs.get(c) and lex.verbs[c].base in FLIP_CUES for c in cue)
    if flip:
        pos, neg = neg, pos
    contrast = has_contrast(words)
    if pos and neg and min(pos, neg) * 3 >= max(pos, neg):
        stance, conf = "mixed", 0.6
    elif (pos or neg) and contrast and min(pos, neg) >= 0 and (pos + neg) <= 2 and (pos == 0 or neg == 0) and \
            any(w in ("but", "however", "not") for w in words[len(words) // 3:]):
        stance, conf = "mixed", 0.45
    elif pos > neg:
        stance, conf = "favor", min(0.9, 0.5 + 0.1 * (pos - neg))
    elif neg > pos:
        stance, conf = "against", min(0.9, 0.5 + 0.1 * (neg - pos))
    elif pos and neg:
        stance, conf = "mixed", 0.5
    else:
        stance, conf = "neutral", 0.4
    st.stance = stance
    st.stance_confidence = round(conf, 2)
    st.stance_target = choose_target(st, st.context)
    st.stances = [{"target": st.stance_target, "stance": stance, "confidence": st.stance_confidence}] if \
        st.stance_target else []
