"""Office, country and organisation of a speaker (issue 4), each form on a short text.

The people here are invented, except in the gazetteer tests at the end: those need people who are in
data/officials.csv, and they quote words those people did say (from the seed article in
../shared/seeds); only the date line is changed to test the as-of-date lookup.
"""
import pytest

from quotes.articles import parse_article
from quotes.extract import extract

HEAD = "Talks Resume\n\nby Jan Novak\nFeb 16, 2021\n\n"


def run(body, head=HEAD):
    text = head + body
    sts = extract(parse_article(text, "t.txt"))
    for st in sts:
        assert " ".join(text[a:b] for a, b in st.parts) == st.quote
        assert st.start == st.parts[0][0] and st.end == st.parts[-1][1]
        if st.office_phrase is not None:
            # the phrase as written: it is in the text, without the sentence's punctuation
            assert st.office_phrase in text, st.office_phrase
            assert not st.office_phrase.endswith((" .", ".", ",")), st.office_phrase
        if st.country is not None:
            assert len(st.country) == 2 and st.country.isupper()
    return sts


def one(body, head=HEAD):
    sts = run(body, head)
    assert len(sts) == 1, [(s.quote, s.speaker) for s in sts]
    return sts[0]


def facts(st):
    return st.speaker, st.office, st.office_phrase, st.country, st.organization


# --- office: before the name, appositive, possessive, "a spokesman for X, NAME," -------------

@pytest.mark.parametrize("body,office,phrase,country", [
    ("Russian Deputy Foreign Minister Dmitri Orlovsky said the talks would resume in March.",
     "Deputy Foreign Minister", "Russian Deputy Foreign Minister", "RU"),
    ("US Secretary of State Nathan Corliss said the talks would resume in March.",
     "Secretary of State", "US Secretary of State", "US"),
    ("Kremlin spokesman Pavel Strogin said the talks would resume in March.",
     "Spokesperson", "Kremlin spokesman", "RU"),
    ("British Foreign Secretary Helen Marsh said the talks would resume in March.",
     "Foreign Secretary", "British Foreign Secretary", "GB"),
    ("German Chancellor Klaus Wendt said the talks would resume in March.", "Chancellor", "German Chancellor", "DE"),
    ("Japanese Prime Minister Kenji Arakawa said the talks would resume in March.",
     "Prime Minister", "Japanese Prime Minister", "JP"),
    ("Brazilian Health Minister Paula Rezende said the talks would resume in March.",
     "Health Minister", "Brazilian Health Minister", "BR"),
    ("Kenyan opposition leader Daniel Mwangi said the talks would resume in March.",
     "Leader of the Opposition", "Kenyan opposition leader", "KE"),
    ("Élysée spokeswoman Claire Duval said the talks would resume in March.", "Spokesperson", "Élysée spokeswoman", "FR"),
])
def test_title_before_the_name(body, office, phrase, country):
    st = one(body)
    assert st.speaker_phrase.endswith(st.speaker) and st.speaker_phrase.startswith(phrase)
    assert facts(st)[1:] == (office, phrase, country, None)
    assert st.speaker not in (None, "") and phrase not in st.speaker


@pytest.mark.parametrize("body,office,phrase,country", [
    ("“We will not sign this deal,” said Marta Kowalczyk, the trade minister.", "Trade Minister", "the trade minister",
     None),
    ("Tomas Berger, the deputy foreign minister, said the talks would resume.", "Deputy Foreign Minister",
     "the deputy foreign minister", None),
    ("Klaus Wendt, Germany's finance minister, said the plan was too costly.", "Finance Minister",
     "Germany's finance minister", "DE"),
    ("Helen Marsh, Britain's foreign secretary, said the talks would resume.", "Foreign Secretary",
     "Britain's foreign secretary", "GB"),
    ("Tomas Berger, Russia's deputy foreign minister, said the talks would resume in March.",
     "Deputy Foreign Minister", "Russia's deputy foreign minister", "RU"),
])
def test_appositive(body, office, phrase, country):
    st = one(body)
    assert facts(st)[1:4] == (office, phrase, country)


