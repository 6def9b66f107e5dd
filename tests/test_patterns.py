"""Extraction patterns of issue 3, each pinned down on a short text the team wrote.

All people and words here are invented. Each test runs `extract` on a few sentences under a
header (headline, byline, date line) and checks the real output: quote text, type, cue, speaker.
Every statement also passes the offset invariants in `run()`.
"""
import csv

import pytest

from quotes.articles import parse_article
from quotes.extract import extract
from quotes.lexicon import lexicon

from conftest import ROOT

HEAD = "Talks Resume in Oslo\n\nby Jan Novak\nFeb 17, 2021\n\n"  # a Wednesday
MARKS = "“”\"‘’'«»"


def run(body, head=HEAD, unit="quote"):
    """The statements of head + body, after checking what must hold for every statement."""
    text = head + body
    sts = extract(parse_article(text, "t.txt"), unit=unit)
    for st in sts:
        assert st.parts, st
        assert " ".join(text[a:b] for a, b in st.parts) == st.quote
        assert st.start == st.parts[0][0] and st.end == st.parts[-1][1]
        assert all(a < b for a, b in st.parts)
        assert all(p[1] <= q[0] for p, q in zip(st.parts, st.parts[1:]))
        assert st.type in ("direct", "indirect")
        assert st.speaker_kind in ("person", "organization", "anonymous", "group")
        if st.type == "direct":
            # a direct quote starts right after an opening quotation mark
            assert text[st.parts[0][0] - 1] in MARKS, (text[st.parts[0][0] - 2:st.parts[0][0] + 5], st)
        if st.context is not None and st.context_start is not None:
            assert st.context_start <= st.start
            assert st.context_start + len(st.context) >= st.end
            assert st.quote.split()[0] in st.context
        else:
            assert st.context is None or st.quote.split()[0] in st.context
    return sts


def one(body, head=HEAD, unit="quote"):
    sts = run(body, head, unit)
    assert len(sts) == 1, [(s.quote, s.speaker) for s in sts]
    return sts[0]


def pairs(sts):
    return [(s.quote, s.speaker) for s in sts]


# --- quotation-mark styles -------------------------------------------------------------------

@pytest.mark.parametrize("opening,closing", [
    ("“", "”"), ('"', '"'), ("‘", "’"), ("'", "'"), ("«", "»"), ("''", "''"),
], ids=["curly-double", "straight-double", "curly-single", "straight-single", "guillemets", "two-apostrophes"])
def test_every_quotation_mark_style(opening, closing):
    st = one(f"{opening}We will never sign this agreement,{closing} said Tomas Berger, a union leader.")
    assert (st.quote, st.type, st.speaker, st.speaker_kind, st.cue) == (
        "We will never sign this agreement", "direct", "Tomas Berger", "person", "said")


@pytest.mark.parametrize("opening,closing", [("“", "”"), ('"', '"'), ("«", "»")])
def test_quote_after_the_cue_in_each_style(opening, closing):
    st = one(f"Tomas Berger said: {opening}We will never sign this agreement.{closing}")
    assert (st.quote, st.type, st.speaker, st.cue) == ("We will never sign this agreement", "direct", "Tomas Berger", "said")


@pytest.mark.parametrize("closing", ['"', "’’", "''"])
def test_a_curly_quote_closed_by_a_mark_of_another_style(closing):
    sts = run(f"“Schools will change,{closing} said Ana Okafor, a dietitian. “This gives parents a tool.”")
    assert pairs(sts) == [("Schools will change", "Ana Okafor"), ("This gives parents a tool", "Ana Okafor")]
    assert sts[0].cue == "said"


def test_a_straight_quote_nested_in_a_curly_one_does_not_close_it():
    st = one("“He told me \"no\" twice,” said Ana Okafor.")
    assert (st.quote, st.speaker) == ('He told me "no" twice', "Ana Okafor")


@pytest.mark.parametrize("opening,closing,inner_open,inner_close", [
    ("“", "”", "‘", "’"), ('"', '"', "'", "'"),
], ids=["curly", "straight"])
def test_a_space_between_the_closing_marks_of_a_quote_inside_a_quote_still_closes_it(
        opening, closing, inner_open, inner_close):
    # "… ‘stop,’ ”: a space set apart the two closing marks; the quote ends there, its cue after it
    body = (f"{opening}Then the crowd kept shouting, {inner_open}Close the depot now,{inner_close} {closing} said "
            f"Ana Okafor. The ferry left at noon. {opening}We will open it again in May,{closing} said Tomas Berger.")
    assert pairs(run(body)) == [
        (f"Then the crowd kept shouting, {inner_open}Close the depot now,{inner_close}", "Ana Okafor"),
        ("We will open it again in May", "Tomas Berger")]


def test_a_sentence_ends_after_closing_marks_set_apart_by_a_space():
    # "… too!’ ” The ferry …": the quote is a sentence of its own, going on from the speaker before it
    sts = run("“We sold every copy,” says Ana Okafor. “Readers often tell me, ‘You did this? Maybe I can too!’ ” "
              "The ferry left at noon.")
    assert pairs(sts) == [("We sold every copy", "Ana Okafor"),
                          ("Readers often tell me, ‘You did this? Maybe I can too!’", "Ana Okafor")]


@pytest.mark.parametrize("mark", ["?", "!"])
def test_a_name_after_a_question_or_exclamation_is_still_the_cue(mark):
    sts = run(f"“Who pays for the bridge{mark}” Berger asked. The council did not answer.\n\n“We will not pay for "
              f"it{mark}” Tomas Berger said.")
    assert [(s.quote, s.speaker, s.cue) for s in sts] == [
        (f"Who pays for the bridge{mark}", "Tomas Berger", "asked"), (f"We will not pay for it{mark}", "Tomas Berger", "said")]


def test_several_styles_in_one_paragraph():
    sts = run("\"We will not sign,\" Tomas Berger said. «Jamais,» said Claire Dubois. ''We refuse,'' said Anna Lindqvist.")
    assert pairs(sts) == [("We will not sign", "Tomas Berger"), ("Jamais", "Claire Dubois"),
                          ("We refuse", "Anna Lindqvist")]
    assert all(s.type == "direct" for s in sts)


def test_apostrophes_inside_a_single_quoted_statement_do_not_end_it():
    st = one("‘We don’t accept the union’s figures,’ said Tomas Berger.")
    assert st.quote == "We don’t accept the union’s figures"
    assert st.speaker == "Tomas Berger"


# --- split quotes and quotes over paragraphs -------------------------------------------------

def test_split_quote_is_one_statement():
    text = "“The deal is dead,” Marta Kowalczyk said, “and nobody will revive it.”"
    st = one(text)
    assert st.quote == "The deal is dead and nobody will revive it"
    assert st.type == "direct" and st.speaker == "Marta Kowalczyk" and st.cue == "said"
    assert len(st.parts) == 2


def test_split_quote_with_cue_verb_first():
    st = one("“We are not afraid,” said Tomas Berger, “and we will not go away.”")
    assert st.quote == "We are not afraid and we will not go away"
    assert (st.speaker, st.cue, len(st.parts)) == ("Tomas Berger", "said", 2)


TURN = ("“The ruling is wrong,” Marta Kowalczyk said. “We will appeal it next week.” "
        "She left without taking questions.")


def test_passages_of_one_turn_are_separate_statements_by_default():
    sts = run(TURN)
    assert pairs(sts) == [("The ruling is wrong", "Marta Kowalczyk"), ("We will appeal it next week", "Marta Kowalczyk")]


def test_passages_of_one_turn_join_with_unit_turn():
    st = one(TURN, unit="turn")
    assert st.quote == "The ruling is wrong We will appeal it next week"
    assert (st.speaker, st.cue, st.type, len(st.parts)) == ("Marta Kowalczyk", "said", "direct", 2)


def test_a_turn_joins_across_a_long_cue_sentence():
    # the speaker described at length in the cue: still only the cue's one sentence between the passages
    st = one("“The ruling is wrong,” said Marta Kowalczyk, a labour lawyer from Gdansk who has represented the "
             "dock workers' union in three earlier cases before the same court since 2015. “We will appeal it.”",
             unit="turn")
    assert st.quote == "The ruling is wrong We will appeal it"
    assert (st.speaker, len(st.parts)) == ("Marta Kowalczyk", 2)


@pytest.mark.parametrize("body", [
    # another speaker
    "“The ruling is wrong,” Marta Kowalczyk said. “We will appeal it,” said Tomas Berger.",
    # another paragraph
    "“The ruling is wrong,” Marta Kowalczyk said.\n\n“We will appeal it next week.”",
    # a quote in between: the second passage is not next to the first
    "“The ruling is wrong,” Marta Kowalczyk said, after the court called the case “closed” on Monday. "
    "“We will appeal it next week.”",
    # a sentence of the story in between, however short the cue
    "“The ruling is wrong,” Marta Kowalczyk said. The court had met for six hours behind closed doors, and "
    "dozens of dock workers were waiting outside in the rain for its decision. “We will appeal it next week.”",
])
def test_turns_do_not_join_across_speakers_paragraphs_or_other_quotes(body):
    sts = run(body, unit="turn")
    assert len([s for s in sts if s.type == "direct"]) >= 2, [(s.quote, s.speaker) for s in sts]


def test_quote_running_over_paragraphs():
    body = ("Marta Kowalczyk, a trade negotiator, spoke after the vote.\n\n"
            "“We have waited for years. We will wait more.\n\n"
            "“But not forever,” she said.")
    sts = run(body)
    assert len(sts) == 1
    st = sts[0]
    assert st.quote.startswith("We have waited for years. We will wait more")
    assert st.quote.endswith("But not forever")
    assert st.speaker == "Marta Kowalczyk" and st.type == "direct"
    text = HEAD + body
    assert "\n\n" in text[st.start:st.end]  # one statement across the paragraph break


# --- reported speech and its cues ------------------------------------------------------------

