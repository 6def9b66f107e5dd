"""When a statement was made: a time phrase near the cue resolved against the article's date."""
import re
from datetime import date, timedelta
from typing import Optional


WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]
MONTH_RE = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"

DIGIT = ("<a digit>",)  # the words of a pattern whose phrases hold a digit instead (by identity)
# the words of a pattern whose core opens with letters the engine finds as fast as a word (by identity): its
# core is searched for instead ("in" and a month: the months' own letters stand in many words, "remark")
CORE = ("<its core>",)


def _phrase(core, lead=""):
    """(pattern, core, led): the pattern finds a phrase (re.I, at a word boundary, beginning with the optional
    lead words); the core, lowercase, is searched for in the lowercased text. The engine tries a pattern that
    opens with a word boundary at every position, but skips ahead to the first characters the core may open
    with. Every phrase holds its core (at the phrase's start unless led), so the pattern runs only where the
    core is found."""
    return re.compile(r"\b" + lead + core, re.I), re.compile(core), bool(lead)


# (pattern, core, led, kind, words) in the order they are tried; the first phrase found in the sentence wins.
# Every phrase a pattern finds holds one of its words (lowercase; the weekdays end in "day") or, for DIGIT, a
# digit: a sentence without is not searched for it (a str search, a small part of a regex's cost at every
# word); for CORE, its core
PATTERNS = [
    (*_phrase(r"(?:on|last|this past)\s+(" + "|".join(WEEKDAYS) + r")\b"), "weekday", ("day",)),
    (*_phrase(r"(?:in|during|at)\s+an?\s+(" + "|".join(WEEKDAYS) + r")\s+(?:interview|statement|press conference|news conference|speech|briefing|address|call|meeting|post|hearing|debate|rally)"), "weekday", ("day",)),
    (*_phrase(r"(" + "|".join(WEEKDAYS) + r")(?:'s|’s)?\s+(?:interview|statement|press conference|news conference|speech|briefing|address|remarks)"), "weekday", ("day",)),
    (*_phrase(r"(" + MONTH_RE + r")\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b", r"(?:on\s+)?"), "monthday", DIGIT),
    (*_phrase(r"(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(" + MONTH_RE + r")(?:,?\s+(\d{4}))?\b", r"(?:on\s+)?(?:the\s+)?"), "daymonth", DIGIT),
    (*_phrase(r"yesterday\b"), "yesterday", ("yesterday",)),
    (*_phrase(r"(?:today|earlier today|this morning|this afternoon|tonight|on the day)\b"), "today",
     ("day", "morning", "afternoon", "tonight")),
    (*_phrase(r"last\s+week(?:end)?\b"), "lastweek", ("week",)),
    (*_phrase(r"(?:earlier\s+this|later\s+this|this)\s+week\b"), "thisweek", ("week",)),
    (*_phrase(r"(?:earlier\s+this|later\s+this|this)\s+month\b"), "thismonth", ("month",)),
    (*_phrase(r"last\s+month\b"), "lastmonth", ("month",)),
    (*_phrase(r"in\s+(" + MONTH_RE + r")(?:\s+(\d{4}))?\b"), "month", CORE),
    (*_phrase(r"(?:last|this)\s+year\b"), "yearrel", ("year",)),
    (*_phrase(r"(?:in|during)\s+((?:19|20)\d\d)\b"), "year", DIGIT),
    (*_phrase(r"(?:recently|previously|in the past|once|long|earlier|had long|weeks ago|days ago|months ago|years ago)\b"), "vague",
     ("recent", "previous", "past", "once", "long", "earlier", "ago")),
]

# Most sentences name no time, which the words show: a text with none of the words any pattern's phrases
# hold (those within another left out) and no digit has none, and statement_date searches only for the
# patterns whose words it holds (one search for any pattern at all before it was that work twice). The
# words are lowercase, found in the lowercased sentence as re.I finds them, but for the letters re.I folds
# in its own way (İ, ı, ſ), with which the sentence takes the full route.
_WORDS = {w for *_, words in PATTERNS if words is not DIGIT and words is not CORE for w in words}
TIME_WORDS = tuple(sorted(w for w in _WORDS if not any(v != w and v in w for v in _WORDS)))
_CORES = tuple(core for _, core, _, _, words in PATTERNS if words is CORE)
_DIGIT_CORES = tuple(core for _, core, _, _, words in PATTERNS if words is DIGIT)
SPECIAL_FOLDS = ("İ", "ı", "ſ")
DIGIT_RE = re.compile(r"\d")