@pytest.mark.parametrize("body,office,phrase,country", [
    ("Russia has offered new talks. Tomas Berger, the country's deputy foreign minister, said the talks would "
     "resume in March.", "Deputy Foreign Minister", "the country's deputy foreign minister", "RU"),
    ("Nathan Corliss, the US secretary of state, said the talks would resume.", "Secretary of State",
     "the US secretary of state", "US"),
    ("Nathan Corliss, the US under secretary of state, said the talks would resume.", "Under Secretary of State",
     "the US under secretary of state", "US"),
    ("Nathan Corliss, the White House press secretary, said the talks would resume.", "Press Secretary",
     "the White House press secretary", "US"),
])
def test_appositive_with_a_country_or_institution_in_it(body, office, phrase, country):
    st = one(body)
    assert facts(st)[1:4] == (office, phrase, country)


def test_the_countrys_office_without_a_country_named_before():
    st = one("Tomas Berger, the country's deputy foreign minister, said the talks would resume in March.")
    assert (st.office, st.office_phrase) == ("Deputy Foreign Minister", "the country's deputy foreign minister")


def test_long_title_with_a_portfolio_before_the_name():
    st = one("Under Secretary of State for Arms Control Nathan Corliss said the talks would resume.")
    assert facts(st) == ("Nathan Corliss", "Under Secretary of State", "Under Secretary of State for Arms Control",
                         "US", None)
    st = one("Nathan Corliss, the under secretary of state for arms control, said the talks would resume.")
    assert facts(st)[1:3] == ("Under Secretary of State", "the under secretary of state for arms control")


def test_appositive_ends_at_its_comma_not_at_the_next_sentence():
    sts = run("Deputy Foreign Minister Tomas Berger met Anna Lindqvist, a senior diplomat. "
              "Lindqvist said the talks had failed. “We are disappointed,” the diplomat said.")
    assert [(s.speaker, s.office, s.office_phrase) for s in sts] == [
        ("Anna Lindqvist", "Diplomat", "a senior diplomat")] * 2


def test_possessive_capital_with_a_long_office():
    st = one("Moscow's deputy foreign minister for non-proliferation and arms control, Dmitri Orlovsky, "
             "said the talks would resume in March.")
    assert facts(st) == ("Dmitri Orlovsky", "Deputy Foreign Minister",
                         "Moscow's deputy foreign minister for non-proliferation and arms control", "RU", None)


def test_possessive_capital_before_a_short_office():
    st = one("Beijing's envoy Li Wenjun said the offer was welcome.")
    assert facts(st) == ("Li Wenjun", "Envoy", "Beijing's envoy", "CN", None)


def test_a_spokesman_for_an_institution_then_the_name():
    st = one("A spokesman for the Kremlin, Pavel Strogin, said the talks would resume in March.")
    assert facts(st) == ("Pavel Strogin", "Spokesperson", "A spokesman for the Kremlin", "RU", None)


def test_a_state_department_spokesman_then_the_name():
    st = one("A State Department spokesman, Mark Tilden, said the offer was welcome.")
    assert facts(st) == ("Mark Tilden", "Spokesperson", "A State Department spokesman", "US", None)


def test_later_mentions_keep_the_office():
    sts = run("Russian Deputy Foreign Minister Dmitri Orlovsky met reporters in Moscow. "
              "“We are ready to talk,” Orlovsky said. “Nobody should expect miracles,” the diplomat added.")
    assert [(s.speaker, s.speaker_phrase, s.office, s.office_phrase, s.country) for s in sts] == [
        ("Dmitri Orlovsky", "Orlovsky", "Deputy Foreign Minister", "Russian Deputy Foreign Minister", "RU"),
        ("Dmitri Orlovsky", "the diplomat", "Deputy Foreign Minister", "Russian Deputy Foreign Minister", "RU"),
    ]


def test_later_mention_in_a_new_paragraph_keeps_the_office():
    sts = run("French Foreign Minister Claire Duval arrived in Oslo on Monday.\n\n"
              "Duval said the talks would resume in March.\n\n“We are hopeful,” Duval said.")
    assert [(s.speaker, s.office, s.country) for s in sts] == [("Claire Duval", "Foreign Minister", "FR")] * 2


def test_two_officials_keep_their_own_offices():
    sts = run("British Foreign Secretary Helen Marsh said the talks would resume. German Chancellor Klaus Wendt "
              "said the offer was welcome.")
    assert [(s.speaker, s.office, s.country) for s in sts] == [
        ("Helen Marsh", "Foreign Secretary", "GB"), ("Klaus Wendt", "Chancellor", "DE")]


def test_no_office_when_the_text_gives_none():
    st = one("Tomas Berger said the talks would resume in March.")
    assert (st.office, st.office_phrase) == (None, None)


