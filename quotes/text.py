"""Text primitives: quotation-mark spans, sentences and tokens, all as character offsets."""
import functools
import re
from bisect import bisect_left, bisect_right
from operator import attrgetter, itemgetter

TWO = "''"
MARKS = "“„«\"‘'‚"  # the characters that may open a quotation
OPEN_DOUBLE = "“„«"
CLOSE_DOUBLE = "”»"
# a straight mark may be closed by a curly one, the two styles mixed by an editor ("If I …,” Lind said)
PAIR = {"“": "”", "„": "“”", "«": "»", '"': '"”', "‘": "’", "'": "'’", "‚": "‘’"}
# characters after which a straight or curly mark opens a quote
OPENING_CONTEXT = set(" \t\n([{—–-/:;\u00a0") | {""}
WORD = re.compile(r"\w", re.UNICODE)


class QuoteSpan:
    """A quotation: parts, the [(start, end)] of the quoted text without its marks, one per paragraph; its
    marks (close_mark empty when it runs to the end of its paragraph unclosed); paragraph, the index of the
    one where it opens. Its ends, with and without the marks, are read very often: kept as fields, set
    when the span is made and when it runs on into another paragraph (run_on)."""

    __slots__ = ("parts", "open_mark", "close_mark", "paragraph", "start", "end", "outer_start", "outer_end")

    def __init__(self, parts, open_mark, close_mark="", paragraph=0):
        self.parts, self.open_mark, self.paragraph = parts, open_mark, paragraph
        self.start = parts[0][0]
        self.outer_start = self.start - len(open_mark)
        self._closed_by(close_mark)

    def _closed_by(self, close_mark):
        self.close_mark = close_mark
        self.end = self.parts[-1][1]
        self.outer_end = self.end + len(close_mark)

    def run_on(self, other):
        """Take in other, the same quote's part in the next paragraph."""
        self.parts.extend(other.parts)
        self._closed_by(other.close_mark)

    def __repr__(self):
        return f"QuoteSpan({self.parts!r}, {self.open_mark!r}, {self.close_mark!r}, {self.paragraph})"


def _prev(text, i, lo):
    return text[i - 1] if i > lo else ""


def _next(text, i, hi):
    return text[i + 1] if i + 1 < hi else ""


def _can_open(text, i, lo, hi):
    p, n = _prev(text, i, lo), _next(text, i, hi)
    return (p in OPENING_CONTEXT or p in "“\"‘'«") and n != "" and not n.isspace()


def _can_close(text, i, lo, hi):
    p, n = _prev(text, i, lo), _next(text, i, hi)
    # a space may part the closing marks of a quote inside a quote ("… ‘Go home!’ ”, "… 'home,' " said X)
    return p != "" and (not p.isspace() or p == " " and i - 2 >= lo and text[i - 2] in "'’") and (
        n == "" or not WORD.match(n))


@functools.lru_cache(maxsize=None)
def _stops(mark):
    """The characters _find_close looks at for a quote opened by mark: its closers and the opening double
    marks; a “ quote may also be closed by a mark of another style, typed by mistake: " or two apostrophes.
    Compiled when a mark first opens a quote: a set of characters beyond Latin-1 is dear to compile. The
    stops of “ are alternatives that each open with a character (not a set of them beside others), so that
    the regex engine skips to the characters they open with instead of trying every alternative at each
    character: a fifth of the time of a quote's search."""
    chars = sorted(set(PAIR[mark] + OPEN_DOUBLE))
    if mark == "“":
        return re.compile("|".join(map(re.escape, chars + ['"', "’’", "''"])))
    return re.compile("[" + re.escape("".join(chars)) + "]")


STRAY_CLOSERS = ('"', "’’", "''")


def close_width(text, j):
    """Length of the closing mark at j: two for a pair of apostrophes standing for ”."""
    return 2 if text.startswith(("’’", "''"), j) else 1


def _find_close(text, i, lo, hi, mark):
    """Offset of the mark closing the quote opened at i, or -1."""
    closers = PAIR[mark]
    single = mark in "‘'‚"
    stops = _stops(mark)
    stray = -1  # a “ quote's first closing mark of another style (“…," said X.), kept in case no ” fits
    j = i + 1
    while j < hi:
        # only closers and opening double marks matter: jump to the next one
        found = stops.search(text, j, hi)
        if found is None:
            break
        j = found.start()
        c = text[j]
        if mark == "“" and text.startswith(STRAY_CLOSERS, j):
            w = close_width(text, j)
            if stray == -1 and _can_close(text, j + w - 1, lo, hi) and not _can_open(text, j, lo, hi):
                stray = j
            j += w
            continue
        if c in closers and _can_close(text, j, lo, hi):
            # a single mark closing straight after a letter and before "s" is an apostrophe
            return j
        if not single and c in OPEN_DOUBLE and c != mark and c not in closers:
            # a fresh opening double mark before any close: the first one was never closed
            if _can_open(text, j, lo, hi) and (mark != "«"):
                return stray
        if not single and mark == "“" and c == "“" and _can_close(text, j, lo, hi) and not _can_open(text, j, lo, hi):
            return j  # “…“ typed with the wrong closing mark
        if stray != -1 and c == "“" and _can_open(text, j, lo, hi):
            return stray  # “A," said X. “B.”: the stray mark closed the first quote
        j += 1
    return stray


