"""Extraction past one machine: map shards of articles to extraction records anywhere, merge them here.

The map step turns a shard (a JSON Lines file of articles, as `quotes load` reads them) into a file of
*records*, one JSON object a line, in input order:

    {"article": {...every Article field...}, "statements": [{...every Statement field...}, ...]}
    {"error": "shard-003.jsonl:17: not valid JSON (...)", "failed": true}

It needs no database, so any engine can run it: `quotes extract - --format records` reads articles on
stdin and writes records on stdout (Spark's `RDD.pipe`, Hadoop streaming, a shell loop over shards),
and `extract_shard` is the same thing as a Python function for Dask (`run` below).

The merge step (`merge_records`, or `quotes merge`) stores the records of the shards, in shard order,
through quotes.db.store_article exactly as a single-process `quotes load` of the same shards would:
same articles, statements, speakers (whose ids and merges depend on order), stances and full-text
index; unchanged articles are skipped, so merging again changes nothing.

    python -m quotes.distributed shards/*.jsonl --db quotes.db --workers 4
    python -m quotes.distributed shards/*.jsonl --db quotes.db --scheduler tcp://10.0.0.5:8786
"""
import argparse
import dataclasses
import json
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

from .records import Article, Statement
from .readers import InputError, read_path

try:
    from .load import statements_of
except ImportError:  # older loader: every article is extracted
    from .extract import extract as statements_of


# ---------------------------------------------------------------------------------------------------------------
# Records: an article and its statements as one line of JSON, and back

