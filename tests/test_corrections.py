"""Corrections by people: checked, recorded, and kept through every later load of their article."""
import asyncio
import csv
import shutil

import pytest
import sqlite_utils
from click.testing import CliRunner

from conftest import SAMPLES
from quotes.cli import cli

ARTICLE = SAMPLES / "001_arms_talks_geneva.txt"
REGRET = "We regret the US withdrawal from the treaty, and we said so at the time"
TALK = "We take Moscow at its word"
GENEVA = "the next round of consultations would take place in Geneva in April"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def loaded(tmp_path):
    """A folder with one sample article, loaded into quotes.db: (article path, db path)."""
    folder = tmp_path / "in"
    folder.mkdir()
    src = folder / ARTICLE.name
    shutil.copy(ARTICLE, src)
    db_path = tmp_path / "quotes.db"
    r = run("load", folder, "--db", db_path)
    assert r.exit_code == 0, r.output
    return src, db_path


def qid(db_path, start):
    rows = sqlite_utils.Database(db_path).execute("select id from quotes where quote like ?", [start + "%"]).fetchall()
    assert len(rows) == 1, (start, rows)
    return rows[0][0]


def quote(db_path, quote_id):
    db = sqlite_utils.Database(db_path)
    rows = list(db.query("select * from quotes where id = ?", [quote_id]))
    return rows[0] if rows else None


def correct(db_path, *args, by="Ana Checker"):
    r = run("correct", *args, "--by", by, "--db", db_path)
    assert r.exit_code == 0, r.output
    return r


def corrected_state(db_path, regret, talk):
    db = sqlite_utils.Database(db_path)
    a, b = quote(db_path, regret), quote(db_path, talk)
    # the main position is on the quote and in the stances table alike; other positions stay as extracted
    stances = {r["target"]: r["stance"] for r in db.query("select * from stances where quote_id = ?", [regret])}
    speaker = db["speakers"].get(b["speaker_id"])
    return {
        "regret": (a["stance"], a["stance_target"], a["office"], a["reviewed"]),
        "regret_stances": stances.get(a["stance_target"]),
        "talk": (b["speaker"], b["speaker_id"], b["country"], b["date"], b["date_precision"], b["year"], b["reviewed"]),
        "speaker_row": (speaker["name"], speaker["kind"]),
    }


def make_corrections(db_path):
    regret, talk = qid(db_path, REGRET), qid(db_path, TALK)
    correct(db_path, regret, "stance", "favor", "--note", "for the treaty, against the withdrawal")
    correct(db_path, regret, "stance_target", "the INF treaty")
    correct(db_path, regret, "office", "Deputy Foreign Minister")
    correct(db_path, talk, "speaker", "Helen Marsh")
    correct(db_path, talk, "country", "gb")
    correct(db_path, talk, "date", "2021-03")
    return regret, talk


EXPECTED = {
    "regret": ("favor", "INF Treaty", "Deputy Foreign Minister", 1),
    "regret_stances": "favor",
    "talk": ("Helen Marsh", "helen-marsh", "GB", "2021-03", "month", 2021, 1),
    "speaker_row": ("Helen Marsh", "person"),
}


def test_a_correction_is_applied_and_recorded(loaded):
    _, db_path = loaded
    db = sqlite_utils.Database(db_path)
    extracted_target = quote(db_path, qid(db_path, REGRET))["stance_target"]
    regret, talk = make_corrections(db_path)
    assert corrected_state(db_path, regret, talk) == EXPECTED
    if extracted_target != "INF Treaty":  # the main target the machine chose is no longer a position taken
        assert not db.execute("select 1 from stances where quote_id = ? and target = ?",
                              [regret, extracted_target]).fetchall()
    rows = list(db.query("select * from corrections where quote_id = ? order by id", [regret]))
    assert [r["field"] for r in rows] == ["stance", "stance_target", "office"]
    first = rows[0]
    assert first["value"] == "favor" and first["previous"] and first["corrected_by"] == "Ana Checker"
    assert first["corrected_at"] and first["note"] == "for the treaty, against the withdrawal"
    assert first["quote"].startswith(REGRET)
    # the speaker's page lists the statement under the corrected speaker
    assert db.execute("select count(*) from quotes where speaker_id = 'helen-marsh'").fetchone()[0] == 1
    # statements nobody corrected are not reviewed
    assert db.execute("select count(*) from quotes where reviewed = 1").fetchone()[0] == 2