def positions(text, chars, lo, hi):
    """The offsets in text[lo:hi] of any of these characters, in order: a str.find per character scans
    text several times faster than a regex's character class does."""
    out = []
    for c in chars:
        j = text.find(c, lo, hi)
        while j != -1:
            out.append(j)
            j = text.find(c, j + 1, hi)
    out.sort()
    return out


def quote_marks(text, lo, hi):
    """The offsets in text[lo:hi] of the MARKS that may open a quotation: not a straight apostrophe after a
    letter or a digit ("don't", "Jones'"; half the marks of a text typed with them), as no mark opens after
    one. (A paragraph opens after white space: the character before such a mark is in its paragraph.)"""
    return [j for j in positions(text, MARKS, lo, hi) if text[j] != "'" or j == lo or not text[j - 1].isalnum()]


def paragraph_quotes(text, lo, hi, index=0, marks=None):
    """Top-level quotation spans inside text[lo:hi]. Double marks first; single marks only where
    they are not inside a double-quoted span and look like quotation, not apostrophes. marks: the
    offsets of the marks that may open one in text[lo:hi] (quote_marks()), when the caller has them."""
    if marks is None:
        marks = quote_marks(text, lo, hi)
    spans = []
    i, n = lo, 0
    while i < hi:
        # jump to the next quotation mark; most characters are none
        n = bisect_left(marks, i, n)
        if n == len(marks):
            break
        i = marks[n]
        c = text[i]
        if c == "'" and text.startswith(TWO, i) and _can_open(text, i, lo, hi) and not text.startswith(TWO + "'", i):
            # two apostrophes standing for a double quotation mark, as some newspapers print them
            j = text.find(TWO, i + 2, hi)
            while j != -1 and not _can_close(text, j + 1, lo, hi):
                j = text.find(TWO, j + 2, hi)
            if j == -1:
                spans.append(QuoteSpan([(i + 2, hi)], TWO, "", index))
                break
            spans.append(QuoteSpan([(i + 2, j)], TWO, TWO, index))
            i = j + 2
            continue
        if c in "“„«\"" and _can_open(text, i, lo, hi):
            j = _find_close(text, i, lo, hi, c)
            if j == -1:
                # runs to the end of the paragraph (maybe on into the next one)
                spans.append(QuoteSpan([(i + 1, hi)], c, "", index))
                break
            w = close_width(text, j) if c == "“" else 1
            if j > i + 1:
                spans.append(QuoteSpan([(i + 1, j)], c, text[j:j + w], index))
            i = j + w
            continue
        if c in "‘'‚" and _can_open(text, i, lo, hi) and WORD.match(_next(text, i, hi) or " "):
            j = _find_close(text, i, lo, hi, c)
            # single-mark quotes must hold at least two words to be taken for quotation
            if j != -1 and " " in text[i + 1:j].strip():
                spans.append(QuoteSpan([(i + 1, j)], c, text[j], index))
                i = j + 1
                continue
        i += 1
    return spans


def _same_family(a, b):
    """Do two opening marks belong to one quoting style (a paragraph continues only its own kind)?"""
    families = ("“„", "\"", "«", "‘‚", "'", "''")
    return any(a in f and b in f for f in families) or a == b


FIRST = itemgetter(0)  # a paragraph's start