def _plain(value):
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, tuple):
        return {"$tuple": [_plain(v) for v in value]}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _typed(value):
    if isinstance(value, dict):
        if len(value) == 1:
            (k, v), = value.items()
            if k == "$date":
                return date.fromisoformat(v)
            if k == "$datetime":
                return datetime.fromisoformat(v)
            if k == "$tuple":
                return tuple(_typed(x) for x in v)
        return {k: _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return value


def _fields(obj):
    # not dataclasses.asdict: it would turn the tuples inside lists into lists
    return {f.name: _plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}


def record(article, statements) -> dict:
    return {"article": _fields(article), "statements": [_fields(s) for s in statements]}


def error_record(err: InputError) -> dict:
    return {"error": str(err), "failed": bool(getattr(err, "failed", True))}


def from_record(rec: dict):
    """(Article, [Statement]) or an InputError, from a record."""
    if "error" in rec:
        return RecordedError(rec["error"], rec.get("failed", True))
    article = Article(**{k: _typed(v) for k, v in rec["article"].items()})
    statements = [Statement(**{k: _typed(v) for k, v in s.items()}) for s in rec["statements"]]
    return article, statements


class RecordedError(InputError):
    """An input problem met in the map step, reported again (word for word) when merging."""

    def __init__(self, message, failed=True):
        path, _, problem = message.partition(": ")
        super().__init__(path, problem)
        self.message, self.failed = message, failed
        self.args = (message,)

    def __str__(self):
        return self.message


def records_of(items):
    """Map: records (dicts) for Articles and InputErrors, in order; extraction errors are records too."""
    for item in items:
        if isinstance(item, InputError):
            yield error_record(item)
            continue
        try:
            statements = list(statements_of(item))
        except Exception as e:  # name the article, go on
            yield error_record(InputError(item.path or item.doc, f"extraction failed: {type(e).__name__}: {e}"))
            continue
        yield record(item, statements)


def _by_unit(items, unit):
    for item in items:
        if not isinstance(item, InputError):
            item.unit = unit
        yield item


def extract_shard(shard, out_path, unit="quote") -> dict:
    """Map step for one shard file: write its records to out_path, each article extracted by unit (see
    `quotes extract --unit`); returns counts."""
    counts = {"shard": str(shard), "out": str(out_path), "articles": 0, "statements": 0, "errors": 0}
    tmp = Path(f"{out_path}.part")
    with tmp.open("w", encoding="utf-8") as f:
        for rec in records_of(_by_unit(read_path(shard), unit)):
            if "error" in rec:
                counts["errors"] += 1
            else:
                counts["articles"] += 1
                counts["statements"] += len(rec["statements"])
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    tmp.replace(out_path)  # a shard's records appear whole or not at all
    return counts


# ---------------------------------------------------------------------------------------------------------------
# Merge: the records of all shards into one database, in shard order

def read_records(paths):
    """Articles-with-statements and InputErrors from record files, in order."""
    for p in paths:
        with open(p, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    yield from_record(json.loads(line))
                except (ValueError, TypeError, KeyError) as e:
                    yield InputError(p, f"not an extraction record ({e})", n)


def merge_records(db, paths, report=None, on_error=None, batch=512):
    """Store the records of these files, in order, as a single-process load of the shards would."""
    from .db import ensure_db_shape, finish_load
    from .load import LoadReport
    from .parallel import SpeakerIndexedDB, _store, begin_bulk, checkpoint, end_bulk, tune_for_bulk

    report = report or LoadReport()
    ensure_db_shape(db)
    tune_for_bulk(db)
    bulk = begin_bulk(db)  # on an empty database: indexes built once at the end
    fast = SpeakerIndexedDB(db)
    articles, results = [], []

    def flush():
        if articles:
            _store(fast, articles, results, report, on_error)
            articles.clear()
            results.clear()

    for item in read_records(paths):
        if isinstance(item, InputError):
            report.problem(item, on_error)
            continue
        article, statements = item
        articles.append(article)  # _store skips those already stored unchanged
        results.append((statements, None))
        if len(articles) >= batch:
            flush()
    flush()
    end_bulk(db, bulk)
    finish_load(db)
    checkpoint(db)
    return report


# ---------------------------------------------------------------------------------------------------------------
# Dask

def run(shards, db, work_dir=None, client=None, on_error=None, unit="quote"):
    """Extract the shards on a Dask cluster (client: a dask.distributed.Client) and merge the results into
    db in shard order, each shard as soon as it and those before it are done. Returns (LoadReport,
    per-shard counts). Record files go to work_dir (it must be visible to the workers and to this
    process: a shared disk, or a local one with a LocalCluster). unit: "quote" or "turn", as for
    `quotes load --unit`."""
    from .load import LoadReport

    own_dir = None
    if work_dir is None:
        own_dir = tempfile.TemporaryDirectory(prefix="quotes-records-")
        work_dir = own_dir.name
    work = Path(work_dir)
    work.mkdir(parents=True, exist_ok=True)
    shards = [str(Path(s).resolve()) for s in shards]
    outs = [str((work / f"{i:05d}-{Path(s).stem}.records.jsonl").resolve()) for i, s in enumerate(shards)]
    try:
        futures = client.map(extract_shard, shards, outs, unit=unit, pure=False)
        counts = []

        def done_in_order():  # each shard's records as soon as it and those before it are extracted
            for fut, out in zip(futures, outs):
                counts.append(fut.result())
                yield out

        report = merge_records(db, done_in_order(), report=LoadReport(), on_error=on_error)
        return report, counts
    finally:
        if own_dir is not None:
            own_dir.cleanup()


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python -m quotes.distributed",
                                 description="Extract sharded JSON Lines of articles on Dask; merge into one database.")
    ap.add_argument("shards", nargs="+", help="JSON Lines files of articles, merged in this order")
    ap.add_argument("--db", default="quotes.db")
    ap.add_argument("--scheduler", help="address of a running Dask scheduler (default: a local cluster)")
    ap.add_argument("--workers", type=int, default=None, help="local cluster size (default: one per core)")
    ap.add_argument("--work-dir", help="where the workers write record files (shared by all machines)")
    ap.add_argument("--unit", choices=["quote", "turn"], default="quote",
                    help="one statement per quoted passage (default), or per speaker turn, as `quotes load --unit`")
    args = ap.parse_args(argv)

    import sqlite_utils
    from dask.distributed import Client, LocalCluster

    if args.scheduler:
        client, cluster = Client(args.scheduler), None
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True)
        client = Client(cluster)
    try:
        report, counts = run(args.shards, sqlite_utils.Database(args.db), args.work_dir, client,
                             on_error=lambda e: print(f"Error: {e}", file=sys.stderr), unit=args.unit)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    print(f"{len(counts)} shards: {report.loaded} articles loaded, {report.unchanged} unchanged, "
          f"{report.statements} statements stored in {args.db}"
          + (f"; {len(report.errors)} inputs failed" if report.errors else ""), file=sys.stderr)
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main())
