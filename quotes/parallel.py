"""`quotes load --jobs N`: extraction spread over N worker processes, storage in this process.

The parent reads the inputs, skips articles already stored unchanged, and sends chunks of articles to
the workers; the workers only run the (pure) extractor and send the statements back. The parent
stores every article with quotes.db.store_article, in input order — so a parallel load gives the same
database as a single-process load (speaker ids and merges depend on the order articles are stored
in) and stays idempotent.

Storing is batched: a few hundred articles per transaction, each article in its own savepoint inside
it. A load killed at any point (kill -9 included) leaves every article fully stored or not at all; the
next load stores what is missing. Into an empty database the full-text and statement indexes are
built once at the end (bulk mode, see begin_bulk).

Memory stays bounded: at most `window` chunks are in flight, one batch waits to be stored, and
inputs are read lazily.
"""
import itertools
import json
import multiprocessing
import os
import re
from collections import deque
from concurrent.futures import ProcessPoolExecutor

from .db import article_id, ensure_db_shape, finish_load, is_current, store_article
from .lexicon import settle
from .load import LoadReport
from .officials import name_key
from .readers import InputError

try:
    from .load import statements_of
except ImportError:  # older loader: every article is extracted
    from .extract import extract as statements_of


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def extract_chunk(articles):
    """Worker side: [(statements, None) | (None, error message)] for each article, in order."""
    out = []
    for a in articles:
        try:
            out.append((list(statements_of(a)), None))
        except Exception as e:  # one bad article must not end the run; name it
            out.append((None, f"extraction failed: {type(e).__name__}: {e}"))
    return out


def _start_worker():
    """Worker start-up: second to the storing process, ready to extract many articles."""
    _yield_to_storing()
    settle()


def _yield_to_storing():
    """A worker's lower priority. Every article waits for this process to store it, in order; with
    as many workers as cores, an equal share of the CPU left it the bottleneck while chunks waited."""
    try:
        os.nice(5)  # enough to come second to the storing process; little against anything else
    except (AttributeError, OSError):  # not on this system: equal shares, as before
        pass


def tune_for_bulk(db):
    """Connection settings for a long load. In WAL mode synchronous=NORMAL keeps every commit atomic
    and the database consistent after a crash or kill -9 (a power cut may lose the last commits,
    never half of one); it only drops the fsync on each commit."""
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA cache_size=-262144")  # 256 MB page cache
    db.execute("PRAGMA temp_store=MEMORY")
    db.execute("PRAGMA wal_autocheckpoint=4000")  # checkpoint every 16 MB of log, not every 4 MB
    db.execute("PRAGMA analysis_limit=1000")  # ANALYZE samples each index instead of reading all of it


def _chunks(db, items, report, on_error, size):
    """Chunks of articles that need extracting; errors and unchanged articles are dealt with here."""
    chunk = []
    for item in items:
        if isinstance(item, InputError):
            report.problem(item, on_error)
            continue
        if is_current(db, item, article_id(item)):
            report.unchanged += 1
            continue
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _store(speakers_db, articles, results, report, on_error):
    """Store one chunk of extracted articles in one transaction (each article in its own savepoint,
    through quotes.db.store_article): a kill at any moment leaves every article of the chunk stored
    or none of them, and the next load stores what is missing."""
    db = speakers_db.db
    with db.atomic():
        for article, (statements, problem) in zip(articles, results):
            if problem is not None:
                report.problem(InputError(article.path or article.doc, problem), on_error)
                continue
            # the same article twice in the inputs: the first copy is stored, the second is unchanged,
            # as in a single-process load
            if is_current(db, article, article_id(article)):
                report.unchanged += 1
                continue
            _, n = store_article(speakers_db, article, statements)
            speakers_db.refresh()
            report.loaded += 1
            report.statements += n


