"""Stance rules, one short invented statement per rule (people, places and treaties are made up)."""
import pytest

from quotes.records import Article, Statement
from quotes.stance import assess, normalise_target


def judge(quote, cue="said", speaker="Mara Quell", context=None, article=None, start=0):
    st = Statement(doc="t.txt", quote=quote, type="direct", start=start, end=start + len(quote),
                   parts=[(start, start + len(quote))], cue=cue, speaker=speaker, context=context)
    assess(st, article)
    return st


def stance(quote, cue="said"):
    return judge(quote, cue).stance


@pytest.mark.parametrize("quote,expected", [
    # attitude words
    ("We support the Harbour Accord", "favor"),
    ("We welcome the agreement reached in Tarn", "favor"),
    ("We reject the Harbour Accord", "against"),
    ("The levy is reckless and unfair to our growers", "against"),
    ("Cheese is off the table", "against"),
    ("A good deal for both sides is within reach", "favor"),
])
def test_attitude(quote, expected):
    assert stance(quote) == expected


@pytest.mark.parametrize("quote,expected", [
    ("We do not support the Harbour Accord", "against"),
    ("Nobody in Tarn has given up on the talks", "favor"),
    ("The question of tariffs is not on the table", "against"),
    ("He would not accept a result decided behind closed doors", "against"),
    # "never been this close" intensifies, it does not negate
    ("We have never been this close", "favor"),
])
def test_negation(quote, expected):
    assert stance(quote) == expected


def test_event_target_regret_withdrawal_is_for_the_treaty():
    st = judge("We regret the Valdorian withdrawal from the Lake Treaty")
    assert st.stance == "favor"
    assert st.stance_target == "Lake Treaty"
    by_target = {s["target"]: s["stance"] for s in st.stances}
    assert by_target["Lake Treaty"] == "favor"
    assert by_target["Valdorian withdrawal"] == "against"
    assert st.stances[0]["target"] == st.stance_target


@pytest.mark.parametrize("quote,expected", [
    ("We welcome the quashing of the cancellation", "favor"),  # a reversal of a reversal
    ("They want to stop the extension of the mandate", "against"),
    ("The ministry is chasing a headline rather than a good deal", "against"),
    ("We condemn the decision to scrap the scheme", "favor"),
])
def test_events_and_reversals(quote, expected):
    assert stance(quote) == expected


@pytest.mark.parametrize("quote,expected", [
    # the condition is not a position: the main clause is
    ("Tarn would back the Harbour Accord if Valdoria did the same", "favor"),
    ("Valdoria was open to rejoining the Lake Treaty if Tarn is", "favor"),
    ("Deputies might vote to limit cooperation with the inspectors if the motion passes", "against"),
    # a bad consequence of stopping something argues for it
    ("If we stop managing the river together, our farmers will pay the price", "favor"),
])
def test_conditionals(quote, expected):
    assert stance(quote) == expected


@pytest.mark.parametrize("quote", [
    "The plan is good for farmers but the timetable is reckless",
    "We support the goal of the reform but oppose the timetable",
    "We will return to some of the agreements, but not all of them",
    "We remain committed to the coalition, but we will demand a change of course",
    "The outcome was a warning as much as a victory",
    "The quota was lower than we hoped but better than nothing",
])
def test_mixed(quote):
    assert stance(quote) == "mixed"


@pytest.mark.parametrize("quote", [
    "The commission would publish its figures on Tuesday",
    "The ministry had no comment on the details of the agreement",
    "Turnout was 41 per cent, down from 47 per cent four years ago",
    "He would meet the regional leaders in Tarn on Thursday to discuss the results",
    "The allies had been briefed and would continue to consult closely",
])
def test_neutral_procedural(quote):
    assert stance(quote) == "neutral"


def test_flipping_cue():
    text = "her ministry had ignored the warnings"
    assert stance(text, cue="said") == "against"
    assert stance(text, cue="denied") == "favor"  # she denied it: she defends the ministry
    assert stance("the treaty could be saved", cue="rejected") == "against"


def test_warning_cue_leans_against():
    assert stance("the plan would force dozens of rural clinics to close", cue="warned") == "against"


def test_partial_quote_words_are_read():
    # quotation marks around a fragment do not hide its words
    assert stance("the levy was 'a gift to foreign producers who cheat'") == "against"
    assert stance("the pact was “within reach”") == "favor"


