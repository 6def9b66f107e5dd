"""`quotes verify`: every stored statement re-checked against the text of its article.

A statement is right when the article text sliced at its parts, joined with one space, is its quote,
and start and end are the first and last offsets of those parts. An article is right when its text
still has the sha256 recorded when it was loaded.
"""
import json

from .readers import sha256


def check_statement(text, quote, parts_json, start, end):
    """None when the statement matches the text, else what is wrong (one line)."""
    try:
        parts = json.loads(parts_json) if parts_json else None
    except (TypeError, ValueError):
        return f"parts {parts_json!r} are not JSON"
    if not parts or not all(isinstance(p, list) and len(p) == 2 and all(isinstance(x, int) for x in p)
                            for p in parts):
        return f"parts {parts_json!r} are not a list of [start, end] offsets"
    for a, b in parts:
        if not 0 <= a <= b <= len(text):
            return f"part [{a}, {b}] lies outside the article text ({len(text)} characters)"
    found = " ".join(text[a:b] for a, b in parts)
    if found != quote:
        return f"the text at {parts_json} is {_short(found)!r}, not the stored quote {_short(quote)!r}"
    if start != parts[0][0] or end != parts[-1][1]:
        return f"start/end {start}-{end} do not match parts {parts_json}"
    return None


def _short(s, n=60):
    return s if len(s) <= n else s[: n - 1] + "…"


def verify_db(db):
    """(number of statements checked, list of one-line problems). Reads one article at a time with
    its statements, so memory stays flat whatever the size of the database."""
    problems = []
    tables = set(db.table_names())
    if not {"quotes", "articles"} <= tables:
        return 0, ["not a quotes database: no quotes or articles table"]
    checked = 0
    ids = [r[0] for r in db.execute("select id from articles order by id").fetchall()]
    for aid in ids:
        doc, text, digest = db.execute("select doc, text, sha256 from articles where id = ?", [aid]).fetchone()
        text = text or ""
        if digest and sha256(text) != digest:
            problems.append(f"article {aid} ({doc}): text changed since it was loaded (sha256 differs)")
        for qid, quote, parts, start, end in db.execute(
                'select id, quote, parts, start, "end" from quotes where article_id = ? order by position', [aid]):
            checked += 1
            problem = check_statement(text, quote or "", parts, start, end)
            if problem:
                problems.append(f"statement {qid} in {doc}: {problem}")
    for qid, aid in db.execute("select id, article_id from quotes where article_id is null or article_id not in "
                               "(select id from articles)").fetchall():
        checked += 1
        problems.append(f"statement {qid}: its article {aid} is missing")
    return checked, problems