# --- country: demonyms, names, capitals, institutions ----------------------------------------

@pytest.mark.parametrize("body,speaker,country", [
    ("The Kremlin said the talks would resume.", "Kremlin", "RU"),
    ("The State Department said the talks would resume.", "State Department", "US"),
    ("Downing Street said the talks would resume.", "Downing Street", "GB"),
    ("The Élysée said the talks would resume.", "Élysée", "FR"),
    ("“The talks will resume,” the White House said.", "White House", "US"),
    ("Washington said the talks would resume.", "Washington", "US"),
    ("Paris said the talks would resume.", "Paris", "FR"),
    ("Beijing said the talks would resume.", "Beijing", "CN"),
    ("The Norwegian Foreign Ministry said in a statement that the talks would resume.", "Norwegian Foreign Ministry",
     "NO"),
])
def test_country_of_an_institution_or_a_capital(body, speaker, country):
    st = one(body)
    assert (st.speaker, st.speaker_kind, st.country, st.organization) == (speaker, "organization", country, None)


def test_country_of_unnamed_officials_from_a_demonym():
    st = one("Swedish officials said the plan was too costly.")
    assert (st.speaker, st.speaker_kind, st.country) == (None, "anonymous", "SE")


# --- international bodies: no country, the organisation instead -------------------------------

@pytest.mark.parametrize("body,office,phrase,organization", [
    ("WHO spokeswoman Anna Lindqvist said the vaccine was safe.", "Spokesperson", "WHO spokeswoman", "WHO"),
    ("World Health Organization spokeswoman Anna Lindqvist said the vaccine was safe.", "Spokesperson",
     "World Health Organization spokeswoman", "WHO"),
    ("UN Secretary-General Jonas Pettersen said the ceasefire must hold.", "Secretary-General", "UN Secretary-General",
     "UN"),
    ("NATO Secretary-General Lars Eklund said the alliance would respond.", "Secretary-General",
     "NATO Secretary-General", "NATO"),
    ("IMF managing director Clara Vos said growth would slow.", "Managing Director", "IMF managing director", "IMF"),
])
def test_official_of_an_international_body(body, office, phrase, organization):
    st = one(body)
    assert st.speaker_kind == "person"
    assert facts(st)[1:] == (office, phrase, None, organization)


def test_iaea_title_is_not_part_of_the_name():
    st = one("IAEA chief Marek Zielinski said the inspectors would return.")
    assert facts(st) == ("Marek Zielinski", "Chief", "IAEA chief", None, "IAEA")


@pytest.mark.parametrize("body,speaker,organization", [
    ("The WHO said the vaccine was safe.", "WHO", "WHO"),
    ("The IAEA said the inspectors would return.", "IAEA", "IAEA"),
    ("The United Nations said the ceasefire must hold.", "UN", "UN"),
])
def test_international_body_as_speaker(body, speaker, organization):
    st = one(body)
    assert (st.speaker, st.speaker_kind, st.country, st.organization) == (speaker, "organization", None, organization)


def test_international_official_does_not_take_the_articles_country():
    # the article is about Norway (named twice), the WHO official still has no country
    sts = run("Norway reopened its schools on Monday. Norwegian officials said the plan had worked.\n\n"
              "WHO spokeswoman Anna Lindqvist said the vaccine was safe.")
    st = [s for s in sts if s.speaker == "Anna Lindqvist"][0]
    assert (st.country, st.organization) == (None, "WHO")


# --- the officials gazetteer (data/officials.csv), as of the statement's date -----------------

BLINKEN = ("“We’ll look at other ways to advance strategic stability with Russia,” Antony Blinken told "
           "National Public Radio.")


def _dated(line):
    return f"Strategic Stability\n\nby Jan Novak\n{line}\n\n"


def test_gazetteer_fills_office_and_country_left_out():
    st = one(BLINKEN, head=_dated("Feb 16, 2021"))
    assert (st.speaker, st.office, st.office_phrase, st.country) == ("Antony Blinken", "Secretary of State", None, "US")


def test_gazetteer_office_as_of_the_date():
    # officials.csv: Deputy Secretary of State 2015 to 2017-01-20, Secretary of State from 2021-01-26
    st = one(BLINKEN, head=_dated("Jun 1, 2016"))
    assert (st.office, st.country) == ("Deputy Secretary of State", "US")
    st = one(BLINKEN, head=_dated("Jun 1, 2019"))
    assert st.office is None