@pytest.mark.parametrize("phrase,expected", [
    ("Open Skies treaty", "Open Skies Treaty"),
    ("the Open Skies Treaty", "Open Skies Treaty"),
    ("the treaty on Open Skies", "Open Skies Treaty"),
    ("the Lake treaty", "Lake Treaty"),
    ("the JCPOA", "Iran nuclear deal"),
])
def test_target_normalisation(phrase, expected):
    assert normalise_target(phrase) == expected


def test_target_is_never_a_weekday_or_sentence_opener():
    st = judge("According to the rules, the vote on Tuesday was fair", speaker="Ilse Brand")
    assert st.stance_target not in ("According", "Tuesday")
    assert judge("Persuasion works better than punishment").stance_target != "Persuasion"


def test_target_is_not_the_speaker():
    st = judge("Health Minister Ilse Brand is wrong about Valdoria", speaker="Ilse Brand")
    assert st.stance_target == "Valdoria"


def test_bare_treaty_resolves_to_the_named_one_in_the_article():
    text = "Valdoria left the Lake Treaty in 2019. “We regret the withdrawal from the treaty,” Quell said."
    article = Article(doc="t.txt", text=text)
    quote = "We regret the withdrawal from the treaty"
    st = judge(quote, article=article, start=text.index(quote), context=text)
    assert st.stance == "favor"
    assert st.stance_target == "Lake Treaty"


def test_stances_holds_the_main_position_first():
    st = judge("We support the Harbour Accord")
    assert st.stances == [{"target": "Harbour Accord", "stance": "favor", "confidence": st.stance_confidence}]
    assert judge("they would be published on Friday").stances == []  # no target, no position stored


def test_excess_is_a_criticism():
    assert stance("the measure came too late for the growers of Tarn") == "against"
    assert stance("The tax cut is too small and too slow") == "against"


def test_hedge_lowers_confidence_not_direction():
    plain, hedged = judge("We support the Harbour Accord"), judge("We might support the Harbour Accord")
    assert plain.stance == hedged.stance == "favor"
    assert hedged.stance_confidence < plain.stance_confidence


def test_procedural_marker_outweighs_one_weak_word():
    assert stance("The ministry will study the ruling carefully and respond in due course") == "neutral"
    assert stance("The ministry will review the ruling, which it called reckless and dangerous") == "against"


def test_negation_reaches_across_modals_and_brackets():
    assert stance("Nobody should expect us to return to the accord") == "against"
    assert stance("We do not think it (would) be a good thing") == "against"


@pytest.mark.parametrize("quote", [
    "I share their goals, but not their methods",
    "The budget has some welcome measures for families, but it does nothing for pensioners",
])
def test_mixed_restriction_and_shortfall(quote):
    assert stance(quote) == "mixed"


def test_no_binds_its_own_noun():
    # "no" negates "date", not the meeting further on
    assert stance("no date had been set for a meeting between the two presidents") == "neutral"
    assert stance("the inspectors offered no credible explanation") == "against"


def test_negation_flips_one_position_not_the_next_attitude():
    assert stance("Nobody should doubt our commitment to the alliance") == "favor"


def test_mixed_statement_keeps_each_half_about_its_own_target():
    st = judge("We support the Harbour Accord but reject the Lake Treaty")
    assert st.stance == "mixed" and st.stance_target == "Harbour Accord"
    assert {"target": "Lake Treaty", "stance": "against"} in [{k: s[k] for k in ("target", "stance")}
                                                              for s in st.stances]
    st = judge("She backed the vaccine mandate for nurses but opposed extending the mandate to everyone")
    assert st.stance == "mixed" and st.stance_target == "vaccine mandate"
    assert [s["target"] for s in st.stances].count("mandate") == 0


def test_bare_head_resolves_to_the_article_name_of_the_same_kind():
    text = ("Tarn Signs Lake Pact\n\nTarn signed the pact on Monday. “We fully support the agreement,” Quell said. "
            "The harbour levy was raised. “The levy is unfair,” said Ilse Brand.")
    article = Article(doc="t.txt", text=text)
    quote = "We fully support the agreement"
    st = judge(quote, article=article, start=text.index(quote), context=text)
    assert st.stance == "favor" and st.stance_target == "Lake Pact"  # a deal is a pact is an agreement
    quote = "The levy is unfair"
    st = judge(quote, article=article, start=text.index(quote), context=text, speaker="Ilse Brand")
    assert st.stance == "against" and st.stance_target == "harbour levy"


