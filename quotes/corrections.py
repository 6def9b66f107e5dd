"""Corrections by people: recorded once, re-applied after every extraction so they are never lost.

A correction is a row of the corrections table: which statement (quote_id, with the article and the
quote text it had then), which field, the new value, the value it replaced, who and when. The table
is only ever added to. After every (re)extraction of an article quotes.db.store_article calls
apply_corrections, which sets the latest corrected value of each field again and marks the statement
reviewed. Statement ids come from the article and the quote text, so a reloaded or edited article
keeps the ids of the quotes it still has; a correction whose statement is gone from its article is
re-attached to the same quote text if the article still has it (exactly, or all but a few characters),
and otherwise stays in the table as an orphan (`quotes corrections --orphans`).
"""
import csv
import difflib
import json
import re
import sqlite3
from datetime import date as _date
from datetime import datetime, timezone

from .records import SPEAKER_KINDS

STANCES = ("favor", "against", "neutral", "mixed")
KINDS = SPEAKER_KINDS
PRECISIONS = ("day", "week", "month", "year")
# field -> what a value must be, for messages
FIELDS = {
    "stance": "favor, against, neutral or mixed",
    "stance_target": "what the statement takes a position on (empty: none)",
    "speaker": "a name or a speaker id (empty: unknown speaker)",
    "speaker_kind": "person, organization, group or anonymous",
    "office": "an office (empty: none)",
    "country": "an ISO 3166-1 alpha-2 code such as RU (empty: none)",
    "date": "YYYY-MM-DD, YYYY-MM or YYYY (empty: unknown)",
    "date_precision": "day, week, month or year",
    "is_statement": "yes or no (no: not a statement, removed from the statements)",
}
_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
SIMILAR = 0.9  # how alike a quote must be to the corrected one to take its corrections over


class CorrectionError(ValueError):
    """A correction that cannot be made; the message is one line, column the CSV column at fault if not field."""

    def __init__(self, message, column=None):
        super().__init__(message)
        self.column = column


def validate(field, value):
    """The value as stored for this field ("" clears a field), or CorrectionError."""
    if field not in FIELDS:
        raise CorrectionError(f"unknown field {field!r}; fields: {', '.join(FIELDS)}")
    v = (value or "").strip()
    if field == "stance":
        v = {"favour": "favor"}.get(v.lower(), v.lower())
        if v not in STANCES:
            raise CorrectionError(f"stance {value!r} is not one of {', '.join(STANCES)}")
    elif field == "speaker_kind":
        v = {"organisation": "organization"}.get(v.lower(), v.lower())
        if v not in KINDS:
            raise CorrectionError(f"speaker_kind {value!r} is not one of {', '.join(KINDS)}")
    elif field == "date_precision":
        v = v.lower()
        if v not in PRECISIONS:
            raise CorrectionError(f"date_precision {value!r} is not one of {', '.join(PRECISIONS)}")
    elif field == "is_statement":
        if v.lower() not in _YES | _NO:
            raise CorrectionError(f"is_statement {value!r} is not yes or no")
        v = "yes" if v.lower() in _YES else "no"
    elif field == "country" and v:
        v = _country(v)
    elif field == "date" and v:
        _check_date(v)
    elif field == "stance_target" and v:
        from .stance import normalise_target

        v = normalise_target(v) or v
    return re.sub(r"\s+", " ", v)


def _country(value):
    import pycountry

    code = value.upper()
    if code == "XK" or (len(code) == 2 and pycountry.countries.get(alpha_2=code)):
        return code
    try:
        guess = pycountry.countries.lookup(value).alpha_2
    except LookupError:
        from .lexicon import lexicon

        guess = lexicon().country_of_word(value)
    hint = f" (did you mean {guess}?)" if guess else ""
    raise CorrectionError(f"country {value!r} is not an ISO 3166-1 alpha-2 code{hint}")


def _check_date(value):
    m = _DATE.match(value)
    try:
        if not m:
            raise ValueError
        _date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
    except ValueError:
        raise CorrectionError(f"date {value!r} is not a date written YYYY-MM-DD, YYYY-MM or YYYY") from None


def _precision(value):
    return {4: "year", 7: "month", 10: "day"}.get(len(value))


def ensure_shape(db):
    """The corrections table with the columns this module writes (older databases lack article_id, quote)."""
    from .db import ensure_db_shape

    if "corrections" not in db.table_names():
        ensure_db_shape(db)
    cols = db["corrections"].columns_dict
    for col in ("article_id", "quote"):
        if col not in cols:
            db["corrections"].add_column(col, str)
    db["corrections"].create_index(["article_id"], if_not_exists=True)


def _now():
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def rejected(db, quote_id):
    """True when the latest is_statement correction of this statement says it is not a statement."""
    row = db.execute("select value from corrections where quote_id = ? and field = 'is_statement' "
                     "order by id desc limit 1", [quote_id]).fetchone()
    return bool(row) and row[0] == "no"