def find_quotes(text, paragraphs):
    """Quotation spans over the article body; a quote left open at a paragraph's end continues
    into the next paragraph when that one opens with a quotation mark (the newspaper convention)."""
    out = []
    pending = None
    marks = quote_marks(text, 0, len(text))  # found once for the whole text: a find costs its call
    # only the paragraphs that hold a mark are read (most hold none): the one each next mark is in is
    # looked up (paragraphs lie in order, apart); a mark in none (a headline's) is passed over
    n, last, count = 0, -1, len(paragraphs)
    while n < len(marks):
        k = bisect_right(paragraphs, marks[n], 0, count, key=FIRST) - 1
        if k < 0 or marks[n] >= paragraphs[k][1]:
            n = bisect_left(marks, paragraphs[k + 1][0], n) if k + 1 < count else len(marks)
            continue
        lo, hi = paragraphs[k]
        b = bisect_left(marks, hi, n)
        spans = paragraph_quotes(text, lo, hi, k, marks[n:b])
        n = b
        if pending is not None and k > last + 1:
            out.append(pending)  # the paragraph after it holds no mark: the quote ended with its own
            pending = None
        last = k
        if pending is not None:
            if spans and spans[0].outer_start == lo and _same_family(spans[0].open_mark, pending.open_mark):
                first = spans.pop(0)
                pending.run_on(first)
                if first.close_mark:
                    out.append(pending)
                    pending = None
                else:
                    continue  # still open: may run on again
            else:
                out.append(pending)
                pending = None
        if spans:
            out.extend(spans if spans[-1].close_mark else spans[:-1])  # (only the last may run on)
            if not spans[-1].close_mark:
                pending = spans[-1]
    if pending is not None:
        out.append(pending)
    return out


ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "capt", "sgt", "st", "jr",
    "sr", "no", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "inc", "co", "corp", "ltd", "mt", "ft", "rev", "hon", "adm", "maj", "cmdr", "pres", "supt", "det",
    "insp", "cpl", "pvt", "messrs", "mme", "mlle", "approx", "dept", "est", "fig", "al", "etc", "e.g", "i.e",
    # US state abbreviations as newspapers print them ("Cambridge, Mass.")
    "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "ky", "la", "md",
    "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa", "tenn", "tex", "va", "vt",
    "wash", "wis", "wyo", "sen", "reps", "sens", "govs",
}


def is_abbreviation_dot(toks, k):
    """True when toks[k] is a full stop that closes an abbreviation, not a sentence."""
    if toks[k].text != "." or k == 0:
        return False
    w = toks[k - 1].text.lower()
    # a full stop before a comma ends no sentence: "Kansas City, Mo., and" (an abbreviation not listed); a
    # state's abbreviation after a party's letter is one too: "(D-Md.)"
    return w in ABBREVIATIONS or (len(w) == 1 and w.isalpha()) or "." in w or (
        k + 1 < len(toks) and toks[k + 1].text == ",") or "-" in w and w.rsplit("-", 1)[1] in ABBREVIATIONS


# the next sentence opens with a capital, maybe after a quotation mark or a bracket ("( Photo / Paper )");
# the closing marks may have a space between them (a quote inside a quote: "… too!’ ” Next"); the first
# terminator is written apart from the rest so that the regex engine skips to the characters
# that can start a match instead of trying one at every offset
SENT_END = re.compile(r"([.!?…][.!?…]*)([”’\"'»)\]]*(?:(?<=['’]) [”\"»])?)(\s+)(?=(?:''|[“\"‘'«]|[(\[] ?)?[A-Z0-9À-ÖØ-Þ])")
INITIALS = re.compile(r"(?:\w\.)+\w")


def _word_before(text, lo, e):
    """The run of word characters and full stops that ends at e (none before lo): "Mr", "U.S"."""
    word = text[text.rfind(" ", lo, e) + 1 or lo:e]
    if word.isalnum():
        return word  # all that follows the last space (most often): the run, found without a loop over it
    i = e
    while i > lo and (text[i - 1].isalnum() or text[i - 1] in "._"):
        i -= 1
    return text[i:e]


TERMINATORS = ".!?…"  # the characters SENT_END opens with


def _ends_inside(cut, quotes):
    """Does a sentence cut at offset cut end inside one of the quotation spans? (A loop: any() over a generator
    costs a function and a generator made and finalised at every terminator.)"""
    for q in quotes:
        if q.start < cut <= q.end:
            return True
    return False


def sentences(text, lo, hi, quotes=(), ends=None):
    """Sentence spans in text[lo:hi]; no sentence ends inside a quotation span, nor at the full stop of
    an abbreviation or an initial. ends: the offsets of the TERMINATORS in text[lo:hi - 2], when the caller
    has them (positions()): SENT_END reads white space and a capital after its terminator, so one of the
    last two characters (a paragraph's last full stop, most often) ends no sentence before hi."""
    out = []
    start = lo
    after = lo  # SENT_END's matches do not overlap: the next is looked for from the end of the last
    for at in positions(text, TERMINATORS, lo, hi - 2) if ends is None else ends:
        if at < after:
            continue
        m = SENT_END.match(text, at, hi)
        if m is None:
            continue
        after = m.end()
        cut = m.end(2)
        if quotes and _ends_inside(cut, quotes):
            continue
        if m.group(1) == ".":
            w = _word_before(text, start, m.start(1)).lower()
            if w in ABBREVIATIONS or (len(w) == 1 and w.isalpha()) or "." in w and INITIALS.fullmatch(w):
                continue
        out.append((start, cut))
        start = m.end(3)
    if start < hi:
        out.append((start, hi))
    return out