def load_parallel(db, items, jobs=None, chunk_size=32, window=None, report=None, on_error=None,
                  progress=None, analyze=True, bulk=None, batch_size=512):
    """Load Articles from items with extraction in `jobs` processes; returns a LoadReport.

    Workers get chunks of chunk_size articles; this process stores batch_size articles per transaction
    (fewer commits: each one writes every page it touched to the log once). jobs=1 extracts in this
    process (no pool). progress, if given, is called with the report after each transaction."""
    report = report or LoadReport()
    jobs = jobs or default_jobs()
    ensure_db_shape(db)
    tune_for_bulk(db)
    bulk = begin_bulk(db) if bulk is None or bulk else False
    chunks = _chunks(db, items, report, on_error, chunk_size)
    batch = _Batch(SpeakerIndexedDB(db), batch_size, report, on_error, progress)
    if jobs == 1:
        for chunk in chunks:
            batch.add(chunk, extract_chunk(chunk))
    else:
        # chunks in flight: more than a batch, so that the workers still have work while this process
        # stores one (with fewer, they sat idle for every transaction)
        window = window or max(2 * jobs + 2, batch_size // chunk_size + 2 * jobs)
        ctx = multiprocessing.get_context("spawn")  # no inherited SQLite connections or threads
        with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_start_worker) as pool:
            pending = deque()
            for chunk in chunks:
                pending.append((chunk, pool.submit(extract_chunk, chunk)))
                while len(pending) >= window:
                    done, fut = pending.popleft()
                    batch.add(done, fut.result())
            while pending:
                done, fut = pending.popleft()
                batch.add(done, fut.result())
    batch.flush()
    end_bulk(db, bulk)
    if analyze:
        finish_load(db)
    checkpoint(db)
    return report


class _Batch:
    """Extracted articles waiting to be stored together in one transaction."""

    def __init__(self, fast, size, report, on_error, progress):
        self.fast, self.size, self.report, self.on_error, self.progress = fast, size, report, on_error, progress
        self.articles, self.results = [], []

    def add(self, articles, results):
        self.articles += articles
        self.results += results
        if len(self.articles) >= self.size:
            self.flush()

    def flush(self):
        if self.articles:
            _store(self.fast, self.articles, self.results, self.report, self.on_error)
            self.articles, self.results = [], []
            if self.progress:
                self.progress(self.report)


def checkpoint(db):
    """Move everything from the write-ahead log into the database file, so that the file alone is the
    database (what `quotes serve --immutable` and a copy to another machine read)."""
    try:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except Exception:  # a reader holding the log open: the next checkpoint will do it
        pass


# Indexes a load itself reads: the article's earlier statements, the speaker lookups
# article_id: each article's statements are replaced by it; speaker_id: a speaker renamed to a fuller
# name ("Ryabkov" -> "Sergei Ryabkov") has its earlier statements updated by it
_KEEP_WHILE_LOADING = {"idx_quotes_article_id", "idx_quotes_speaker_id"}


def begin_bulk(db, force=False):
    """On an empty database (or with force), drop the full-text indexes and the statement indexes that
    only the site reads, so that rows go in without them; end_bulk builds them once at the end, which
    is several times faster than keeping them up to date row by row.

    A bulk load killed half-way leaves a database without those indexes, never a wrong one: every
    load (quotes.db.ensure_db_shape, which any `quotes load` runs first) creates the missing indexes and
    full-text tables again from the stored rows. Returns whether bulk mode is on."""
    if not force and db.execute("select exists(select 1 from quotes)").fetchone()[0]:
        return False
    with db.atomic():
        for table in ("quotes", "speakers"):
            if f"{table}_fts" in db.table_names():
                db[table].disable_fts()
        for (name,) in db.execute("select name from sqlite_master where type = 'index' and tbl_name = 'quotes' "
                                  "and sql is not null").fetchall():
            if name not in _KEEP_WHILE_LOADING:
                db.execute(f'drop index "{name}"')
    return True


def end_bulk(db, bulk=False):
    """Create whatever indexes and full-text tables are missing (all of them after a bulk load); after a
    bulk load, also merge each full-text index into one b-tree (FTS5 'optimize') for faster searches."""
    ensure_db_shape(db)
    facet_indexes(db)
    if bulk:
        for fts in ("quotes_fts", "speakers_fts"):
            if fts in db.table_names():
                with db.atomic():
                    db.execute(f"insert into [{fts}]([{fts}]) values ('optimize')")


def facet_indexes(db):
    """An index for each column the site facets statements by (metadata.yml), so that facet counts over
    a million rows read an index instead of the table. Returns the columns indexed."""
    try:
        from .site import metadata

        facets = metadata()["databases"]["quotes"]["tables"]["quotes"].get("facets") or []
    except Exception:  # no site metadata: nothing to index for it
        return []
    columns = db["quotes"].columns_dict
    done = []
    for col in facets:
        if isinstance(col, str) and col in columns:
            db["quotes"].create_index([col], if_not_exists=True)
            done.append(col)
    return done