def test_corrections_survive_loading_the_same_file_again_and_re_extraction(loaded):
    src, db_path = loaded
    regret, talk = make_corrections(db_path)
    for _ in range(2):
        r = run("load", src.parent, "--db", db_path)
        assert r.exit_code == 0, r.output
        assert corrected_state(db_path, regret, talk) == EXPECTED
    # a new extractor version extracts the article again: the extracted values come back, then the corrections
    db = sqlite_utils.Database(db_path)
    db.execute("update articles set extractor = 'quotes 0.0.1'")
    db.conn.commit()
    r = run("load", src.parent, "--db", db_path)
    assert "1 articles loaded" in r.output
    assert corrected_state(db_path, regret, talk) == EXPECTED
    assert db["corrections"].count == 6


def test_corrections_survive_a_changed_version_of_the_article(loaded):
    src, db_path = loaded
    regret, talk = make_corrections(db_path)
    text = src.read_text(encoding="utf-8")
    changed = text.replace("The remarks come weeks after", "The remarks came three weeks after") + \
        "\n“We will read the proposal carefully,” said Lena Varga, a spokeswoman for the alliance.\n"
    assert changed != text
    src.write_text(changed, encoding="utf-8")
    r = run("load", src.parent, "--db", db_path)
    assert r.exit_code == 0 and "1 articles loaded" in r.output, r.output
    db = sqlite_utils.Database(db_path)
    assert db.execute("select count(*) from quotes where quote like 'We will read the proposal%'").fetchone()[0] == 1
    assert db["articles"].count == 1  # replaced in place, not stored beside the first version
    assert corrected_state(db_path, regret, talk) == EXPECTED
    # and again, unchanged
    assert run("load", src.parent, "--db", db_path).exit_code == 0
    assert corrected_state(db_path, regret, talk) == EXPECTED
    assert run("corrections", "--orphans", "--db", db_path).output.startswith("0 corrections")


def test_a_correction_follows_its_quote_when_a_typo_in_it_is_fixed(loaded):
    src, db_path = loaded
    regret = qid(db_path, REGRET)
    correct(db_path, regret, "stance_target", "INF Treaty")
    src.write_text(src.read_text(encoding="utf-8").replace("and we said so at", "and we said as much at"),
                   encoding="utf-8")
    assert run("load", src.parent, "--db", db_path).exit_code == 0
    assert quote(db_path, regret) is None  # the quote text changed, so did its id
    moved = qid(db_path, "We regret the US withdrawal")
    assert quote(db_path, moved)["stance_target"] == "INF Treaty" and quote(db_path, moved)["reviewed"] == 1
    db = sqlite_utils.Database(db_path)
    assert [r["quote_id"] for r in db.query("select quote_id from corrections")] == [moved]


def test_a_correction_of_a_quote_gone_from_the_article_is_kept_and_reported(loaded):
    src, db_path = loaded
    gone = qid(db_path, GENEVA)
    correct(db_path, gone, "country", "US")
    text = src.read_text(encoding="utf-8")
    src.write_text(text.replace("The State Department said separately that " + GENEVA + ".", ""), encoding="utf-8")
    assert run("load", src.parent, "--db", db_path).exit_code == 0
    assert quote(db_path, gone) is None
    db = sqlite_utils.Database(db_path)
    kept = list(db.query("select * from corrections where quote_id = ?", [gone]))
    assert len(kept) == 1 and kept[0]["value"] == "US"
    r = run("corrections", "--orphans", "--db", db_path)
    assert r.exit_code == 0
    assert gone in r.output and ARTICLE.name in r.output and "1 corrections" in r.output
    # the full listing still has it
    assert gone in run("corrections", "--db", db_path).output


def test_not_a_statement_stays_removed_until_corrected_back(loaded):
    src, db_path = loaded
    geneva = qid(db_path, GENEVA)
    n = sqlite_utils.Database(db_path)["quotes"].count
    correct(db_path, geneva, "is_statement", "no", "--note", "a schedule, not a position")
    db = sqlite_utils.Database(db_path)
    assert quote(db_path, geneva) is None and db["quotes"].count == n - 1
    db.execute("update articles set extractor = 'quotes 0.0.1'")
    db.conn.commit()
    assert run("load", src.parent, "--db", db_path).exit_code == 0
    assert quote(db_path, geneva) is None
    assert run("corrections", "--orphans", "--db", db_path).output.startswith("0 corrections")
    r = run("correct", geneva, "stance", "favor", "--by", "x", "--db", db_path)
    assert r.exit_code == 1 and "not a statement" in r.output
    correct(db_path, geneva, "is_statement", "yes")
    assert run("load", src.parent, "--db", db_path).exit_code == 0
    assert quote(db_path, geneva)["reviewed"] == 1