def _speech_verbs():
    with open(ROOT / "data" / "lexicon" / "speech_verbs.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


VERBS = _speech_verbs()


@pytest.mark.parametrize("row", VERBS, ids=[r["base"] for r in VERBS])
def test_every_speech_verb_in_the_data_file(row):
    past = row["past"]
    st = one(f"“The talks will resume in March,” Tomas Berger {past}.")
    assert (st.quote, st.type, st.speaker, st.cue) == ("The talks will resume in March", "direct", "Tomas Berger", past)
    if row["reports"] in ("y", "t"):
        st = one(f"Tomas Berger {past} that the talks would resume in March.")
        assert (st.quote, st.type, st.speaker, st.cue) == (
            "the talks would resume in March", "indirect", "Tomas Berger", past)
    if row["reports"] == "y":
        st = one(f"Tomas Berger {past} the talks would resume in March.")
        assert (st.quote, st.type, st.speaker, st.cue) == (
            "the talks would resume in March", "indirect", "Tomas Berger", past)


def test_verbs_that_only_take_that_do_not_report_without_it():
    # "found" is `t` in the data: "the court found the documents" is not reported speech
    rows = {r["base"]: r for r in _speech_verbs()}
    assert rows["find"]["reports"] == "t"
    assert run("Tomas Berger found the documents in a drawer at the ministry.") == []


@pytest.mark.parametrize("body,quote,cue", [
    ("Tomas Berger said that the talks would resume in March.", "the talks would resume in March", "said"),
    ("Tomas Berger said the talks would resume in March.", "the talks would resume in March", "said"),
    ("Tomas Berger told reporters that the talks would resume in March.", "the talks would resume in March", "told"),
    ("Tomas Berger told reporters the talks would resume in March.", "the talks would resume in March", "told"),
    ("Tomas Berger warned that the talks could collapse.", "the talks could collapse", "warned"),
    ("Tomas Berger argued that the plan was too costly.", "the plan was too costly", "argued"),
    ("Tomas Berger insisted the vote would go ahead.", "the vote would go ahead", "insisted"),
    ("Tomas Berger stressed that nothing had been decided.", "nothing had been decided", "stressed"),
])
def test_reported_speech(body, quote, cue):
    st = one(body)
    assert (st.quote, st.type, st.speaker, st.speaker_kind, st.cue) == (quote, "indirect", "Tomas Berger", "person", cue)


def test_several_reporting_sentences_each_with_its_speaker():
    sts = run("Tomas Berger warned that the talks could collapse. Anna Lindqvist argued that the plan was too "
              "costly. Marek Zielinski insisted the vote would go ahead.")
    assert [(s.quote, s.speaker, s.cue) for s in sts] == [
        ("the talks could collapse", "Tomas Berger", "warned"),
        ("the plan was too costly", "Anna Lindqvist", "argued"),
        ("the vote would go ahead", "Marek Zielinski", "insisted"),
    ]


def test_according_to_before_the_clause():
    st = one("According to Tomas Berger, the talks will resume in March.")
    assert (st.quote, st.type, st.speaker, st.cue) == ("the talks will resume in March", "indirect", "Tomas Berger",
                                                       "according to")


def test_according_to_after_the_clause():
    st = one("The talks will resume in March, according to Tomas Berger.")
    assert (st.quote, st.type, st.speaker, st.cue) == ("The talks will resume in March", "indirect", "Tomas Berger",
                                                       "according to")


def test_colon_introduced_quote():
    st = one("Tomas Berger said: “We will never sign this agreement.”")
    assert (st.quote, st.type, st.speaker, st.cue) == ("We will never sign this agreement", "direct", "Tomas Berger",
                                                       "said")


def test_colon_introduced_quote_after_told():
    st = one("Anna Lindqvist told reporters: “The plan is too costly.”")
    assert (st.quote, st.type, st.speaker, st.cue) == ("The plan is too costly", "direct", "Anna Lindqvist", "told")


def test_was_quoted_as_saying_with_a_direct_quote():
    st = one("Tomas Berger was quoted as saying: “The talks will resume in March.”")
    assert (st.quote, st.type, st.speaker, st.cue) == ("The talks will resume in March", "direct", "Tomas Berger",
                                                       "was quoted as saying")
    st = one("“The talks will resume in March,” Tomas Berger was quoted as saying by the agency.")
    assert (st.quote, st.speaker, st.cue) == ("The talks will resume in March", "Tomas Berger", "was quoted as saying")


def test_in_a_statement():
    st = one("The Norwegian Foreign Ministry said in a statement that the talks would resume in March.")
    assert (st.quote, st.type, st.speaker, st.speaker_kind, st.cue) == (
        "the talks would resume in March", "indirect", "Norwegian Foreign Ministry", "organization", "said")
    st = one("In a statement, Tomas Berger said the talks would resume in March.")
    assert (st.quote, st.speaker, st.cue) == ("the talks would resume in March", "Tomas Berger", "said")
    st = one("“The talks will resume in March,” the Foreign Ministry said in a statement.")
    assert (st.quote, st.type, st.speaker, st.speaker_kind) == (
        "The talks will resume in March", "direct", "Foreign Ministry", "organization")


def test_told_reporters_after_a_direct_quote():
    st = one("“The talks will resume in March,” Tomas Berger told reporters.")
    assert (st.quote, st.type, st.speaker, st.cue) == ("The talks will resume in March", "direct", "Tomas Berger", "told")


def test_a_second_speaker_after_a_comma_takes_over_the_clause():
    sts = run("While some critics say the city should not pay a broker, Tomas Berger says the premium makes "
              "everyone work harder.")
    assert pairs(sts) == [("the city should not pay a broker", "critics"),
                          ("the premium makes everyone work harder", "Tomas Berger")]


def test_two_people_named_as_one_subject_speak_together():
    sts = run("In an emailed statement, the cafe owners Tore Sohlberg and Lehla Abreder said they respected the "
              "outcome of the vote.\n\n“Our priority is a safe workplace,” they said.\n\n“We respect the vote,” "
              "Tore Sohlberg and Lehla Abreder said.")
    both = "Tore Sohlberg and Lehla Abreder"
    assert pairs(sts) == [("they respected the outcome of the vote", both),
                          ("Our priority is a safe workplace", both), ("We respect the vote", both)]
    assert {s.speaker_kind for s in sts} == {"group"}


def test_a_company_named_for_two_surnames_is_not_two_people():
    st = one("Smith and Wesson said sales rose in March.")
    assert st.speaker != "Smith and Wesson"


# --- no cue, partial quotes, asides ----------------------------------------------------------

def test_quote_without_a_cue_continues_the_previous_speaker():
    sts = run("Tomas Berger spoke to reporters after the meeting. “We are not going anywhere,” he said.\n\n"
              "“The talks will go on. Nobody should doubt it.”")
    assert pairs(sts) == [("We are not going anywhere", "Tomas Berger"),
                          ("The talks will go on. Nobody should doubt it", "Tomas Berger")]
    assert sts[1].type == "direct" and sts[1].cue is None


def test_quote_without_a_cue_after_reported_speech():
    sts = run("Anna Lindqvist said the plan was too costly. “We cannot pay for it twice.”")
    assert pairs(sts) == [("the plan was too costly", "Anna Lindqvist"), ("We cannot pay for it twice", "Anna Lindqvist")]
    assert [s.type for s in sts] == ["indirect", "direct"]


def test_partial_quote_inside_a_reported_clause():
    st = one("Tomas Berger said the deal was “a step backwards” for the region.")
    assert st.type == "indirect" and st.speaker == "Tomas Berger" and st.cue == "said"
    assert st.quote == "the deal was “a step backwards” for the region"


@pytest.mark.parametrize("aside", [
    "who replaced Anna Lindqvist as party leader",
    "a former union leader",
    "speaking at a press conference",
])
def test_aside_between_name_and_verb(aside):
    st = one(f"Tomas Berger, {aside}, said the talks would resume in March.")
    assert (st.quote, st.type, st.speaker, st.cue) == ("the talks would resume in March", "indirect", "Tomas Berger", "said")


def test_aside_between_name_and_verb_after_a_direct_quote():
    st = one("“The talks will resume in March,” Tomas Berger, who replaced Anna Lindqvist as party leader, said.")
    assert (st.quote, st.speaker, st.cue) == ("The talks will resume in March", "Tomas Berger", "said")


def test_a_quote_with_no_cue_and_no_recent_speaker_is_the_person_just_written_about():
    sts = run("“We lost the vote,” said Tomas Berger, the council leader.\n\nThe council met again in June. The "
              "budget passed without debate, and the new library was approved for the spring.\n\nThe harbour "
              "reopened in July after a long repair. Ships returned within a week, and the ferry added a second "
              "crossing.\n\nAna Okafor now runs the shelter on Dock Street. Her message is simple: ask for help "
              "early.\n\n“Nobody should sleep outside in this city. There are beds for everyone who asks.”")
    assert pairs(sts) == [("We lost the vote", "Tomas Berger"),
                          ("Nobody should sleep outside in this city. There are beds for everyone who asks",
                           "Ana Okafor")]
    assert sts[1].cue is None and sts[1].speaker_written == "Ana Okafor"


# --- organisations and anonymous sources -----------------------------------------------------

@pytest.mark.parametrize("body,speaker,country", [
    ("The Kremlin said the talks would resume in March.", "Kremlin", "RU"),
    ("The State Department said the talks would resume in March.", "State Department", "US"),
    ("“The talks will resume in March,” the Kremlin said.", "Kremlin", "RU"),
    ("“The talks will resume in March,” said the Kremlin.", "Kremlin", "RU"),
    ("“The talks will resume in March,” the State Department said in a statement.", "State Department", "US"),
    ("“The talks will resume in March,” the White House said.", "White House", "US"),
    ("Downing Street said the talks would resume in March.", "Downing Street", "GB"),
    ("The Kremlin said: “The talks will resume in March.”", "Kremlin", "RU"),
    ("“The talks will resume in March,” Downing Street said.", "Downing Street", "GB"),
])
def test_organisation_as_speaker(body, speaker, country):
    st = one(body)
    assert (st.speaker, st.speaker_kind, st.country) == (speaker, "organization", country)
    assert st.quote.lower() in ("the talks would resume in march", "the talks will resume in march")


@pytest.mark.parametrize("noun", ["company", "firm", "agency", "union"])
def test_organisation_named_again_by_a_common_noun(noun):
    sts = run(f"Norvik Freight Group said on Monday it would close its Oslo depot. “We regret the decision,” "
              f"the {noun} said in a statement.")
    assert pairs(sts)[-1] == ("We regret the decision", "Norvik Freight Group")
    assert sts[-1].speaker_kind == "organization"


@pytest.mark.parametrize("body,speaker", [
    ("According to Norvik Freight filings, the depot lost money for years.", "Norvik Freight"),
    ("According to the Norvik Freight website, the depot lost money for years.", "Norvik Freight"),
    ("Norvik Freight said on Monday it would close the depot. The statement said the depot lost money for years.",
     "Norvik Freight"),
    ("Anna Lindqvist wrote to the board on Monday. According to her letter, the depot lost money for years.",
     "Anna Lindqvist"),
    # the owner of a document is its issuer, a person ("Lindqvist's book") or the organisation a noun
    # names ("the union's release")
    ("Anna Lindqvist wrote about the port. According to Lindqvist’s book, the depot lost money for years.",
     "Anna Lindqvist"),
    ("The Harbour Workers Union met on Monday. According to the union's Friday release, the depot lost money for "
     "years.", "Harbour Workers Union"),
    # a report, a post: document nouns that are also speech verbs ("to report", "to post")
    ("Lars Holm wrote in a blog post that the scam was new. According to the post, the depot lost money for years.",
     "Lars Holm"),
    # found on the issuer's website
    ("“the depot lost money for years,” says a document titled Winter Freight on Norvik Rail Group's website.",
     "Norvik Rail Group"),
])
def test_a_document_speaks_for_whoever_issued_it(body, speaker):
    st = run(body)[-1]
    assert (st.quote, st.speaker) == ("the depot lost money for years", speaker)
    assert st.speaker_written == st.speaker_phrase  # "--speaker-name written" gives the document as written


@pytest.mark.parametrize("body", [
    "A report released by the Norvik Freight Group said the depot lost money for years.",
    "A study from the Norvik Freight Group said the depot lost money for years.",
])
def test_a_document_issued_by_someone_speaks_for_them(body):
    st = one(body)
    assert (st.quote, st.speaker, st.speaker_kind) == ("the depot lost money for years", "Norvik Freight Group",
                                                       "organization")


def test_the_same_document_again_speaks_for_its_issuer():
    # "the white paper" is the paper found on Norvik Rail's site, not the board that spoke in between
    sts = run("The Freight Safety Board said the brakes had failed. “Winter is hard on rail,” says a white paper on "
              "Norvik Rail's website.\n\nThe Freight Safety Board said on Monday it was still looking. The white "
              "paper said trains are shorter in the cold.")
    assert pairs(sts)[-1] == ("trains are shorter in the cold", "Norvik Rail")


@pytest.mark.parametrize("body, speaker", [
    # a document named by a phrase of the word lists: the name before the phrase issued it
    ("A Norvik Freight Group white paper said the depot lost money for years.", "Norvik Freight Group"),
    ("The Norvik Freight Group green paper said the depot lost money for years.", "Norvik Freight Group"),
    # "the paper" alone is a newspaper, not a document of the company named before
    ("Norvik Freight Group said on Monday it would close the depot. The paper said the depot lost money for "
     "years.", None),
])
def test_a_document_phrase_speaks_for_the_name_before_it(body, speaker):
    st = run(body)[-1]
    assert (st.quote, st.speaker) == ("the depot lost money for years", speaker)


@pytest.mark.parametrize("body", [
    "“The depot will close,” said Sen. Ada Brisk of Vermont.",
    "Sen. Ada Brisk of Vermont said the depot would close.",
])
def test_a_title_before_a_name_and_a_place_after_it_give_office_and_country(body):
    # the office phrase is the title as the text writes it, not the title and "of Vermont" pieced together
    st = one(body)
    assert (st.speaker, st.office, st.office_phrase, st.country) == ("Ada Brisk", "Senator", "Sen.", "US")
    assert st.office_phrase in body


@pytest.mark.parametrize("body, quote", [
    ("Ana Okafor, a welder at the yard, said cold weather takes a toll on the rails.",
     "cold weather takes a toll on the rails"),
    ("Ana Okafor said rain damages the rails.", "rain damages the rails"),
])
def test_a_reported_clause_may_open_with_a_bare_noun_and_a_verb_in_s(body, quote):
    # no article before the subject: the verb in -s is told from a plural noun by the object's article after it
    assert pairs(run(body)) == [(quote, "Ana Okafor")]


@pytest.mark.parametrize("body, quote", [
    ("Ana Okafor said Mr. Berger had not yet won her over.", "Mr. Berger had not yet won her over"),
    ("Ana Okafor said Dr. Lind was wrong about the rails.", "Dr. Lind was wrong about the rails"),
])
def test_a_reported_clause_may_open_with_a_title_and_its_full_stop(body, quote):
    # the full stop of "Mr." ends no clause: the verb after the name still makes one
    assert pairs(run(body)) == [(quote, "Ana Okafor")]


@pytest.mark.parametrize("body, quote", [
    ("Ana Okafor said the yard, along with a bank run by her cousin, gave the town a boost.",
     "the yard, along with a bank run by her cousin, gave the town a boost"),
    ("Ana Okafor said the report, released on Monday, showed a rise in costs.",
     "the report, released on Monday, showed a rise in costs"),
    ("Ana Okafor said welders, tenants' groups, and the city need to meet.",
     "welders, tenants' groups, and the city need to meet"),
])
def test_a_reported_clause_whose_subject_runs_on_over_an_aside_or_a_list(body, quote):
    assert pairs(run(body)) == [(quote, "Ana Okafor")]


def test_an_object_and_a_second_clause_after_a_comma_are_no_reported_clause():
    assert run("Ana Okafor announced the cuts, and the welders were angry.") == []


@pytest.mark.parametrize("body, quotes", [
    ("The prize went to Ana Okafor, who said she would give it away.",
     [("she would give it away", "Ana Okafor")]),
    ("Ana Okafor, who says the plan is flawed, will vote against it.", [("the plan is flawed", "Ana Okafor")]),
    ("Ana Okafor, who said she left on good terms, said she was unaware of any dispute.",
     [("she left on good terms", "Ana Okafor"), ("she was unaware of any dispute", "Ana Okafor")]),
])
def test_who_after_a_comma_speaks_for_the_name_before_it(body, quotes):
    # the relative clause ends at the comma that gives the sentence back to its own verb
    assert pairs(run(body)) == quotes


@pytest.mark.parametrize("body, quotes", [
    ("The mayor rebuked critics who say the harbour plan is rushed.",
     [("the harbour plan is rushed", "critics")]),
    ("Support rose to 40 percent, compared with 30 percent of tenants who said the rent was too high.",
     [("the rent was too high", "30 percent of tenants")]),
    ("Critics who say the harbour plan is rushed want a vote.", []),
    ("The mayor offered help to farmers who say the harbour plan is rushed.",
     [("the harbour plan is rushed", "farmers")]),
    ("Most tenants had made up their minds, compared with four in 10 who said they could change.",
     [("they could change", "four in 10")]),
    ("The mayor got a lecture from a visiting minister, who said the harbour plan was rushed.",
     [("the harbour plan was rushed", "a visiting minister")]),
    ("The mayor met tenants who worry that the rents will rise.", []),
])
def test_a_relative_who_speaks_for_the_phrase_right_before_it(body, quotes):
    # its subject is the phrase right before "who", after a preposition too (not after "of"); inside the
    # sentence's own subject nothing marks where it ends, so it is read only when the phrase follows a verb;
    # a verb of feeling ("who worry that") describes the phrase, it reports nothing
    assert [(s.quote, s.speaker_phrase if s.speaker is None else s.speaker) for s in run(body)] == quotes


def test_who_after_an_organisation_inside_an_appositive_is_not_the_organisation():
    sts = run("Ana Okafor, the director of the Oslo Partnership for Growth, who also said that the men must do "
              "more, spoke first.")
    assert all("Partnership" not in (s.speaker or "") for s in sts)


@pytest.mark.parametrize("body, quotes", [
    ("The yard will close by March, legal experts say.", [("The yard will close by March", "legal experts")]),
    ("The yard will close by March, some critics argue.", [("The yard will close by March", "critics")]),
    ("The yard will close by March, you say.", []),
    ("In the long run, critics say, the yard will close.", [("In the long run the yard will close", "critics")]),
    ("In the long run, you say, the yard will close.", []),
])
def test_an_inverted_cue_in_the_bare_present_after_a_plural(body, quotes):
    # "…, analysts say." ending the sentence, or ", critics say," as a parenthetical (cut out of the statement)
    assert pairs(run(body)) == quotes


@pytest.mark.parametrize("body, speaker", [
    ("Environmental groups said the dam would harm the river.", "Environmental groups"),
    ("Local unions say the dam would harm the river.", "Local unions"),
])
def test_plural_bodies_speak_as_a_group(body, speaker):
    # the plural of a body that can speak ("group", "union") speaks as a group, like "experts"
    assert pairs(run(body)) == [("the dam would harm the river", speaker)]


@pytest.mark.parametrize("body, quotes", [
    ('Ana Okafor voiced her anger online, writing "It is unbelievable how many people are left behind."',
     [("It is unbelievable how many people are left behind", "Ana Okafor")]),
    ('Ana Okafor spoke about her rival, saying "on her worst day" she would do better.', []),
])
def test_a_gerund_of_saying_right_before_a_quoted_sentence_is_its_cue(body, quotes):
    # no comma needed after "writing"; a fragment inside the gerund's clause is not a statement by itself
    assert pairs(run(body)) == quotes


@pytest.mark.parametrize("body, quotes", [
    ("Ana Okafor said if she were mayor, the fund would be doubled.",
     [("if she were mayor, the fund would be doubled", "Ana Okafor")]),
    ("Ana Okafor said as police entered the camp, one man chained himself to the gate.",
     [("as police entered the camp, one man chained himself to the gate", "Ana Okafor")]),
    ("Ana Okafor said as she left the court.", []),
])
def test_a_reported_clause_may_open_with_a_clause_of_its_own(body, quotes):
    # "if …, …" after the cue is what was said when both sides of its comma read as clauses
    assert pairs(run(body)) == quotes


def test_and_a_name_with_a_speech_verb_starts_a_second_statement():
    sts = run("Ana Okafor said the mayor will cut the fund and Tomas Berger says the cuts will be worse.")
    assert pairs(sts) == [("the mayor will cut the fund", "Ana Okafor"), ("the cuts will be worse", "Tomas Berger")]


@pytest.mark.parametrize("body, quotes", [
    ("Tomas Berger defended “Oslo values,” saying the city embodied the heart of Norway.",
     [("the city embodied the heart of Norway", "Tomas Berger")]),
    ("Several lawmakers cautioned against the vote, saying the rules were a bigger problem.",
     [("the rules were a bigger problem", "lawmakers")]),
])
def test_saying_after_a_comma_inside_a_closing_mark_or_after_a_group(body, quotes):
    # the comma of "…,” saying" stands inside the closing mark; a group is a sentence's subject like a person
    assert pairs(run(body)) == quotes


@pytest.mark.parametrize("body, quotes", [
    ("The professor was headed to Oslo for a conference, the Bergen Tidende reported.",
     [("The professor was headed to Oslo for a conference", "Bergen Tidende")]),
    ("The professor was headed to Oslo for a conference, the Bergen Tidende reported on Friday.",
     [("The professor was headed to Oslo for a conference", "Bergen Tidende")]),
    ("The Bergen Tidende reported strong sales of its weekend edition.", []),
])
def test_a_that_only_verb_ends_an_inverted_cue_at_the_end_of_the_sentence(body, quotes):
    # "reported" takes no bare clause after it, but "…, the paper reported." is a statement and its cue
    assert pairs(run(body)) == quotes


@pytest.mark.parametrize("body, quote", [
    ("Ana Okafor said this may encourage more people to drink water.",
     "this may encourage more people to drink water"),
    ("Ana Okafor said this week that the plan will help.", "the plan will help"),
])
def test_this_before_an_auxiliary_is_the_clauses_subject(body, quote):
    # "said this may …" reports; "said this week that …" dates the cue
    assert pairs(run(body)) == [(quote, "Ana Okafor")]


@pytest.mark.parametrize("body", [
    "Ana Okafor found herself that morning on the far side of the hall.",
    "Ana Okafor warned about cuts that could come with the sale of the yard.",
    "Ana Okafor said in a televised address, looking drained and grave.",
])
def test_no_clause_after_a_relative_that_a_determiner_that_or_a_participle(body):
    # "that could come": a relative pronoun; "that morning": a determiner; ", looking drained": the speaker's look
    assert run(body) == []


@pytest.mark.parametrize("intro, office", [
    ("Tomas Berger became a hero in 2014.", "sheriff"),
    ("Tomas Berger, the sergeant-at-arms of the assembly, became a hero in 2014.", "sergeant-at-arms"),
])
def test_a_former_officer_named_by_the_office_speaks_as_the_person_named_before(intro, office):
    sts = run(f"{intro} The former {office} said Monday he is considering a run.")
    assert pairs(sts) == [("he is considering a run", "Tomas Berger")]


def test_a_relative_clause_after_a_comma_is_no_reported_clause():
    assert run("Ana Okafor and Tomas Berger also responded for the Blades, who have lost five games.") == []


def test_a_that_after_the_clauses_own_subject_belongs_to_the_clause():
    # "said he formed firms that …": "that" opens a relative clause inside what was said, not the clause
    assert pairs(run("Ana Okafor said he formed firms in Oslo that would boost the town.")) == [
        ("he formed firms in Oslo that would boost the town", "Ana Okafor")]


@pytest.mark.parametrize("body, quotes", [
    ("The Blades responded a few minutes later when Ana Okafor scored her first goal.", []),
    ("Ana Okafor said two days later the talks would resume.", [("the talks would resume", "Ana Okafor")]),
])
def test_a_span_of_time_after_the_cue_dates_it_and_is_no_clause(body, quotes):
    assert pairs(run(body)) == quotes


@pytest.mark.parametrize("body", [
    "The Norvik Freight Group announced job cuts this week.",
    "Ana Okafor said thanks to the welders.",
])
def test_a_plural_noun_after_the_cue_is_no_clause(body):
    assert run(body) == []


def test_a_describing_word_made_of_a_name_does_not_name_an_organisation():
    # "the Oslo-based railway" is the railway the article is about, not an organisation called that
    sts = run("Nordvik Railway said on Monday it would close the depot. The Oslo-based railway said the depot lost "
              "money.")
    assert pairs(sts)[-1] == ("the depot lost money", "Nordvik Railway")


@pytest.mark.parametrize("body", [
    "Norvik Freight, which has few staff, denied the report, saying the depot was sound.",
    "Ana Berg has written a book called “Women Who Fly” and leads a charity.",
])
def test_a_document_that_is_talked_about_does_not_speak(body):
    assert all(st.speaker_phrase is None or "book" not in st.speaker_phrase and "report" not in st.speaker_phrase
               for st in run(body)), pairs(run(body))


def test_a_title_after_a_document_is_no_quote_and_the_document_speaks_for_its_owner():
    st = one("Lars Holm paid $8 million for the depot, according to his book “The Art of Winning” on trade.")
    assert (st.quote, st.speaker, st.speaker_phrase) == ("Lars Holm paid $8 million for the depot", "Lars Holm",
                                                         "his book")


def test_a_document_title_is_not_a_person():
    st = one("According to the city's Street Needs Survey, published in May, 900 people slept outside.")
    assert (st.speaker, st.speaker_kind) == (None, "anonymous")


def test_a_statement_just_after_someone_spoke_is_theirs():
    sts = run("The aid group Norvik Aid said its director was among those hurt. A statement said the group was "
              "shocked by the attack.")
    assert pairs(sts)[-1] == ("the group was shocked by the attack", "Norvik Aid")


def test_a_name_described_as_a_group_is_an_organisation():
    # "the group that organised the march" says Rally North is one; "the group" then points back at it
    sts = run("Premier Lena Dahl announced plans for Elk Valley Park. Rally North, the group that organised the "
              "march, said it had heard from residents. The group says the residents include hikers.")
    assert pairs(sts)[-1] == ("the residents include hikers", "Rally North")
    assert [s.speaker_kind for s in sts if s.speaker == "Rally North"] == ["organization"] * 2


def test_a_speech_verb_before_an_infinitive_reports_nothing():
    # "believed to have been inside": the people are not speaking; the agency is
    st = one("Fifty people believed to have been in the depot remained missing on Tuesday, the Norvik Relief Agency said.")
    assert (st.speaker, st.cue) == ("Norvik Relief Agency", "said")


def test_the_agency_is_the_one_whose_study_was_spoken_of_not_a_project_passed_by():
    # "the move to a Harbour Link" passes the project by; "a Coastal Transit study" speaks of the agency
    sts = run("Mayor Dan Holt wants a new line. Councillors worried about the move to a Harbour Link, which a Coastal "
              "Transit study priced at $2 billion. Holt said a cheaper study had been done by Coastal Transit. The "
              "agency told reporters it had done no such study.")
    assert pairs(sts)[-1] == ("it had done no such study", "Coastal Transit")


def test_the_company_is_the_one_that_spoke_not_the_one_it_spoke_of():
    # Coastal Rail is named inside what Norvik Freight said: "the company" is still Norvik Freight
    sts = run("Norvik said Thursday that Coastal has also revoked its permit, blocking Norvik staff from testing apps.\n\n"
              "But the company seemed confident it would regain access. “We are working with Coastal to fix a "
              "disruption,” the company said in a statement.")
    assert pairs(sts)[-1] == ("We are working with Coastal to fix a disruption", "Norvik")


@pytest.mark.parametrize("body", [
    "Sen. Ana Berg, D-Ore., told reporters that the vote could be close.",
    "“The vote could be close,” Sen. Ana Berg, D-Ore., said Tuesday.",
])
def test_a_full_stop_before_a_comma_ends_no_sentence(body):
    # "D-Ore.," is an abbreviation, whether listed or not: no sentence ends at ".,"
    st = one(body)
    assert (st.quote.lower(), st.speaker) == ("the vote could be close", "Ana Berg")


def test_a_party_named_by_its_members_is_a_group_they_points_back_at():
    # "the Conservatives" are the party's members, not a person called "Conservatives"
    sts = run("Some residents of the valley oppose the tax. The Conservatives met in Oslo on Monday. “We will cut the "
              "tax,” they said.")
    assert (sts[-1].speaker, sts[-1].speaker_kind) == ("Conservatives", "group")


def test_a_party_described_speaks_as_a_group():
    st = one("A strong showing could prove his appeal, veteran Republicans said.")
    assert (st.speaker, st.speaker_kind) == ("Republicans", "group")


def test_a_second_speaker_after_a_dash_takes_over():
    sts = run("Norvik Freight Group has said it signed deals with every town — but the residents say those deals do not "
              "apply.")
    assert pairs(sts) == [("it signed deals with every town", "Norvik Freight Group"),
                          ("those deals do not apply", "residents")]


def test_a_document_with_no_issuer_stays_anonymous():
    st = one("According to a report, the depot lost money for years.")
    assert (st.speaker, st.speaker_kind, st.speaker_phrase) == (None, "anonymous", "a report")


def test_acronym_defined_in_the_article_speaks_under_the_full_name():
    sts = run("The Nordic Freight Authority (NFA) opened an inquiry on Monday. NFA said the depot had broken the rules.")
    st = sts[-1]
    assert (st.quote, st.speaker, st.speaker_kind) == ("the depot had broken the rules", "Nordic Freight Authority",
                                                      "organization")
    assert "NFA" in st.speaker_aliases


def test_each_acronym_an_article_defines_is_read_from_the_words_before_its_brackets():
    from quotes.mentions import acronyms_in
    # (a definition may follow another's brackets, a comma or a quotation mark, and spans no bracket)
    text = ("The Nordic Freight Authority (NFA), the Export Development Canada (EDC) office and Lakeside Rail "
            "Group (LRG) met. “Harbour Board of Tromsø (HBT) staff (HB) said so.” Then (XYZ).")
    assert acronyms_in(text) == {"NFA": "Nordic Freight Authority", "EDC": "Export Development Canada",
                                 "LRG": "Lakeside Rail Group", "HBT": "Harbour Board of Tromsø"}


@pytest.mark.parametrize("body,speaker,organization", [
    ("Iceland is a member of the European Free Trade Association (EFTA). In a statement on Wednesday, the EFTA "
     "secretariat said the next round would be held in May.", "EFTA", "EFTA"),
    ("The Nordic Freight Authority (NFA) opened an inquiry on Monday. The NFA secretariat said the depot had broken "
     "the rules.", "Nordic Freight Authority", None),
])
def test_a_bodys_secretariat_speaks_for_the_body(body, speaker, organization):
    # an international body keeps its short name, as everywhere; one the article abbreviates, its full name
    st = run(body)[-1]
    assert (st.speaker, st.speaker_kind, st.organization) == (speaker, "organization", organization)


def test_a_name_found_to_be_a_company_is_one_from_its_first_statement():
    sts = run("Norvik said on Monday it would close the depot. “We regret the decision,” the company said.")
    assert [(s.speaker, s.speaker_kind) for s in sts] == [("Norvik", "organization")] * 2


def test_a_capitalised_word_before_a_number_is_no_organisation():
    sts = run("There are fewer players, according to the Nordic Golf Foundation. Almost 650 courses have closed "
              "since 2006, the group said.")
    assert pairs(sts)[-1] == ("Almost 650 courses have closed since 2006", "Nordic Golf Foundation")


@pytest.mark.parametrize("body", ["UFCW Local 832 said the plant would close.",
                                  "“The plant will close,” said a statement from UFCW Local 832."])
def test_a_union_local_and_its_number_name_an_organisation(body):
    st = one(body)
    assert (st.speaker, st.speaker_kind) == ("UFCW Local 832", "organization")


@pytest.mark.parametrize("body,speaker", [
    ("“The plant will close,” said Will Young, a union steward.", "Will Young"),
    ("Will Young, a union steward, said the plant would close.", "Will Young"),
    ("“The plant will close,” Will Young said.", "Will Young"),
    ("“The plant will close,” union leader May Hollis said.", "May Hollis"),
    ("“The plant will close,” said June Hollis, a union steward.", "June Hollis"),
    # a middle name: between a first name and a name word
    ("“The plant will close,” said Ana May Hollis, a union steward.", "Ana May Hollis"),
    ("Ana June Hollis, a union steward, said the plant would close.", "Ana June Hollis"),
])
def test_a_first_name_that_is_also_a_word_opens_a_name_where_one_is_expected(body, speaker):
    st = one(body)
    assert (st.speaker, st.speaker_kind) == (speaker, "person")


@pytest.mark.parametrize("body", [
    "“The plan will work,” Marta May said.",
    "“The plan will work,” said Mayor Marta May.",
    "Marta May chairs the board. “The plan will work,” May said.",
])
def test_a_surname_that_is_also_a_word_ends_a_name(body):
    sts = run(body)
    assert [(s.speaker, s.speaker_kind) for s in sts] == [("Marta May", "person")]


@pytest.mark.parametrize("body", ["Ivo Will chairs the board. “The plan will work,” Will said.",
                                  "Ivo Will chairs the board. Will said the plan would work."])
def test_a_capitalised_will_before_the_verb_is_the_speaker_not_an_auxiliary(body):
    sts = run(body)
    assert [(s.speaker, s.cue) for s in sts] == [("Ivo Will", "said")]


@pytest.mark.parametrize("body,speaker", [
    ("In May Hollis said the plant would close.", "Hollis"),
    ("Last May Hollis said the plant would close.", "Hollis"),
    ("Will Hollis win? The plant will close, Ana Okafor said May 5.", "Ana Okafor"),
])
def test_a_month_or_an_auxiliary_before_a_name_is_no_first_name(body, speaker):
    st = one(body)
    assert st.speaker == speaker


def test_a_military_rank_inside_a_title_is_not_a_name():
    st = one("“The candidates do not understand the military,” said Army Capt. Christian Pardo, who voted early.")
    assert (st.speaker, st.speaker_kind) == ("Christian Pardo", "person")


@pytest.mark.parametrize("body", ["OSLO - Anna Lindqvist said the plan was wrong.",
                                  "Democrat Anna Lindqvist said the plan was wrong.",
                                  "Conservative Anna Lindqvist said the plan was wrong."])
def test_dateline_and_party_are_not_part_of_the_name(body):
    st = one(body)
    assert (st.speaker, st.quote) == ("Anna Lindqvist", "the plan was wrong")


def test_initials_keep_their_full_stops():
    sts = run("Anna K. Lindqvist said the plan was wrong. Lindqvist added that it was late.")
    assert [s.speaker for s in sts] == ["Anna K. Lindqvist"] * 2


@pytest.mark.parametrize("body,speaker", [("Google said the outage was over.", "Google"),
                                          ("According to Gallup, the race was close.", "Gallup"),
                                          ("The Guardian reported that the talks had failed.", "Guardian")])
def test_well_known_organisations_are_organisations(body, speaker):
    st = one(body)
    assert (st.speaker, st.speaker_kind) == (speaker, "organization")


def test_a_party_label_before_an_appositive_name_is_not_the_speaker():
    st = one("One red-state Democrat, Montana Sen. Tomas Berger, said the wall was a waste.")
    assert (st.speaker, st.quote) == ("Tomas Berger", "the wall was a waste")


@pytest.mark.parametrize("name", ["Tomas Berger", "Sadiq Oyelaran Adebayo"])
def test_a_title_nobody_listed_before_an_appositive_name_is_not_the_speaker(name):
    sts = run(f"Keeper of the Royal Archive, {name}, said the council met on Monday. He said the vote "
              "would be held in March.")
    assert pairs(sts) == [("the council met on Monday", name), ("the vote would be held in March", name)]


def test_a_surname_before_an_appositive_stays_the_speaker():
    st = one("Lindqvist, Tomas Berger's lawyer, said the appeal was filed.")
    assert st.speaker == "Lindqvist"


@pytest.mark.parametrize("body,speaker", [
    ("The shelter has been full since March, according to Dixon Hall.", "Dixon Hall"),
    ("Vestby Palace said the shelter had been full since March.", "Vestby Palace"),
])
def test_a_building_that_speaks_is_the_organisation_it_houses(body, speaker):
    st = one(body)
    assert (st.speaker, st.speaker_kind) == (speaker, "organization")


def test_a_treaty_does_not_speak():
    st = one("The Nordic Fisheries Treaty says catches must be reported.")
    assert (st.speaker, st.speaker_kind) == (None, "anonymous")


def test_possessive_team_is_not_an_earlier_organisation():
    sts = run("The Berger campaign said on Monday it had raised more money. Anna Lindqvist's campaign said the "
              "figures were wrong.")
    assert pairs(sts)[-1] == ("the figures were wrong", "Lindqvist campaign")


@pytest.mark.parametrize("body,speaker,country", [
    ("The Bank of Canada said the rates would stay.", "Bank of Canada", "CA"),
    ("The Ministry of Foreign Affairs said the rates would stay.", "Ministry of Foreign Affairs", None),
    ("The University of Oslo said the rates would stay.", "University of Oslo", "NO"),
])
def test_organisation_named_by_its_kind_and_of(body, speaker, country):
    st = one(body)
    assert (st.speaker, st.speaker_kind) == (speaker, "organization")
    assert country is None or st.country == country


def test_a_person_of_a_place_is_named_without_it():
    st = one("Marta Berg of Oslo said the rates would stay.")
    assert (st.speaker, st.speaker_kind, st.country) == ("Marta Berg", "person", "NO")


def test_organisation_after_the_is_stored_without_it():
    sts = run("Officials met in Geneva. “The talks will resume in March,” the Kremlin said.")
    assert [(s.speaker, s.speaker_phrase, s.speaker_kind) for s in sts] == [("Kremlin", "the Kremlin", "organization")]


def test_international_body_as_speaker_has_an_organisation_and_no_country():
    sts = run("The WHO said the vaccine was safe. The IAEA said the inspectors would return. "
              "The United Nations said the ceasefire must hold.")
    assert [(s.speaker, s.speaker_kind, s.country, s.organization) for s in sts] == [
        ("WHO", "organization", None, "WHO"), ("IAEA", "organization", None, "IAEA"),
        ("UN", "organization", None, "UN")]


def test_capital_as_speaker():
    st = one("Washington said the talks would resume in March.")
    assert (st.speaker, st.speaker_kind, st.country) == ("Washington", "organization", "US")


@pytest.mark.parametrize("body,phrase", [
    ("A senior official said the talks would resume in March.", "A senior official"),
    ("“We are ready,” a senior official told reporters on condition of anonymity.", "a senior official"),
    ("According to a source familiar with the talks, the deal is close.", "a source familiar with the talks"),
    ("A government source told Radio Nord that the deal was close.", "A government source"),
    ("The deal is close, according to officials.", "officials"),
    ("“The deal is close,” said one official, speaking on condition of anonymity.", "one official"),
    ("A ministry spokesman said the deal was close.", "A ministry spokesman"),
])
def test_anonymous_source(body, phrase):
    st = one(body)
    assert st.speaker is None
    assert st.speaker_kind == "anonymous"
    assert st.speaker_phrase == phrase


@pytest.mark.parametrize("speaker", ["Berger's spokeswoman", "Tomas Berger's spokeswoman", "His spokeswoman"])
def test_a_persons_unnamed_spokeswoman_is_an_anonymous_source_not_a_person(speaker):
    # she speaks for Tomas Berger, but nobody called "Berger spokeswoman" exists
    sts = run(f"Tomas Berger, the union leader, met the minister. {speaker} said the talks had failed.")
    assert [(s.speaker, s.speaker_kind, s.speaker_phrase, s.office) for s in sts] == [
        (None, "anonymous", speaker, "Spokesperson")]
    assert sts[0].speaker_written == speaker  # the source as written


@pytest.mark.parametrize("body,phrase", [
    ("The talks had failed, according to the memo obtained by The Courier.", "the memo"),
    ("According to a memo seen by The Courier, the talks had failed.", "a memo"),
    ("The talks had failed, according to a source close to Tomas Berger.", "a source close to Tomas Berger"),
])
def test_a_name_after_a_preposition_is_not_the_source_it_describes(body, phrase):
    # the paper obtained the memo, Berger is only whom the source is close to: neither speaks
    st = one(body)
    assert (st.speaker, st.speaker_kind, st.speaker_phrase) == (None, "anonymous", phrase)


def test_a_document_seen_by_a_paper_speaks_for_whoever_issued_it():
    st = one("The talks had failed, according to an Acme Rail memo seen by The Courier.")
    assert (st.speaker, st.speaker_kind, st.speaker_phrase) == ("Acme Rail", "organization", "an Acme Rail memo")


@pytest.mark.parametrize("body,speaker", [
    ("Tomas Berger of Buenos Aires said the talks had failed.", "Tomas Berger"),
    ("Tomas Berger of San Jose said the talks had failed.", "Tomas Berger"),
    ("Officials in Buenos Aires said the talks had failed.", None),
])
def test_the_last_word_of_a_place_is_not_a_speaker(body, speaker):
    # not "Aires said", "Jose said": the verb's subject stands before the preposition
    st = one(body)
    assert (st.speaker, st.speaker_phrase) == (speaker, speaker or "Officials")


def test_boosters_in_a_place_are_a_group_speaking():
    st = one("Lind's biggest boosters in Buenos Aires said the dip was temporary.")
    assert (st.speaker, st.speaker_kind) == ("Lind's biggest boosters", "group")


@pytest.mark.parametrize("subject", ["His lawyers", "Berger's lawyers"])
def test_a_persons_lawyers_are_a_group_not_a_person(subject):
    st = run(f"Tomas Berger met the minister. {subject} said the talks had failed.")[-1]
    assert (st.speaker, st.speaker_kind, st.speaker_phrase) == ("Berger's lawyers", "group", subject)


def test_a_dash_after_a_dateline_is_no_title_before_a_name():
    # "OSLO (Reuters) - Officials said": the dash ends the dateline, it makes no "Officials" a person
    st = one("OSLO (Reuters) - Officials said the talks had failed.")
    assert (st.speaker, st.speaker_kind, st.speaker_phrase) == (None, "anonymous", "Officials")


@pytest.mark.parametrize("dash", [" - ", " — ", " – "])
def test_a_dash_ends_the_source_after_according_to(dash):
    st = one(f"The plan would raise little, according to the Acme Institute{dash}a tenth of what was promised.")
    assert (st.speaker, st.speaker_kind, st.speaker_phrase) == ("Acme Institute", "organization", "the Acme Institute")


def test_an_anonymous_source_described_at_length_is_not_a_name():
    st = one("The trade was agreed on Monday, according to the person who spoke to The Courier on condition of "
             "anonymity.")
    assert (st.speaker, st.speaker_kind) == (None, "anonymous")
    assert st.speaker_phrase.startswith("the person")


def test_anonymous_source_mentioned_again_stays_anonymous():
    sts = run("A senior official said the deal was close. “We are nearly there,” the official said.")
    assert [(s.speaker, s.speaker_kind) for s in sts] == [(None, "anonymous"), (None, "anonymous")]


def test_unnamed_source_is_not_the_named_minister_mentioned_between():
    sts = run("A justice official said the request would take months. Justice Minister Erik Dahl has not commented. "
              "“It is a long process,” the official said.")
    assert [(s.speaker, s.speaker_kind, s.speaker_phrase) for s in sts] == [
        (None, "anonymous", "A justice official"), (None, "anonymous", "the official")]


def test_a_named_spokeswoman_is_found_again_by_her_role():
    sts = run("A ministry spokeswoman, Ingrid Solberg, said the review would go on. The spokeswoman added that the "
              "fees would stay in place.")
    assert pairs(sts) == [("the review would go on", "Ingrid Solberg"), ("the fees would stay in place", "Ingrid Solberg")]


def test_quote_without_a_cue_continues_an_unnamed_source():
    sts = run("“We are nearly there,” said a senior official.\n\n“Nobody wants to stop the talks now.”")
    assert [(s.speaker, s.speaker_kind, s.speaker_phrase) for s in sts] == [
        (None, "anonymous", "a senior official"), (None, "anonymous", "a senior official")]
    assert sts[1].cue is None


def test_anonymous_diplomat_keeps_a_country():
    st = one("A senior Russian diplomat said the deal was close.")
    assert (st.speaker, st.speaker_kind, st.speaker_phrase, st.country) == (
        None, "anonymous", "A senior Russian diplomat", "RU")


def test_group_of_unnamed_officials_keeps_their_country():
    st = one("Swedish officials said the plan was too costly.")
    assert (st.speaker, st.speaker_kind, st.speaker_phrase, st.country) == (None, "anonymous", "Swedish officials", "SE")


def test_a_bracket_after_a_full_stop_opens_a_new_sentence():
    # the clause ends at the credit's bracket: the next caption's speaker has a clause of his own
    sts = run("Tomas Berger says he has lost ten pounds since he joined the program. ( Ana Okafor / The Courier ) "
              "Oslo accountant Jonah Lind says he is happy with the results of the program. ( Ana Okafor / The "
              "Courier )\n\nThe program started in May.")
    assert [s.quote for s in sts] == ["he has lost ten pounds since he joined the program",
                                      "he is happy with the results of the program"]


# --- quotation marks that are not statements -------------------------------------------------

@pytest.mark.parametrize("body", [
    "The so-called “reset” in relations never happened.",
    "The plan, known as “Blue Horizon”, was dropped in the spring.",
    "The general, nicknamed “the Bulldozer”, stayed at home during the talks.",
    "The film “Cold Harbour” opened in Oslo on Friday.",
    "The government's “reform” left hospitals short of staff.",
    "Tomas Berger has campaigned against what he calls “the harbour cartel” for years.",
    "Anna Lind runs a website called “Leave the Valley” from her farm.",
    "The levy, which Tomas Berger called “the fog tax”, was dropped in May.",
], ids=["scare-quote", "project-name", "nickname", "title", "scare-quote-possessive", "what-he-calls",
        "called-name", "which-he-called"])
def test_quotation_marks_that_are_not_statements(body):
    assert run(body) == []


@pytest.mark.parametrize("body, quote, cue", [
    ("“We will appeal,” Tomas Berger said after the court rose.", "We will appeal", "said"),
    ("“We will appeal,” Tomas Berger told reporters outside the court in Oslo.", "We will appeal", "told"),
])
def test_what_follows_the_cue_of_a_quotation_is_no_second_statement(body, quote, cue):
    # the quotation is what the verb reports: the words after it say when and where, not what
    assert [(s.quote, s.cue) for s in run(body)] == [(quote, cue)]


@pytest.mark.parametrize("body", [
    "Tomas Berger spoke on the radio. He said in an interview that lasted an hour.",
    "Tomas Berger told dock workers at a rally that filled the square.",
])
def test_that_after_a_noun_before_a_verb_opens_a_relative_clause_not_a_statement(body):
    # "that" with no subject after it is the subject of a clause about the noun before it
    assert run(body) == []


def test_a_relative_that_does_not_cut_the_reported_clause():
    sts = run("Tomas Berger says the union ran a campaign in Oslo that changed the vote.")
    assert [s.quote for s in sts] == ["the union ran a campaign in Oslo that changed the vote"]


@pytest.mark.parametrize("body", [
    "Most voters in five states going to the polls on Tuesday want change.",
    "Twenty-seven states led by Ohio are suing the agency.",
])
def test_a_verb_form_after_a_number_is_a_plural_noun(body):
    # "five states", "their claims": no subject stands right before a verb in -s as a number does
    assert run(body) == []


def test_according_to_as_an_aside_reports_the_sentence_around_it():
    st = one("Over the next ten years, according to the Acme Institute, the levy will raise less than promised.")
    assert (st.quote, st.cue, len(st.parts)) == ("Over the next ten years the levy will raise less than promised",
                                                 "according to", 2)


def test_according_to_before_another_speaker_keeps_to_its_own_part():
    sts = run("Near the gate, according to Tomas Berger, Ana Lind said she saw the fire.")
    assert ("Near the gate", "according to") in [(s.quote, s.cue) for s in sts]


def test_read_also_headline_is_not_a_statement():
    body = ("Tomas Berger said the talks would resume in March.\n\n"
            "Read also:\nLawmakers Warn of “Dangerous Drift” After Baltic Airspace Incidents\n\n"
            "Anna Lindqvist said the plan was too costly.")
    sts = run(body)
    assert pairs(sts) == [("the talks would resume in March", "Tomas Berger"),
                          ("the plan was too costly", "Anna Lindqvist")]


def test_headline_is_not_a_statement():
    head = "Berger Says “We Will Never Sign” as Talks Stall\n\nby Jan Novak\nFeb 17, 2021\n\n"
    sts = run("Tomas Berger said the talks would resume in March.", head=head)
    assert pairs(sts) == [("the talks would resume in March", "Tomas Berger")]


# --- pronouns and nominals -------------------------------------------------------------------

def test_a_place_of_two_words_is_not_a_person_for_a_pronoun():
    sts = run("Dallin Okonkwo spent ten years as a nurse in the town.\n\nThe clinic closed, and patients now drive "
              "to Nova Scotia for care.\n\n“Nobody checked on them,” she said.")
    assert pairs(sts) == [("Nobody checked on them", "Dallin Okonkwo")]


def test_a_name_after_an_owners_possessive_is_the_person():
    sts = run("The Courier's Tomas Berger asked the mayor about the budget.\n\n“We will cut nothing,” he said.")
    assert pairs(sts) == [("We will cut nothing", "Tomas Berger")]
    assert sts[0].speaker_gender == "m"


def test_a_photo_credit_names_no_one_in_the_story():
    sts = run("Dallin Okonkwo opened the shelter in March.\n\nThe shelter has forty beds. (Marta Berg / The "
              "Courier)\n\n“We are full every night,” she said.")
    assert pairs(sts) == [("We are full every night", "Dallin Okonkwo")]


@pytest.mark.parametrize("credit", ["(Marta Berg / The Courier)", "( THE COURIER FILE PHOTO )"])
def test_the_people_of_a_photo_caption_are_not_the_story(credit):
    sts = run("Dallin Okonkwo opened the shelter in March.\n\nTomas Berger, a volunteer, sorts donations at the "
              f"shelter. {credit}\n\n“We are full every night,” he said.")
    assert pairs(sts) == [("We are full every night", "Dallin Okonkwo")]


@pytest.mark.parametrize("line", ["WATCH BELOW: Marta Berg has the latest.", "WATCH: Marta Berg reports.",
                                  "Related: Marta Berg on the vote"])
def test_video_and_link_lines_are_not_the_story(line):
    sts = run(f"Dallin Okonkwo opened the shelter in March.\n\n{line}\n\n“We are full every night,” she said.")
    assert pairs(sts) == [("We are full every night", "Dallin Okonkwo")]


def test_he_is_the_speaker_just_quoted_whose_gender_is_unknown():
    sts = run("Tomas Berger opened the debate.\n\n“We need the water,” said Dallin Okonkwo, a retired "
              "biologist. The river has lost a third of its flow since the dam was built upstream, and the "
              "valley's farms now pump groundwater through the whole summer season.\n\n"
              "He said the plan had been misread.")
    assert pairs(sts)[-1] == ("the plan had been misread", "Dallin Okonkwo")


def test_an_abbreviation_in_an_appositive_does_not_hide_the_speech_verb():
    # "St." does not end the sentence: Okafor speaks, so he is a person the pronoun can stand for
    sts = run("“Schools will change,” said Tomas Berger, a school nurse.\n\nJonah Okafor, pediatrician and "
              "researcher at St. Anne’s Hospital in Oslo, said this may get more children to drink milk. Many "
              "drinks contain added sugar, he said.")
    assert pairs(sts)[-1] == ("Many drinks contain added sugar", "Jonah Okafor")


def test_a_definite_description_points_back_at_the_person_just_named():
    sts = run("Marta Kowalczyk has lived on the street since 1979.\n\n“Nobody asked us,” says the longtime resident.")
    assert pairs(sts) == [("Nobody asked us", "Marta Kowalczyk")]


def test_a_name_with_a_relative_clause_is_the_topic_not_a_passing_mention():
    sts = run("Tomas Berger, on TV’s Island Life, greeted guests at the pier.\n\nI am talking about Ana Okafor, "
              "who like Berger was born in Spain and moved to Canada to open a shop. “We print only local "
              "books,” says the 39-year-old founder of Inkwell Press.")
    assert pairs(sts) == [("We print only local books", "Ana Okafor")]


def test_he_is_the_bare_name_just_before_not_an_older_man():
    # "Kowalczyk" is no known name and nothing says Kowalczyk is a person, but "he" follows him closely
    sts = run("Tomas Berger hit the longest drive on Tuesday.\n\nThe celebrities play for charity all week, and "
              "the fans follow them from tee to green in their hundreds.\n\nAsked which he found harder, "
              "pitching or putting, Kowalczyk did not hesitate.\n\n“Putting, for sure,” he said.")
    assert pairs(sts) == [("Putting, for sure", "Kowalczyk")]


def test_pronoun_by_first_name_gender():
    st = one("Anna Lindqvist met Tomas Berger on Monday. “We agreed on nothing,” she said.")
    assert (st.speaker, st.speaker_phrase) == ("Anna Lindqvist", "she")
    st = one("Anna Lindqvist met Tomas Berger on Monday. “We agreed on nothing,” he said.")
    assert (st.speaker, st.speaker_phrase) == ("Tomas Berger", "he")


def test_pronoun_by_title_gender():
    st = one("Ms Lindqvist met Mr Berger on Monday. “We agreed on nothing,” he said.")
    assert (st.speaker, st.speaker_phrase) == ("Berger", "he")
    st = one("Ms Lindqvist met Mr Berger on Monday. “We agreed on nothing,” she said.")
    assert st.speaker == "Lindqvist"


def test_a_place_after_a_name_is_not_part_of_it():
    st = one("Ms Lindqvist met Mr Berger in Oslo on Monday. “We agreed on nothing,” he said.")
    assert st.speaker == "Berger"
    st = one("Anna Lindqvist met Tomas Berger in Oslo. “We agreed on nothing,” he said.")
    assert st.speaker == "Tomas Berger"


def test_pronoun_continues_the_subject_of_the_previous_sentence():
    sts = run("Anna Lindqvist said the talks had failed. She warned that the next round could be cancelled.")
    assert [(s.quote, s.speaker, s.speaker_phrase) for s in sts] == [
        ("the talks had failed", "Anna Lindqvist", "Anna Lindqvist"),
        ("the next round could be cancelled", "Anna Lindqvist", "She"),
    ]


def test_pronoun_gender_from_an_earlier_pronoun():
    # "Kim" says nothing about gender; "her" in the first sentence does
    sts = run("Kim Sandvik opened her briefing with the budget. Tomas Berger listened. "
              "“We will not cut the hospitals,” she said.")
    assert pairs(sts)[-1] == ("We will not cut the hospitals", "Kim Sandvik")


@pytest.mark.parametrize("noun,speaker", [("the spokesman", "Tomas Berger"), ("the minister", "Anna Lindqvist")])
def test_nominal_matched_to_a_known_role(noun, speaker):
    st = one("Anna Lindqvist, the foreign minister, met Tomas Berger, a union spokesman, in the morning. "
             f"“We agreed on nothing,” {noun} said.")
    assert (st.speaker, st.speaker_phrase) == (speaker, noun)


def test_nominal_from_a_title_given_inside_a_quotation():
    # only a critic's quote calls Berger the mayor; the critic is the latest person named
    sts = run("Former councillor Tomas Berger won the election in October.\n\n“Mayor Berger has no plan for "
              "the arena,” Ana Okafor told the council on Tuesday.\n\nThe city has not built a rink since 2005, "
              "and registration numbers have been flat for a decade, figures from the parks department show.\n\n"
              "The mayor said the arena would cost too much.")
    assert pairs(sts) == [("Mayor Berger has no plan for the arena", "Ana Okafor"),
                          ("the arena would cost too much", "Tomas Berger")]


def test_nominal_from_a_title_before_the_name():
    st = one("Foreign Minister Anna Lindqvist met the union leader Tomas Berger in Oslo. "
             "“We agreed on nothing,” the minister said.")
    assert (st.speaker, st.speaker_phrase, st.office) == ("Anna Lindqvist", "the minister", "Foreign Minister")


def test_the_negotiator_and_surname_resolve_to_one_speaker():
    sts = run("Tomas Berger, a trade negotiator, opened the talks. Berger said the offer was too low. "
              "“We will not move,” the negotiator said.")
    assert [(s.speaker, s.speaker_phrase) for s in sts] == [("Tomas Berger", "Berger"), ("Tomas Berger", "the negotiator")]


def test_one_speaker_per_person_under_the_fullest_name():
    body = ("Deputy Foreign Minister Dmitri Orlovsky said on Tuesday that Moscow was ready to talk.\n\n"
            "“We are ready to sit down at the table,” Orlovsky told reporters.\n\n"
            "“Nobody should expect miracles,” the diplomat said.")
    sts = run(body)
    assert [s.speaker for s in sts] == ["Dmitri Orlovsky"] * 3
    assert [s.speaker_phrase for s in sts] == ["Deputy Foreign Minister Dmitri Orlovsky", "Orlovsky", "the diplomat"]


def test_surname_before_the_full_name_still_gets_the_full_name():
    sts = run("“We are ready,” Orlovsky told reporters.\n\n"
              "Dmitri Orlovsky, a deputy foreign minister, later said the talks would resume.")
    assert [s.speaker for s in sts] == ["Dmitri Orlovsky", "Dmitri Orlovsky"]


def test_recency_decides_between_two_men():
    sts = run("Tomas Berger opened the meeting. Later, Marek Zielinski spoke to reporters. "
              "“We will not pay,” he said.")
    assert pairs(sts) == [("We will not pay", "Marek Zielinski")]


def test_context_holds_the_sentence_around_the_quote():
    body = "Officials met in Oslo on Monday. Tomas Berger said the talks would resume in March."
    st = one(body)
    assert "Tomas Berger said the talks would resume in March" in st.context


# --- more cue shapes -------------------------------------------------------------------------

@pytest.mark.parametrize("body,expected", [
    ("“We will fight on,” said Tomas Berger, who heads the union.", [("We will fight on", "direct", "said")]),
    ("Tomas Berger said, “We will fight on.”", [("We will fight on", "direct", "said")]),
    ("“He told me ‘never’ and walked out,” Tomas Berger said.", [("He told me ‘never’ and walked out", "direct", "said")]),
    ("Tomas Berger says the union will fight on.", [("the union will fight on", "indirect", "says")]),
    ("The union will fight on, said Tomas Berger.", [("The union will fight on", "indirect", "said")]),
    ("Tomas Berger also said the union would fight on.", [("the union would fight on", "indirect", "said")]),
    ("Tomas Berger, however, said the union would fight on.", [("the union would fight on", "indirect", "said")]),
    ("Tomas Berger later told reporters that the union would fight on.",
     [("the union would fight on", "indirect", "told")]),
    ("Tomas Berger said in an interview with Radio Nord that the union would fight on.",
     [("the union would fight on", "indirect", "said")]),
    ("In an interview with Radio Nord, Tomas Berger said the union would fight on.",
     [("the union would fight on", "indirect", "said")]),
    ("Tomas Berger told Radio Nord on Monday that the union would fight on.",
     [("the union would fight on", "indirect", "told")]),
    ("Asked whether the union would fight on, Tomas Berger said: “Of course we will.”",
     [("Of course we will", "direct", "said")]),
    ("Tomas Berger, 54, said the union would fight on.", [("the union would fight on", "indirect", "said")]),
    ("Tomas Berger (Social Democrats) said the union would fight on.",
     [("the union would fight on", "indirect", "said")]),
    ("Tomas Berger wrote on Twitter that the strike was over.", [("the strike was over", "indirect", "wrote")]),
    ("In a tweet, Tomas Berger said the strike was over.", [("the strike was over", "indirect", "said")]),
    ("Tomas Berger said in remarks broadcast on state television that the strike was over.",
     [("the strike was over", "indirect", "said")]),
    ("Tomas Berger rejected the notion that the strike was over.", [("the strike was over", "indirect", "rejected")]),
    ("Tomas Berger posted on Facebook: “The strike is over.”", [("The strike is over", "direct", "posted")]),
    ("Tomas Berger expressed hope that the strike would end.", [("the strike would end", "indirect", "expressed")]),
    ("Tomas Berger voiced concern that the strike would spread.",
     [("the strike would spread", "indirect", "voiced")]),
    ("Tomas Berger dismissed claims that the strike was over.", [("the strike was over", "indirect", "dismissed")]),
    ("Tomas Berger described the talks as “a waste of time” and walked out.",
     [("a waste of time", "direct", "described")]),
    ("Tomas Berger told a news conference that the strike was over.", [("the strike was over", "indirect", "told")]),
    ("Tomas Berger told journalists the strike was over.", [("the strike was over", "indirect", "told")]),
    ("Tomas Berger said at a news conference in Oslo that the strike was over.",
     [("the strike was over", "indirect", "said")]),
    ("In a letter to members, Tomas Berger wrote that the strike was over.",
     [("the strike was over", "indirect", "wrote")]),
    ("The strike is over, Tomas Berger told reporters on Monday.", [("The strike is over", "indirect", "told")]),
    ("“The strike is over,” according to Tomas Berger.", [("The strike is over", "direct", "according to")]),
])
def test_cue_shapes(body, expected):
    sts = run(body)
    assert [(s.quote, s.type, s.cue) for s in sts] == expected
    assert {s.speaker for s in sts} == {"Tomas Berger"}


def test_question_and_exclamation_marks_stay_in_the_quote():
    sts = run("“Why now?” asked Tomas Berger. “Who benefits from this!” he added.")
    assert [(s.quote, s.speaker, s.cue) for s in sts] == [
        ("Why now?", "Tomas Berger", "asked"), ("Who benefits from this!", "Tomas Berger", "added")]


def test_uncued_quote_after_a_cued_one_in_the_same_paragraph():
    sts = run("“We will fight on. The union is strong,” Tomas Berger said. “Nobody can break us.”")
    assert [(s.quote, s.speaker, s.cue) for s in sts] == [
        ("We will fight on. The union is strong", "Tomas Berger", "said"),
        ("Nobody can break us", "Tomas Berger", None)]


def test_declined_to_say_is_not_a_statement():
    assert run("Tomas Berger declined to say whether the union would fight on.") == []


def test_unnamed_groups_are_anonymous():
    sts = run("Officials said the strike had ended. Diplomats told reporters the talks had stalled. "
              "Sources told Radio Nord the deal was close.")
    assert [(s.speaker, s.speaker_kind, s.speaker_phrase) for s in sts] == [
        (None, "anonymous", "Officials"), (None, "anonymous", "Diplomats"), (None, "anonymous", "Sources")]


def test_title_before_the_name_is_not_part_of_it():
    st = one("Dr Anna Lindqvist said the vaccine was safe.")
    assert (st.speaker, st.speaker_phrase) == ("Anna Lindqvist", "Dr Anna Lindqvist")


def test_pronouns_across_paragraphs_follow_the_latest_fitting_person():
    body = ("Tomas Berger opened the meeting.\n\n"
            "“We will fight on,” he said.\n\n"
            "Anna Lindqvist, the labour minister, was unmoved. “The offer stands,” she said.\n\n"
            "“There will be no more money.”")
    sts = run(body)
    assert [(s.quote, s.speaker, s.speaker_phrase) for s in sts] == [
        ("We will fight on", "Tomas Berger", "he"),
        ("The offer stands", "Anna Lindqvist", "she"),
        ("There will be no more money", "Anna Lindqvist", None),
    ]
    assert [s.office for s in sts] == [None, "Labour Minister", "Labour Minister"]


def test_nominals_pick_the_person_with_that_role_not_the_latest_person():
    sts = run("Labour Minister Anna Lindqvist met union leader Tomas Berger and his deputy, Marek Zielinski, on Monday. "
              "“The offer is too low,” Zielinski said. “It stands,” the minister replied. "
              "“Then we strike,” the union leader said.")
    assert [(s.speaker, s.speaker_phrase) for s in sts] == [
        ("Marek Zielinski", "Zielinski"), ("Anna Lindqvist", "the minister"), ("Tomas Berger", "the union leader")]


def test_pronoun_skips_a_person_of_the_other_gender():
    sts = run("Tomas Berger said the union would fight on. Anna Lindqvist, his opponent, said the offer was final. "
              "He said he would not back down.")
    assert pairs(sts) == [("the union would fight on", "Tomas Berger"), ("the offer was final", "Anna Lindqvist"),
                          ("he would not back down", "Tomas Berger")]


def test_she_after_two_women_is_the_latest_speaker():
    sts = run("Anna Lindqvist and Claire Dubois met on Monday. Dubois, the French envoy, said the plan was fair. "
              "“We disagree,” Lindqvist said. “It is not fair at all,” she added.")
    assert pairs(sts) == [("the plan was fair", "Claire Dubois"), ("We disagree", "Anna Lindqvist"),
                          ("It is not fair at all", "Anna Lindqvist")]


def test_read_more_and_see_also_lines_with_quotes_are_not_statements():
    body = ("Tomas Berger said the talks would resume.\n\n"
            "READ MORE: 'We Will Never Sign', Union Chief Says\n\n"
            "Anna Lindqvist said the plan was too costly.\n\n"
            "See also: “A Step Backwards” – Ministers Clash Over Budget\n\n"
            "Read more: Berger: \"We Are Not Going Anywhere\"")
    assert pairs(run(body)) == [("the talks would resume", "Tomas Berger"), ("the plan was too costly", "Anna Lindqvist")]


def test_byline_and_photo_credit_are_not_speakers_or_quotes():
    head = "Union Vows to Fight On\n\nBy Tomas Berger\nFeb 16, 2021\nPhoto: AFP / \"Nordic Images\"\n\n"
    sts = run("Anna Lindqvist said the plan was too costly.", head=head)
    assert pairs(sts) == [("the plan was too costly", "Anna Lindqvist")]


@pytest.mark.parametrize("body", [
    "The union's slogan, \"Fair Pay Now\", was painted on every wall. Its leaflet, titled ‘Why We Strike’, was "
    "handed out in the square.",
    "“Berger” is a common name in the region, and the word “strike” appears in every headline.",
])
def test_slogans_titles_and_mentioned_words_are_not_statements(body):
    assert run(body) == []


def test_invariants_on_the_sample_and_seed_articles():
    from conftest import SAMPLES, SEEDS
    paths = sorted(SAMPLES.glob("*.txt")) + sorted(SEEDS.glob("*.txt"))
    assert paths
    total = 0
    for p in paths:
        text = p.read_text(encoding="utf-8")
        sts = run(text, head="")
        total += len(sts)
    assert total > 50


def test_mr_then_the_full_name_is_one_person_with_the_later_office():
    sts = run("Mr Berger said the talks would resume. Tomas Berger, the union leader, later said the strike was over.")
    assert [(s.speaker, s.speaker_phrase) for s in sts] == [("Tomas Berger", "Mr Berger"), ("Tomas Berger", "Tomas Berger")]
    assert [s.office for s in sts] == ["Union Leader", "Union Leader"]


def test_ms_and_mr_pick_among_two_namesakes():
    sts = run("Tomas Berger said the talks would resume. Anna Berger, a lawyer, said the strike was over. "
              "“It is over,” Ms Berger said. “It is not,” Mr Berger said.")
    assert [s.speaker for s in sts] == ["Tomas Berger", "Anna Berger", "Anna Berger", "Tomas Berger"]


@pytest.mark.parametrize("body, quote", [
    ("Tomas Berger said the talks would resume and that the strike was over.",
     "the talks would resume and that the strike was over"),
    ("Tomas Berger said that the talks had failed, but that the strike was over.",
     "the talks had failed, but that the strike was over"),
])
def test_two_clauses_after_one_cue_are_one_statement(body, quote):
    # "said A and that B": both clauses are objects of one "said", one report
    sts = run(body)
    assert [(s.quote, s.speaker) for s in sts] == [(quote, "Tomas Berger")]


def test_abbreviated_titles_give_offices():
    sts = run("Sen. Tomas Berger said the talks would resume. Rep. Anna Lindqvist said the strike was over.")
    assert [(s.speaker, s.office) for s in sts] == [("Tomas Berger", "Senator"), ("Anna Lindqvist", "Lawmaker")]


# --- apostrophes and unusual quote layouts ---------------------------------------------------

def test_apostrophes_are_not_quotation_marks():
    assert pairs(run("In the ’90s, Tomas Berger said the union was weak.")) == [("the union was weak", "Tomas Berger")]
    sts = run("The members' vote was close. 'We are ready,' Tomas Berger said of the workers' plan.")
    assert [(s.quote, s.type, s.speaker) for s in sts] == [("We are ready", "direct", "Tomas Berger")]


def test_straight_quotes_over_paragraphs():
    sts = run("\"We have waited for years.\n\n\"But not forever,\" Tomas Berger said.")
    assert len(sts) == 1 and sts[0].speaker == "Tomas Berger" and len(sts[0].parts) == 2
    assert sts[0].quote.startswith("We have waited for years") and sts[0].quote.endswith("But not forever")


def test_split_quote_with_text_after_the_second_part():
    st = one("“We will fight on,” Tomas Berger said, “whatever it takes,” and left the room.")
    assert (st.quote, len(st.parts)) == ("We will fight on whatever it takes", 2)


def test_colon_quote_of_several_sentences_then_narration():
    st = one("Tomas Berger said: “We will fight on. We will win.” Then he left.")
    assert (st.quote, st.type, st.speaker) == ("We will fight on. We will win", "direct", "Tomas Berger")


def test_quoted_slogan_as_subject_is_not_a_statement():
    assert run("“We will fight on” was the slogan of the day.") == []


@pytest.mark.parametrize("body,phrase", [
    ("Protesters said the strike would go on.", "Protesters"),
    ("Analysts said growth would slow.", "Analysts"),
    ("Residents told Radio Nord the water was unsafe.", "Residents"),
    ("Critics said the plan was too costly.", "Critics"),
])
def test_groups_of_people_as_speakers(body, phrase):
    st = one(body)
    assert (st.speaker_kind, st.speaker_phrase) == ("group", phrase)


def test_subject_is_more_salient_than_object_for_he():
    st = one("Tomas Berger met Marek Zielinski on Monday. He said the talks had failed.")
    assert (st.speaker, st.speaker_phrase) == ("Tomas Berger", "He")


def test_he_follows_the_latest_subject():
    st = one("Tomas Berger met Marek Zielinski on Monday. Zielinski said little. Berger, the union leader, was angry. "
             "“We were cheated,” he said.")
    assert st.speaker == "Tomas Berger"


def test_nominal_reaches_back_past_other_people():
    sts = run("Anna Lindqvist, a government spokeswoman, met Tomas Berger and Marek Zielinski. Berger said the talks "
              "had failed. Zielinski agreed. “The government disagrees,” the spokeswoman said.")
    assert pairs(sts) == [("the talks had failed", "Tomas Berger"), ("The government disagrees", "Anna Lindqvist")]
    sts = run("Dmitri Orlovsky, a Russian diplomat, spoke first.\n\nMarek Zielinski, a Polish economist, said the plan "
              "was costly. Anna Lindqvist agreed.\n\n“We will see,” the diplomat said.")
    assert pairs(sts) == [("the plan was costly", "Marek Zielinski"), ("We will see", "Dmitri Orlovsky")]


def test_uncued_quote_goes_to_the_last_speaker_not_to_a_person_only_mentioned():
    sts = run("Tomas Berger said the talks had failed.\n\n"
              "The strike entered its third week. Anna Lindqvist, the labour minister, was in Brussels.\n\n"
              "“We will fight on until the end.”")
    assert pairs(sts) == [("the talks had failed", "Tomas Berger"), ("We will fight on until the end", "Tomas Berger")]


def test_uncued_quote_with_nobody_before_it_is_not_attributed():
    assert run("“We will fight on until the end.”") == []


def test_adding_that_after_a_quote_is_a_second_statement():
    sts = run("Tomas Berger and Anna Lindqvist met on Monday. “We are close,” Berger said, adding that a deal could "
              "come within days.")
    assert [(s.quote, s.type, s.speaker, s.cue) for s in sts] == [
        ("We are close", "direct", "Tomas Berger", "said"),
        ("a deal could come within days", "indirect", "Tomas Berger", "adding")]


def test_while_starts_a_second_speaker():
    sts = run("Tomas Berger said the talks would resume, while Anna Lindqvist said the strike was over.")
    assert pairs(sts) == [("the talks would resume", "Tomas Berger"), ("the strike was over", "Anna Lindqvist")]


@pytest.mark.parametrize("clause", ["the offer stood", "the union lost"])
def test_reported_clause_with_an_irregular_past(clause):
    st = one(f"Anna Lindqvist said {clause}.")
    assert (st.quote, st.type, st.speaker) == (clause, "indirect", "Anna Lindqvist")


@pytest.mark.parametrize("name", ["Jean-Pierre Duval", "Ana María Castell Roig", "Omar bin Rashid Al-Fahim",
                                  "Tomas O'Brien", "Mary-Ann McIntyre"])
def test_names_of_many_shapes(name):
    st = one(f"{name} said the talks would resume.")
    assert (st.speaker, st.speaker_phrase) == (name, name)


def test_surname_with_a_capital_inside_resolves_to_the_full_name():
    sts = run("Mary-Ann McIntyre said the talks would resume. McIntyre added that the offer was fair.")
    assert [s.speaker for s in sts] == ["Mary-Ann McIntyre", "Mary-Ann McIntyre"]


def test_said_inside_a_quote_is_not_a_cue():
    st = one("“I said no,” Tomas Berger said.")
    assert (st.quote, st.speaker) == ("I said no", "Tomas Berger")


@pytest.mark.parametrize("body,expected", [
    ("Anna Lindqvist said of the deal: “It is dead.”", ("It is dead", "said")),
    ("“We are ready … to talk,” Anna Lindqvist says.", ("We are ready … to talk", "says")),
    ("“Is the deal dead? Yes,” Anna Lindqvist said.", ("Is the deal dead? Yes", "said")),
    ("Anna Lindqvist told Radio Nord: “The deal is dead,” before leaving.", ("The deal is dead", "told")),
    ("“The deal,” Anna Lindqvist said, “is dead.”", ("The deal is dead", "said")),
])
def test_direct_quote_shapes(body, expected):
    st = one(body)
    assert (st.quote, st.cue) == expected
    assert (st.type, st.speaker) == ("direct", "Anna Lindqvist")


def test_reported_then_split_direct_quote():
    sts = run("Anna Lindqvist said the deal was dead. “Nobody will revive it,” she added, “not this year.”")
    assert [(s.quote, s.type, s.speaker, s.cue) for s in sts] == [
        ("the deal was dead", "indirect", "Anna Lindqvist", "said"),
        ("Nobody will revive it not this year", "direct", "Anna Lindqvist", "added")]


@pytest.mark.parametrize("name", ["Pieter van der Berg", "Ludwig von Stein", "Maria de la Cruz", "Anna de Vries",
                                  "Paolo di Marco"])
def test_surname_particles_stay_in_the_name(name):
    sts = run(f"{name} said the talks would resume. “We are ready,” {name.split()[-1]} said.")
    assert [s.speaker for s in sts] == [name, name]
    assert sts[0].speaker_phrase == name


@pytest.mark.parametrize("body,speaker,later", [
    ("Liang Wenjun, a Chinese diplomat, said the talks would resume. “We are ready,” Liang said.", "Liang Wenjun",
     "Liang"),
    ("Kim Min-jun, a South Korean envoy, said the talks would resume. Kim added that the offer was fair.", "Kim Min-jun",
     "Kim"),
])
def test_family_name_first(body, speaker, later):
    sts = run(body)
    assert [(s.speaker, s.speaker_phrase) for s in sts] == [(speaker, speaker), (speaker, later)]


def test_phrases_read_as_written():
    """Speaker and office phrases are the article's words as written (a title keeps its full stop, a
    possessive no space before it), not their tokens joined with spaces; the speaker's name is spaced so too."""
    body = ("Mrs. Orlova's campaign said the plan was \"a plain mistake that will cost the town dearly.\"\n\n"
            "\"We will not back down on the levy,\" Ms.  Brenner's spokesman said on Tuesday.\n\n"
            "Sen. Tomas Varga said: \"The vote is a disgrace for everyone involved here.\"\n")
    a, b, c = run(body)
    assert (a.speaker_phrase, a.speaker_written) == ("Mrs. Orlova's campaign", "Mrs. Orlova's campaign")
    assert b.speaker_phrase == "Ms. Brenner's spokesman"  # white space made one space
    assert (c.speaker_phrase, c.speaker_written, c.office_phrase) == ("Sen. Tomas Varga", "Tomas Varga", "Sen.")
    assert all(" ." not in (st.speaker or "") for st in (a, b, c))


@pytest.mark.parametrize("phrase,expected", [("- - President", "President"), ("Mrs . Lind's aides ,", "Mrs. Lind's aides"),
                                             ("Mr Okafor", "Mr. Okafor")])
def test_as_written_trims_and_respaces(phrase, expected):
    from quotes.mentions import as_written
    assert as_written("Then - - President Mr. Okafor met Mrs. Lind's aides , they said.", phrase) == expected


@pytest.mark.parametrize("body,speaker", [
    ("The levy would hurt every family in the valley, according to a speech Mrs. Orlova delivered at "
     "Northfield University in May.\n", "Orlova"),
    ("The plan was \"a plain mistake that will cost the town dearly,\" according to a letter Tomas Varga wrote "
     "to the council.\n", "Tomas Varga"),
    ("The talks were \"never going to work out for any of us,\" according to an interview Ana Brenner gave to "
     "the Daily Ledger.\n", "Ana Brenner"),
])
def test_work_speaks_for_its_author(body, speaker):
    """A speech, letter or interview followed by a clause naming who delivered, wrote or gave it speaks for
    that author, not as an organisation named by the whole phrase."""
    st, = run(body)
    assert (st.speaker, st.speaker_kind) == (speaker, "person")


@pytest.mark.parametrize("text", ["Gen. Lind met Ana Okafor in St. Olav. Then they spoke.",
                                  "Gen. Lind met Ana Okafor in St. Olav. Then they spoke in Tromsø."])
def test_sentences_do_not_end_at_an_abbreviation(text):
    # the word before a full stop, found by stripping in ASCII and by the regex beyond it, the same way
    from quotes.text import sentences
    spans = sentences(text, 0, len(text))
    assert [text[a:b] for a, b in spans] == ["Gen. Lind met Ana Okafor in St. Olav.", text[text.index("Then"):]]


@pytest.mark.parametrize("body,speaker,kind", [
    ("\"We made the move we had to make for the future,\" the San Jose Sharks said on Monday.\n",
     "San Jose Sharks", "organization"),
    ("The Boston Celtics said the trade was \"a move we had to make for the future.\"\n",
     "Boston Celtics", "organization"),
    # a first name that is also a city's, before a surname ending in s, is still a person
    ("Paris Jones said the arena deal was \"the worst thing to happen to this town in years.\"\n",
     "Paris Jones", "person"),
    ("Sydney Adams said the arena deal was \"the worst thing to happen to this town in years.\"\n",
     "Sydney Adams", "person"),
])
def test_the_city_and_a_plural_is_a_team(body, speaker, kind):
    st, = run(body)
    assert (st.speaker, st.speaker_kind) == (speaker, kind)


def test_a_city_and_a_plural_running_on_is_no_team():
    """"the Washington Heights neighborhood": the capitalised pair modifies the noun after it."""
    from quotes.lexicon import lexicon
    from quotes.mentions import np_right
    from quotes.text import tokens
    m = np_right(tokens("the Washington Heights neighborhood"), 0, lexicon())
    assert m is None or m.kind != "organization" or m.name != "Washington Heights"
    m = np_right(tokens("the Boston Celtics"), 0, lexicon())
    assert (m.kind, m.name) == ("organization", "Boston Celtics")


def test_as_written_finds_the_phrase_nearest_its_offset_among_all():
    # the stretch is looked for only where its first word stands, with what the regex alone would find:
    # a word inside another ("Orlova" in "NOrlova"), the nearest of several, the full stop kept after "Sen"
    from quotes.mentions import as_written
    text = "NOrlova. Sen Orlova spoke. Later Sen.  Orlova left, and Sen. Orlova came back."
    assert as_written(text, "Sen Orlova", 0) == "Sen Orlova"
    assert as_written(text, "Sen Orlova", 35) == "Sen. Orlova"
    assert as_written(text, "Sen", 70) == "Sen."
    assert as_written(text, "Orlova", 0) == "Orlova"


def test_as_written_is_looked_for_where_the_phrase_was_read():
    # a mention's span of text says where its phrase is written; a phrase not written there (a name the
    # lexicon gives) is the stretch nearest the offset
    from quotes.mentions import as_written
    text = "NOrlova. Sen Orlova spoke. Later Sen.  Orlova left, and Sen. Orlova came back."
    assert as_written(text, "Sen Orlova", 35, at=(9, 19)) == "Sen Orlova"
    assert as_written(text, "Sen Orlova", 0, at=(56, 67)) == "Sen. Orlova"
    assert as_written(text, "Sen Orlova", 35, at=(0, 7)) == "Sen. Orlova"


@pytest.mark.parametrize("near,expected", [(0, "Sen"), (5, "Sen"), (6, "Sen."), (17, "Sen"), (99, "Sen")])
def test_a_one_word_phrase_is_the_nearest_whole_word(near, expected):
    # "Sen" in "xxSen" or "Senator" is no word; of two as near (offsets 0 and 10 from 5), the earlier
    from quotes.mentions import as_written
    assert as_written("Sen xxSen Sen. Senator Sen", "Sen", near) == expected


def test_a_dash_ends_a_lowercase_title():
    """"a candidate for president - Mrs. Orlova, 68, …": the dash closes an aside; "president" before it is
    no title of hers (nor is "president - Mrs." a phrase)."""
    st, = run("As a two-time candidate for president - Mrs. Orlova, 68, has changed the race. "
              "\"We don't need any more of that,\" she has said.\n")
    assert (st.speaker, st.office, st.office_phrase) == ("Orlova", None, None)


def test_date_phrase_white_space_made_single_spaces():
    st, = run("Ana Lind said in\u00a0 July that the bridge was \"far too old to carry any more lorries.\"\n")
    assert st.date_phrase == "in July"


def test_a_pronoun_reporting_a_clause_is_no_one_the_clause_names():
    # binding principle C: in "Dorsey hid under a desk, he said" the pronoun is someone other than Dorsey
    body = ("Tomas Varga, a clerk at the depot, was on the third floor when the alarm sounded. “We heard "
            "shots in the stairwell,” he told reporters.\n\nHis colleague Ivo Dorsey ran for the roof. "
            "Dorsey and two others hid under desks, he said, but one guard was hurt.\n")
    sts = run(body)
    st = next(s for s in sts if s.quote.startswith("Dorsey and two others"))
    assert st.speaker == "Tomas Varga"


def test_a_pronoun_reporting_a_clause_that_reports_its_subject_is_that_subject():
    # "Dorsey said “…,” he said": the clause's own cue, the same report twice, so the pronoun is Dorsey
    body = ("Tomas Varga chaired the meeting.\n\nAsked about the depot, Ivo Dorsey said “We knew nothing "
            "about the fire until noon,” he said.\n")
    sts = run(body)
    st = next(s for s in sts if "knew nothing" in s.quote)
    assert st.speaker == "Ivo Dorsey"


def test_a_name_given_an_age_is_a_persons_and_a_description_after_it_refers_to_it():
    # "16-year-old Zevrin Valtu": an age says the name is a person's, so "the young artist" is Valtu, not the
    # person named before him
    body = ("“Nobody buys paper any more,” says the shop’s manager, Tomas Varga.\n\nThere is a pleasure, "
            "insists 16-year-old Zevrin Valtu, in finishing a book. “It takes months of drawing and fixing,” "
            "says the self-taught young artist.\n")
    sts = run(body)
    st = next(s for s in sts if s.quote.startswith("It takes months"))
    assert st.speaker == "Zevrin Valtu"


def test_an_age_before_a_modifier_makes_no_person():
    body = ("Tomas Varga runs the depot.\n\n“We close at noon,” said a 40-year-old Lake Forest resident.\n")
    sts = run(body)
    st = next(s for s in sts if s.quote.startswith("We close"))
    assert st.speaker != "Lake Forest"


def test_a_label_with_an_article_names_no_person():
    # "The Latest: …" heads a running story: a person's name takes no article, so the label is no speaker
    head = "The Latest: Ferry strike enters its third day\n\nby Jan Novak\nFeb 17, 2021\n\n"
    body = ("The Latest on the ferry strike in Oslo (all times local):\n\n"
            "Tomas Berger said the talks would resume in March.\n")
    sts = run(body, head=head)
    assert all(s.speaker != "Latest" for s in sts)
    assert pairs(sts) == [("the talks would resume in March", "Tomas Berger")]


@pytest.mark.parametrize("dateline", ["BERGEN, Feb 17 (Reuters) - ", "BERGEN, Feb. 17 (UPI) — ", "LA CROSSE, Wisc. — "])
def test_a_dateline_is_no_part_of_the_sentence_a_gerund_cue_reads_its_subject_from(dateline):
    body = (dateline + "Ferry union leader Tomas Varga rejected the offer on Wednesday, saying the new "
            "schedule would cost crews their weekends.\n")
    sts = run(body)
    st = next(s for s in sts if s.quote.startswith("the new schedule"))
    assert st.speaker == "Tomas Varga"


@pytest.mark.parametrize("opener", ["Hours later", "Inside the packed union hall"])
def test_an_introductory_phrase_is_not_the_subject_a_gerund_cue_reads(opener):
    # "Hours later, Varga …, telling": the subject follows the phrase that opens the sentence
    body = ("The ferry strike entered its third day.\n\n" + opener + ", Varga returned the compliment to "
            "Berger, telling reporters, “The new schedule would cost crews their weekends.”\n")
    sts = run(body)
    st = next(s for s in sts if s.quote.startswith("The new schedule"))
    assert st.speaker == "Varga"


def test_a_straight_opening_mark_closed_by_a_curly_one_is_one_quote():
    # an editor's mix of styles: "…” is one quotation, its cue after the curly mark
    body = ("Tomas Varga spoke first.\n\n\"If I were running the union, I would wait a week,” Ana Lind, a "
            "former negotiator, said of Varga.\n")
    sts = run(body)
    st = next(s for s in sts if s.quote.startswith("If I were running"))
    assert (st.type, st.speaker, st.quote) == ("direct", "Ana Lind", "If I were running the union, I would wait a week")


@pytest.mark.parametrize("owner", ["Tomas Varga’s former top aide", "Tomas Varga’s right-hand woman"])
def test_someone_described_as_a_named_persons_is_not_that_person(owner):
    # "X's former top aide said": a person of X's speaks, not X (the described head may follow modifiers)
    body = "Tomas Varga lost the vote.\n\n" + owner + " rallied supporters, saying: “The count was rushed.”\n"
    sts = run(body)
    st = next(s for s in sts if s.quote.startswith("The count"))
    assert st.speaker != "Tomas Varga" and st.speaker_kind == "anonymous"


@pytest.mark.parametrize("quote", ["She asked me, ‘What can we do to help?’", "He shouted, ‘Stop the count!’"])
def test_a_quote_ending_in_a_question_quoted_inside_keeps_its_cue(quote):
    # the capital after “…?’” opens no new sentence when a cue follows: “…?’” Lind told reporters.
    body = "Tomas Varga spoke first.\n\n“" + quote + "” Ana Lind told reporters.\n"
    sts = run(body)
    st = next(s for s in sts if s.quote.startswith(quote[:10]))
    assert (st.speaker, st.cue) == ("Ana Lind", "told")


def test_a_name_closing_a_description_before_the_speakers_name_is_not_the_speaker():
    # "One pastor backing Mr. Varga, Ana Lind, said": Varga is the object inside the description of Lind
    body = ("Tomas Varga toured the county.\n\nOne pastor backing Mr. Varga, Ana Lind of the Grace Chapel, said "
            "she had made forty calls.\n")
    sts = run(body)
    st = next(s for s in sts if s.quote.startswith("she had made"))
    assert st.speaker == "Ana Lind"


@pytest.mark.parametrize("body, speaker", [
    ("Ana Lind met Tomas Varga at the depot in May.\n\nLind recalls him pausing at the gate, saying the ferry "
     "would never run again.\n", "Tomas Varga"),
    ("A video posted by the union showed Tomas Varga speaking at the depot, saying the ferry would never run "
     "again.\n", "Tomas Varga"),
    ("Tomas Varga spoke at the depot on Monday evening, saying the ferry would never run again.\n", "Tomas Varga"),
])
def test_saying_after_someone_doing_something_is_that_persons(body, speaker):
    # "recalls him pausing …, saying …": the participle goes with the one doing the act just before it (the
    # object of "recalls"), not with the sentence's subject; "Monday evening" is a time, no one doing anything
    st = next(s for s in run(body) if s.quote.startswith("the ferry"))
    assert st.speaker == speaker


@pytest.mark.parametrize("body", [
    "Ana Lind criticized her handling of the strike, saying the ferry would never run again.",
    "Ana Lind criticized Tomas Varga’s handling of the strike, saying the ferry would never run again.",
    "Ana Lind met the crew with Tomas Varga looking on, saying the ferry would never run again.",
    "Ana Lind shunned Tomas Varga during his visit, saying the ferry would never run again.",
])
def test_saying_after_a_noun_in_ing_is_the_subjects(body):
    # "her handling of …" is a noun, "with X looking on" a circumstance: the sentence's subject speaks
    st = next(s for s in run(body) if s.quote.startswith("the ferry"))
    assert st.speaker == "Ana Lind"


@pytest.mark.parametrize("body,quote,speaker", [
    ("The Harbour Union released a statement Tuesday saying the quota was too low.", "the quota was too low",
     "Harbour Union"),
    ("Ana Lind posted a message online saying she would not run again.", "she would not run again", "Ana Lind"),
    ("Shortly after the vote, Ana Lind put out a statement saying the count was rushed.", "the count was rushed",
     "Ana Lind"),
])
def test_a_statement_put_out_saying_reports_its_issuer(body, quote, speaker):
    # "released a statement saying …": the statement says what its issuer says; the issuing verb's subject speaks
    sts = run("The harbour board met on Monday.\n\n" + body + "\n")
    st = next(s for s in sts if s.quote == quote)
    assert st.speaker == speaker


def test_the_issuing_verbs_and_documents_are_the_lexicons(monkeypatch):
    # the word lists in data/lexicon decide: without "posted" (or "message") the post speaks for no one named
    body = "The harbour board met on Monday.\n\nAna Lind posted a message online saying she would not run again.\n"
    assert ("she would not run again", "Ana Lind") in pairs(run(body))
    lex = lexicon()
    for name, word in (("issuing_verbs", "posted"), ("document_nouns", "message")):
        with monkeypatch.context() as m:
            m.setattr(lex, name, getattr(lex, name) - {word})
            assert ("she would not run again", "Ana Lind") not in pairs(run(body))


def test_a_document_someone_else_answers_does_not_speak_for_them():
    # "mocked a report saying …": the report's words are not those of whoever answers it
    sts = run("The harbour board met on Monday.\n\nAna Lind mocked a report saying the count was "
              "rushed.\n")
    assert not any(s.speaker == "Ana Lind" and s.quote.startswith("the count") for s in sts)


@pytest.mark.parametrize("body,quote,speaker", [
    ("Ana Lind however said the quota was too low.", "the quota was too low", "Ana Lind"),
    ("Ana Lind has since said the quota was too low.", "the quota was too low", "Ana Lind"),
    ("Ana Lind herself quietly warned that the quota was too low.", "the quota was too low", "Ana Lind"),
])
def test_an_adverb_between_speaker_and_verb(body, quote, speaker):
    # "however", "since", "herself", "quietly": words that stand between a speaker and the speech verb
    sts = run("The harbour board met on Monday.\n\n" + body + "\n")
    assert pairs(sts) == [(quote, speaker)]


def test_but_he_said_after_a_clause_reports_anew():
    # ", but he said …" ends the first clause and opens the same speaker's second one (", and he railed
    # against …" only ends it)
    sts = run("The harbour board met on Monday.\n\nAna Lind agreed that the quota should be cut, but she said the "
              "cut should wait until spring.\n")
    assert pairs(sts) == [("the quota should be cut", "Ana Lind"), ("the cut should wait until spring", "Ana Lind")]


def test_a_clause_before_and_that_is_not_taken_for_the_cue():
    # "said A and that B": A is a clause without its "that", not words of the cue like "told a conference that";
    # the statement is A and B together
    sts = run("The harbour board met on Monday.\n\nAna Lind said divers saw the wreck and that it lay near the pier.\n")
    assert pairs(sts) == [("divers saw the wreck and that it lay near the pier", "Ana Lind")]


@pytest.mark.parametrize("body,quote,speaker", [
    ("In the harbour survey, 62 percent of fishers said the quota was too low.",
     "the quota was too low", "62 percent of fishers"),
    ("Twenty-four per cent said the ferry should run on Sundays.", "the ferry should run on Sundays",
     "Twenty-four per cent"),
    ("In Oslo, almost half of tenants say rents have doubled.", "rents have doubled", "almost half of tenants"),
    ("Nearly three in 10 said they would leave the island.", "they would leave the island", "Nearly three in 10"),
    ("A majority of the crews said they would strike in March.", "they would strike in March",
     "majority of the crews"),
])
def test_a_share_of_the_people_asked_reports(body, quote, speaker):
    # a poll's answer is reported speech: "24 percent said …" has the share of respondents as its speaker
    sts = run("The harbour board met on Monday.\n\n" + body + "\n")
    st = next(s for s in sts if s.quote == quote)
    assert (st.speaker, st.speaker_kind, st.type) == (speaker, "group", "indirect")


def test_a_share_reported_ends_where_another_share_comes_in():
    # "… said A, compared with 30 percent …", "… and one in four said B": the narrator compares the answers
    sts = run("The harbour board met on Monday.\n\nSome 45 percent of fishers said the quota was too low, "
              "compared with 30 percent last year, and one in four said the board should resign.\n")
    assert pairs(sts) == [("the quota was too low", "45 percent of fishers"),
                          ("the board should resign", "one in four")]


def test_a_share_inside_a_phrase_is_not_the_speaker():
    # a share must open its clause: "inspectors at 40 percent of the ports" are the speakers
    st = one("Inspectors at 40 percent of the ports said the quota was too low.\n")
    assert (st.quote, st.speaker) == ("the quota was too low", "Inspectors")


@pytest.mark.parametrize("after", ["during the second debate", "at a rally in Bergen on Friday"])
def test_an_inverted_speaker_with_a_title_nobody_listed_ends_where_the_time_or_place_begins(after):
    # "…,” said former ferry executive Ana Lind during the debate: the phrase before "during" is the speaker
    body = ("Tomas Berger spoke first.\n\n“We will open the depot again in May,” said former ferry executive Ana "
            f"Lind {after}, adding that the union agreed.\n")
    st = next(s for s in run(body) if s.quote.startswith("We will open"))
    assert (st.speaker, st.cue) == ("Ana Lind", "said")


def test_a_pronoun_or_a_description_as_written_is_the_name_the_story_last_used():
    # "--speaker-name written": "she said" and "the veteran organiser said" write no name; the speaker as
    # written is the person as the story last named her ("Okafor"), not her full name
    sts = run("Ana Okafor runs the shelter on Dock Street.\n\n“We have beds for everyone,” Okafor said.\n\n"
              "“Nobody should sleep outside,” she said.\n\n“Ask for help early,” the veteran organiser said.\n")
    assert [(s.speaker, s.speaker_written) for s in sts] == [("Ana Okafor", "Okafor")] * 3


@pytest.mark.parametrize("body,quote,speaker", [
    ("Several delegates said the vote should wait until March.", "the vote should wait until March", "delegates"),
    ("Some party strategists said the ferry tax would cost them the seat.", "the ferry tax would cost them the seat",
     "party strategists"),
    ("Both candidates have said they would keep the harbour open.", "they would keep the harbour open",
     "Both candidates"),
])
def test_people_named_by_their_role_speak_as_a_group(body, quote, speaker):
    # delegates, strategists, candidates: people a story quotes by what they are, like "residents"
    st = one("The harbour board met on Monday.\n\n" + body + "\n", )
    assert (st.quote, st.speaker, st.speaker_kind) == (quote, speaker, "group")


@pytest.mark.parametrize("body,quote,speaker,kind,phrase", [
    ("Some of the crews said the quota was too low.", "the quota was too low", "Some of the crews", "group",
     "Some of the crews"),
    ("The skippers met in Bodø. Many said the quota was too low.", "the quota was too low", None, "anonymous",
     "Many"),
    ("The skippers met in Bodø. Both said the quota was too low.", "the quota was too low", None,
     "anonymous", "Both"),
])
def test_a_quantifier_standing_alone_is_a_share_that_speaks(body, quote, speaker, kind, phrase):
    # "some of the crews": a part of a group, which speaks as the group; "many" alone names no one (the
    # speaker facet would fill with "Many" and "Some"): an unnamed source, its phrase kept
    sts = run("The harbour board met on Monday.\n\n" + body + "\n")
    st = next(s for s in sts if s.quote == quote)
    assert (st.speaker, st.speaker_kind, st.speaker_phrase) == (speaker, kind, phrase)


def test_a_quantifier_before_its_noun_is_no_share():
    # "the most famous name": "most" is a determiner here, no "most …" share that speaks
    sts = run("The harbour board met on Monday.\n\nThe most famous name in the fleet finally said the quota was "
              "too low.\n")
    assert not any(s.speaker_kind == "group" for s in sts)


def test_a_preposition_without_its_object_ends_no_speaker_phrase():
    # "farmers in [states that ban trawling]": "states" is a noun, not a speech verb with "farmers in" as subject
    sts = run("The harbour board met on Monday.\n\nThe board wants to sign up farmers in states that ban trawling "
              "near the coast.\n")
    assert not any(s.speaker == "farmers" for s in sts)


@pytest.mark.parametrize("body, speaker", [
    ("The leak was larger than the small share of files that investigators said they had found.", "investigators"),
    ("Voters should remember that social scientists say habits are hard to change.", "social scientists"),
])
def test_that_before_a_plural_speaker_opens_a_clause_and_is_no_part_of_the_speaker(body, speaker):
    # a demonstrative "that" takes no plural noun: in "that investigators said" it is a relative or a conjunction
    st = next(s for s in run(body) if s.speaker_kind == "group")
    assert (st.speaker, st.speaker_phrase) == (speaker, speaker)


@pytest.mark.parametrize("cue", ["Sen. Ana Lind (D-Mo.) said", "said Oversight ranking Democrat Ana Lind (D-Md.)",
                                 "panel Chairman Rep. Ana Lind (R-Utah) said after the hearing"])
def test_a_party_and_state_in_brackets_after_the_speakers_name_ends_no_cue(cue):
    # "(D-Md.)": the full stop of the state ends no sentence, the brackets are about the person named before them
    body = f"Tomas Varga spoke first.\n\n“We will not sign the bill,” {cue}. “The vote is rushed.”\n"
    sts = run(body)
    assert pairs(sts) == [("We will not sign the bill", "Ana Lind"), ("The vote is rushed", "Ana Lind")]
    assert sts[0].cue == "said"


def test_a_title_quoted_inside_a_sentence_is_no_statement():
    # a few capitalised words in quotation marks after words of the sentence name a programme or a book
    sts = run("Tomas Varga spoke first.\n\nOn the broadcast of “Harbour Week Tonight,” Senator Ana Lind said "
              "the vote was rushed.\n")
    assert [(s.quote, s.speaker, s.type) for s in sts] == [("the vote was rushed", "Ana Lind", "indirect")]


def test_a_cue_leading_into_the_next_quote_is_not_the_tail_of_a_quote_with_its_own_cue():
    # “Why now? …” Varga then writes back, “…”: the cue between them, followed by a comma and the next quote,
    # is that quote's; the first has its own before it. A split quote (“A,” she said, “B.”) keeps its one cue.
    sts = run("Tomas Varga spoke first.\n\nAna Lind answered Tomas Varga with, “Why now? Was that on my way to "
              "Oslo?” Varga then writes back, “You look tired.”\n\n“We will not sign,” Ana Lind said, “and we will "
              "not wait.”\n")
    assert pairs(sts) == [("Why now? Was that on my way to Oslo?", "Ana Lind"), ("You look tired", "Tomas Varga"),
                          ("We will not sign and we will not wait", "Ana Lind")]


@pytest.mark.parametrize("cue", ["said another ferry user, Johanna Berg.", "said one longtime resident, Johanna Berg, "
                                 "who lives near the pier."])
def test_an_inverted_description_then_a_name_after_its_comma_is_that_person(cue):
    # "…,” said another ferry user, Johanna Berg.": the name after the comma is the one the description describes
    st = next(s for s in run(f"Tomas Varga spoke first.\n\n“We are anxious,” {cue}\n") if s.quote == "We are anxious")
    assert (st.speaker, st.cue) == ("Johanna Berg", "said")


def test_an_unnamed_source_as_written_is_the_phrase_that_describes_it():
    # "--speaker-name written": a source nobody names is written as described ("A senior official"); a pronoun
    # nobody can resolve is no source as written
    sts = run("A senior official said the talks would resume in May.\n\n“We will wait,” he said.\n")
    assert [(s.speaker, s.speaker_written) for s in sts] == [(None, "A senior official"), (None, None)]


def test_a_sentence_ending_in_an_inverted_cue_is_reported_whole_by_it():
    # "Porters like Berger recognized that …, she writes.": a that-only verb inside is part of what she writes
    sts = run("Ana Lind wrote a history of the ferry union.\n\nPorters like Tomas Berger recognized that they had to "
              "fight “both the owners and the law,” she writes.\n")
    assert [(s.speaker, s.cue) for s in sts] == [("Ana Lind", "writes")]


@pytest.mark.parametrize("body", [
    "Ana Lind, speaking at a rally in Wilmington, N.C., warned that the ferry would close.",
    "Ana Lind, speaking in Concord, N.H., said the ferry would close.",
    "The head of the U.N., Ana Lind, said the ferry would close.",
])
def test_a_state_after_its_city_in_an_aside_is_no_speaker(body):
    # "in Wilmington, N.C., warned": the initials between the commas say where; the speaker opens the sentence
    assert pairs(run(body)) == [("the ferry would close", "Ana Lind")]


def test_an_according_to_source_ends_at_a_bracket():
    # "according to exit polls (a sizable margin …)": the bracket comments on the figure, not on the source
    st = one("Ana Lind won 54 percent of union households, according to exit polls (a sizable margin over her "
             "rival).")
    assert (st.speaker_phrase, st.speaker_written) == ("exit polls", "exit polls")


@pytest.mark.parametrize("body, quotes", [
    ("Even after the vote, Ana Lind continued to insist that the harbour plan was sound.",
     [("the harbour plan was sound", "Ana Lind")]),
    ("Tenants continue to warn that the rents will rise.", [("the rents will rise", "Tenants")]),
    ("Ana Lind refused to say whether the harbour plan was sound.", []),
    ("Ana Lind is likely to say the harbour plan was sound.", []),
])
def test_continued_to_and_a_speech_verb_reports_for_the_subject_of_continued(body, quotes):
    # the statement is made again, not only intended or withheld ("refused to say", "likely to say")
    assert pairs(run(body)) == quotes


@pytest.mark.parametrize("body, quotes", [
    ("By a wide margin, those surveyed said the harbour plan was rushed.",
     [("the harbour plan was rushed", "those surveyed")]),
    ("Again, tenants polled say the rents are too high.", [("the rents are too high", "tenants polled")]),
])
def test_the_people_a_poll_asked_speak_as_a_group(body, quotes):
    # "those" or a plural, then a participle of polling: the poll's respondents answer
    assert [(s.quote, s.speaker) for s in run(body) if s.speaker_kind == "group"] == quotes


@pytest.mark.parametrize("body, quotes", [
    ("Tenants were slightly more likely to say the rents were too high.",
     [("the rents were too high", "Tenants")]),
    ("Older tenants are less likely to say that the harbour plan is rushed.",
     [("the harbour plan is rushed", "Older tenants")]),
    ("The tenants are likely to say the harbour plan is rushed.", []),
])
def test_more_likely_to_say_reports_a_poll_answer(body, quotes):
    # a comparison of what groups answered; "likely to say" alone only foretells
    assert pairs(run(body)) == quotes