# quotes.speakers.find_speaker looks a name up with a query that reads the whole speakers table (it looks for
# the surname anywhere in the aliases); at a million statements that would cost more than everything else.
_WHERE = re.compile(r"\bwhere\b", re.I)
_TAIL = re.compile(r"\b(order|group|limit|union|having)\b", re.I)
class _Rows:
    def __init__(self, rows):
        self.rows = rows

    def fetchall(self):
        return self.rows

    def fetchone(self):
        return self.rows[0] if self.rows else None

    def __iter__(self):
        return iter(self.rows)


MAX_ANSWERS = 20000  # speaker lookups kept at most (a few kilobytes each: the rows of a busy surname)


class SpeakerIndexedDB:
    """The database as quotes.db.store_article sees it, with the speakers lookup of
    quotes.speakers.find_speaker narrowed from a table scan to a few rows. Everything else goes to the
    real database unchanged.

    An in-memory index maps the last word of each speaker's name and aliases (as name_key gives them)
    to speaker ids. find_speaker only acts on a row that has a name with the same key as the one
    looked up, or one `compatible` with it, and both need the same last word: so the lookup query is
    run as it is, with `rowid in (…)` the rows indexed under that surname. SQLite applies all the
    query's own conditions and returns the rows in rowid order, as the full scan does. A temporary
    trigger records every speakers row written, so the index follows the table whoever writes it.
    (tests/test_parallel.py checks the answers against the plain table scan.)"""

    def __init__(self, db):
        self.db = db
        self.rows = {}  # id -> (rowid, id, name, aliases, country, kind)
        self.by_last = {}  # last word of a name or alias -> speaker ids
        self.words = {}  # id -> every last word it has been indexed under
        self.answers = {}  # surname -> {(sql, params): rows}: lookups answered since its rows last changed
        self._kept = 0  # answers stored since answers was last emptied (memory stays bounded)
        self._lookups = {}  # sql -> whether it is a speakers lookup by surname
        self._tables = None
        self._fast = {}
        self._keys = {}
        db.execute("create temp table if not exists _touched_speakers (id text)")
        # an update that changes nothing (most of them: a known speaker's row is written again with each
        # statement) is not recorded, so the answers of lookups stay valid
        changed = " or ".join(f"old.[{c}] is not new.[{c}]" for c in db["speakers"].columns_dict)
        db.execute("create temp trigger if not exists _speakers_insert after insert on main.speakers "
                   "begin insert into _touched_speakers values (new.id); end")
        db.execute(f"create temp trigger if not exists _speakers_update after update on main.speakers "
                   f"when {changed} begin insert into _touched_speakers values (new.id); end")
        for row in db.execute("select rowid, id, name, aliases, country, kind from speakers").fetchall():
            self._add(row)

    def _add(self, row):
        self.rows[row[1]] = row
        words = self.words.setdefault(row[1], set())
        for w in words:  # the rows under these words changed: their answers may have
            self.answers.pop(w, None)
        names = [row[2]]
        try:
            names += json.loads(row[3] or "[]")
        except ValueError:
            pass
        for n in names:
            if not isinstance(n, str):
                continue
            key = self._keys.get(n)
            if key is None:
                key = self._keys[n] = name_key(n).split()
            if key:
                self.by_last.setdefault(key[-1], set()).add(row[1])
                self.answers.pop(key[-1], None)
                words.add(key[-1])

    def refresh(self):
        touched = [r[0] for r in self.db.execute("select distinct id from _touched_speakers").fetchall()]
        if touched:
            self.db.execute("delete from _touched_speakers")
            for i in range(0, len(touched), 500):
                part = touched[i:i + 500]
                for row in self.db.execute("select rowid, id, name, aliases, country, kind from speakers where "
                                           f"id in ({','.join('?' * len(part))})", part).fetchall():
                    self._add(row)

    def _surname(self, sql, params):
        """The surname a speakers lookup looks for ("%surname%" among its parameters), if sql is one."""
        if not isinstance(params, (list, tuple)):
            return None
        lookup = self._lookups.get(sql)
        if lookup is None:  # a few statement texts, each run many times: decide once for each
            lookup = self._lookups[sql] = bool(
                sql.lstrip()[:6].lower() == "select" and re.search(r"\bfrom\s+speakers\s+where\b", sql, re.I)
                and not _TAIL.search(sql))
        if not lookup:
            return None
        for p in params:
            if isinstance(p, str) and len(p) > 2 and p[0] == p[-1] == "%":
                s = p[1:-1]
                if s and not any(c in s for c in "%_ ") and s == name_key(s):
                    return s
        return None

    def execute(self, sql, params=None):
        surname = self._surname(sql, params)
        if surname is None:
            return self.db.execute(sql, params) if params is not None else self.db.execute(sql)
        # The same query, over the rows that have a name or alias ending in that surname (any other row
        # cannot be the speaker, nor `compatible` with the name): SQLite still applies all its conditions,
        # and rowid IN (…) reads those rows in rowid order, as the table scan would.
        # The answer is kept until a row under that surname changes (refresh, _add): the same names come
        # up again and again, and the rows behind a busy surname are many.
        key = (sql, tuple(params))
        answers = self.answers.setdefault(surname, {})
        rows = answers.get(key)
        if rows is None:
            rowids = sorted({self.rows[i][0] for i in self.by_last.get(surname, ())})
            if rowids:
                m = _WHERE.search(sql)
                narrowed = f"{sql[:m.start()]}where ({sql[m.end():]}) and rowid in ({','.join('?' * len(rowids))})"
                rows = self.db.execute(narrowed, list(params) + rowids).fetchall()
            else:
                rows = []
            if self._kept >= MAX_ANSWERS:
                self.answers.clear()
                self._kept = 0
                answers = self.answers.setdefault(surname, {})
            answers[key] = rows
            self._kept += 1
        return _Rows(list(rows))

    def table_names(self, *args, **kwargs):
        if args or kwargs:
            return self.db.table_names(*args, **kwargs)
        if self._tables is None:  # no table is created or dropped while articles are stored
            self._tables = self.db.table_names()
        return self._tables

    def __getitem__(self, name):
        if name not in self._fast:
            self._fast[name] = _FastTable(self.db, name)
        return self._fast[name]

    def __getattr__(self, name):
        return getattr(self.db, name)


