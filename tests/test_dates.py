"""Statement dates (issue 4): resolved from the article's date line and the words around the cue.

The date line of most texts here is Wednesday, Feb 17, 2021. Invented people only.
"""
import pytest

from quotes.articles import parse_article
from quotes.extract import extract

WED = "Feb 17, 2021"


def run(body, date_line=WED):
    head = f"Talks Resume\n\nby Jan Novak\n{date_line}\n\n" if date_line else "Talks Resume\n\nby Jan Novak\n\n"
    text = head + body
    art = parse_article(text, "t.txt")
    sts = extract(art)
    for st in sts:
        assert " ".join(text[a:b] for a, b in st.parts) == st.quote
        if st.date_phrase is not None:
            assert st.date_phrase in text  # the phrase as written
        if st.date is None:
            assert st.date_precision is None
        else:
            assert st.date_precision in ("day", "week", "month", "year")
            assert len(st.date) == {"day": 10, "week": 10, "month": 7, "year": 4}[st.date_precision]
    return art, sts


def one(body, date_line=WED):
    art, sts = run(body, date_line)
    assert len(sts) == 1, [(s.quote, s.speaker) for s in sts]
    return sts[0]


def when(st):
    return st.date, st.date_precision, st.date_phrase


@pytest.mark.parametrize("body,expected", [
    # weekdays: the latest such day on or before the article's date (a Wednesday)
    ("Tomas Berger said on Tuesday that the talks would resume.", ("2021-02-16", "day", "on Tuesday")),
    ("Tomas Berger said on Wednesday that the talks would resume.", ("2021-02-17", "day", "on Wednesday")),
    ("Tomas Berger said on Thursday that the talks would resume.", ("2021-02-11", "day", "on Thursday")),
    ("“The talks will resume,” Tomas Berger said on Monday.", ("2021-02-15", "day", "on Monday")),
    ("On Tuesday, Tomas Berger said the talks would resume.", ("2021-02-16", "day", "On Tuesday")),
    ("Tomas Berger said on Tuesday evening that the talks would resume.", ("2021-02-16", "day", "on Tuesday")),
    ("Tomas Berger said late on Tuesday that the talks would resume.", ("2021-02-16", "day", "on Tuesday")),
    ("“The talks will resume,” Tomas Berger told the radio in a Tuesday interview.",
     ("2021-02-16", "day", "in a Tuesday interview")),
    ("Tomas Berger told the radio in a Monday interview that the talks would resume.",
     ("2021-02-15", "day", "in a Monday interview")),
    # relative days
    ("Tomas Berger said yesterday that the talks would resume.", ("2021-02-16", "day", "yesterday")),
    ("Tomas Berger said today that the talks would resume.", ("2021-02-17", "day", "today")),
    # weeks: the Monday of the week meant
    ("Tomas Berger said last week that the talks would resume.", ("2021-02-08", "week", "last week")),
    ("Last week, Tomas Berger said the talks would resume.", ("2021-02-08", "week", "Last week")),
    ("Tomas Berger said earlier this week that the talks would resume.", ("2021-02-15", "week", "earlier this week")),
    ("Tomas Berger said this week that the talks would resume.", ("2021-02-15", "week", "this week")),
    # months
    ("Earlier this month, Tomas Berger said the talks would resume.", ("2021-02", "month", "Earlier this month")),
    ("Tomas Berger said last month that the talks would resume.", ("2021-01", "month", "last month")),
    ("Tomas Berger said in January that the talks would resume.", ("2021-01", "month", "in January")),
    ("Tomas Berger said in November that the talks would resume.", ("2020-11", "month", "in November")),
    ("Tomas Berger said in March 2019 that the talks would resume.", ("2019-03", "month", "in March 2019")),
    # calendar days
    ("Tomas Berger said on February 3 that the talks would resume.", ("2021-02-03", "day", "on February 3")),
    ("Tomas Berger said on 3 February that the talks would resume.", ("2021-02-03", "day", "on 3 February")),
    # years
    ("Tomas Berger said in 2019 that the talks would resume.", ("2019", "year", "in 2019")),
    ("Tomas Berger said in 2019 the talks would resume.", ("2019", "year", "in 2019")),
    ("“The talks will resume,” Tomas Berger said in 2019.", ("2019", "year", "in 2019")),
    ("In 2019, Tomas Berger told reporters that the talks would resume.", ("2019", "year", "In 2019")),
    ("Tomas Berger said last year that the talks would resume.", ("2020", "year", "last year")),
    ("“We will fight on,” Tomas Berger told a rally on Saturday.", ("2021-02-13", "day", "on Saturday")),
    ("Speaking on Monday, Tomas Berger said the union would fight on.", ("2021-02-15", "day", "on Monday")),
    ("Tomas Berger said in a statement on Tuesday that the union would fight on.",
     ("2021-02-16", "day", "on Tuesday")),
    ("Tomas Berger told Radio Nord in an interview on Tuesday that the union would fight on.",
     ("2021-02-16", "day", "on Tuesday")),
    ("In a Tuesday interview, Tomas Berger said the union would fight on.",
     ("2021-02-16", "day", "In a Tuesday interview")),
    ("Tomas Berger said last Thursday that the union would fight on.", ("2021-02-11", "day", "last Thursday")),
    ("Tomas Berger said on Feb. 3 that the union would fight on.", ("2021-02-03", "day", "on Feb. 3")),
    ("Tomas Berger said in December that the union would fight on.", ("2020-12", "month", "in December")),
    ("Tomas Berger said this month that the union would fight on.", ("2021-02", "month", "this month")),
    # vague: no date, but the phrase is kept
    ("Tomas Berger recently said the talks would resume.", (None, None, "recently")),
    # nothing said about when
    ("Tomas Berger said the talks would resume.", (None, None, None)),
])
def test_statement_date(body, expected):
    assert when(one(body)) == expected


