"""The extractor never raises on any text, and the offsets it reports always point at the quote it reports."""
import string

from hypothesis import HealthCheck, given, settings, strategies as st

from quotes.articles import parse_article
from quotes.extract import DETERMINER, _layout, _mention_starters, _opens_no_phrase, _phrase_words, _unquoted_runs, extract
from quotes.lexicon import lexicon
from quotes.mentions import np_right
from quotes.resources import data_path

QUOTE_MARKS = "“”\"‘’'«»„‚‹›「」"
NAMES = ["Ana Lopes", "Dmitri Orlovsky", "the minister", "He", "she", "Mr. O'Neill", "the U.N.", "NATO",
         "Foreign Minister Kwame Mensah", "a spokeswoman", "Jean-Luc Ä. Søndergaard", "Xi", "EU"]
VERBS = ["said", "told reporters", "added", "warned", "argued", "says", "according to", "insisted", "noted"]
WORDS = ["we", "will", "not", "sign", "the", "deal", "Tuesday", "on", "March 3, 2022", "2021", "talks",
         "support", "oppose", "tariffs", "that", "it", "was", "a", "mistake", "…", "—", "–", ",", ".", ":",
         ";", "?", "!", "(", ")", "[", "]", "\u00a0", "\u200b", "e\u0301", "ß", "ﬁ", "İ", "😀", "\t"]

# text built from pieces that look like news prose, so that the extractor's deeper paths are reached
piece = st.one_of(st.sampled_from(QUOTE_MARKS), st.sampled_from(NAMES), st.sampled_from(VERBS),
                  st.sampled_from(WORDS), st.sampled_from([" ", " ", "\n", "\n\n", "\r\n"]),
                  st.text(alphabet=string.ascii_letters + " ", max_size=8))
newsy = st.lists(piece, max_size=80).map(lambda xs: " ".join(xs) if len(xs) % 3 else "".join(xs))
# anything at all, weighted to quote marks, punctuation and line breaks
anything = st.text(alphabet=st.one_of(st.sampled_from(QUOTE_MARKS + ",.:;\n \u2028\u2029\x0b\x0c\x1c\x85"),
                                      st.characters()), max_size=300)
headered = st.tuples(st.text(max_size=60), st.sampled_from(["by Ana Lopes", "Mar 18, 2021", "2021-02-16",
                                                             "Photo: AFP", "Read also: x"]), newsy).map(
    lambda t: "\n".join(t))


def check(text):
    article = parse_article(text, "x")
    stored = article.text  # newlines normalised: offsets point into this
    for s in extract(article):
        assert 0 <= s.start <= s.end <= len(stored), (s.start, s.end, len(stored))
        assert s.parts, s
        for a, b in s.parts:
            assert 0 <= a <= b <= len(stored), (a, b)
        assert " ".join(stored[a:b] for a, b in s.parts) == s.quote, (s.parts, s.quote)


FAST = settings(max_examples=3000, deadline=None, suppress_health_check=list(HealthCheck))


@FAST
@given(newsy)
def test_extract_never_raises_on_newsy_text(text):
    check(text)


@settings(max_examples=2000, deadline=None, suppress_health_check=list(HealthCheck))
@given(anything)
def test_extract_never_raises_on_any_text(text):
    check(text)


@settings(max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck))
@given(headered)
def test_extract_never_raises_under_a_header(text):
    check(text)


def test_a_real_quote_is_found_with_its_offsets():
    # guards the property tests against an extractor that finds nothing, which would pass them trivially
    text = "Talks resume\nMar 18, 2021\n\n“We will not sign this deal,” Foreign Minister Ana Lopes said.\n"
    article = parse_article(text, "x")
    found = extract(article)
    assert any(s.quote == "We will not sign this deal," or s.quote.startswith("We will not sign") for s in found)
    check(text)


# Readers: any bytes under any of the suffixes give Articles or InputErrors naming the file, never an exception.
from quotes.readers import InputError, read_path  # noqa: E402

SUFFIXES = [".txt", ".html", ".jsonl", ".json", ".csv", ".jsonl.gz", ".txt.gz"]
bytes_like_input = st.one_of(
    st.binary(max_size=400),
    st.text(max_size=300).map(lambda t: t.encode("utf-8")),
    st.text(alphabet=st.sampled_from('{}[]",:\n\\tquote,speaker;date<>/p divhtml“”éß\x00'), max_size=200).map(
        lambda t: t.encode("utf-8")),
    st.lists(st.sampled_from(['{"text": "“Yes,” said Ana Lopes."}', '{"title": 1}', "[]", "{", '"x"', "null",
                              "quote,speaker,date", "“No”,Ana Lopes,2024-02-30", "a,b", "<p>Words here</p>",
                              "<html><body>", "\ufeff", ""]), max_size=8).map(lambda xs: "\n".join(xs).encode("utf-8")),
)


