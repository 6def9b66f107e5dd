"""The SQLite database: its shape, and loading articles and their statements into it."""
import contextlib
import hashlib
import json
from datetime import datetime, timezone

import sqlite_utils

from . import __version__
from .officials import name_key
from .readers import sha256

FACETS = ["speaker_id", "office", "country", "stance", "year", "type", "speaker_kind", "date_precision",
          "stance_target", "reviewed", "article_id"]
STANCE_FACETS = ["speaker_id", "office", "country", "year", "type", "reviewed", "date"]
EXTRACTOR = f"quotes {__version__}"


def ensure_db_shape(db: sqlite_utils.Database):
    """Create whatever tables, indexes and full-text index are missing; safe to call any time.

    WAL mode lets the site read while a load writes; the schema is created in one transaction, so a
    load killed while creating it leaves either no schema or all of it."""
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA busy_timeout=30000")  # a second writer waits for the first instead of failing
    with db.atomic():
        _create_shape(db)


def _create_shape(db):
    if "articles" not in db.table_names():
        db["articles"].create({
            "id": str, "doc": str, "path": str, "url": str, "headline": str, "byline": str, "outlet": str,
            "published": str, "published_raw": str, "body_start": int, "text": str, "sha256": str,
            "encoding": str, "extra": str, "extractor": str, "loaded_at": str,
        }, pk="id")
    if "speakers" not in db.table_names():
        db["speakers"].create({
            "id": str, "name": str, "aliases": str, "kind": str, "country": str, "office": str,
            "organization": str, "gender": str, "wikidata": str,
        }, pk="id")
    if "quotes" not in db.table_names():
        db["quotes"].create({
            "id": str, "article_id": str, "speaker_id": str, "quote": str, "type": str, "speaker": str,
            "speaker_kind": str, "speaker_phrase": str, "office": str, "office_phrase": str, "country": str,
            "organization": str, "date": str, "date_precision": str, "date_phrase": str, "year": int,
            "stance": str, "stance_target": str, "stance_confidence": float, "start": int, "end": int,
            "parts": str, "cue": str, "context": str, "context_start": int, "confidence": float,
            "reviewed": int, "position": int,
        }, pk="id", foreign_keys=[("article_id", "articles", "id"), ("speaker_id", "speakers", "id")])
    if "stances" not in db.table_names():
        db["stances"].create({"quote_id": str, "target": str, "stance": str, "confidence": float},
                             pk=("quote_id", "target"), foreign_keys=[("quote_id", "quotes", "id")])
    if "corrections" not in db.table_names():
        db["corrections"].create({
            "id": int, "quote_id": str, "field": str, "value": str, "previous": str, "corrected_by": str,
            "corrected_at": str, "note": str, "article_id": str, "quote": str,
        }, pk="id")
    quotes = db["quotes"]
    for col in FACETS + ["date"]:
        quotes.create_index([col], if_not_exists=True)
    # A stance keeps a quarter to two thirds of the statements: filtered by it, each facet would read
    # hundreds of thousands of rows from the table at a million statements; these indexes count them
    # (and give the newest first) by themselves.
    for col in STANCE_FACETS:
        quotes.create_index(["stance", col], if_not_exists=True)
    db["stances"].create_index(["target"], if_not_exists=True)
    db["stances"].create_index(["stance"], if_not_exists=True)
    db["corrections"].create_index(["quote_id"], if_not_exists=True)
    db["speakers"].create_index(["name"], if_not_exists=True)
    db["speakers"].create_index(["country"], if_not_exists=True)
    if "quotes_fts" not in db.table_names():
        quotes.enable_fts(["quote", "speaker", "context"], fts_version="FTS5", tokenize="porter",
                          create_triggers=True)
    if "speakers_fts" not in db.table_names():
        db["speakers"].enable_fts(["name", "aliases"], fts_version="FTS5", tokenize="porter", create_triggers=True)


def article_id(article) -> str:
    # identity is the URL when known, else the file name: a changed file replaces its own rows
    key = article.url or article.doc
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def quote_id(aid: str, quote: str, occurrence: int) -> str:
    # derived from content, so that corrections keyed by it survive re-extraction
    return hashlib.sha1(f"{aid}\x1f{quote}\x1f{occurrence}".encode("utf-8")).hexdigest()[:16]


def slug(name: str) -> str:
    return name_key(name).replace(" ", "-")[:80] or "unknown"


def extractor_of(article):
    """What extracted an article's statements: the version, and the unit when it is not the default (a
    load with another unit extracts the article again)."""
    unit = getattr(article, "unit", "quote")
    return EXTRACTOR if unit == "quote" else f"{EXTRACTOR} unit={unit}"


