"""Bad input through the command line: one clear line per problem naming the file, the rest loads,
nothing stored is lost, the exit code says whether anything failed, and never a traceback."""
import json
import shutil

import pytest
import sqlite_utils
from click.testing import CliRunner

from quotes.cli import cli
from quotes.resources import data_path

SAMPLES = sorted(data_path("articles").glob("*.txt"))


def run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=True)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def error_lines(result):
    return [l for l in result.output.splitlines() if l.startswith(("Error:", "Warning:"))]


def counts(db_path):
    db = sqlite_utils.Database(db_path)
    return {t: db[t].count for t in ("articles", "quotes", "speakers", "stances")}


@pytest.fixture
def good(tmp_path):
    d = tmp_path / "good"
    d.mkdir()
    for p in SAMPLES[:3]:
        shutil.copy(p, d / p.name)
    return d


def make_bad(d):
    """The catalogue of bad inputs in the README, one file each; returns {file name: expected problem}."""
    d.mkdir()
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.txt").write_text("  \n\n \t\n")
    (d / "photo.txt").write_bytes(bytes(range(256)) * 40)
    (d / "latin9.txt").write_bytes(b"Talks\nMar 5, 2024\n\nThe \x81\x8d\x8f minister spoke.\n")
    with open(d / "huge.txt", "wb") as f:  # 50 MB
        f.truncate(50 * 1024 * 1024)
    (d / "deep.html").write_text("<html><body>" + "<div>" * 20000 + "<p>" + "A paragraph of the body. " * 10
                                 + "</p>" + "</div>" * 20000 + "</body></html>")
    (d / "menu.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    (d / "feed.jsonl").write_text(json.dumps({"text": "“Fine,” said Ana Lopes.", "url": "https://x.example/ok"})
                                  + "\n{not json\n" + json.dumps({"title": "no text"}) + "\n"
                                  + json.dumps({"text": "x" * (11 * 1024 * 1024)}) + "\n"
                                  + json.dumps({"text": "“Later,” said Ana Lopes.", "url": "https://x.example/ok2"}))
    (d / "sheet.csv").write_text("headline,author\nA,B\n")
    (d / "rows.csv").write_text("quote,speaker,date\nGood words,Ana Lopes,2024-03-05\nBad date,Ana Lopes,someday\n")
    return {
        "empty.txt": "empty file", "blank.txt": "empty file", "photo.txt": "binary file, not text",
        "latin9.txt": "neither UTF-8, UTF-16 nor Windows-1252 text; convert it to UTF-8",
        "huge.txt": "file too large for an article (50 MB; the limit is 10 MB)",
        "deep.html": "no article text found in the HTML page (only scripts, menus or markup nested more than 255 "
                     "levels deep)",
        "menu.html": "no article text found in the HTML page",
        "feed.jsonl:2": "not valid JSON (Expecting property name enclosed in double quotes)",
        "feed.jsonl:3": "no \"text\" field with the article body",
        "feed.jsonl:4": "line longer than 10 MB",
        "sheet.csv:1": "missing columns quote, speaker (columns found: headline, author)",
        "rows.csv:3": "date 'someday' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)",
    }


def test_each_bad_input_gets_one_line_and_the_rest_loads(tmp_path, good):
    expected = make_bad(tmp_path / "bad")
    db = tmp_path / "q.db"
    result = run("load", good, tmp_path / "bad", tmp_path / "missing.txt", "--db", db)
    assert result.exit_code == 1
    lines = error_lines(result)
    want = [f"Error: {tmp_path / 'bad' / k}: {v}" for k, v in expected.items()]
    want.append(f"Error: {tmp_path / 'missing.txt'}: no such file or directory")
    assert sorted(lines) == sorted(want)
    c = counts(db)
    # the three sample articles, the two good JSON lines and the good CSV row are stored
    assert c["articles"] == 6
    stored = sqlite_utils.Database(db)
    assert stored.execute("select count(*) from quotes where type = 'curated'").fetchone()[0] == 1
    assert stored.execute("select count(*) from articles where url like 'https://x.example/ok%'").fetchone()[0] == 2
    assert f"{c['articles']} articles loaded" in result.output and "13 inputs failed" in result.output