def test_on_march_2():
    st = one("Tomas Berger said on March 2 that the talks would resume.", date_line="Mar 10, 2021")
    assert when(st) == ("2021-03-02", "day", "on March 2")


def test_a_day_later_in_the_year_than_the_article_is_last_year():
    st = one("Tomas Berger said on December 2 that the talks would resume.", date_line="Jan 10, 2021")
    assert when(st) == ("2020-12-02", "day", "on December 2")


@pytest.mark.parametrize("date_line", ["Feb 15, 2021", "Feb 17, 2021", "Feb 21, 2021"])
def test_last_week_is_the_monday_of_the_previous_week_whatever_the_weekday(date_line):
    # Feb 15, 2021 is a Monday and Feb 21 a Sunday: the same week
    st = one("Tomas Berger said last week that the talks would resume.", date_line=date_line)
    assert when(st) == ("2021-02-08", "week", "last week")


def test_on_monday_when_the_article_is_a_monday_is_that_day():
    st = one("Tomas Berger said on Monday that the talks would resume.", date_line="Feb 15, 2021")
    assert when(st)[:2] == ("2021-02-15", "day")


@pytest.mark.parametrize("date_line", ["17 February 2021", "2021-02-17", "February 17, 2021",
                                       "Wednesday, February 17, 2021 10:32 GMT"])
def test_date_line_forms(date_line):
    art, sts = run("Tomas Berger said on Tuesday that the talks would resume.", date_line)
    assert str(art.published) == "2021-02-17"
    assert [when(s) for s in sts] == [("2021-02-16", "day", "on Tuesday")]


def test_no_date_line_gives_no_date():
    art, sts = run("Tomas Berger said on Tuesday that the talks would resume.", date_line=None)
    assert art.published is None
    assert [(s.date, s.date_precision) for s in sts] == [(None, None)]


def test_no_date_line_and_last_week_gives_no_date():
    art, sts = run("Last week, Tomas Berger said the talks would resume.", date_line=None)
    assert [(s.date, s.date_precision) for s in sts] == [(None, None)]


def test_a_date_inside_what_was_said_is_not_the_date_it_was_said():
    assert when(one("Tomas Berger said the vote would take place on Tuesday.")) == (None, None, None)
    assert when(one("“The vote will take place in 2022,” Tomas Berger said.")) == (None, None, None)
    st = one("Tomas Berger said on Tuesday that the talks would resume on Friday.")
    assert when(st) == ("2021-02-16", "day", "on Tuesday")


def test_a_date_in_an_aside_about_the_speaker_is_not_the_statement_date():
    st = one("Tomas Berger, who replaced Anna Lindqvist in July, said the talks would resume in March.")
    assert when(st) == (None, None, None)