@pytest.mark.parametrize("args, message", [
    (["0000000000000000", "stance", "favor"], "no statement with id '0000000000000000'"),
    (["QID", "colour", "red"], "unknown field 'colour'"),
    (["QID", "stance", "positive"], "stance 'positive' is not one of favor, against, neutral, mixed"),
    (["QID", "country", "Russia"], "country 'Russia' is not an ISO 3166-1 alpha-2 code (did you mean RU?)"),
    (["QID", "country", "ZZ"], "country 'ZZ' is not an ISO 3166-1 alpha-2 code"),
    (["QID", "date", "2021-02-30"], "date '2021-02-30' is not a date written YYYY-MM-DD, YYYY-MM or YYYY"),
    (["QID", "date", "18 March 2021"], "is not a date written YYYY-MM-DD"),
    (["QID", "is_statement", "maybe"], "is_statement 'maybe' is not yes or no"),
])
def test_bad_corrections_are_refused_in_one_line(loaded, args, message):
    _, db_path = loaded
    args = [qid(db_path, REGRET) if a == "QID" else a for a in args]
    r = run("correct", *args, "--by", "Ana", "--db", db_path)
    assert r.exit_code == 1
    assert message in r.output and len(r.output.strip().splitlines()) == 1, r.output
    assert sqlite_utils.Database(db_path)["corrections"].count == 0
    assert run("correct", qid(db_path, REGRET), "stance", "favor", "--db", db_path).exit_code == 1  # no --by


def test_csv_import_applies_the_good_rows_and_names_the_bad_one(loaded, tmp_path):
    _, db_path = loaded
    regret, talk, geneva = qid(db_path, REGRET), qid(db_path, TALK), qid(db_path, GENEVA)
    path = tmp_path / "fixes.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["quote_id", "field", "value", "note", "corrected_by"])
        w.writerow([regret, "stance", "favor", "", ""])
        w.writerow([talk, "country", "United Kingdom", "", ""])  # line 3: not a code
        w.writerow([geneva, "date", "2021-04", "announced for April", "Bo Analyst"])
    r = run("correct", "--csv", path, "--by", "Ana", "--db", db_path)
    assert r.exit_code == 1
    assert "line 3: field country: country 'United Kingdom' is not an ISO 3166-1 alpha-2 code" in r.output
    assert "2 corrections applied, 1 rows failed" in r.output
    assert quote(db_path, regret)["stance"] == "favor" and quote(db_path, regret)["reviewed"] == 1
    assert quote(db_path, geneva)["date"] == "2021-04" and quote(db_path, geneva)["year"] == 2021
    assert quote(db_path, talk)["reviewed"] == 0
    db = sqlite_utils.Database(db_path)
    assert [(r["field"], r["corrected_by"], r["note"]) for r in db.query("select * from corrections order by id")] == [
        ("stance", "Ana", None), ("date", "Bo Analyst", "announced for April")]
    # the line and the column at fault, whatever is wrong with a row
    more = tmp_path / "more.csv"
    more.write_text(f"quote_id,field,value\n0000000000000000,stance,favor\n{regret},colour,red\n,stance,favor\n"
                    f"{regret},stance,against\n", encoding="utf-8")
    r = run("correct", "--csv", more, "--db", db_path)
    assert r.exit_code == 1
    assert "line 2: quote_id: no statement with id '0000000000000000'" in r.output
    assert "line 3: field colour: unknown field 'colour'" in r.output
    assert "line 4: quote_id: no statement id" in r.output
    assert "line 5: corrected_by: a correction needs the name of who made it" in r.output
    assert "0 corrections applied, 4 rows failed" in r.output
    # a file without the needed columns is refused as a whole
    bad = tmp_path / "bad.csv"
    bad.write_text("id,field\nx,stance\n", encoding="utf-8")
    r = run("correct", "--csv", bad, "--by", "Ana", "--db", db_path)
    assert r.exit_code == 1 and "no quote_id, value column" in r.output