def test_denied_content_inside_the_quote_counts_the_other_way():
    assert stance("The minister denied that the reform had failed") == "favor"
    assert stance("He rejected claims that the count was rigged") == "favor"
    assert stance("We reject the treaty") == "against"  # an object, not a denied claim


def test_negated_act_and_its_object_flip_together_but_not_a_later_clause():
    assert stance("Nobody ignored the warnings") == "favor"
    assert stance("We will not sign up to a deal that sells out our fishermen") == "against"
    assert stance("Ministers have failed to deliver on their promises") == "against"  # "failed to" negates


def test_concessive_opener_divides_at_its_comma():
    assert stance("While we welcome the funding, it will not be enough to close the gap") == "mixed"


@pytest.mark.parametrize("quote", ["", None, "“”", "…", "but", "if", "not not not"])
def test_degenerate_quotes_are_neutral_without_a_target(quote):
    st = judge(quote or "") if quote is not None else None
    if st is None:
        st = Statement(doc="t.txt", quote=None, type="direct", start=0, end=0, parts=[])
        assess(st)
    assert st.stance == "neutral" and st.stance_target is None and st.stances == []


def test_condemning_harm_done_to_someone_is_for_them():
    st = judge("We condemn the arrest of Ivan Petrov")
    assert st.stance == "favor" and st.stance_target == "Ivan Petrov"
    # a report of harm is no position; calling something "an attack on" a value is one
    assert stance("officers had arrested 14 people after scuffles outside a polling station") == "neutral"
    assert stance("the ban is an attack on freedom of expression") == "against"


def test_negation_stops_at_but_and_belongs_to_its_phrase():
    assert stance("the deal was not ideal but workable") == "mixed"
    assert stance("the plan will not work and has never worked anywhere") == "against"
    assert stance("the bill was an \"assault on democracy\"") == "against"  # quotation marks read through


def test_what_is_passed_over_counts_the_other_way():
    assert stance("Tarn chose dialogue over confrontation") == "favor"
    assert stance("The voters of Tarn chose calm over anger") == "favor"


def test_head_phrases_from_the_extraction_words_are_those_of_the_whole_text():
    # the article's index of "the X reform" phrases, found from the paragraphs' words, is the one a scan
    # of the whole text finds, also for the headline between paragraphs and a head glued to a mark
    from quotes.extract import _layout
    from quotes.stance import ArticleIndex, _head_phrases, _layout_head_phrases, _modified_heads
    first = "The new fishing levy divides Tarn. ‘deal’ is a word the mayor avoids."
    second = "Mara Quell said the steel wire levy and the deal-making hurt this proposal."
    text = "Tarn Votes on the Harbour Deal\n\n" + first + "\n\n" + second + "\nRead also: the vaccine mandate"
    paras = [(text.index(first), text.index(first) + len(first)), (text.index(second), text.index(second) + len(second))]
    article = Article(doc="t.txt", text=text, paragraphs=paras)
    index = ArticleIndex(article, _layout(article)[1])
    found = _layout_head_phrases(index)
    assert found == [p for _, p in _head_phrases(text)]
    assert found == ["Harbour Deal", "steel wire levy", "proposal", "vaccine mandate"]
    assert index.forms() == _modified_heads(text, found) == _modified_heads(text)
    # a paragraph that does not start after white space: the whole text is scanned instead
    article = Article(doc="t.txt", text=text, paragraphs=[(6, len(text))])
    index = ArticleIndex(article, _layout(article)[1])
    assert _layout_head_phrases(index) is None and index.forms() == _modified_heads(text)