def test_a_speaking_aside_dates_the_statement():
    st = one("Anna Lindqvist, speaking at a rally on Saturday, said the talks had failed.")
    assert when(st) == ("2021-02-13", "day", "on Saturday")


@pytest.mark.parametrize("date", ["February 16", "16 February 2021", "Feb. 16"])
def test_weekday_then_date_between_said_and_that(date):
    st = one(f"Anna Lindqvist said on Tuesday, {date}, that the talks had failed.")
    assert (st.quote, st.speaker, st.date) == ("the talks had failed", "Anna Lindqvist", "2021-02-16")


def test_date_carries_to_the_next_quote_of_the_same_speaker_in_the_paragraph():
    art, sts = run("On Monday, Tomas Berger said the talks would resume. “We are ready,” he said.")
    assert [(s.speaker, s.date, s.date_precision) for s in sts] == [
        ("Tomas Berger", "2021-02-15", "day"), ("Tomas Berger", "2021-02-15", "day")]


def test_date_does_not_carry_to_another_speaker():
    art, sts = run("On Tuesday, Tomas Berger said the talks would resume. Anna Lindqvist said the plan was too costly.")
    assert [(s.speaker, s.date) for s in sts] == [("Tomas Berger", "2021-02-16"), ("Anna Lindqvist", None)]
    art, sts = run("Tomas Berger said on Tuesday that the talks would resume.\n\n"
                   "Anna Lindqvist said the plan was too costly.")
    assert [(s.speaker, s.date) for s in sts] == [("Tomas Berger", "2021-02-16"), ("Anna Lindqvist", None)]


def test_no_date_line_and_yesterday_gives_no_date():
    art, sts = run("Tomas Berger said yesterday that the talks would resume.", date_line=None)
    assert [(s.date, s.date_precision) for s in sts] == [(None, None)]


def test_a_year_needs_no_date_line():
    art, sts = run("Tomas Berger said in 2019 that the talks would resume.", date_line=None)
    assert [(s.date, s.date_precision, s.date_phrase) for s in sts] == [("2019", "year", "in 2019")]


@pytest.mark.parametrize("sentence", [
    "He spoke ON MONDAY", "in a Tuesday interview", "Friday’s speech", "on March 2", "the 3rd of Sept., 2019",
    "YESTERDAY", "earlier Today", "Last Week", "this month", "In May 2020", "during 1999", "weeks AGO",
    "on Frıday", "yeſterday", "on FRİDAY", "nothing here at all", "Mayor Ann Lee said", "in 2019's budget",
])
def test_quick_rule_out_agrees_with_the_patterns(sentence):
    """The one-pass test for 'no time phrase' never rules out a sentence some pattern matches."""
    from quotes.dates import PATTERNS, may_name_time

    some = any(rx.search(sentence) for rx, *_ in PATTERNS)
    assert may_name_time(sentence) or not some


def test_every_pattern_names_its_words():
    """A pattern is searched for only in a text with one of its words (a digit for DIGIT, its core for CORE):
    each must hold one of them in every phrase it finds (a new pattern needs its own words), and every pattern
    holds the core searched for before it."""
    from quotes.dates import CORE, DIGIT, PATTERNS

    for rx, core, _, _, words in PATTERNS:
        assert rx.pattern.endswith(core.pattern), rx.pattern
        if words is not CORE:
            assert any(w in rx.pattern for w in words) if words is not DIGIT else r"\d" in rx.pattern, rx.pattern


def test_a_blanked_quote_counts_as_one_space():
    # a time phrase may run across a blanked quotation ("on … Monday"): the text, each span one space,
    # keeps it for the quick check and the search alike; a phrase inside the quotation is gone
    from datetime import date
    from quotes.dates import may_name_time, statement_date
    from quotes.extract import _blanked
    text = "Okafor said on (we will win this one) Monday."
    span = [(text.index("("), text.index(" M"))]
    assert may_name_time(_blanked(text, 0, len(text), span))
    assert statement_date(_blanked(text, 0, len(text), span), date(2024, 5, 8))[2].split() == ["on", "Monday"]
    assert not may_name_time(_blanked('Okafor said "on Monday we win" to us.', 0, 37, [(13, 29)]))