def article_row(article, aid):
    return {
        "id": aid, "doc": article.doc, "path": article.path, "url": article.url, "headline": article.headline,
        "byline": article.byline, "outlet": article.outlet,
        "published": article.published.isoformat() if article.published else None,
        "published_raw": article.published_raw, "body_start": article.body_start, "text": article.text,
        "sha256": sha256(article.text), "encoding": article.encoding,
        "extra": json.dumps(article.extra, ensure_ascii=False) if article.extra else None,
        "extractor": extractor_of(article), "loaded_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }


def is_current(db, article, aid) -> bool:
    """True when this exact text was already loaded by this extractor version."""
    row = db.execute("select sha256, extractor from articles where id = ?", [aid]).fetchone()
    return bool(row) and row[0] == sha256(article.text) and row[1] == extractor_of(article)


def store_article(db, article, statements, aid=None):
    """Replace one article and its statements in a single transaction: a load killed at any moment
    leaves the article as it was before or as it is now, never half-stored."""
    from .speakers import speaker_row
    from .corrections import apply_corrections

    aid = aid or article_id(article)
    rows, stance_rows, speakers = [], [], {}
    seen = {}
    for pos, st in enumerate(statements):
        n = seen.get(st.quote, 0)
        seen[st.quote] = n + 1
        qid = quote_id(aid, st.quote, n)
        sp_id = None
        if st.speaker:
            sp = speaker_row(db, st, speakers)
            sp_id = sp["id"]
        year = int(st.date[:4]) if st.date else None
        rows.append({
            "id": qid, "article_id": aid, "speaker_id": sp_id, "quote": st.quote, "type": st.type,
            "speaker": speakers[sp_id]["name"] if sp_id else None, "speaker_kind": st.speaker_kind,
            "speaker_phrase": st.speaker_phrase, "office": st.office, "office_phrase": st.office_phrase,
            "country": st.country, "organization": st.organization, "date": st.date,
            "date_precision": st.date_precision, "date_phrase": st.date_phrase, "year": year,
            "stance": st.stance, "stance_target": st.stance_target, "stance_confidence": st.stance_confidence,
            "start": st.start, "end": st.end, "parts": json.dumps(st.parts), "cue": st.cue, "context": st.context,
            "context_start": st.context_start, "confidence": st.confidence, "reviewed": int(st.type == "curated"), "position": pos,
        })
        for s in st.stances:
            stance_rows.append({"quote_id": qid, **s})
    with _article_transaction(db):
        old = [r[0] for r in db.execute("select id from quotes where article_id = ?", [aid]).fetchall()]
        if old:
            db.execute("delete from stances where quote_id in (select id from quotes where article_id = ?)", [aid])
            db.execute("delete from quotes where article_id = ?", [aid])
        db["articles"].upsert(article_row(article, aid), pk="id")
        renamed = _renamed_speakers(db, speakers)
        for sp in speakers.values():
            db["speakers"].upsert(sp, pk="id")
        for sid, name in renamed:
            # "Ryabkov" stored before "Sergei Ryabkov" was known: earlier statements show the fuller name
            db.execute("update quotes set speaker = ? where speaker_id = ?", [name, sid])
        if rows:
            db["quotes"].insert_all(rows, pk="id", replace=True)
        if stance_rows:
            db["stances"].insert_all(stance_rows, pk=("quote_id", "target"), replace=True)
        apply_corrections(db, [r["id"] for r in rows])
    return aid, len(rows)


def _renamed_speakers(db, speakers):
    """(id, new name) of stored speakers whose shown name this load changes."""
    if not speakers or "speakers" not in db.table_names():
        return []
    ids = list(speakers)
    stored = dict(db.execute(f"select id, name from speakers where id in ({','.join('?' * len(ids))})", ids).fetchall())
    return [(sid, sp["name"]) for sid, sp in speakers.items() if sid in stored and stored[sid] != sp["name"]]


@contextlib.contextmanager
def _article_transaction(db):
    """db.atomic(), but inside an open transaction (a --jobs batch) a savepoint with a fixed name: db.atomic
    names each savepoint anew, and SQLite parses every new statement text (a tenth of the storing time)."""
    conn = db.conn
    if not conn.in_transaction:
        # db.atomic, not `with db.conn`: sqlite-utils commits each write made outside an open transaction
        with db.atomic():
            yield
        return
    conn.execute("SAVEPOINT quotes_article")
    try:
        yield
    except BaseException:
        if conn.in_transaction:  # as db.atomic: an error that ended the transaction leaves nothing to undo
            conn.execute("ROLLBACK TO SAVEPOINT quotes_article")
            conn.execute("RELEASE SAVEPOINT quotes_article")
        raise
    conn.execute("RELEASE SAVEPOINT quotes_article")


def finish_load(db):
    db.execute("ANALYZE")
    # move the write-ahead log into the database file, so that the file alone (copied, published with
    # `datasette -i`) holds everything loaded; with readers still open it does what it can and returns
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