# a word runs on over apostrophes and hyphens and ends at its last letter or digit: written as a run and a
# look back (not "\w(?:[\w'’\-]*\w)?", the same words), and "U.S." as a capital and a full stop and more,
# the regex engine spends a fifth less per character (no repeated group to set up at each word)
TOKEN = re.compile(r"[A-Z]\.(?:[A-Z]\.)+|\w[\w'’\-]*(?<=\w)|[^\w\s]", re.UNICODE)


class Token:
    """A word or punctuation mark with its offsets; `low` is its folded form (lowercase, ’ as '), `cap`
    whether it opens with a capital. tokens() makes them: an empty Token() with its fields set costs less
    than a call with arguments."""

    __slots__ = ("text", "start", "end", "low", "cap")

    def __repr__(self):
        return f"Token({self.text!r}, {self.start}, {self.end})"


START = attrgetter("start")  # the key a paragraph's tokens are bisected by (they are in order of it)

# every character but white space is in some token, so the white space before each token and the
# token's length give its offsets: one C-level findall in place of a match object per token
SPACED_TOKEN = re.compile(r"(\s*)(" + TOKEN.pattern + ")", re.UNICODE)
# token text -> its word record (text, folded form, opens with a capital): words recur, their folded forms need
# computing once, and their tokens all hold the record's text (the piece the text was cut into is let go at once)
_WORDS = {}


def _word(s):
    """The word record of a token's text."""
    if len(_WORDS) > 1 << 18:
        _WORDS.clear()  # a bound on memory over a long run
    low = s.lower()
    if "’" in low:
        low = low.replace("’", "'")
    c = s[0]
    _WORDS[s] = w = (s, low, c.isupper() or (c in "'’" and s[1:2].isupper()), len(s))
    return w


# marks written straight after a word ("said," "Trump."): such a piece is the word and the mark
CLOSING = frozenset(",.:;?!)\"”’'")
_PARTS = {}  # text of a piece of several tokens without white space -> their word records: such pieces recur too


def _parts(piece):
    """The word records of the tokens of a piece of text holding no white space (none, one or several: its tokens
    follow each other, and TOKEN lists them without the white space groups of SPACED_TOKEN)."""
    if len(_PARTS) > 1 << 16:
        _PARTS.clear()  # a bound on memory over a long run
    if piece[-1:] in CLOSING and piece[:-1].isalnum():  # "said," "Trump.": a word, then a mark
        texts = piece[:-1], piece[-1]
    else:
        texts = TOKEN.findall(piece)
    parts = []
    for s in texts:
        parts.append(_WORDS.get(s) or _word(s))
    _PARTS[piece] = parts
    return parts


def _spaced_tokens(piece, pos):
    """The tokens of a piece of text holding white space other than spaces (\\xa0, \\t), from offset pos."""
    out = []
    for space, s in SPACED_TOKEN.findall(piece):
        t = Token()
        t.text, t.low, t.cap, n = _WORDS.get(s) or _word(s)
        t.start = pos = pos + len(space)
        t.end = pos = pos + n
        out.append(t)
    return out


def tokens(text, lo=0, hi=None):
    """The tokens of text[lo:hi]. No token spans white space, so the text is cut at its spaces first
    (a C-level split) and only the pieces that are neither one plain word (letters and digits, five in
    six) nor a word and a closing mark go through the regex."""
    hi = len(text) if hi is None else hi
    out = []
    append, words, parts_of = out.append, _WORDS.get, _PARTS.get
    pos = lo  # where the next token starts
    for piece in text[lo:hi].split(" "):
        # a piece that is a token already seen is that one token (TOKEN reads a token's text as itself): most are
        w = words(piece)
        if w is None:
            # a piece of several tokens ("said," "“We") is cut once into their word records
            parts = parts_of(piece)
            if parts is None and piece.isalnum():
                w = _word(piece)  # one of letters and digits (all \w, no "_") is one word, first seen
            else:
                if parts is None:
                    if not piece.isprintable():
                        # white space in it (every white space character but " " is unprintable)
                        out += _spaced_tokens(piece, pos)
                        pos += len(piece) + 1
                        continue
                    parts = _parts(piece)
                for w in parts:
                    t = Token()
                    t.text, t.low, t.cap, n = w
                    t.start = pos
                    t.end = pos = pos + n
                    append(t)
                pos += 1
                continue
        t = Token()
        t.text, t.low, t.cap, n = w
        t.start = pos
        t.end = pos = pos + n
        append(t)
        pos += 1  # past the space
    return out
