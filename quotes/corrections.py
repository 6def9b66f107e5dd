"""Corrections by people: recorded once, re-applied after every extraction so they are never lost."""
from datetime import datetime, timezone

CORRECTABLE = {"stance", "stance_target", "speaker", "office", "country", "date", "date_precision", "type",
               "speaker_kind", "quote_is_statement"}


def apply_corrections(db, quote_ids):
    """Re-apply the latest correction of each field to these quotes; mark them reviewed."""
    if not quote_ids or "corrections" not in db.table_names():
        return
    placeholders = ",".join("?" for _ in quote_ids)
    rows = db.execute(
        f"select quote_id, field, value from corrections where quote_id in ({placeholders}) order by id",
        list(quote_ids)).fetchall()
    for qid, field, value in rows:
        if field in CORRECTABLE - {"quote_is_statement", "speaker"}:
            db.execute(f"update quotes set [{field}] = ?, reviewed = 1 where id = ?", [value, qid])
            if field == "date":
                db.execute("update quotes set year = ? where id = ?", [int(value[:4]) if value else None, qid])
        elif field == "speaker":
            db.execute("update quotes set speaker = ?, reviewed = 1 where id = ?", [value, qid])
        else:
            db.execute("update quotes set reviewed = 1 where id = ?", [qid])


def record_correction(db, quote_id, field, value, by, note=None):
    """Store one correction and apply it now."""
    if field not in CORRECTABLE:
        raise ValueError(f"cannot correct {field!r}; fields: {', '.join(sorted(CORRECTABLE))}")
    row = db.execute(f"select [{field}] from quotes where id = ?", [quote_id]).fetchone() if field != \
        "quote_is_statement" else db.execute("select 1 from quotes where id = ?", [quote_id]).fetchone()
    if row is None:
        raise KeyError(quote_id)
    with db.conn:
        db["corrections"].insert({
            "quote_id": quote_id, "field": field, "value": value, "previous": row[0] if field != "quote_is_statement" else None,
            "corrected_by": by, "corrected_at": datetime.now(timezone.utc).isoformat(timespec="seconds"), "note": note,
        })
        apply_corrections(db, [quote_id])
