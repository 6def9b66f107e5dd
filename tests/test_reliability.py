"""Nothing lost: one transaction per article, kill -9 and rerun, reads during a load, a read-only site."""
import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
import time
from urllib.parse import quote

import pytest
import sqlite_utils

from quotes import db as qdb
from quotes.load import load_articles
from quotes.readers import read_inputs
from quotes.resources import data_path

SAMPLES = sorted(data_path("articles").glob("*.txt"))
FIRST = ["Ana", "Kwame", "Liesel", "Tomas", "Priya", "Olu", "Mirela", "Jonas", "Sade", "Farid"]
LAST = ["Varga", "Okonjo", "Lindqvist", "Ferreira", "Raman", "Adeyemi", "Novak", "Brandt", "Mbeki", "Haddad"]
LOAD = [sys.executable, "-c", "from quotes.cli import cli; cli()", "load"]


def generate(folder, n):
    """n articles: the bundled samples under new names, each with its own headline and one more quote by
    an invented spokesperson, so that every file is a different article."""
    folder.mkdir()
    for i in range(n):
        text = SAMPLES[i % len(SAMPLES)].read_text(encoding="utf-8")
        name = f"{FIRST[i % 10]} {LAST[(i // 10) % 10]}"
        text = text.replace("\n", f" (edition {i})\n", 1) + (
            f"\n\n“Edition {i} of this story is not the last word,” {name}, a spokesperson for the ministry, "
            f"said on Friday.\n")
        (folder / f"gen_{i:04d}.txt").write_text(text, encoding="utf-8")
    return folder


def snapshot(path):
    """Every table's content, minus load times; the full-text index as the quotes it indexes."""
    conn = sqlite3.connect(path)
    cols = [r[1] for r in conn.execute("pragma table_info(articles)") if r[1] != "loaded_at"]
    snap = {"articles": sorted(conn.execute(f"select {', '.join(f'[{c}]' for c in cols)} from articles"))}
    for t in ("quotes", "speakers", "stances", "corrections"):
        snap[t] = sorted(conn.execute(f"select * from [{t}]"), key=repr)
    snap["quotes_fts"] = sorted(conn.execute(
        "select q.id, f.quote, f.speaker, f.context from quotes_fts f join quotes q on q.rowid = f.rowid"), key=repr)
    snap["fts_rows"] = conn.execute("select count(*) from quotes_fts").fetchone()[0]
    conn.close()
    return snap


def consistent(path):
    conn = sqlite3.connect(path)
    assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert conn.execute("pragma foreign_key_check").fetchall() == []
    conn.execute("insert into quotes_fts(quotes_fts) values('integrity-check')")
    assert conn.execute("select count(*) from quotes_fts").fetchone()[0] == \
        conn.execute("select count(*) from quotes").fetchone()[0]
    conn.close()


