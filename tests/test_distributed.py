"""Past one machine: `quotes extract -` as a map step, extraction records, and the Dask runner, whose merged
database must equal a single-process load of the same shards."""
import importlib.util
import json
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from quotes import distributed
from quotes.cli import cli
from quotes.extract import extract
from quotes.load import load_articles
from quotes.readers import read_inputs, read_jsonl
from quotes.resources import data_path
from conftest import dump_db

ROOT = Path(__file__).resolve().parent.parent
TABLES = ["articles", "speakers", "quotes", "stances", "corrections"]


dump = dump_db


@pytest.fixture(scope="module")
def shards(tmp_path_factory):
    """Five shards: four of synthetic articles, one of the bundled samples as JSON Lines with a bad line."""
    spec = importlib.util.spec_from_file_location("synth", ROOT / "benchmarks" / "synth.py")
    synth = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(synth)
    d = tmp_path_factory.mktemp("shards")
    paths = [str(p) for p in synth.generate(80, d, per_file=20, seed=5)]
    samples = d / "articles-samples.jsonl"
    with samples.open("w", encoding="utf-8") as f:
        for p in sorted(data_path("articles").glob("*.txt"))[:6]:
            f.write(json.dumps({"id": p.name, "text": p.read_text(encoding="utf-8")}, ensure_ascii=False) + "\n")
        f.write("{not json\n")
    return paths[:2] + [str(samples)] + paths[2:]


@pytest.fixture(scope="module")
def single(shards, tmp_path_factory):
    path = tmp_path_factory.mktemp("single") / "single.db"
    report = load_articles(sqlite_utils.Database(path), read_inputs(shards))
    return path, report


def test_quotes_extract_reads_articles_on_stdin_and_writes_statements(shards):
    lines = Path(shards[2]).read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", "-"], input=lines)
    assert result.exit_code == 1  # the bad line fails, the others are extracted all the same
    assert "<stdin>:7" in result.stderr and "not valid JSON" in result.stderr
    got = [json.loads(line) for line in result.stdout.splitlines()]
    want = [st for a in read_jsonl(Path(shards[2])) if not isinstance(a, Exception) for st in extract(a)]
    assert len(got) == len(want) > 20
    for g, w in zip(got, want):
        assert (g["doc"], g["quote"], g["speaker"], g["start"], g["end"]) == (w.doc, w.quote, w.speaker, w.start, w.end)


def test_a_record_gives_back_the_same_article_and_statements(shards):
    for article in read_jsonl(Path(shards[2])):
        if isinstance(article, Exception):
            continue
        statements = extract(article)
        rec = json.loads(json.dumps(distributed.record(article, statements)))
        back_article, back_statements = distributed.from_record(rec)
        assert back_article == article
        assert back_statements == statements


def test_extract_records_then_merge_equals_a_single_process_load(shards, single, tmp_path):
    runner = CliRunner()
    outs = []
    for i, shard in enumerate(shards):  # what each map task of an engine would run, on its own shard
        result = runner.invoke(cli, ["extract", "-", "--format", "records"],
                               input=Path(shard).read_text(encoding="utf-8"))
        assert result.exit_code == 0, result.output
        out = tmp_path / f"{i}.records.jsonl"
        out.write_text(result.stdout, encoding="utf-8")
        outs.append(str(out))
    db_path = tmp_path / "merged.db"
    result = runner.invoke(cli, ["merge", *outs, "--db", str(db_path)])
    assert result.exit_code == 1 and "not valid JSON" in result.stderr  # the bad input line is still reported
    assert f"{single[1].loaded} articles loaded" in result.stderr
    got, want = dump(db_path), dump(single[0])
    for t in TABLES:
        if t != "articles":
            assert got[t] == want[t], t
    # read from stdin, the articles' path is "<stdin>"; everything else about them is the same
    strip = lambda rows: sorted([r[:2] + r[3:] for r in rows], key=repr)  # noqa: E731  (column 2 is path)
    assert strip(got["articles"]) == strip(want["articles"])
    assert got["quotes_fts"] == want["quotes_fts"] and got["speaker order"] == want["speaker order"]


def test_dask_runner_merges_shards_into_the_same_database_as_a_single_process_load(shards, single, tmp_path):
    distributed_ = pytest.importorskip("distributed")
    cluster = distributed_.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    client = distributed_.Client(cluster)
    try:
        db_path = tmp_path / "dask.db"
        errors = []
        report, counts = distributed.run(shards, sqlite_utils.Database(db_path), tmp_path / "records", client,
                                         on_error=errors.append)
        assert [c["shard"] for c in counts] == [str(Path(s).resolve()) for s in shards]
        assert sum(c["articles"] for c in counts) == report.loaded == single[1].loaded == 86
        assert report.statements == single[1].statements
        assert [str(e) for e in errors] == report.errors == single[1].errors
        assert dump(db_path) == dump(single[0])
        # merging the same shards again changes nothing
        again, _ = distributed.run(shards, sqlite_utils.Database(db_path), tmp_path / "records2", client)
        assert (again.loaded, again.unchanged) == (0, 86)
        assert dump(db_path) == dump(single[0])
    finally:
        client.close()
        cluster.close()


def test_the_runner_on_the_command_line_with_a_local_cluster(shards, single, tmp_path, capsys):
    pytest.importorskip("distributed")
    db_path = tmp_path / "cli.db"
    code = distributed.main([*shards, "--db", str(db_path), "--workers", "2", "--work-dir", str(tmp_path / "rec")])
    assert code == 1  # the shard with a bad line: reported, and the exit code says so
    err = capsys.readouterr().err
    assert "5 shards: 86 articles loaded" in err and "not valid JSON" in err
    assert dump(db_path) == dump(single[0])
    assert sorted(p.name for p in (tmp_path / "rec").iterdir())[0] == "00000-articles-00000.records.jsonl"


TURN_TEXT = ("Harbour Dues Rise\n\nby Ines Kowal\nMarch 3, 2022\n\n"
             "“The dues are too high,” Petra Lindgren said. “We will ask the board to cut them.”\n\n"
             "Oskar Brandt said the harbour needed the money.\n")


def test_the_runner_extracts_by_speaker_turn_as_a_single_process_load_does(shards, tmp_path):
    pytest.importorskip("distributed")
    turns = tmp_path / "turns.jsonl"
    with turns.open("w", encoding="utf-8") as f:
        for i in range(3):
            f.write(json.dumps({"id": f"harbour{i}.txt", "text": TURN_TEXT.replace("Harbour", f"Harbour {i}")},
                               ensure_ascii=False) + "\n")
    inputs = [shards[0], str(turns), shards[2]]

    def by_turn(items):
        for item in items:
            if not isinstance(item, Exception):
                item.unit = "turn"
            yield item

    want_path = tmp_path / "single-turns.db"
    load_articles(sqlite_utils.Database(want_path), by_turn(read_inputs(inputs)))
    db_path = tmp_path / "dask-turns.db"
    distributed.main([*inputs, "--db", str(db_path), "--workers", "2", "--unit", "turn"])
    assert dump(db_path) == dump(want_path)
    joined = list(sqlite_utils.Database(db_path).query(
        "select quote, speaker from quotes where article_id in (select id from articles where doc like 'harbour%')"
        " and speaker = 'Petra Lindgren'"))
    assert [r["quote"] for r in joined] == ["The dues are too high We will ask the board to cut them"] * 3
