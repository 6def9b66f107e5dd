"""One speakers row per person across articles (issue 4): name variants merge, namesakes do not.

Short articles are written to a temporary folder and loaded into a temporary database. The
Ryabkov articles quote words the real Sergei Ryabkov said (from the seed article in
../shared/seeds); everyone else is invented.
"""
import json

import sqlite_utils
from click.testing import CliRunner

from quotes.cli import cli
from quotes.load import load_articles
from quotes.readers import read_inputs


def write(folder, bodies, start_day=16):
    """One article per body, named a0.txt, a1.txt, ... (the order they are read and loaded in)."""
    folder.mkdir(exist_ok=True)
    paths = []
    for i, body in enumerate(bodies):
        p = folder / f"a{i}.txt"
        p.write_text(f"Arms Control Talks\n\nby Jan Novak\nFeb {start_day + i}, 2021\n\n{body}\n", encoding="utf-8")
        paths.append(p)
    return paths


def load(tmp_path, bodies):
    paths = write(tmp_path / "in", bodies)
    db = sqlite_utils.Database(str(tmp_path / "q.db"))
    report = load_articles(db, read_inputs([str(p) for p in paths]))
    assert report.errors == [] and report.loaded == len(bodies)
    return db


def speakers(db, kind="person"):
    return {r["id"]: r for r in db.query("select * from speakers where kind = ?", [kind])}


def quotes_by_doc(db):
    return {r["doc"]: r for r in db.query(
        "select a.doc, q.speaker_id, q.speaker, q.quote from quotes q join articles a on a.id = q.article_id")}


RYABKOV = [
    "Last week, Russian Deputy Foreign Minister Sergei Ryabkov said Moscow was open to rejoining the Open Skies "
    "Treaty if the US is.",
    "Sergey Ryabkov recently said Russia may be able to return to some of the many treaties shredded by the Trump "
    "administration – but not all of them.",
    "Ryabkov rejected the notion either nation could return to the INF in the form it was when it lapsed.",
]


def test_spelling_variants_and_surname_merge_into_one_speaker(tmp_path):
    db = load(tmp_path, RYABKOV)
    people = speakers(db)
    assert list(people) == ["sergei-ryabkov"]
    row = people["sergei-ryabkov"]
    assert row["name"] == "Sergei Ryabkov"
    assert {"Sergey Ryabkov", "Ryabkov"} <= set(json.loads(row["aliases"]))
    assert (row["country"], row["office"]) == ("RU", "Deputy Foreign Minister")
    q = quotes_by_doc(db)
    assert [q[f"a{i}.txt"]["speaker_id"] for i in range(3)] == ["sergei-ryabkov"] * 3
    # every statement shows the speaker's stored name, whatever the article wrote
    assert {r["speaker"] for r in q.values()} == {"Sergei Ryabkov"}


def test_a_bare_surname_loaded_before_the_full_name_merges_with_it(tmp_path):
    db = load(tmp_path, list(reversed(RYABKOV)))
    people = speakers(db)
    assert len(people) == 1, people
    row = next(iter(people.values()))
    assert row["name"] == "Sergei Ryabkov" and "Ryabkov" in json.loads(row["aliases"])
    q = quotes_by_doc(db)
    assert {r["speaker_id"] for r in q.values()} == {row["id"]}
    assert {r["speaker"] for r in q.values()} == {"Sergei Ryabkov"}


def test_merging_through_the_command_line(tmp_path):
    paths = write(tmp_path / "in", RYABKOV)
    db_path = str(tmp_path / "q.db")
    result = CliRunner().invoke(cli, ["load", str(tmp_path / "in"), "--db", db_path])
    assert result.exit_code == 0, result.output
    db = sqlite_utils.Database(db_path)
    assert [r["name"] for r in db.query("select name from speakers where kind = 'person'")] == ["Sergei Ryabkov"]
    assert db["quotes"].count == len(paths)
    # loading the same files again changes nothing
    assert CliRunner().invoke(cli, ["load", str(tmp_path / "in"), "--db", db_path]).exit_code == 0
    assert db["speakers"].count == 1 and db["quotes"].count == len(paths)


def test_transliteration_variants_of_a_name_not_in_the_gazetteer_merge(tmp_path):
    db = load(tmp_path, [
        "Deputy Foreign Minister Dmitri Orlovsky said the talks would resume in April.",
        "Dmitry Orlovsky, Russia's deputy foreign minister, said the talks would resume in April.",
        "Orlovsky said the talks would resume in April.",
    ])
    people = speakers(db)
    assert list(people) == ["dmitri-orlovsky"]
    assert {"Dmitry Orlovsky", "Orlovsky"} <= set(json.loads(people["dmitri-orlovsky"]["aliases"]))
    assert people["dmitri-orlovsky"]["country"] == "RU"


def test_same_surname_different_first_names_stay_apart(tmp_path):
    db = load(tmp_path, [
        "Deputy Foreign Minister Dmitri Orlovsky said the talks would resume in April.",
        "Anna Orlovsky, a Polish economist, said the plan was too costly.",
    ])
    people = speakers(db)
    assert sorted(p["name"] for p in people.values()) == ["Anna Orlovsky", "Dmitri Orlovsky"]
    q = quotes_by_doc(db)
    assert q["a0.txt"]["speaker_id"] != q["a1.txt"]["speaker_id"]


