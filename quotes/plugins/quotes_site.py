"""The site's own pages on top of Datasette: home, search, quote, speaker, feeds, robots.

Loaded by Datasette from the plugins directory (see quotes/site.py). Every value that reaches HTML goes
through Jinja's autoescaping or markupsafe.escape; the few Markup strings built here escape their parts first.
"""
import asyncio
import json
import os
import re
from datetime import date, datetime, timezone
from urllib.parse import urlencode
from xml.sax.saxutils import escape as xml_escape

from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.utils import tilde_decode
from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup, escape

from quotes.sitecache import DB, cached, quotes_db as _db  # shared with the other plugin
PLUGIN = "quotes"
STANCES = ("favor", "against", "mixed", "neutral")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
COUNTRY_OVERRIDES = {"RU": "Russia", "US": "United States", "GB": "United Kingdom", "KP": "North Korea",
                     "KR": "South Korea", "CD": "DR Congo", "PS": "Palestine"}


# ---------------------------------------------------------------------------------------------------------------
# pure helpers (also used as Jinja filters)

def country_name(code):
    """'RU' -> 'Russia'; unknown codes come back as given, empty as ''."""
    if not code:
        return ""
    code = str(code).upper()
    if code in COUNTRY_OVERRIDES:
        return COUNTRY_OVERRIDES[code]
    try:
        import pycountry
        c = pycountry.countries.get(alpha_2=code)
    except Exception:  # pycountry missing or odd code
        c = None
    if not c:
        return code
    name = getattr(c, "common_name", None) or c.name
    return name.split(", ")[0]


def human_date(value, precision=None):
    """A statement date as a reader says it, honest about its precision: 'February 2021', 'week of 8 Feb 2021'."""
    if not value:
        return "date unknown"
    value = str(value)
    parts = value.split("-")
    try:
        y = int(parts[0])
        m = int(parts[1]) if len(parts) > 1 else None
        d = int(parts[2]) if len(parts) > 2 else None
    except ValueError:
        return value
    if precision == "year" or m is None:
        return str(y)
    if precision == "month" or d is None:
        return f"{MONTHS[m - 1]} {y}"
    text = f"{d} {MONTHS[m - 1]} {y}"
    return f"week of {text}" if precision == "week" else text


PRECISION_NOTE = {
    "day": "exact day",
    "week": "known to the week",
    "month": "known to the month only",
    "year": "known to the year only",
}

EDIT_MARK = re.compile(r"(…|\.\s?\.\s?\.|\[[^\]]{1,200}\])")


def quote_segments(quote):
    """Split a quote into plain text and editing marks: ('text'|'omission'|'insertion', text)."""
    out = []
    pos = 0
    for m in EDIT_MARK.finditer(quote or ""):
        if m.start() > pos:
            out.append(("text", quote[pos:m.start()]))
        out.append(("insertion" if m.group(0).startswith("[") else "omission", m.group(0)))
        pos = m.end()
    if pos < len(quote or ""):
        out.append(("text", quote[pos:]))
    return out


def edit_marks(quote):
    """Counts of editing marks inside a quote: {'omission': n, 'insertion': n}."""
    counts = {"omission": 0, "insertion": 0}
    for kind, _ in quote_segments(quote):
        if kind in counts:
            counts[kind] += 1
    return counts