def record_correction(db, quote_id, field, value, by, note=None):
    """Check, store and apply one correction; returns the stored corrections row.

    CorrectionError (one line) for an unknown field, a bad value, an unknown statement or no name."""
    value = validate(field, value)
    ensure_shape(db)
    cols = "article_id, quote, speaker, speaker_kind, office, country, date, date_precision, stance, stance_target"
    row = db.execute(f"select {cols} from quotes where id = ?", [quote_id]).fetchone()
    restore = False
    if row is None:
        old = db.execute("select article_id, quote from corrections where quote_id = ? order by id desc limit 1",
                         [quote_id]).fetchone()
        if old is None or not rejected(db, quote_id):
            raise CorrectionError(f"no statement with id {quote_id!r}", column="quote_id")
        if field != "is_statement" or value != "yes":
            raise CorrectionError(f"statement {quote_id} is marked as not a statement; "
                                  f"correct is_statement to yes first")
        restore, current = True, dict(zip(("article_id", "quote"), old))
        current["is_statement"] = "no"
    else:
        current = dict(zip([c.strip() for c in cols.split(",")], row))
        current["is_statement"] = "yes"
    by = (by or "").strip()
    if not by:
        raise CorrectionError("a correction needs the name of who made it (--by)", column="corrected_by")
    previous = current.get(field)
    record = {
        "quote_id": quote_id, "field": field, "value": value,
        "previous": None if previous is None else str(previous), "corrected_by": by, "corrected_at": _now(),
        "note": (note or "").strip() or None, "article_id": current["article_id"], "quote": current["quote"],
    }
    with db.atomic():
        record["id"] = db["corrections"].insert(record).last_pk
        if restore:
            # the statement was deleted when it was rejected: the next `quotes load` of its article
            # extracts it again (an article whose extractor is unknown is never "unchanged")
            db.execute("update articles set extractor = null where id = ?", [current["article_id"]])
        else:
            apply_corrections(db, [quote_id])
    return record


def apply_corrections(db, quote_ids):
    """Re-apply the latest correction of each field to these statements (just stored, or corrected now)
    and mark them reviewed; corrections of an article's statements that are gone follow the same quote
    text to its new statement, when there is exactly one."""
    if not quote_ids or "corrections" not in db.table_names():
        return
    quote_ids = list(quote_ids)
    _reattach(db, quote_ids)
    by_quote = {}
    for start in range(0, len(quote_ids), 500):
        part = quote_ids[start:start + 500]
        for qid, field, value in db.execute(
                f"select quote_id, field, value from corrections where quote_id in ({','.join('?' * len(part))}) "
                "order by id", part).fetchall():
            by_quote.setdefault(qid, {})[field] = value  # the latest correction of a field wins
    for qid, fields in by_quote.items():
        _apply(db, qid, fields)


def _apply(db, qid, fields):
    if fields.get("is_statement") == "no":
        db.execute("delete from stances where quote_id = ?", [qid])
        db.execute("delete from quotes where id = ?", [qid])
        return
    cols = ["speaker", "speaker_kind", "office", "country", "date", "date_precision", "stance", "stance_target",
            "stance_confidence"]
    row = db.execute(f"select {', '.join(cols)} from quotes where id = ?", [qid]).fetchone()
    if row is None:
        return
    before = dict(zip(cols, row))
    new = {f: (v or None) for f, v in fields.items() if f in cols}
    if "date" in new:
        new["year"] = int(new["date"][:4]) if new["date"] else None
        if "date_precision" not in fields:
            new["date_precision"] = _precision(new["date"]) if new["date"] else None
    if "stance" in new:
        new["stance_confidence"] = 1.0
    final = {**before, **new}
    if "speaker" in new or "speaker_kind" in new:
        if "speaker_kind" not in new:
            final["speaker_kind"] = None  # the kind the name has among the speakers, else person
        new.update(_speaker(db, final))
        final.update(new)
    new["reviewed"] = 1
    db.execute(f"update quotes set {', '.join(f'[{c}] = ?' for c in new)} where id = ?", [*new.values(), qid])
    if "stance" in new or "stance_target" in new:
        # the main position is the quote's stance toward its target, in the stances table as on the quote
        if before["stance_target"]:
            db.execute("delete from stances where quote_id = ? and target = ?", [qid, before["stance_target"]])
        if final["stance_target"] and final["stance"]:
            db.execute("insert or replace into stances (quote_id, target, stance, confidence) values (?, ?, ?, ?)",
                       [qid, final["stance_target"], final["stance"], final["stance_confidence"]])