def test_bad_input_never_loses_what_is_stored(tmp_path, good):
    db = tmp_path / "q.db"
    assert run("load", good, "--db", db).exit_code == 0
    before = counts(db)
    # the same file names, now broken: the stored versions stay
    broken = tmp_path / "broken"
    broken.mkdir()
    for p in good.iterdir():
        (broken / p.name).write_bytes(b"" if p.name < SAMPLES[1].name else b"\x00\x01\x02" * 100)
    result = run("load", broken, "--db", db)
    assert result.exit_code == 1 and len(error_lines(result)) == 3
    assert counts(db) == before
    again = run("load", good, "--db", db)
    assert again.exit_code == 0 and "0 articles loaded, 3 unchanged" in again.output


def test_exit_code_is_zero_when_nothing_failed_even_with_warnings(tmp_path):
    p = tmp_path / "old.txt"
    p.write_bytes("Talks\nMar 5, 2024\n\n“We will not sign,” said Foreign Minister Ana Lopes at the Café.\n"
                  .encode("cp1252"))
    result = run("load", p, "--db", tmp_path / "q.db")
    assert result.exit_code == 0
    assert error_lines(result) == [f"Warning: {p}: not UTF-8: read as cp1252"]
    row = sqlite_utils.Database(tmp_path / "q.db").execute("select encoding, text from articles").fetchone()
    assert row[0] == "cp1252" and "Café" in row[1]


def test_extract_prints_curated_rows_and_fails_on_bad_ones(tmp_path):
    p = tmp_path / "desk.csv"
    p.write_text("quote,speaker,country,stance,stance_target\nWe will not sign.,Ana Lopes,PT,against,the pact\n"
                 "Oops,,PT,,\n")
    result = run("extract", p)
    assert result.exit_code == 1
    out = [json.loads(l) for l in result.output.splitlines() if l.startswith("{")]
    assert [(o["quote"], o["speaker"], o["type"], o["country"], o["stance"]) for o in out] == [
        ("We will not sign.", "Ana Lopes", "curated", "PT", "against")]
    assert error_lines(result) == [f"Error: {p}:3: speaker is empty"]