def test_the_site_shows_reviewed_and_the_corrections(loaded):
    from quotes.site import make_datasette

    _, db_path = loaded
    regret, talk = make_corrections(db_path)
    ds = make_datasette(db_path)

    async def get(path):
        return await ds.client.get(path)

    r = asyncio.run(get(f"/quotes/quotes/{regret}.json?_shape=array"))
    assert r.status_code == 200, r.text[:500]
    assert r.json()[0]["reviewed"] == 1 and r.json()[0]["stance_target"] == "INF Treaty"
    data = asyncio.run(get("/quotes/quotes.json?reviewed=1&_shape=objects")).json()
    assert {row["id"] for row in data["rows"]} == {regret, talk}
    facet = {f["value"]: f["count"] for f in data["facet_results"]["reviewed"]["results"]}
    assert facet == {1: 2}
    page = asyncio.run(get(f"/quotes/quotes/{regret}"))
    assert page.status_code == 200
    assert "Corrections" in page.text and "Ana Checker" in page.text and "INF Treaty" in page.text
    assert "for the treaty, against the withdrawal" in page.text
    speaker = asyncio.run(get("/speaker/helen-marsh"))
    assert speaker.status_code == 200 and "We take Moscow at its word" in speaker.text


def test_parallel_loads_keep_corrections(loaded):
    src, db_path = loaded
    regret, talk = make_corrections(db_path)
    src.write_text(src.read_text(encoding="utf-8").replace("The remarks come weeks after", "Weeks after that,"),
                   encoding="utf-8")
    r = run("load", src.parent, "--db", db_path, "--jobs", 2)
    assert r.exit_code == 0 and "1 articles loaded" in r.output, r.output
    assert corrected_state(db_path, regret, talk) == EXPECTED
    assert_changed_in_place(db_path)


def test_a_speaker_can_be_corrected_to_a_group(loaded):
    # extraction gives groups ("residents", "24 percent of voters"); a checker may say a speaker is one
    _, db_path = loaded
    q = qid(db_path, REGRET)
    correct(db_path, q, "speaker", "Harbour residents")
    correct(db_path, q, "speaker_kind", "group")
    db = sqlite_utils.Database(db_path)
    row = quote(db_path, q)
    assert (row["speaker"], row["speaker_kind"]) == ("Harbour residents", "group")
    assert db["speakers"].get(row["speaker_id"])["kind"] == "group"
    r = run("correct", q, "speaker_kind", "crowd", "--by", "Ana", "--db", db_path)
    assert r.exit_code == 1 and "is not one of person, organization, group, anonymous" in r.output


def test_a_value_can_be_cleared(loaded):
    src, db_path = loaded
    talk = qid(db_path, TALK)
    assert quote(db_path, talk)["office"]
    correct(db_path, talk, "office", "")
    correct(db_path, talk, "date", "")
    assert run("load", src.parent, "--db", db_path).exit_code == 0
    q = quote(db_path, talk)
    assert (q["office"], q["date"], q["year"], q["date_precision"], q["reviewed"]) == (None, None, None, None, 1)


def test_a_database_from_before_gets_the_new_columns(loaded):
    _, db_path = loaded
    db = sqlite_utils.Database(db_path)
    db["corrections"].drop()
    db["corrections"].create({"id": int, "quote_id": str, "field": str, "value": str, "previous": str,
                              "corrected_by": str, "corrected_at": str, "note": str}, pk="id")
    regret = qid(db_path, REGRET)
    correct(db_path, regret, "stance", "against")
    assert quote(db_path, regret)["stance"] == "against"
    row = next(db.query("select * from corrections"))
    assert row["quote"].startswith(REGRET) and row["article_id"] == quote(db_path, regret)["article_id"]


def test_merged_extraction_records_keep_corrections(loaded, tmp_path):
    src, db_path = loaded
    regret, talk = make_corrections(db_path)
    src.write_text(src.read_text(encoding="utf-8").replace("The remarks come weeks after", "Weeks after that,"),
                   encoding="utf-8")
    r = CliRunner().invoke(cli, ["extract", str(src), "--format", "records"])
    assert r.exit_code == 0
    records = tmp_path / "shard.jsonl"
    records.write_text(r.output, encoding="utf-8")
    r = run("merge", records, "--db", db_path)
    assert r.exit_code == 0 and "1 articles loaded" in r.output, r.output
    assert corrected_state(db_path, regret, talk) == EXPECTED
    assert_changed_in_place(db_path)


def assert_changed_in_place(db_path):
    """The changed version replaced the article (same identity), it was not stored beside it."""
    db = sqlite_utils.Database(db_path)
    assert [r["text"].count("Weeks after that,") for r in db.query("select text from articles")] == [1]