def test_same_surname_different_countries_stay_apart(tmp_path):
    db = load(tmp_path, [
        "German Finance Minister Klaus Wendt said the plan was too costly.",
        "Wendt, Austria's trade commissioner, said the talks would resume.",
    ])
    people = speakers(db)
    assert len(people) == 2
    assert sorted(p["country"] for p in people.values()) == ["AT", "DE"]


def test_a_bare_surname_is_not_given_to_one_of_two_namesakes(tmp_path):
    db = load(tmp_path, [
        "Deputy Foreign Minister Dmitri Orlovsky said the talks would resume in April.",
        "Anna Orlovsky, a Polish economist, said the plan was too costly.",
        "Orlovsky said the offer was welcome.",
    ])
    q = quotes_by_doc(db)
    assert q["a2.txt"]["speaker_id"] not in (q["a0.txt"]["speaker_id"], q["a1.txt"]["speaker_id"])


def test_within_one_article_one_row_under_the_fullest_name(tmp_path):
    db = load(tmp_path, [
        "“We are ready,” Orlovsky told reporters.\n\n"
        "Dmitri Orlovsky, a deputy foreign minister, later said the talks would resume.\n\n"
        "“Nobody should expect miracles,” the diplomat said.",
    ])
    assert [p["name"] for p in speakers(db).values()] == ["Dmitri Orlovsky"]
    assert [r["speaker"] for r in db.query("select speaker from quotes order by position")] == ["Dmitri Orlovsky"] * 3


def test_organisations_merge_across_articles_and_stay_apart_from_people(tmp_path):
    db = load(tmp_path, [
        "The Kremlin said the talks would resume in April.",
        "“The offer is welcome,” the Kremlin said.",
        "Kremlin spokesman Pavel Strogin said the talks would resume in April.",
    ])
    orgs = speakers(db, "organization")
    assert [(o["name"], o["country"]) for o in orgs.values()] == [("Kremlin", "RU")]
    assert [p["name"] for p in speakers(db).values()] == ["Pavel Strogin"]
    assert db.execute("select count(*) from quotes where speaker_id = ?", [next(iter(orgs))]).fetchone()[0] == 2


def test_anonymous_sources_get_no_speakers_row(tmp_path):
    db = load(tmp_path, ["A senior official said the talks would resume in April.",
                         "A senior official said the plan was too costly."])
    assert db["speakers"].count == 0
    assert [r["speaker_id"] for r in db.query("select speaker_id from quotes")] == [None, None]


def test_gazetteer_aliases_merge_under_the_gazetteer_name(tmp_path):
    db = load(tmp_path, [
        "“We’ll look at other ways to advance strategic stability with Russia,” US Secretary of State Antony "
        "Blinken told US National Public Radio in a Tuesday interview.",
        "“It’s very, I think, clear to the world where the concerns that we have with Russia’s behavior and "
        "Russia’s actions,” Tony Blinken told NPR.",
    ])
    people = speakers(db)
    assert list(people) == ["antony-blinken"]
    row = people["antony-blinken"]
    assert (row["name"], row["country"], row["office"], row["wikidata"]) == (
        "Antony Blinken", "US", "Secretary of State", "Q7821917")
    assert "Tony Blinken" in json.loads(row["aliases"])


def test_an_initial_merges_with_the_full_first_name(tmp_path):
    db = load(tmp_path, ["Deputy Foreign Minister Dmitri Orlovsky said the talks would resume in April.",
                         "D. Orlovsky said the talks would resume in April."])
    assert [p["name"] for p in speakers(db).values()] == ["Dmitri Orlovsky"]
    assert {r["speaker"] for r in db.query("select speaker from quotes")} == {"Dmitri Orlovsky"}


def test_an_initial_does_not_merge_with_another_first_name(tmp_path):
    db = load(tmp_path, ["Deputy Foreign Minister Dmitri Orlovsky said the talks would resume in April.",
                         "K. Orlovsky said the plan was too costly."])
    q = quotes_by_doc(db)
    assert q["a0.txt"]["speaker_id"] != q["a1.txt"]["speaker_id"]


def test_ministries_of_two_countries_stay_apart(tmp_path):
    db = load(tmp_path, ["The Russian Foreign Ministry said the talks would resume.",
                         "The French Foreign Ministry said the talks would resume."])
    orgs = speakers(db, "organization")
    assert sorted((o["name"], o["country"]) for o in orgs.values()) == [
        ("Foreign Ministry (France)", "FR"), ("Foreign Ministry (Russia)", "RU")]


def test_a_generic_institution_is_one_speaker_per_country(tmp_path):
    db = load(tmp_path, [
        "The Russian Foreign Ministry said on Monday the talks had failed. Officials in Moscow met again. "
        "The Foreign Ministry said the talks would resume.",
        "In Oslo, the Foreign Ministry said Norway would host the talks. Norway has hosted such talks before.",
        "The Kremlin said the talks had failed.",
    ])
    orgs = {r["name"]: r for r in speakers(db, "organization").values()}
    assert set(orgs) == {"Foreign Ministry (Russia)", "Foreign Ministry (Norway)", "Kremlin"}
    assert (orgs["Foreign Ministry (Russia)"]["country"], orgs["Foreign Ministry (Norway)"]["country"]) == ("RU", "NO")
    assert "Russian Foreign Ministry" in json.loads(orgs["Foreign Ministry (Russia)"]["aliases"])
