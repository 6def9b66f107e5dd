"""Loading: idempotent, a changed file replaces only its own statements."""
import json
import shutil

import sqlite_utils
from click.testing import CliRunner

from quotes.cli import cli
from conftest import SAMPLES, SEEDS


def counts(db_path):
    db = sqlite_utils.Database(db_path)
    return {t: db[t].count for t in ("articles", "speakers", "quotes", "stances")}


def test_load_twice_same_rows(tmp_path):
    db_path = str(tmp_path / "q.db")
    runner = CliRunner()
    r1 = runner.invoke(cli, ["load", str(SEEDS), str(SAMPLES), "--db", db_path])
    assert r1.exit_code == 0, r1.output
    first = counts(db_path)
    assert first["quotes"] > 50 and first["articles"] >= 11
    ids = [r["id"] for r in sqlite_utils.Database(db_path).query("select id from quotes order by id")]
    r2 = runner.invoke(cli, ["load", str(SEEDS), str(SAMPLES), "--db", db_path])
    assert r2.exit_code == 0, r2.output
    assert counts(db_path) == first
    assert [r["id"] for r in sqlite_utils.Database(db_path).query("select id from quotes order by id")] == ids
    assert "unchanged" in r2.output


def test_changed_file_replaces_only_its_statements(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for p in list(SAMPLES.glob("*.txt"))[:3]:
        shutil.copy(p, folder / p.name)
    db_path = str(tmp_path / "q.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["load", str(folder), "--db", db_path]).exit_code == 0
    db = sqlite_utils.Database(db_path)
    files = sorted(folder.glob("*.txt"))
    changed, others = files[0], files[1:]
    before_other = {r["id"] for r in db.query(
        "select q.id from quotes q join articles a on a.id = q.article_id where a.doc != ?", [changed.name])}
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text + "\n\n“We will not sign this,” said Tomasz Welna, a trade negotiator.\n", encoding="utf-8")
    assert runner.invoke(cli, ["load", str(folder), "--db", db_path]).exit_code == 0
    after_other = {r["id"] for r in db.query(
        "select q.id from quotes q join articles a on a.id = q.article_id where a.doc != ?", [changed.name])}
    assert after_other == before_other
    mine = [r["quote"] for r in db.query(
        "select q.quote from quotes q join articles a on a.id = q.article_id where a.doc = ?", [changed.name])]
    assert "We will not sign this" in mine
    assert db["articles"].count == 3


def test_fts_and_indexes(tmp_path):
    db_path = str(tmp_path / "q.db")
    assert CliRunner().invoke(cli, ["load", str(SEEDS), "--db", db_path]).exit_code == 0
    db = sqlite_utils.Database(db_path)
    hits = list(db["quotes"].search('"Open Skies"'))  # ranked by relevance
    in_quote = [h for h in hits if "open skies" in h["quote"].lower()]
    assert len(in_quote) == 2 and all(h["speaker"] == "Sergei Ryabkov" for h in in_quote)
    assert hits[0]["speaker"] == "Sergei Ryabkov"
    indexed = {tuple(i.columns) for i in db["quotes"].indexes}
    for col in ("speaker_id", "office", "country", "stance", "year", "type"):
        assert (col,) in indexed
    # filtered by a stance (a large share of the rows), each facet is counted from an index of its own
    for col in ("speaker_id", "office", "country", "year", "type", "reviewed", "date"):
        assert ("stance", col) in indexed
    assert "tokenize='porter'" in db["quotes_fts"].schema or "porter" in db["quotes_fts"].schema


TURN_ARTICLE = ("Port Fees Rise\n\nby Jan Novak\nFeb 17, 2021\n\n"
                "“The fees are too high,” Marta Kowalczyk said. “We will ask the council to cut them.”\n\n"
                "Tomas Berger said the port needed the money.\n")


def _quotes(db_path):
    return [(r["quote"], r["speaker"], r["parts"]) for r in sqlite_utils.Database(db_path).query(
        "select quote, speaker, parts from quotes order by start")]


def test_load_by_turn_and_back_by_passage(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "port.txt").write_text(TURN_ARTICLE, encoding="utf-8")
    db_path = str(tmp_path / "q.db")
    runner = CliRunner()
    r = runner.invoke(cli, ["load", str(tmp_path / "in"), "--db", db_path, "--unit", "turn"])
    assert r.exit_code == 0, r.output
    turn = _quotes(db_path)
    assert [(q, s) for q, s, _ in turn] == [
        ("The fees are too high We will ask the council to cut them", "Marta Kowalczyk"),
        ("the port needed the money", "Tomas Berger")]
    assert len(json.loads(turn[0][2])) == 2
    assert runner.invoke(cli, ["verify", "--db", db_path]).exit_code == 0
    # the same unit again: nothing to do; another unit: extracted again, by passage
    assert "1 unchanged" in runner.invoke(cli, ["load", str(tmp_path / "in"), "--db", db_path, "--unit", "turn"]).output
    r = runner.invoke(cli, ["load", str(tmp_path / "in"), "--db", db_path])
    assert r.exit_code == 0 and "1 articles loaded" in r.output, r.output
    assert [q for q, _, _ in _quotes(db_path)] == ["The fees are too high", "We will ask the council to cut them",
                                                   "the port needed the money"]


def test_load_by_turn_in_parallel_gives_the_same_rows(tmp_path):
    (tmp_path / "in").mkdir()
    for i in range(3):
        (tmp_path / "in" / f"port{i}.txt").write_text(TURN_ARTICLE.replace("Port Fees", f"Port {i} Fees"),
                                                       encoding="utf-8")
    shutil.copytree(SAMPLES, tmp_path / "in" / "samples")
    one, two = str(tmp_path / "one.db"), str(tmp_path / "two.db")
    assert CliRunner().invoke(cli, ["load", str(tmp_path / "in"), "--db", one, "--unit", "turn"]).exit_code == 0
    assert CliRunner().invoke(cli, ["load", str(tmp_path / "in"), "--db", two, "--unit", "turn",
                                    "--jobs", "2"]).exit_code == 0
    assert _quotes(one) == _quotes(two)
    assert sum(len(json.loads(p)) > 1 for _, _, p in _quotes(one)) >= 3