def _speaker(db, q):
    """speaker_id, speaker and speaker_kind for a corrected speaker: an existing speakers row (by id, or
    by name as extraction finds them) or a new one."""
    from .speakers import _canonical, _free_id, find_speaker

    name = q["speaker"]
    if not name:
        return {"speaker_id": None, "speaker": None}
    row = db.execute("select id, name, kind from speakers where id = ?", [name]).fetchone()
    if row:
        return {"speaker_id": row[0], "speaker": row[1], "speaker_kind": row[2]}
    kind = q["speaker_kind"]
    if kind is None:
        from .officials import name_key

        key = name_key(name)
        kinds = {k for n, k in db.execute("select name, kind from speakers where name = ?", [name]).fetchall()
                 if name_key(n) == key}
        kind = kinds.pop() if len(kinds) == 1 else "person"
    canonical, wikidata, office, country = _canonical(name) if kind == "person" else (name, None, None, None)
    country = q["country"] or country
    sid = find_speaker(db, canonical, kind, country)
    if sid is None:
        sid = _free_id(db, canonical, country, {})
        db["speakers"].insert({"id": sid, "name": canonical, "aliases": json.dumps([name] if name != canonical else []),
                               "kind": kind, "country": country, "office": q["office"] or office,
                               "organization": None, "gender": None, "wikidata": wikidata}, pk="id")
    shown = db.execute("select name from speakers where id = ?", [sid]).fetchone()[0]
    return {"speaker_id": sid, "speaker": shown, "speaker_kind": kind}


def _reattach(db, quote_ids):
    """Corrections of statements no longer stored, in the articles of quote_ids, move to the statement
    with the same quote (or one all but identical) when exactly one fits."""
    try:
        lost = db.execute(
            "select distinct c.quote_id, c.article_id, c.quote from corrections c where c.article_id in "
            f"(select distinct article_id from quotes where id in ({','.join('?' * min(len(quote_ids), 500))})) "
            "and c.quote is not null and not exists (select 1 from quotes q where q.id = c.quote_id)", quote_ids[:500]).fetchall()
    except sqlite3.OperationalError:  # a database from before corrections kept their article and quote
        return
    if not lost:
        return
    taken = set()
    for old_id, aid, text in lost:
        if rejected(db, old_id):
            continue
        stored = db.execute("select id, quote from quotes where article_id = ?", [aid]).fetchall()
        fits = [qid for qid, q in stored if q == text]
        if not fits:
            scored = [(difflib.SequenceMatcher(None, text, q).ratio(), qid) for qid, q in stored
                      if q and abs(len(q) - len(text)) <= len(text) * (1 - SIMILAR) + 2]
            fits = [qid for r, qid in scored if r >= SIMILAR]
        fits = [f for f in fits if f not in taken]
        if len(fits) == 1:
            taken.add(fits[0])
            db.execute("update corrections set quote_id = ? where quote_id = ?", [fits[0], old_id])
            if fits[0] not in quote_ids:
                quote_ids.append(fits[0])


def orphans(db):
    """Corrections whose statement is no longer stored (and was not rejected as a statement), with the
    article they were made in: {quote_id, field, value, corrected_by, corrected_at, quote, doc}."""
    if "corrections" not in db.table_names():
        return []
    ensure_shape(db)
    rows = db.execute(
        "select c.quote_id, c.field, c.value, c.corrected_by, c.corrected_at, c.quote, a.doc from corrections c "
        "left join articles a on a.id = c.article_id where not exists (select 1 from quotes q where q.id = c.quote_id) "
        "order by c.id").fetchall()
    keys = ("quote_id", "field", "value", "corrected_by", "corrected_at", "quote", "doc")
    return [dict(zip(keys, r)) for r in rows if not rejected(db, r[0])]


def read_csv(path):
    """(line number, row dict) of a corrections CSV; CorrectionError when its header lacks a column."""
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        header = [h.strip().lower() for h in reader.fieldnames or []]
        missing = [c for c in ("quote_id", "field", "value") if c not in header]
        if missing:
            raise CorrectionError(f"{path}: the header has no {', '.join(missing)} column "
                                  f"(columns: quote_id, field, value, note, corrected_by)")
        reader.fieldnames = header
        rows = []
        for row in reader:
            if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
                continue
            rows.append((reader.line_num, {k: (v or "").strip() for k, v in row.items() if isinstance(k, str)}))
    return rows


def import_csv(db, path, by=None, note=None):
    """Apply every row of a corrections CSV that is right, each on its own; returns (applied rows,
    one-line errors naming the line and field of each row that is not)."""
    done, errors = [], []
    for line, row in read_csv(path):
        qid, field = row.get("quote_id", ""), row.get("field", "")
        try:
            if not qid:
                raise CorrectionError("no statement id", column="quote_id")
            done.append(record_correction(db, qid, field, row.get("value", ""),
                                          row.get("corrected_by") or by, row.get("note") or note))
        except CorrectionError as e:
            errors.append(f"line {line}: {e.column or 'field ' + (field or '?')}: {e}")
    return done, errors