_PLAIN = frozenset((str, int, float, type(None), bytes))


class _FastTable:
    """The few sqlite_utils Table calls store_article makes, as the same SQL without re-reading the schema
    on every call: upsert (INSERT … ON CONFLICT DO UPDATE), insert_all(replace=True) (INSERT OR REPLACE)
    and get. Anything else, or any value that is not a plain SQLite value, goes to sqlite_utils itself."""

    def __init__(self, db, name):
        self.db, self.name, self.table = db, name, db[name]
        self._sql = {}
        self._pks = None

    def __getattr__(self, attr):
        return getattr(self.table, attr)

    @staticmethod
    def _plain(rows):
        return _PLAIN.issuperset(map(type, itertools.chain.from_iterable(r.values() for r in rows)))

    @staticmethod
    def _q(name):
        return '"' + name.replace('"', '""') + '"'

    def upsert(self, record, pk=None, **kwargs):
        if kwargs or not isinstance(pk, str) or pk not in record or len(record) < 2 or not self._plain([record]):
            return self.table.upsert(record, pk=pk, **kwargs)
        cols = tuple(record)
        key = ("upsert", pk, cols)
        sql = self._sql.get(key)
        if sql is None:
            others = [c for c in cols if c != pk]
            sql = self._sql[key] = (
                f"INSERT INTO {self._q(self.name)} ({', '.join(map(self._q, cols))}) VALUES "
                f"({', '.join('?' * len(cols))}) ON CONFLICT({self._q(pk)}) DO UPDATE SET "
                + ", ".join(f"{self._q(c)} = excluded.{self._q(c)}" for c in others))
        self.db.conn.execute(sql, [record[c] for c in cols])
        return self

    def insert_all(self, records, pk=None, replace=False, **kwargs):
        records = list(records)
        if kwargs or not replace or not records or not self._plain(records):
            return self.table.insert_all(records, pk=pk, replace=replace, **kwargs)
        cols = list(dict.fromkeys(c for r in records for c in r))
        key = ("replace", tuple(cols))
        sql = self._sql.get(key)
        if sql is None:
            sql = self._sql[key] = (f"INSERT OR REPLACE INTO {self._q(self.name)} ({', '.join(map(self._q, cols))}) "
                                    f"VALUES ({', '.join('?' * len(cols))})")
        self.db.conn.executemany(sql, [[r.get(c) for c in cols] for r in records])
        return self

    def get(self, pk_value):
        if self._pks is None:  # Table.pks reads the schema on every call
            self._pks = self.table.pks
        pks = self._pks
        if len(pks) != 1 or isinstance(pk_value, (list, tuple)):
            return self.table.get(pk_value)
        cur = self.db.conn.execute(f"select * from {self._q(self.name)} where {self._q(pks[0])} = ?", [pk_value])
        row = cur.fetchone()
        if row is None:
            return self.table.get(pk_value)  # raises NotFoundError as sqlite_utils does
        return dict(zip([d[0] for d in cur.description], row))
