"""`quotes load --jobs N`: extraction in worker processes gives the same database as a single-process load."""
import importlib.util
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from quotes import parallel
from quotes.cli import cli
from quotes.load import load_articles
from quotes.parallel import SpeakerIndexedDB, load_parallel
from quotes.readers import read_inputs
from quotes.resources import data_path
from quotes.site import metadata
from quotes.speakers import find_speaker
from conftest import dump_db

ROOT = Path(__file__).resolve().parent.parent


def synth():
    spec = importlib.util.spec_from_file_location("synth", ROOT / "benchmarks" / "synth.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


dump = dump_db


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The bundled samples and 120 synthetic articles (busy speakers, shared surnames) as JSON Lines."""
    d = tmp_path_factory.mktemp("corpus")
    synth().generate(120, d / "synth", per_file=50, seed=3)
    return [str(data_path("articles")), str(d / "synth")]


@pytest.fixture(scope="module")
def single(corpus, tmp_path_factory):
    path = tmp_path_factory.mktemp("single") / "single.db"
    report = load_articles(sqlite_utils.Database(path), read_inputs(corpus))
    return path, report


def test_parallel_load_stores_the_same_database_as_a_single_process_load(corpus, single, tmp_path):
    path = tmp_path / "parallel.db"
    report = load_parallel(sqlite_utils.Database(path), read_inputs(corpus), jobs=2, chunk_size=7, batch_size=20)
    expected, single_report = dump(single[0]), single[1]
    assert (report.loaded, report.unchanged, report.statements) == \
        (single_report.loaded, single_report.unchanged, single_report.statements)
    assert report.loaded == 135 and report.statements > 500
    got = dump(path)
    for key in expected:
        assert got[key] == expected[key], key

    again = load_parallel(sqlite_utils.Database(path), read_inputs(corpus), jobs=2)
    assert (again.loaded, again.unchanged, again.statements) == (0, 135, 0)
    assert dump(path) == got


def test_a_second_copy_of_an_article_is_unchanged_as_in_a_single_process_load(tmp_path):
    rec = {"id": "twice", "title": "Talks", "date": "2021-03-18",
           "text": "“We are ready to talk,” Foreign Minister Anja Tolberg said on Tuesday."}
    f = tmp_path / "twice.jsonl"
    f.write_text((json.dumps(rec) + "\n") * 2, encoding="utf-8")
    a = load_articles(sqlite_utils.Database(tmp_path / "a.db"), read_inputs([f]))
    b = load_parallel(sqlite_utils.Database(tmp_path / "b.db"), read_inputs([f]), jobs=2, chunk_size=4)
    assert (b.loaded, b.unchanged) == (a.loaded, a.unchanged) == (1, 1)
    assert dump(tmp_path / "a.db") == dump(tmp_path / "b.db")


def test_a_failing_article_is_named_and_the_others_are_stored(tmp_path, monkeypatch):
    real = parallel.statements_of

    def flaky(article):
        if "002_" in article.doc:
            raise ValueError("boom")
        return real(article)

    monkeypatch.setattr(parallel, "statements_of", flaky)
    seen = []
    report = load_parallel(sqlite_utils.Database(tmp_path / "x.db"), read_inputs([data_path("articles")]), jobs=1,
                           on_error=seen.append)
    assert report.loaded == 14
    assert len(report.errors) == 1 and "002_trade_talks_oslo.txt" in report.errors[0] and "boom" in report.errors[0]
    assert [str(e) for e in seen] == report.errors
    docs = {r[0] for r in sqlite3.connect(tmp_path / "x.db").execute("select doc from articles")}
    assert len(docs) == 14 and not any("002_" in d for d in docs)


def test_the_speaker_index_answers_as_the_table_scan_does(tmp_path):
    db = sqlite_utils.Database(tmp_path / "s.db")
    from quotes.db import ensure_db_shape

    ensure_db_shape(db)
    rows = [
        ("anja-tolberg", "Anja Tolberg", ["Tolberg", "A. Tolberg"], "person", "NO"),
        ("anna-tolberg", "Anna Tolberg", [], "person", "SE"),
        ("jose-muller", "José Müller", ["Müller"], "person", "DE"),
        ("jose-muller-2", "Jose Muller", [], "person", "AT"),
        ("ministry", "Ministry of Health", ["Health Ministry"], "organization", "NO"),
        ("ines-dal", "Inês Dal Santo", ["Dal Santo"], "person", "BR"),
        ("kofi", "Kofi", [], "person", None),
        ("ostberg", "Lars Østberg", ["ØSTBERG"], "person", "NO"),
        ("tolberg-co", "Tolberg", [], "organization", None),
    ]
    for sid, name, aliases, kind, country in rows:
        db["speakers"].insert({"id": sid, "name": name, "aliases": json.dumps(aliases, ensure_ascii=False),
                               "kind": kind, "country": country})
    fast = SpeakerIndexedDB(db)
    names = ["Anja Tolberg", "Tolberg", "A. Tolberg", "Anna Tolberg", "Mr Tolberg", "TOLBERG", "José Müller",
             "Jose Muller", "Müller", "Muller", "Ministry of Health", "Health Ministry", "Dal Santo", "Santo",
             "Kofi", "Østberg", "østberg", "Lars Ostberg", "Nobody Here", "tolberg", "Ines Dal Santo"]
    for name in names:
        for kind in ("person", "organization", None):
            for country in ("NO", "SE", "DE", None):
                assert find_speaker(fast, name, kind, country) == find_speaker(db, name, kind, country), \
                    (name, kind, country)
    # the index follows the table: a speaker stored later is found
    db["speakers"].insert({"id": "tove-tolberg", "name": "Tove Tolberg", "aliases": "[]", "kind": "person",
                           "country": "DK"})
    fast.refresh()
    for name in ("Tove Tolberg", "Tolberg"):
        assert find_speaker(fast, name, "person", "DK") == find_speaker(db, name, "person", "DK")
    # answers are kept between lookups: a changed row (a new alias, another kind) is seen all the same
    db["speakers"].update("kofi", {"aliases": json.dumps(["Kofi Tolberg"])})
    db["speakers"].update("anna-tolberg", {"kind": "organization"})
    db["speakers"].update("jose-muller", {"country": "DE"})  # no change: nothing to refresh
    fast.refresh()
    for name in names + ["Kofi Tolberg", "Tove Tolberg"]:
        for kind in ("person", "organization"):
            for country in ("NO", "SE", "DK", None):
                assert find_speaker(fast, name, kind, country) == find_speaker(db, name, kind, country), \
                    (name, kind, country)


def test_quotes_load_jobs_on_the_command_line(tmp_path, single):
    path = tmp_path / "cli.db"
    result = CliRunner().invoke(cli, ["load", str(data_path("articles")), "--db", str(path), "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert "15 articles loaded" in result.output
    with sqlite3.connect(path) as con:
        assert con.execute("select count(*) from quotes").fetchone()[0] == \
            sqlite3.connect(single[0]).execute(
                "select count(*) from quotes where article_id in (select id from articles where path not like "
                "'%.jsonl')").fetchone()[0]
        # every column the site facets statements by (metadata.yml) has an index
        indexed = {r[0] for r in con.execute("select il.name from sqlite_master m, pragma_index_list(m.name) l, "
                                             "pragma_index_info(l.name) il where m.name = 'quotes'")}
    facets = metadata()["databases"]["quotes"]["tables"]["quotes"]["facets"]
    assert len(facets) >= 6 and set(facets) <= indexed


def test_a_load_killed_mid_way_leaves_whole_articles_and_the_next_load_completes_it(tmp_path, corpus, single):
    path = tmp_path / "killed.db"
    code = ("import sys, sqlite_utils; from quotes.parallel import load_parallel; from quotes.readers import "
            "read_inputs; load_parallel(sqlite_utils.Database(sys.argv[1]), read_inputs(sys.argv[2:]), jobs=2, "
            "chunk_size=8, batch_size=24)")
    proc = subprocess.Popen([sys.executable, "-c", code, str(path), *corpus], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    stored = 0
    deadline = time.time() + 60
    while time.time() < deadline and proc.poll() is None:
        try:
            with sqlite3.connect(path, timeout=0.2) as con:
                stored = con.execute("select count(*) from articles").fetchone()[0]
        except sqlite3.Error:
            stored = 0
        if stored >= 20:
            break
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)  # the loader and its workers, all started here
    proc.wait()
    con = sqlite3.connect(path)
    assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
    # a bulk load builds the full-text index at the end: killed before that, there is none (never a stale one)
    tables = {r[0] for r in con.execute("select name from sqlite_master where type = 'table'")}
    if "quotes_fts" in tables:
        con.execute("insert into quotes_fts(quotes_fts) values('integrity-check')")
    n_articles = con.execute("select count(*) from articles").fetchone()[0]
    assert 20 <= n_articles < 135  # killed mid-way, between whole transactions
    # each stored article has exactly the statements a complete load gives it
    ref = sqlite3.connect(single[0])
    for (aid,) in con.execute("select id from articles"):
        got = con.execute("select id, quote, speaker_id from quotes where article_id = ? order by id", [aid]).fetchall()
        want = ref.execute("select id, quote, speaker_id from quotes where article_id = ? order by id", [aid]).fetchall()
        assert got == want
    con.close()
    # any load completes it, a plain single-process one too (it rebuilds what a bulk load had not yet built)
    report = load_articles(sqlite_utils.Database(path), read_inputs(corpus))
    assert report.unchanged == n_articles and report.loaded == 135 - n_articles
    assert dump(path) == dump(single[0])


def test_inspect_counts_for_immutable_publishing(tmp_path, single):
    counts = tmp_path / "counts.json"
    runner = CliRunner()
    result = runner.invoke(cli, ["inspect", "--db", str(single[0]), "--inspect-file", str(counts)])
    assert result.exit_code == 0, result.output
    data = json.loads(counts.read_text())
    n = sqlite3.connect(single[0]).execute("select count(*) from quotes").fetchone()[0]
    # found under the file's own name and under "quotes", the name the site serves it as
    assert data["quotes"]["tables"]["quotes"]["count"] == data["single"]["tables"]["quotes"]["count"] == n
    result = runner.invoke(cli, ["serve", "--db", str(single[0]), "--inspect-file", str(counts)])
    assert result.exit_code != 0 and "--immutable" in result.output