def test_head_phrases_of_a_quote_from_the_paragraph_words_are_those_of_the_quote_alone():
    # a quote's "the X levy" phrases, with their word index, found from the words of its paragraph as
    # extraction cut them: the same as a scan of the quote; a quote whose edge cuts a word is scanned
    from quotes.extract import _layout
    from quotes.stance import ArticleIndex, _head_phrases, _text_head_phrases
    para = "Mara Quell said: “We reject the steel wire levy, and this deal-making plan.” Cheese-plan talks"
    text = "Tarn Votes\n\n" + para
    article = Article(doc="t.txt", text=text, paragraphs=[(12, len(text))])
    index = ArticleIndex(article, _layout(article)[1])
    quote = "We reject the steel wire levy, and this deal-making plan."
    at = text.index(quote)
    assert _text_head_phrases(quote, at, index) == _head_phrases(quote) == [(3, "steel wire levy"),
                                                                              (9, "deal-making plan")]
    assert _text_head_phrases(text[12:], 12, index) == _head_phrases(text[12:])
    assert _text_head_phrases("plan talks", text.index("plan talks"), index) is None  # "Cheese-plan": cut
    assert _text_head_phrases("Tarn Votes", 0, index) is None  # not in a paragraph
    assert _text_head_phrases(quote, at, ArticleIndex(article)) is None  # no paragraphs' words at hand


@pytest.mark.parametrize("quote", ["Berger told Kestrel Radio the Harbour Accord fails",
                                   "Berger told Kestrel Radio the Harbour Accord fails, “again”"])
def test_where_something_was_said_is_no_target(quote):
    # "told Kestrel Radio": the outlet it was said to, not what it is about (ASCII or not: the cheap
    # test before the regex must not change what the regex finds)
    from quotes.stance import candidate_targets
    names = [p for _, _, p in candidate_targets(quote, "")]
    assert "Harbour Accord" in names and "Kestrel Radio" not in names


def test_the_runs_of_a_text_looked_up_in_its_article_are_those_a_scan_of_the_text_finds():
    # every cut of a short article: where the lookup answers, it answers what a scan of the cut finds
    # ("Cain" cut out of "McCain", "Harbour Accord" cut in two, "Votes" cut off "Tarn Votes")
    from quotes.stance import CAPS, ArticleIndex, _caps_phrase
    text = "The Harbour Accord, said McCain of Tarn Votes. New York Times-Herald 2024 Cheese"
    index = ArticleIndex(Article(doc="t.txt", text=text, paragraphs=[(0, len(text))]))
    answered = 0
    for at in range(len(text)):
        for end in range(at, len(text) + 1):
            runs = index.runs_in(text[at:end], at)
            if runs is not None:
                answered += 1
                assert [(s - at, named) for s, named in runs] == \
                    [(m.start(), _caps_phrase(m.group())) for m in CAPS.finditer(text[at:end])]
    assert answered > 50
    assert index.runs_in("Accord", text.index("Accord")) is None
    assert index.runs_in("Cain of", text.index("Cain")) is None


@pytest.mark.parametrize("text", ["The U.S. and al-Assad’s McCain-Feingold Act of 2002, iPhone eBay",
                                  "Ça Coûte\xa0Deux\x1cFois ĂĞ Ab\u0303Cd Ab\u2009Cd Ab\u3000of\u3000Cd ½ Ab ٣٣٣٣",
                                  "“Open Skies Treaty”—The ‘Deal’… Élysée Ab\nCd Ab-1999 Ab 1999 Ab-Cd-Ef", ""])
def test_caps_runs_in_the_coding_are_the_caps_matches_of_the_text(text):
    from quotes.stance import CAPS, caps_runs
    assert caps_runs(text) == ([m.start() for m in CAPS.finditer(text)], CAPS.findall(text))


@pytest.mark.parametrize("text", ["We said: “no deal”, not a deal-breaker—never!", "Ça coûte 2½ fois plus_cher…",
                                  "tab\there\xa0and\u2009thin spaces", "", "’tis the Fund’s ‘rule’"])
def test_words_of_cut_at_white_space_are_those_of_the_token_regex(text):
    from quotes.stance import TOKEN, words_of
    assert words_of(text) == TOKEN.findall(text.lower().replace("’", "'"))


def test_a_thing_named_also_by_its_last_word_is_one_candidate():
    # "the treaty" and "The Open Skies Treaty": the full name, at the better rank; names of which none
    # ends another stay as found
    from quotes.stance import candidate_targets
    assert candidate_targets("The Open Skies Treaty binds us, and we back the treaty", "") == \
        ((0, 1, "Open Skies Treaty"),)
    assert candidate_targets("Russia and the United States back the reform", "") == \
        ((2, 0, "Russia"), (2, 15, "United States"), (1, 7, "reform"))