def _words_held(low):
    """The words of the patterns the lowercased text holds, with DIGIT's when it holds a digit: a pattern
    whose words are all absent finds nothing (read once for the sentence, not pattern by pattern)."""
    held = {w for w in _WORDS if w in low}
    held.add(CORE[0])  # (its core is searched for at once)
    if DIGIT_RE.search(low) is not None:
        held.add(DIGIT[0])
    return held


def _special_folds(text):
    """Has the text a letter re.I folds its own way?"""
    if text.isascii():
        return False  # (none is: most texts are told by a flag the string keeps)
    for c in SPECIAL_FOLDS:
        if c in text:
            return True
    return False


def _month_number(word):
    w = word.lower().rstrip(".")
    for i, m in enumerate(MONTHS):
        if m.startswith(w[:3]):
            return i + 1
    return None


def _on_or_before(ref, month, day, year=None):
    y = year or ref.year
    try:
        d = date(y, month, day)
    except ValueError:
        return None
    if year is None and d > ref:
        d = date(y - 1, month, day)
    return d


def may_name_time(text: str) -> bool:
    """Whether a time phrase may stand in the text: False rules it out (statement_date tells)."""
    low = text.lower()
    for w in TIME_WORDS:
        if w in low:
            return True
    for core in _CORES:
        if core.search(low) is not None:
            return True  # as the pattern finds it, but for re.I's own folds
    if DIGIT_RE.search(low) is not None:
        for core in _DIGIT_CORES:
            if core.search(low) is not None:
                return True  # (most digits stand in no date: a number, a share)
    return _special_folds(text)


def statement_date(sentence: str, published: Optional[date]):
    """(date text, precision, phrase) for the first time phrase in the sentence; (None, None, phrase)
    for a vague one ("recently"); None when the sentence gives no time."""
    folds = _special_folds(sentence)  # re.I's own folds: every pattern is searched
    low = sentence.lower()  # letter for letter as re.I compares it, but for those folds
    held = _words_held(low)
    for rx, core, led, kind, words in PATTERNS:
        if folds:
            m = rx.search(sentence)
        elif held.isdisjoint(words):
            continue  # none of the words its phrases hold
        else:
            c = core.search(low)
            if c is None:
                continue
            m = rx.search(sentence, 0 if led else c.start())  # no phrase begins before the first core unless led
        if not m:
            continue
        phrase = m.group(0)
        if kind == "vague":
            return None, None, phrase
        if kind == "year":
            return m.group(1), "year", phrase
        if published is None:
            return None, None, phrase
        ref = published
        if kind == "weekday":
            wd = WEEKDAYS.index(m.group(1).lower())
            back = (ref.weekday() - wd) % 7
            if re.match(r"last\b", phrase, re.I) and back == 0:
                back = 7
            return (ref - timedelta(days=back)).isoformat(), "day", phrase
        if kind == "monthday":
            month = _month_number(m.group(1))
            d = _on_or_before(ref, month, int(m.group(2)), int(m.group(3)) if m.group(3) else None)
            if d:
                return d.isoformat(), "day", phrase
            continue
        if kind == "daymonth":
            month = _month_number(m.group(2))
            d = _on_or_before(ref, month, int(m.group(1)), int(m.group(3)) if m.group(3) else None)
            if d:
                return d.isoformat(), "day", phrase
            continue
        if kind == "yesterday":
            return (ref - timedelta(days=1)).isoformat(), "day", phrase
        if kind == "today":
            return ref.isoformat(), "day", phrase
        if kind == "lastweek":
            monday = ref - timedelta(days=ref.weekday()) - timedelta(days=7)
            return monday.isoformat(), "week", phrase
        if kind == "thisweek":
            monday = ref - timedelta(days=ref.weekday())
            return monday.isoformat(), "week", phrase
        if kind == "thismonth":
            return f"{ref.year:04d}-{ref.month:02d}", "month", phrase
        if kind == "lastmonth":
            y, mo = (ref.year, ref.month - 1) if ref.month > 1 else (ref.year - 1, 12)
            return f"{y:04d}-{mo:02d}", "month", phrase
        if kind == "month":
            mo = _month_number(m.group(1))
            if m.group(1).lower() == "may" and not m.group(2):
                continue  # "in may" is too often the verb
            y = int(m.group(2)) if m.group(2) else (ref.year if mo <= ref.month else ref.year - 1)
            return f"{y:04d}-{mo:02d}", "month", phrase
        if kind == "yearrel":
            y = ref.year - 1 if phrase.lower().startswith("last") else ref.year
            return f"{y:04d}", "year", phrase
    return None