def count(path, table="articles"):
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute(f"select count(*) from {table}").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def start_load(folder, db_path):
    return subprocess.Popen(LOAD + [str(folder), "--db", str(db_path)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)


def kill_when(proc, db_path, articles):
    """kill -9 the load (its whole process group) once `articles` articles are stored."""
    deadline = time.monotonic() + 60
    while proc.poll() is None and count(db_path) < articles and time.monotonic() < deadline:
        time.sleep(0.005)
    assert proc.poll() is None, "the load finished before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL


def test_load_killed_at_any_moment_then_rerun_equals_a_clean_load(tmp_path):
    folder = generate(tmp_path / "in", 240)
    clean, killed = tmp_path / "clean.db", tmp_path / "killed.db"
    assert subprocess.run(LOAD + [str(folder), "--db", str(clean)], capture_output=True).returncode == 0
    reference = snapshot(clean)
    assert len(reference["articles"]) == 240
    by_article = {}
    for row in reference["quotes"]:
        by_article.setdefault(row[1], set()).add(row[0])
    for stop_at in (30, 150):  # killed twice, at different points, then run to the end
        kill_when(start_load(folder, killed), killed, stop_at)
        consistent(killed)
        now = snapshot(killed)
        assert stop_at <= len(now["articles"]) < 240
        # every article stored is stored whole: exactly the statements a clean load gives it
        stored = {}
        for row in now["quotes"]:
            stored.setdefault(row[1], set()).add(row[0])
        for art in now["articles"]:
            assert stored.get(art[0], set()) == by_article.get(art[0], set())
    assert subprocess.run(LOAD + [str(folder), "--db", str(killed)], capture_output=True).returncode == 0
    consistent(killed)
    assert snapshot(killed) == reference


def test_a_failure_inside_an_article_stores_nothing_of_it(tmp_path, monkeypatch):
    """The transaction boundary itself: a crash after the old statements are deleted and before the new
    ones are written leaves the previous version of the article whole."""
    src = tmp_path / "a.txt"
    src.write_text(SAMPLES[0].read_text(encoding="utf-8"), encoding="utf-8")
    db = sqlite_utils.Database(tmp_path / "q.db")
    load_articles(db, read_inputs([src]))
    before = snapshot(tmp_path / "q.db")
    assert before["quotes"]
    src.write_text(SAMPLES[0].read_text(encoding="utf-8") + "\n“One more thing,” said Ana Lopes.\n", encoding="utf-8")

    def crash(*a, **k):
        raise RuntimeError("power cut")

    monkeypatch.setattr("quotes.corrections.apply_corrections", crash)
    with pytest.raises(RuntimeError):
        load_articles(db, read_inputs([src]))
    assert not db.conn.in_transaction
    assert snapshot(tmp_path / "q.db") == before
    monkeypatch.undo()
    load_articles(db, read_inputs([src]))
    after = snapshot(tmp_path / "q.db")
    assert len(after["quotes"]) > len(before["quotes"])


def test_the_site_keeps_answering_while_a_load_runs(tmp_path):
    from quotes.site import make_datasette

    folder = generate(tmp_path / "in", 240)
    db_path = tmp_path / "q.db"
    qdb.ensure_db_shape(sqlite_utils.Database(db_path))  # the site is up before the load starts
    assert sqlite3.connect(db_path).execute("pragma journal_mode").fetchone()[0] == "wal"
    ds = make_datasette(db_path)
    proc = start_load(folder, db_path)
    seen, slowest, during = [], 0.0, 0
    try:
        async def read():
            r = await ds.client.get("/quotes/quotes.json?_shape=array&_size=5&_col=quote")
            assert r.status_code == 200, r.text
            c = await ds.client.get("/quotes.json?sql=select+count(*)+as+n+from+quotes&_shape=array")
            assert c.status_code == 200, c.text
            return c.json()[0]["n"]

        reader = sqlite3.connect(db_path, timeout=0.5)  # a second connection, as Datasette's are
        while proc.poll() is None:
            t = time.monotonic()
            n = asyncio.run(read())
            n2 = reader.execute("select count(*) from articles").fetchone()[0]
            slowest = max(slowest, time.monotonic() - t)
            if proc.poll() is None:
                during += 1
                seen.append((n, n2))
            time.sleep(0.02)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert proc.returncode == 0
    assert during >= 5 and len({n for n, _ in seen}) >= 3  # reads answered at several stages of the load
    assert [n for n, _ in seen] == sorted(n for n, _ in seen)
    assert slowest < 2.0


@pytest.fixture
def site(tmp_path):
    from quotes.site import make_datasette

    db = sqlite_utils.Database(tmp_path / "q.db")
    load_articles(db, read_inputs(SAMPLES[:2]))
    return make_datasette(tmp_path / "q.db"), tmp_path / "q.db"


def get(ds, path, method="get", **kw):
    return asyncio.run(getattr(ds.client, method)(path, **kw))


def test_the_site_refuses_writes(site):
    ds, path = site
    before = snapshot(path)
    r = get(ds, "/quotes.json?sql=" + quote("delete from quotes"))
    assert r.status_code == 400 and "SELECT" in r.text
    r = get(ds, "/quotes.json?sql=" + quote("update quotes set speaker = 'x'"))
    assert r.status_code == 400
    # the write endpoints of Datasette 1.0 and of the common write plugins
    for url in ("/quotes/quotes/-/insert", "/quotes/quotes/-/upsert", "/quotes/-/create", "/-/write",
                "/-/insert/quotes/quotes", "/-/upload-csvs", "/quotes/quotes/-/drop"):
        r = get(ds, url, method="post", json={"row": {"id": "x", "quote": "planted"}, "rows": [{"id": "x"}]})
        assert r.status_code >= 400, url
    plugins = {p["name"] for p in get(ds, "/-/plugins.json").json()}
    assert not {p for p in plugins if any(w in p for w in ("write", "insert", "upload", "edit", "import"))}
    assert snapshot(path) == before


def test_the_site_limits_time_and_rows(site):
    ds, _ = site
    settings = get(ds, "/-/settings.json").json()
    assert settings["sql_time_limit_ms"] <= 5000 and settings["max_returned_rows"] <= 1000
    many = get(ds, "/quotes.json?_shape=objects&sql=" + quote(
        "with recursive c(x) as (select 1 union all select x + 1 from c where x < 5000) select x from c"))
    assert many.status_code == 200 and len(many.json()["rows"]) == settings["max_returned_rows"]
    assert many.json()["truncated"] is True
    t = time.monotonic()
    slow = get(ds, "/quotes.json?sql=" + quote(
        "with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c"))
    assert slow.status_code == 400 and "interrupted" in slow.text.lower()
    assert time.monotonic() - t < settings["sql_time_limit_ms"] / 1000 + 5


def test_after_a_load_the_database_file_alone_holds_everything(tmp_path):
    import shutil

    db = sqlite_utils.Database(tmp_path / "q.db")
    load_articles(db, read_inputs(SAMPLES[:3]))  # the connection stays open, as in a long-lived process
    shutil.copy(tmp_path / "q.db", tmp_path / "copy.db")  # the file only, without q.db-wal
    copy = sqlite3.connect(tmp_path / "copy.db")
    assert copy.execute("select count(*) from quotes").fetchone()[0] == db["quotes"].count > 0