@settings(max_examples=250, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=bytes_like_input, suffix=st.sampled_from(SUFFIXES))
def test_readers_never_raise(tmp_path_factory, data, suffix):
    p = tmp_path_factory.mktemp("r") / f"in{suffix}"
    p.write_bytes(data)
    for item in read_path(p):
        if isinstance(item, InputError):
            assert str(item).startswith(str(p)) and "\n" not in str(item)
        else:
            assert item.paragraphs and all(0 <= a <= b <= len(item.text) for a, b in item.paragraphs)
            for s in getattr(item, "statements", None) or []:
                assert item.text[s.start:s.end] == s.quote


# Real articles, mutated: quote marks, line breaks and words inserted or cut at random places, so that
# every statement-finding path runs on text that is almost, but not quite, well formed.
from quotes.resources import data_path  # noqa: E402

SAMPLE_TEXTS = [p.read_text(encoding="utf-8") for p in sorted(data_path("articles").glob("*.txt"))]
edit = st.tuples(st.floats(0, 1), st.integers(0, 12),
                 st.sampled_from(list(QUOTE_MARKS) + ["\n", "\n\n", " said ", ", he said. ", "“", "”", "", "Mr. ",
                                                      "according to ", "…", " — ", "\u00a0"]))


def mutate(args):
    text, edits = args
    for where, cut, insert in edits:
        i = int(where * len(text))
        text = text[:i] + insert + text[i + cut:]
    return text


mutated = st.tuples(st.sampled_from(SAMPLE_TEXTS), st.lists(edit, min_size=1, max_size=12)).map(mutate)


@settings(max_examples=250, deadline=None, suppress_health_check=list(HealthCheck))
@given(mutated)
def test_extract_never_raises_on_mutated_real_articles(text):
    check(text)


# Curated CSV: whatever the quotes hold (commas, quotation marks, line breaks), every good row comes back
# as written and every bad row is named by the line it starts on.
import csv as _csv  # noqa: E402
import io as _io  # noqa: E402

cell = st.text(alphabet=st.sampled_from(list("abc XYZ,;\"'“”\n\té")), min_size=0, max_size=30)
row = st.tuples(cell, st.sampled_from(["Ana Lopes", "Kwame Mensah", ""]),
                st.sampled_from(["2024-03-05", "2023-06", "", "someday"]))


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(rows=st.lists(row, min_size=1, max_size=12))
def test_curated_rows_round_trip_and_bad_rows_name_their_first_line(tmp_path_factory, rows):
    buf = _io.StringIO(newline="")
    w = _csv.writer(buf, lineterminator="\n")
    w.writerow(["quote", "speaker", "date"])
    starts, line = [], 2
    for r in rows:
        starts.append(line)
        w.writerow(r)
        line += sum(c.count("\n") for c in r) + 1
    p = tmp_path_factory.mktemp("c") / "desk.csv"
    p.write_bytes(buf.getvalue().encode("utf-8"))
    got = list(read_path(p))
    errors = [e for e in got if isinstance(e, InputError) and e.line]
    articles = [a for a in got if not isinstance(a, InputError)]
    want_good, want_bad = [], []
    for start, (q, speaker, date) in zip(starts, rows):
        if " ".join(q.split()) and speaker and date != "someday":
            want_good.append(q)
        elif any(c.strip() for c in (q, speaker, date)):
            want_bad.append(start)
    assert [e.line for e in errors] == want_bad
    stored = articles[0].statements if articles else []
    assert len(stored) == len(want_good)
    for s, q in zip(stored, want_good):
        norm = " ".join(q.split())
        assert s.quote in (norm, norm[1:-1].strip())  # surrounding quotation marks may be taken off
        assert articles[0].text[s.start:s.end] == s.quote


def _skipped_openers(text):
    """How many lowercase determiners and title words the mention scan passes over without asking
    np_right (_opens_no_phrase) in text; each one is checked to be a word np_right reads nothing from."""
    lex = lexicon()
    starters, words = _mention_starters(lex), _phrase_words(lex)
    skipped = 0
    for p in _layout(parse_article(text, "x"))[1]:
        for lo, stop in _unquoted_runs(p):
            for i in range(lo, stop):
                kind = starters.get(p.lows[i])
                if kind and not p.caps[i] and _opens_no_phrase(p.caps, p.lows, i, stop, kind is DETERMINER, words):
                    skipped += 1
                    assert np_right(p.toks, i, lex, stop=stop) is None, [t.text for t in p.toks[i:stop]]
    return skipped


def test_the_mention_scan_skips_only_words_that_open_no_phrase():
    # the skip mirrors np_right's rules for determiners and titles: if np_right learns to read a phrase
    # the skip does not foresee, this fails instead of names going missing
    skipped = sum(_skipped_openers(f.read_text(encoding="utf-8")) for f in sorted(data_path("articles").glob("*.txt")))
    assert skipped > 200  # (most determiners and title words open nothing: the check has words to check)


@settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))
@given(newsy)
def test_skipped_openers_open_no_phrase_in_any_newsy_text(text):
    _skipped_openers(text)