def test_curated_quotes_merge_with_extracted_speakers_and_reload_idempotently(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("Pact in doubt\nMar 5, 2024\n\n“We will not sign this pact,” Foreign Minister Ana Lopes said "
                   "on Tuesday.\n")
    csv = tmp_path / "desk.csv"
    csv.write_text("quote,speaker,office,country,date,stance,stance_target\n"
                   "Portugal wants a better deal.,Ana Lopes,Foreign Minister,PT,2024-03-06,against,the pact\n")
    db = tmp_path / "q.db"
    assert run("load", art, csv, "--db", db).exit_code == 0
    stored = sqlite_utils.Database(db)
    speakers = {r[0] for r in stored.execute("select speaker_id from quotes")}
    assert speakers == {"ana-lopes"} and stored["speakers"].count == 1
    row = stored.execute("select type, reviewed, year, stance from quotes where quote like 'Portugal%'").fetchone()
    assert row == ("curated", 1, 2024, "against")
    first = counts(db)
    assert "0 articles loaded, 2 unchanged" in run("load", art, csv, "--db", db).output
    # a changed CSV replaces its own quotes only
    csv.write_text("quote,speaker\nOnly this now.,Kwame Mensah\n")
    assert run("load", csv, "--db", db).exit_code == 0
    quotes = {r[0] for r in stored.execute("select quote from quotes")}
    assert "Only this now." in quotes and "Portugal wants a better deal." not in quotes
    assert any(q.startswith("We will not sign") for q in quotes)
    assert counts(db)["articles"] == first["articles"]


def test_verify_finds_statements_that_no_longer_match(tmp_path, good):
    db = tmp_path / "q.db"
    run("load", good, "--db", db)
    ok = run("verify", "--db", db)
    n = sqlite_utils.Database(db)["quotes"].count
    assert ok.exit_code == 0 and f"{n} statements checked, 0 problems" in ok.output
    stored = sqlite_utils.Database(db)
    qid, aid, start, quote = stored.execute(
        "select id, article_id, start, quote from quotes where type = 'direct' order by id limit 1").fetchone()
    # someone edits the stored text by hand: the quote's first word changes under it
    stored.execute("update articles set text = substr(text, 1, ?) || 'X' || substr(text, ?) where id = ?",
                   [start, start + 2, aid])
    stored.conn.commit()
    bad = run("verify", "--db", db)
    assert bad.exit_code == 1
    lines = bad.output.splitlines()
    assert any(l.startswith(f"statement {qid} in ") and "not the stored quote" in l for l in lines)
    assert any("text changed since it was loaded" in l for l in lines)


def test_verify_on_a_file_that_is_not_a_database(tmp_path):
    p = tmp_path / "notes.db"
    p.write_text("not sqlite at all, just words")
    result = run("verify", "--db", p)
    assert result.exit_code == 1 and "not a usable SQLite database" in result.output


def test_load_into_a_file_that_is_not_a_database(tmp_path, good):
    p = tmp_path / "notes.db"
    p.write_text("not sqlite at all, just words")
    result = run("load", good, "--db", p)
    assert result.exit_code == 1 and "not a usable SQLite database" in result.output
    assert p.read_text() == "not sqlite at all, just words"


def test_a_csv_with_no_good_row_leaves_its_stored_quotes(tmp_path):
    csv = tmp_path / "desk.csv"
    csv.write_text("quote,speaker\nKeep me.,Ana Lopes\n")
    db = tmp_path / "q.db"
    assert run("load", csv, "--db", db).exit_code == 0
    csv.write_text("quote,speaker\n,Ana Lopes\nNo speaker,\n")
    result = run("load", csv, "--db", db)
    assert result.exit_code == 1
    assert error_lines(result) == [f"Error: {csv}:2: quote is empty", f"Error: {csv}:3: speaker is empty",
                                   f"Error: {csv}: no quote in this file could be loaded"]
    assert [r[0] for r in sqlite_utils.Database(db).execute("select quote from quotes")] == ["Keep me."]


def test_a_database_error_mid_load_is_one_line_and_keeps_what_was_stored(tmp_path, good, monkeypatch):
    import sqlite3

    import quotes.load

    real, calls = quotes.load.store_article, []

    def flaky(db, article, statements, *a, **k):
        calls.append(article.doc)
        if len(calls) == 2:
            raise sqlite3.OperationalError("database is locked")
        return real(db, article, statements, *a, **k)

    monkeypatch.setattr(quotes.load, "store_article", flaky)
    try:  # whichever loader `quotes load` uses
        import quotes.parallel

        monkeypatch.setattr(quotes.parallel, "store_article", flaky)
    except ImportError:
        pass
    db = tmp_path / "q.db"
    result = run("load", good, "--db", db)
    assert result.exit_code == 1 and f"Error: {db}: database is locked" in result.output
    assert [r[0] for r in sqlite_utils.Database(db).execute("select doc from articles")] == [calls[0]]


def test_extract_reads_json_lines_on_stdin_and_names_bad_lines():
    lines = [json.dumps({"text": "“We will not sign,” said Foreign Minister Ana Lopes.", "id": "a1"}), "{oops"]
    result = CliRunner().invoke(cli, ["extract", "-"], input="\n".join(lines) + "\n")
    assert result.exit_code == 1 and "Traceback" not in result.output
    out = [json.loads(l) for l in result.output.splitlines() if l.startswith("{")]
    assert [(o["doc"], o["speaker"]) for o in out] == [("a1", "Ana Lopes")]
    assert "Error: <stdin>:2: not valid JSON" in result.output


def test_json_lines_fields_are_stored_and_unknown_fields_kept(tmp_path):
    p = tmp_path / "scrape.jsonl"
    p.write_text(json.dumps({"title": "Pact in doubt", "text": "“We will not sign,” said Foreign Minister Ana Lopes.",
                             "date": "2024-03-05", "url": "https://ledger.example/1", "author": "Jane Roe",
                             "outlet": "Daily Ledger", "section": "World", "paywall": False,
                             "scraped": {"at": "2024-03-05T11:00:00Z", "by": "crawler-7"}}) + "\n")
    db = tmp_path / "q.db"
    assert run("load", p, "--db", db).exit_code == 0
    row = sqlite_utils.Database(db).execute(
        "select headline, byline, outlet, url, published, encoding, extra from articles").fetchone()
    assert row[:6] == ("Pact in doubt", "Jane Roe", "Daily Ledger", "https://ledger.example/1", "2024-03-05", "utf-8")
    assert json.loads(row[6]) == {"section": "World", "paywall": False,
                                  "scraped": {"at": "2024-03-05T11:00:00Z", "by": "crawler-7"}}


def test_curated_csv_loads_with_parallel_jobs_too(tmp_path):
    csv = tmp_path / "desk.csv"
    csv.write_text("quote,speaker,country\nWe will not sign.,Ana Lopes,PT\nNor will we.,Kwame Mensah,GH\n")
    db = tmp_path / "q.db"
    result = run("load", csv, "--jobs", "2", "--db", db)
    if "no such option" in result.output:
        pytest.skip("no --jobs option")
    assert result.exit_code == 0, result.output
    assert [r[0] for r in sqlite_utils.Database(db).execute("select quote from quotes order by position")] == [
        "We will not sign.", "Nor will we."]


def test_verify_names_statements_whose_article_is_gone(tmp_path, good):
    db = tmp_path / "q.db"
    run("load", good, "--db", db)
    stored = sqlite_utils.Database(db)
    total = stored["quotes"].count
    aid, doc = stored.execute("select id, doc from articles order by id limit 1").fetchone()
    orphans = stored.execute("select count(*) from quotes where article_id = ?", [aid]).fetchone()[0]
    stored.execute("pragma foreign_keys = off")
    stored.execute("delete from articles where id = ?", [aid])
    stored.conn.commit()
    result = run("verify", "--db", db)
    assert result.exit_code == 1
    missing = [l for l in result.output.splitlines() if l.endswith(f"its article {aid} is missing")]
    assert len(missing) == orphans > 0
    assert f"{total} statements checked, {orphans} problems" in result.output


def test_an_extractor_crash_is_one_line_naming_the_article(tmp_path, good, monkeypatch):
    import quotes.extract
    import quotes.load

    real = quotes.extract.extract

    def crash_on_second(article, **options):
        if article.doc == SAMPLES[1].name:
            raise ValueError("bad state\nat offset 12")
        return real(article, **options)

    monkeypatch.setattr(quotes.load, "extract", crash_on_second)
    db = tmp_path / "q.db"
    result = run("load", good, "--db", db)
    assert result.exit_code == 1
    assert error_lines(result) == [f"Error: {good / SAMPLES[1].name}: extraction failed: ValueError: bad state at "
                                   f"offset 12"]
    assert counts(db)["articles"] == 2


def test_the_console_command_writes_all_of_extract_and_its_exit_code(tmp_path, good):
    # `quotes extract` ends its process without freeing its objects one by one: every line written still
    # comes out, the exit code and error lines are those of the command run in-process
    import os
    import subprocess
    import sys

    buffered = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # output held until flushed
    bad = tmp_path / "desk.csv"
    bad.write_text("quote,speaker\nWe will not sign.,Ana Lopes\nOops,\n")
    for args, code in (([good], 0), ([good, bad], 1)):
        proc = subprocess.run([sys.executable, "-m", "quotes", "extract", *map(str, args)], capture_output=True,
                              text=True, cwd=tmp_path, env=buffered)
        inside = CliRunner().invoke(cli, ["extract", *map(str, args)])
        assert (proc.returncode, inside.exit_code) == (code, code)
        assert proc.stdout == inside.stdout and proc.stdout.count("\n") > 10
        assert [l for l in proc.stderr.splitlines() if l.startswith("Error")] == \
            ([f"Error: {bad}:3: speaker is empty"] if code else [])


def test_a_jsonl_row_is_the_json_of_its_fields_whatever_their_types():
    """The row written from its parts is json.dumps's text of the row, for a statement's usual types and others."""
    from quotes.cli import OUTPUT_KEYS, _json_row
    from quotes.records import statement

    st = statement("a.txt", "He said “no” \\ \"yes\"\n", "direct", 3, 25, [(3, 25)], "said")
    st.speaker, st.speaker_written, st.context, st.stance_confidence = "Ana Lind", "Lind", "“…” é\t", 0.6
    variants = [{}, {"stance_confidence": None}, {"confidence": 1}, {"confidence": True}, {"start": 3.0},
                {"confidence": float("nan")}, {"parts": [[3, 25]]}, {"speaker": 1}, {"context": None}]
    for change in variants:
        fields = {**vars(st), **change}
        for written in (False, True):
            row = {k: fields[k] for k in OUTPUT_KEYS}
            if written and fields["speaker_written"]:
                row["speaker"] = fields["speaker_written"]
            assert _json_row(fields, written) == json.dumps(row, ensure_ascii=False), change