def render_quote(quote, limit=None):
    """The quote as HTML with its editing marks wrapped and explained; every part escaped.

    With a limit, a long quote is cut at a word boundary and ends with a plain (not flagged) ellipsis."""
    quote = quote or ""
    cut = False
    if limit and len(quote) > limit:
        quote = quote[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
        cut = True
    html = []
    for kind, text in quote_segments(quote):
        if kind == "text":
            html.append(str(escape(text)))
        elif kind == "omission":
            html.append(f'<span class="edit-mark omission" title="Words left out by the publisher">'
                        f'{escape(text)}</span>')
        else:
            html.append(f'<span class="edit-mark insertion" title="Words added by the publisher, not spoken">'
                        f'{escape(text)}</span>')
    if cut:
        html.append(' <span class="truncated" title="Shortened here; open the statement for all of it">(…)</span>')
    return Markup("".join(html))


def parse_parts(parts, start=None, end=None):
    try:
        spans = [(int(a), int(b)) for a, b in json.loads(parts or "[]")]
    except (TypeError, ValueError):
        spans = []
    if not spans and start is not None and end is not None:
        spans = [(int(start), int(end))]
    return sorted(spans)


def context_segments(context, context_start, parts, start=None, end=None):
    """The paragraph cut into (text, is_quote) pieces using the quote's spans in the article text."""
    if not context:
        return []
    offset = int(context_start or 0)
    spans = [(a - offset, b - offset, True) for a, b in parse_parts(parts, start, end)]
    return marked_pieces(context, 0, len(context), spans, False)


def marked_pieces(text, lo, hi, spans, unmarked=None):
    """text[lo:hi] cut into (piece, label) pairs: the (start, end, label) spans, sorted, labelled, and
    what lies between them labelled `unmarked`."""
    out, pos = [], lo
    for a, b, label in spans:
        a, b = max(a, pos), min(b, hi)
        if a >= b:
            continue
        if a > pos:
            out.append((text[pos:a], unmarked))
        out.append((text[a:b], label))
        pos = b
    if pos < hi:
        out.append((text[pos:hi], unmarked))
    return out


def marked(text):
    """FTS highlight() output with \\x02/\\x03 markers as escaped HTML with <mark> tags."""
    if not text:
        return Markup("")
    return Markup(str(escape(text)).replace("\x02", "<mark>").replace("\x03", "</mark>"))


def fts_query(q):
    """A user's words as a safe FTS5 query: every word or "quoted phrase" a string, all required; OR kept."""
    q = (q or "").strip()
    out = []
    for m in re.finditer(r'"([^"]*)"|(\S+)', q):
        chunk = m.group(1) if m.group(1) is not None else m.group(2)
        if m.group(2) == "OR" and out and out[-1] != "OR":
            out.append("OR")
            continue
        chunk = chunk.replace('"', "")
        if not re.search(r"\w", chunk):
            continue
        out.append('"' + chunk + '"')
    while out and out[-1] == "OR":
        out.pop()
    return " ".join(out)


def robots_allowed(datasette):
    env = os.environ.get("QUOTES_ALLOW_ROBOTS", "").strip().lower()
    if env:
        return env in ("1", "true", "yes", "on")
    config = datasette.plugin_config(PLUGIN) or {}
    return bool(config.get("allow_robots"))


def stance_label(stance):
    return {"favor": "in favour", "against": "against", "mixed": "mixed", "neutral": "neutral"}.get(stance or "",
                                                                                                     stance or "")


def stance_prefix(stance):
    """The word before a target: 'for Russia', 'against Washington', 'mixed on Moscow'."""
    return {"favor": "for", "against": "against", "mixed": "mixed on", "neutral": "neutral on"}.get(stance or "",
                                                                                                 stance or "")


def truncate(text, n=220):
    text = text or ""
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + " …"


def web_url(url):
    """The URL if it is a plain http(s) address, else '' (no javascript: or data: links from stored values)."""
    url = (url or "").strip()
    return url if re.match(r"https?://[^\s<>\"']+$", url, re.I) else ""


def quote_url(qid):
    return f"/{DB}/quotes/{qid}"


def speaker_url(sid):
    return f"/speaker/{sid}"


# ---------------------------------------------------------------------------------------------------------------
# data access



async def _rows(db, sql, params=None):
    return [dict(r) for r in (await db.execute(sql, params or {})).rows]


async def _first(db, sql, params=None):
    rows = await _rows(db, sql, params)
    return rows[0] if rows else None


async def home_vars(datasette):
    db = _db(datasette)
    return await cached(datasette, db, "home", lambda: _home_vars(db))


async def _home_vars(db):
    counts = await _first(db, """
        select (select count(*) from quotes) as statements, (select count(*) from speakers) as speakers,
               (select count(*) from articles) as articles,
               (select count(distinct country) from quotes where country is not null and country != '') as countries,
               (select min(date) from quotes where date is not null) as first_date,
               (select max(date) from quotes where date is not null) as last_date""")
    speakers = await _rows(db, """
        select s.id, s.name, s.kind, coalesce(s.country, '') as country, s.office, count(*) as n, max(q.date) as last
        from quotes q join speakers s on s.id = q.speaker_id
        where s.kind is null or s.kind != 'anonymous'
        group by s.id order by n desc, s.name limit 12""")
    countries = await _rows(db, """
        select country, count(*) as n, count(distinct speaker_id) as speakers from quotes
        where country is not null and country != '' group by country order by n desc, country limit 20""")
    latest = await _rows(db, """
        select q.id, q.quote, q.speaker, q.speaker_id, q.office, q.country, q.date, q.date_precision, q.stance,
               q.stance_target, q.type, q.reviewed
        from quotes q where q.date is not null and q.speaker_id is not null
        order by q.date desc, q.position limit 8""")
    return {"home": {"counts": counts, "speakers": speakers, "countries": countries, "latest": latest}}


async def quote_vars(datasette, qid):
    db = _db(datasette)
    q = await _first(db, """
        select q.*, a.headline, a.url as article_url, a.outlet, a.byline, a.published, a.doc
        from quotes q left join articles a on a.id = q.article_id where q.id = :id""", {"id": qid})
    if not q:
        return {}
    speaker = None
    others = []
    if q.get("speaker_id"):
        speaker = await _first(db, "select * from speakers where id = :id", {"id": q["speaker_id"]})
        others = await _rows(db, """
            select id, quote, date, date_precision, office, stance, stance_target, type from quotes
            where speaker_id = :sid and id != :id order by date is null, date desc, position limit 10""",
                             {"sid": q["speaker_id"], "id": qid})
        total = await _first(db, "select count(*) as n from quotes where speaker_id = :sid", {"sid": q["speaker_id"]})
        if speaker is not None:
            speaker["statements"] = total["n"]
    stances = await _rows(db, "select target, stance, confidence from stances where quote_id = :id order by target",
                          {"id": qid})
    corrections = []
    if await db.table_exists("corrections"):
        corrections = await _rows(db, "select * from corrections where quote_id = :id order by corrected_at",
                                  {"id": qid})
    return {"qp": {
        "q": q, "speaker": speaker, "others": others, "stances": stances, "corrections": corrections,
        "context": context_segments(q.get("context"), q.get("context_start"), q.get("parts"), q.get("start"),
                                    q.get("end")),
        "marks": edit_marks(q.get("quote")),
        "aliases": _aliases(speaker),
    }}


def _aliases(speaker):
    if not speaker:
        return []
    try:
        aliases = json.loads(speaker.get("aliases") or "[]")
    except ValueError:
        aliases = []
    return [a for a in aliases if isinstance(a, str) and a and a != speaker.get("name")]


SPEAKER_TIMELINE_LIMIT = 300  # statements listed on a speaker page; the table has them all


async def speaker_vars(datasette, sid):
    db = _db(datasette)
    sp = await _first(db, "select * from speakers where id = :id", {"id": sid})
    if not sp:
        return None
    statements = await _rows(db, """
        select q.id, q.quote, q.type, q.office, q.country, q.date, q.date_precision, q.stance, q.stance_target,
               q.reviewed, a.headline, a.outlet
        from quotes q left join articles a on a.id = q.article_id
        where q.speaker_id = :id order by q.date is null, q.date desc, q.position
        limit {SPEAKER_TIMELINE_LIMIT}""".format(SPEAKER_TIMELINE_LIMIT=SPEAKER_TIMELINE_LIMIT), {"id": sid})
    total = (await _first(db, "select count(*) as n from quotes where speaker_id = :id", {"id": sid}))["n"]
    offices = await _rows(db, """
        select office, country, organization, count(*) as n, min(date) as first, max(date) as last from quotes
        where speaker_id = :id and office is not null and office != ''
        group by office, country, organization order by max(date) desc""", {"id": sid})
    stance_rows = await _rows(db, """
        select s.target, s.stance, count(*) as n from stances s join quotes q on q.id = s.quote_id
        where q.speaker_id = :id group by s.target, s.stance""", {"id": sid})
    by_target = {}
    for r in stance_rows:
        t = by_target.setdefault(r["target"], {"target": r["target"], "total": 0, **{s: 0 for s in STANCES}})
        t[r["stance"] if r["stance"] in STANCES else "neutral"] += r["n"]
        t["total"] += r["n"]
    countries = sorted({s["country"] for s in statements if s.get("country")} | ({sp["country"]} if sp.get("country") else set()))
    timeline = []
    for s in statements:
        year = (s["date"] or "")[:4] or "Date unknown"
        if not timeline or timeline[-1]["year"] != year:
            timeline.append({"year": year, "items": []})
        timeline[-1]["items"].append(s)
    return {"sp": sp, "aliases": _aliases(sp), "statements": statements, "total": total, "offices": offices,
            "targets": sorted(by_target.values(), key=lambda t: (-t["total"], t["target"] or "")),
            "countries": countries, "timeline": timeline}


SEARCH_FACETS = (("speaker_id", "Speaker"), ("country", "Country"), ("stance", "Stance"), ("year", "Year"),
                 ("type", "Type"))


SEARCH_PAGE_SIZE = 50  # statements on one search page; the others are a 'Next' link away
FACET_SCAN_LIMIT = 10000  # facets count at most this many matches (said on the page when reached)
SEARCH_COLUMNS = """q.rowid as rid, q.id, q.quote, q.speaker, q.speaker_id, q.office, q.country, q.date,
                    q.date_precision, q.stance, q.stance_target, q.type, q.year, q.reviewed"""


async def search_vars(datasette, q, filters, page=1, limit=50):
    """One page of ranked statements, the speakers matching, and facet counts over the filtered matches."""
    db = _db(datasette)
    match = fts_query(q)
    result = {"q": q, "match": match, "speakers": [], "results": [], "total": 0, "facets": [], "filters": filters,
              "error": None, "relaxed": False, "page": page, "pages": {}}
    if not match:
        return result
    result = await _search(db, result, match, q, filters, page, limit)
    terms = match.split(" ")
    if not result["total"] and not result["error"] and len(terms) > 1 and "OR" not in terms:
        # nothing has every word: say so, and show what has any of them
        relaxed = await _search(db, dict(result), " OR ".join(terms), q, filters, page, limit)
        if relaxed["total"]:
            relaxed["relaxed"] = True
            return relaxed
    return result


async def _search(db, result, match, q, filters, page, limit):
    """The page's statements, ranked from the full-text index alone, then read (and highlighted) for the
    rows shown only; facets and counts aggregated by SQLite over at most FACET_SCAN_LIMIT matches. At a
    million statements a common word matches 80,000 of them: only the index is read for all of them."""
    result["match"] = match
    where, params = [], {"q": match}
    for i, (key, value) in enumerate(sorted(filters.items())):
        where.append(f"q.[{key}] = :f{i}")
        params[f"f{i}"] = value
    extra = "".join(f" and {w}" for w in where)
    # filters are on the statements table; without them the ranking reads the full-text index only
    joined = " join quotes q on q.rowid = f.rowid" if where else ""
    offset = (page - 1) * limit
    try:
        result["speakers"] = await _rows(db, """
            select s.id, s.name, s.aliases, s.kind, s.country, s.office,
                   (select count(*) from quotes where speaker_id = s.id) as n
            from speakers_fts f join speakers s on s.rowid = f.rowid
            where speakers_fts match :q order by bm25(speakers_fts) limit 10""", {"q": match})
        # statements by speakers whose name or alias matched, though their words did not: after the ranked ones
        alias_ids = {f"s{i}": r["id"] for i, r in enumerate(result["speakers"])}
        by_speaker = ""
        if alias_ids:
            by_speaker = f"""from quotes q where q.speaker_id in ({", ".join(":" + k for k in alias_ids)}){extra}
                and q.rowid not in (select rowid from quotes_fts where quotes_fts match :q)"""
            params.update(alias_ids)
        # the two costly queries at once: Datasette runs each in its own thread, and SQLite lets go of the GIL
        counts, ranked = await asyncio.gather(_facet_counts(db, match, extra, joined, by_speaker, params), _rows(db, f"""
            select f.rowid as rid, bm25(quotes_fts, 10.0, 4.0, 1.0) as rank from quotes_fts f{joined}
            where quotes_fts match :q{extra} order by rank limit {int(limit)} offset {int(offset)}""", params))
        hits = []
        if ranked:
            marks = {f"r{i}": r["rid"] for i, r in enumerate(ranked)}
            shown = await _rows(db, f"""
                select {SEARCH_COLUMNS}, highlight(quotes_fts, 0, char(2), char(3)) as hl,
                       snippet(quotes_fts, 2, char(2), char(3), '…', 18) as ctx
                from quotes_fts join quotes q on q.rowid = quotes_fts.rowid
                where quotes_fts match :q and quotes_fts.rowid in ({", ".join(":" + k for k in marks)})""",
                                {"q": match, **marks})
            by_rid = {r["rid"]: r for r in shown}
            hits = [{**by_rid[r["rid"]], "rank": r["rank"]} for r in ranked if r["rid"] in by_rid]
        if by_speaker and len(ranked) < limit:
            # where the ranked statements end, the speakers' others begin
            n_ranked = offset + len(ranked) if ranked or not offset else counts["ranked"]
            if not ranked and offset and counts["total_more"]:  # a page past more than FACET_SCAN_LIMIT matches
                n_ranked = (await _first(db, f"select count(*) as n from quotes_fts f{joined} "
                                             f"where quotes_fts match :q{extra}", params))["n"]
            more = await _rows(db, f"""
                select {SEARCH_COLUMNS}, null as rank, null as hl, null as ctx {by_speaker}
                order by q.date desc limit {int(limit - len(ranked))} offset {max(0, offset - n_ranked)}""", params)
            hits += more
    except Exception as e:  # an FTS syntax problem must not become a 500
        result["error"] = str(e)
        return result
    _facets(result, counts, q, filters)
    result["total"] = counts["total"]
    result["total_more"] = counts["total_more"]
    result["capped"] = counts["capped"]
    result["facet_rows"] = counts["rows"]
    result["results"] = hits
    result["offset"] = offset
    last = counts["total"] if not counts["total_more"] else None
    args = {"q": q, **filters}
    if page > 1:
        result["pages"]["previous"] = "/search?" + urlencode({**args, **({"page": page - 1} if page > 2 else {})})
    if len(hits) == limit and (last is None or offset + limit < last):
        result["pages"]["next"] = "/search?" + urlencode({**args, "page": page + 1})
    return result


async def _facet_counts(db, match, extra, joined, by_speaker, params):
    """Counts of each facet's values over the first FACET_SCAN_LIMIT matches (the ranked ones, then those by
    matching speakers), and the number of matches: exact, or at least FACET_SCAN_LIMIT with filters."""
    cap = FACET_SCAN_LIMIT
    cols = "q.speaker_id, q.speaker, q.country, q.stance, q.year, q.type"
    first = f"""select 0 as src, {cols} from quotes_fts f join quotes q on q.rowid = f.rowid
                where quotes_fts match :q{extra} limit {cap + 1}"""
    if by_speaker:
        first = f"select * from ({first}) union all select * from (select 1, {cols} {by_speaker} limit {cap + 1})"
    # the twelve most frequent values of each (ties in the order of their text, as Python sorts str)
    groups = " union all ".join(
        f"select * from (select '{key}' as facet, {key} as value, "
        f"{'max(speaker)' if key == 'speaker_id' else 'null'} as label, count(*) as n from counted "
        f"where {key} is not null and {key} != '' group by {key} order by n desc, cast({key} as text) limit 12)"
        for key, _ in SEARCH_FACETS)
    rows = await _rows(db, f"""
        with matched as (select * from ({first}) limit {cap + 1}), counted as (select * from matched limit {cap})
        select 'total' as facet, src as value, null as label, count(*) as n from matched group by src
        union all {groups}""", params)
    seen = {r["value"]: r["n"] for r in rows if r["facet"] == "total"}
    out = {"ranked": seen.get(0, 0), "total": sum(seen.values()), "total_more": False,
           "capped": sum(seen.values()) > cap, "rows": min(sum(seen.values()), cap),
           "values": [r for r in rows if r["facet"] != "total"]}
    if out["capped"]:
        if joined:  # counting every match through the statements table costs too much at scale
            out["total"], out["total_more"] = cap, True
        else:  # the full-text index counts its own matches in a few milliseconds
            fts = (await _first(db, "select count(*) as n from quotes_fts where quotes_fts match :q", {"q": match}))["n"]
            extra_rows = (await _first(db, f"select count(*) as n {by_speaker}", params))["n"] if by_speaker else 0
            out["ranked"], out["total"] = fts, fts + extra_rows
    return out


def _facets(result, counts, q, filters):
    names = {r["value"]: r["label"] for r in counts["values"] if r["facet"] == "speaker_id"}
    for key, label in SEARCH_FACETS:
        values = sorted(((str(r["value"]), r["n"]) for r in counts["values"] if r["facet"] == key),
                        key=lambda kv: (-kv[1], kv[0]))[:12]
        if not values:
            continue
        items = []
        for v, n in values:
            if key == "speaker_id":
                text = names.get(v, v)
            elif key == "country":
                text = country_name(v)
            elif key == "stance":
                text = stance_label(v)
            else:
                text = v
            args = {"q": q, **filters, key: v}
            items.append({"value": v, "label": text, "count": n, "selected": filters.get(key) == v,
                          "url": "/search?" + urlencode(args)})
        result["facets"].append({"key": key, "label": label, "values": items})
    result["active"] = []
    for key, value in filters.items():
        rest = {k: v for k, v in filters.items() if k != key}
        label = dict(SEARCH_FACETS).get(key, key)
        text = names.get(value, value) if key == "speaker_id" else (
            country_name(value) if key == "country" else value)
        result["active"].append({"label": label, "value": text, "url": "/search?" + urlencode({"q": q, **rest})})


# ---------------------------------------------------------------------------------------------------------------
# Atom feeds

def atom_feed(title, self_url, alternate_url, entries, base):
    """An Atom 1.0 document; entries are statement rows (id, quote, speaker, date, …)."""
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    out = ['<?xml version="1.0" encoding="utf-8"?>', '<feed xmlns="http://www.w3.org/2005/Atom">',
           f"<title>{xml_escape(title)}</title>",
           f'<id>{xml_escape(self_url)}</id>',
           f'<link rel="self" type="application/atom+xml" href="{xml_escape(self_url, {chr(34): "&quot;"})}"/>',
           f'<link rel="alternate" type="text/html" href="{xml_escape(alternate_url, {chr(34): "&quot;"})}"/>',
           f"<updated>{_atom_time(max((e.get('loaded_at') or '' for e in entries), default='')) or now}</updated>",
           "<author><name>quotes</name></author>",
           "<generator>quotes</generator>"]
    for e in entries:
        link = base + quote_url(e["id"])
        who = e.get("speaker") or "Unknown speaker"
        office = f", {e['office']}" if e.get("office") else ""
        summary = f"{who}{office} ({human_date(e.get('date'), e.get('date_precision'))}): “{e.get('quote') or ''}”"
        if e.get("headline"):
            summary += f" — from “{e['headline']}”" + (f", {e['outlet']}" if e.get("outlet") else "")
        out += ["<entry>",
                f"<title>{xml_escape(who + ': ' + truncate(e.get('quote'), 120))}</title>",
                f"<id>urn:quotes:statement:{xml_escape(e['id'])}</id>",
                f'<link rel="alternate" type="text/html" href="{xml_escape(link, {chr(34): "&quot;"})}"/>',
                f"<updated>{_atom_time(e.get('loaded_at')) or _atom_time(e.get('date')) or now}</updated>"]
        if e.get("date") and len(e["date"]) >= 4:
            out.append(f"<published>{_atom_time(e['date'])}</published>")
        out += [f'<summary type="text">{xml_escape(summary)}</summary>', "</entry>"]
    out.append("</feed>")
    return "\n".join(out) + "\n"


def _atom_time(value):
    if not value:
        return ""
    value = str(value)
    try:
        if len(value) == 4:
            return f"{int(value):04d}-01-01T00:00:00Z"
        if len(value) == 7:
            return f"{value}-01T00:00:00Z"
        if len(value) == 10:
            date.fromisoformat(value)
            return f"{value}T00:00:00Z"
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
        if dt.tzinfo is None:
            dt = dt.replace(tzinfo=timezone.utc)
        return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        return ""


FEED_SQL = """
    select q.id, q.quote, q.speaker, q.office, q.date, q.date_precision, a.headline, a.outlet, a.loaded_at
    from quotes q left join articles a on a.id = q.article_id
"""


def _base(datasette, request):
    return datasette.absolute_url(request, "/").rstrip("/")


def _atom_response(text):
    return Response(text, content_type="application/atom+xml; charset=utf-8")


async def speaker_feed(request, datasette):
    sid = tilde_decode(request.url_vars["id"])
    db = _db(datasette)
    sp = await _first(db, "select id, name from speakers where id = :id", {"id": sid})
    if not sp:
        raise NotFound("No such speaker")
    entries = await _rows(db, FEED_SQL + " where q.speaker_id = :id order by a.loaded_at desc, q.date desc limit 50",
                          {"id": sid})
    base = _base(datasette, request)
    return _atom_response(atom_feed(f"Statements by {sp['name']}", base + request.path, base + speaker_url(sid),
                                    entries, base))


async def search_feed(request, datasette):
    q = request.args.get("q", "")
    match = fts_query(q)
    if not match:
        return Response.text("Give a search with ?q=…", status=400)
    db = _db(datasette)
    try:
        entries = await _rows(db, FEED_SQL + """
            where q.rowid in (select rowid from quotes_fts where quotes_fts match :q)
            order by a.loaded_at desc, q.date desc limit 50""", {"q": match})
    except Exception as e:
        return Response.text(f"Search failed: {e}", status=400)
    base = _base(datasette, request)
    return _atom_response(atom_feed(f"Statements matching “{q}”", base + request.path + "?" + urlencode({"q": q}),
                                    base + "/search?" + urlencode({"q": q}), entries, base))


# ---------------------------------------------------------------------------------------------------------------
# pages

async def search_page(request, datasette):
    q = request.args.get("q", "").strip()
    filters = {key: request.args.get(key) for key, _ in SEARCH_FACETS if request.args.get(key)}
    page = request.args.get("page", "")
    page = max(1, min(int(page), 1000)) if re.fullmatch(r"[0-9]{1,6}", page) else 1  # anything else: page 1
    data = await search_vars(datasette, q, filters, page, SEARCH_PAGE_SIZE)
    html = await datasette.render_template("quotes_search.html", {"s": data, "metadata": datasette.metadata()},
                                           request=request)
    return Response.html(html)


async def speaker_page(request, datasette):
    sid = tilde_decode(request.url_vars["id"])
    data = await speaker_vars(datasette, sid)
    if data is None:
        raise NotFound("No such speaker")
    html = await datasette.render_template("quotes_speaker.html", {"p": data, "metadata": datasette.metadata()},
                                           request=request)
    return Response.html(html)


async def robots_txt(request, datasette):
    if robots_allowed(datasette):
        return Response.text("User-agent: *\nDisallow:\n")
    return Response.text("User-agent: *\nDisallow: /\n")


@hookimpl
def register_routes():
    return [
        (r"^/robots\.txt$", robots_txt),
        (r"^/search$", search_page),
        (r"^/search\.atom$", search_feed),
        (r"^/speaker/(?P<id>[^/]+)\.atom$", speaker_feed),
        (r"^/speaker/(?P<id>[^/.]+)$", speaker_page),
    ]


@hookimpl
def startup(datasette):
    async def inner():
        # `datasette serve x.db` names the database after the file; metadata and templates speak of "quotes"
        if DB in datasette.databases:
            return
        candidates = [name for name, db in datasette.databases.items()
                      if name != "_internal" and not db.is_memory and await db.table_exists("quotes")]
        if len(candidates) == 1:
            db = datasette.databases[candidates[0]]
            datasette.remove_database(candidates[0])
            datasette.add_database(db, name=DB)
    return inner


@hookimpl
def prepare_jinja2_environment(env):
    env.filters["country_name"] = country_name
    env.filters["human_date"] = human_date
    env.filters["render_quote"] = render_quote
    env.filters["marked"] = marked
    env.filters["stance_label"] = stance_label
    env.filters["stance_prefix"] = stance_prefix
    env.filters["truncate_words"] = truncate
    env.filters["quote_url"] = quote_url
    env.filters["web_url"] = web_url
    env.filters["speaker_url"] = speaker_url
    env.globals["precision_note"] = PRECISION_NOTE
    env.globals["stance_names"] = STANCES


@hookimpl
def extra_template_vars(view_name, table, request, datasette):
    async def inner():
        out = {"robots_allowed": robots_allowed(datasette), "site_search_q": ""}
        if request is not None:
            out["site_search_q"] = request.args.get("q", "") if request.path == "/search" else ""
        if DB not in datasette.databases:
            return out
        if view_name == "index":
            try:
                out.update(await home_vars(datasette))
            except QueryInterrupted:  # a huge database on a slow day: the home page still answers
                out["home_slow"] = True
        elif view_name == "row" and table == "quotes" and request is not None:
            pks = request.url_vars.get("pks")
            if pks:
                out.update(await quote_vars(datasette, tilde_decode(pks)))
        elif view_name == "row" and table == "articles" and request is not None:
            pks = request.url_vars.get("pks")
            if pks:
                out.update(await article_vars(datasette, tilde_decode(pks)))
        elif view_name == "row" and table == "speakers" and request is not None:
            out["speaker_page_url"] = speaker_url(tilde_decode(request.url_vars.get("pks", "")))
        return out
    return inner


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def with_robots_header(scope, receive, send):
            if scope["type"] != "http" or robots_allowed(datasette):
                return await app(scope, receive, send)

            async def send_with_header(event):
                if event["type"] == "http.response.start":
                    headers = list(event.get("headers") or [])
                    headers.append((b"x-robots-tag", b"noindex, nofollow"))
                    event = {**event, "headers": headers}
                await send(event)
            return await app(scope, receive, send_with_header)
        return with_robots_header
    return wrap


LONG_CELLS = {("articles", "text"): "the article page", ("quotes", "context"): "the statement page"}


@hookimpl
def render_cell(row, value, column, table, database):
    if database != DB or not isinstance(value, str):
        return None
    # names lead to the speaker page, wherever a table shows them
    try:
        sid = row["id"] if (table, column) == ("speakers", "name") else (
            row["speaker_id"] if (table, column) == ("quotes", "speaker") else None)
    except (KeyError, IndexError):
        sid = None
    if isinstance(sid, dict):  # a table page expands foreign keys to {"value": …, "label": …}
        sid = sid.get("value")
    if sid and isinstance(sid, str) and value:
        return Markup(f'<a href="{escape(speaker_url(sid))}">{escape(value)}</a>')
    # the canned `search` query marks matches with <mark>: show them as marks, keep everything else escaped
    if table is None and column == "snippet":
        html = str(escape(value)).replace("&lt;mark&gt;", "<mark>").replace("&lt;/mark&gt;", "</mark>")
        return Markup(html)
    # whole articles and paragraphs make table pages unreadable: shorten them in HTML (exports keep all)
    where = LONG_CELLS.get((table, column))
    if where and len(value) > 240:
        return Markup(f'{escape(truncate(value, 240))} <span class="muted small">(in full on {where})</span>')
    return None


def article_paragraphs(text, body_start, statements):
    """The article body as paragraphs of (text, statement or None) pieces, every statement span marked."""
    spans = []
    for st in statements:
        for a, b in parse_parts(st.get("parts"), st.get("start"), st.get("end")):
            spans.append((a, b, st))
    spans.sort(key=lambda x: (x[0], -x[1]))
    text = text or ""
    start = int(body_start or 0)
    out = []
    for m in re.finditer(r"[^\n]+", text[start:]):
        ps, pe = start + m.start(), start + m.end()
        if not m.group(0).strip():
            continue
        out.append(marked_pieces(text, ps, pe, spans))
    return out


async def article_vars(datasette, aid):
    db = _db(datasette)
    art = await _first(db, "select * from articles where id = :id", {"id": aid})
    if not art:
        return {}
    statements = await _rows(db, """
        select id, quote, speaker, speaker_id, office, type, start, end, parts, stance, stance_target, date,
               date_precision
        from quotes where article_id = :id order by start""", {"id": aid})
    return {"ap": {"a": art, "statements": statements,
                   "paragraphs": article_paragraphs(art.get("text"), art.get("body_start"), statements)}}