def test_gazetteer_knows_transliterated_aliases():
    body = "Last week, Sergey Ryabkov said Moscow was open to rejoining the Open Skies Treaty if the US is."
    st = one(body, head=_dated("Feb 16, 2021"))
    assert (st.office, st.country) == ("Deputy Foreign Minister", "RU")


def test_text_office_wins_over_the_gazetteer():
    body = ("Moscow’s deputy foreign minister for non-proliferation and arms control, Sergei Ryabkov, recently "
            "said Russia may be able to return to some of the many treaties shredded by the Trump administration "
            "– but not all of them.")
    st = one(body, head=_dated("Feb 16, 2021"))
    assert (st.speaker, st.office, st.country) == ("Sergei Ryabkov", "Deputy Foreign Minister", "RU")
    assert st.office_phrase == "Moscow’s deputy foreign minister for non-proliferation and arms control"


# --- every institution and international body in the data files ------------------------------

def _rows(name):
    import csv
    from conftest import ROOT
    with open(ROOT / "data" / "countries" / f"{name}.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))




def _as_speaker(name):
    """The first statement that makes NAME an organisation speaker, written with or without 'the'."""
    for body in (f"{name} said the talks would resume.", f"The {name} said the talks would resume."):
        sts = run(body)
        if sts and sts[0].speaker_kind == "organization" and sts[0].speaker:
            return sts[0]
    return sts[0] if sts else None


INSTITUTIONS = _rows("institutions")
INTERNATIONAL = _rows("international")


@pytest.mark.parametrize("row", INSTITUTIONS, ids=[r["name"] for r in INSTITUTIONS])
def test_every_institution_in_the_data_file(row):
    st = _as_speaker(row["name"])
    assert st is not None
    assert (st.speaker, st.speaker_kind, st.country) == (row["name"], "organization", row["country"])


@pytest.mark.parametrize("row", INTERNATIONAL, ids=[r["name"] for r in INTERNATIONAL])
def test_every_international_body_in_the_data_file(row):
    st = _as_speaker(row["name"])
    assert st is not None
    assert st.speaker in (row["name"], row["short"]) and st.speaker_kind == "organization"
    assert st.country is None and st.organization in (row["name"], row["short"])


# names a federal state or a bigger city elsewhere bears too (Australia's Victoria, Venezuela's Sucre,
# California's San Jose): tested below
CAPITALS_AMBIGUOUS = {"Victoria", "Sucre", "San Jose"}
CAPITALS = [r for r in _rows("capitals") if r["capital"] not in CAPITALS_AMBIGUOUS]
DEMONYMS = [r for r in _rows("demonyms") if not (r["word"].endswith("s") and not r["word"].endswith("ss"))]


@pytest.mark.parametrize("row", CAPITALS, ids=[r["capital"] for r in CAPITALS])
def test_every_capital_stands_for_its_government(row):
    st = one(f"{row['capital']} said the talks would resume.")
    assert (st.speaker, st.speaker_kind, st.country) == (row["capital"], "organization", row["country"])


@pytest.mark.parametrize("row", DEMONYMS, ids=[r["word"] for r in DEMONYMS])
def test_every_demonym_gives_its_country(row):
    st = one(f"{row['word']} Foreign Minister Tomas Berger said the talks would resume.")
    assert (st.speaker, st.office, st.country) == ("Tomas Berger", "Foreign Minister", row["country"])


# --- more office shapes ----------------------------------------------------------------------

def test_the_title_comma_name():
    st = one("The Russian deputy foreign minister, Dmitri Orlovsky, said the talks would resume.")
    assert facts(st) == ("Dmitri Orlovsky", "Deputy Foreign Minister", "The Russian deputy foreign minister", "RU", None)


def test_title_without_a_country_gives_no_country():
    st = one("President Klaus Wendt said the talks would resume.")
    assert facts(st) == ("Klaus Wendt", "President", "President", None, None)


def test_nominals_carry_each_persons_office():
    sts = run("Austrian President Klaus Wendt met Russian Deputy Foreign Minister Dmitri Orlovsky on Monday. "
              "“We are ready,” the president said. “So are we,” the deputy minister said.")
    assert [(s.speaker, s.speaker_phrase, s.office, s.country) for s in sts] == [
        ("Klaus Wendt", "the president", "President", "AT"),
        ("Dmitri Orlovsky", "the deputy minister", "Deputy Foreign Minister", "RU"),
    ]


@pytest.mark.parametrize("body,office,phrase,country", [
    ("Dmitri Orlovsky, Russia's ambassador to the United States, said the talks would resume.", "Ambassador",
     "Russia's ambassador to the United States", "RU"),
    ("The US ambassador to Russia, Nathan Corliss, said the talks would resume.", "Ambassador",
     "The US ambassador to Russia", "US"),
    ("Klaus Wendt, a senior adviser to the Austrian president, said the talks would resume.", "Adviser",
     "a senior adviser to the Austrian president", "AT"),
    ("Russia's Foreign Ministry spokeswoman Maria Orlova said the talks would resume.", "Spokesperson",
     "Russia's Foreign Ministry spokeswoman", "RU"),
])
def test_the_country_an_official_serves_not_the_one_they_are_sent_to(body, office, phrase, country):
    st = one(body)
    assert facts(st)[1:] == (office, phrase, country, None)


def test_the_articles_country_fills_speakers_without_one():
    sts = run("Norway reopened its schools on Monday. Norwegian teachers were relieved.\n\n"
              "Tomas Berger, the education minister, said the plan had worked. The union said the plan had worked too.")
    assert [(s.speaker, s.speaker_kind, s.country, s.office) for s in sts] == [
        ("Tomas Berger", "person", "NO", "Education Minister"), (None, "organization", "NO", None)]



def test_a_speakers_own_country_wins_over_the_articles():
    sts = run("Norway reopened its schools on Monday. Norwegian teachers were relieved.\n\n"
              "Klaus Wendt, Germany's education minister, said the plan had worked.")
    assert [(s.speaker, s.country) for s in sts] == [("Klaus Wendt", "DE")]


def test_gazetteer_uses_the_statements_date_not_the_articles():
    # the article is from 2021, the statement is dated 2016 by the text: the office held then
    body = ("“We’ll look at other ways to advance strategic stability with Russia,” Antony Blinken told National "
            "Public Radio in 2016.")
    st = one(body, head=_dated("Feb 16, 2021"))
    assert (st.date, st.office, st.country) == ("2016", "Deputy Secretary of State", "US")


@pytest.mark.parametrize("body", [
    "A statement from the Norwegian Foreign Ministry said the talks would resume.",
    "According to a statement from the Norwegian Foreign Ministry, the talks will resume.",
])
def test_a_statement_from_an_institution_is_the_institution_speaking(body):
    st = one(body)
    assert (st.speaker, st.speaker_kind, st.country) == ("Norwegian Foreign Ministry", "organization", "NO")


@pytest.mark.parametrize("word", ["Centre", "Est", "Littoral", "Bam", "Central"])
def test_a_common_word_that_names_a_subdivision_somewhere_gives_no_country(word):
    sts = run(f"Anna Lindqvist runs the {word} Policy Group. “We will publish the figures,” she said. The {word} "
              f"Policy Group has published them every year.")
    assert [s.country for s in sts] == [None]


def test_a_state_or_province_still_gives_its_country():
    st = one("Nova Scotia Premier Tomas Berger said the talks would resume.")
    assert st.country == "CA"


@pytest.mark.parametrize("place", sorted(CAPITALS_AMBIGUOUS))
def test_a_capital_whose_name_a_federal_state_or_a_big_city_elsewhere_bears_gives_no_country_alone(place):
    # the Seychelles' Victoria or Australia's, Costa Rica's San Jose or California's: the name alone cannot say
    sts = run(f"{place} said the talks would resume. A {place} official said the plan had worked.")
    assert [(s.speaker, s.speaker_kind, s.country) for s in sts] == [(place, "organization", None), (None, "anonymous", None)]


def test_an_ambiguous_capital_takes_the_country_the_article_is_about():
    sts = run("Australia reopened its schools on Monday. Australian teachers were relieved.\n\n"
              "Officials in Victoria said the plan had worked.")
    assert [(s.speaker_kind, s.country) for s in sts] == [("anonymous", "AU")]


def test_a_team_named_after_a_city_is_not_the_capital_of_the_same_name():
    st = one("The San Jose Sharks won in Denver. San Jose scored twice. “The game was close,” said Tomas Berger, "
             "the coach.")
    assert (st.speaker, st.country) == ("Tomas Berger", None)


def test_a_capital_with_its_own_spelling_still_gives_its_country():
    st = one("A San José official said the plan had worked.")
    assert st.country == "CR"
