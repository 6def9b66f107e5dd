"""Hand-curated quotes from a CSV file, checked row by row.

Each CSV file becomes one article (type "curated") whose stored text lists its quotes, one block per
row: the quote in quotation marks, the attribution line, the source URL. Each quote is a statement of
type "curated" pointing at its own span of that text, so `quotes verify` checks curated quotes like
extracted ones, and loading a changed CSV replaces that file's quotes only. Speakers merge with the
extracted ones (quotes.speakers.speaker_row). A bad row is one InputError naming its line and fields;
the good rows load.
"""
import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

from .readers import InputError, InputWarning, _read_bytes, decode, encoding_notice
from .records import SPEAKER_KINDS, Article, Statement

REQUIRED = ["quote", "speaker"]
OPTIONAL = ["office", "country", "date", "source_url", "stance", "stance_target", "speaker_kind", "organization",
            "note"]
ALIASES = {"text": "quote", "statement": "quote", "quotation": "quote", "name": "speaker", "speaker_name": "speaker",
           "who": "speaker", "url": "source_url", "source": "source_url", "link": "source_url", "title": "office",
           "position": "office", "target": "stance_target", "said_on": "date", "kind": "speaker_kind"}
STANCES = {"favor": "favor", "favour": "favor", "for": "favor", "support": "favor", "supports": "favor",
           "pro": "favor", "against": "against", "oppose": "against", "opposes": "against", "con": "against",
           "mixed": "mixed", "neutral": "neutral"}
KINDS = set(SPEAKER_KINDS)
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_MONTH = re.compile(r"^\d{4}-\d{2}$")
ISO_YEAR = re.compile(r"^\d{4}$")
MAX_QUOTE = 5000


@dataclass
class CuratedArticle(Article):
    """An Article whose statements come with it from the CSV, not from the extractor."""

    statements: list = field(default_factory=list)


def _key(name):
    k = re.sub(r"[\s\-]+", "_", (name or "").strip().lower())
    return ALIASES.get(k, k)


def _delimiter(first_line):
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def parse_date(value):
    """(ISO date, precision) for YYYY-MM-DD, YYYY-MM, YYYY or a written date ("5 March 2024"); ValueError else."""
    v = value.strip()
    if ISO_DAY.match(v):
        return date.fromisoformat(v).isoformat(), "day"
    if ISO_MONTH.match(v):
        y, m = map(int, v.split("-"))
        date(y, m, 1)
        return v, "month"
    if ISO_YEAR.match(v):
        return v, "year"
    from .articles import parse_date_line

    d = parse_date_line(v)
    if d is None:
        raise ValueError(v)
    return d.isoformat(), "day"


def parse_country(value):
    """ISO 3166-1 alpha-2 code for a code or a country name or demonym; ValueError when unknown."""
    import pycountry

    v = value.strip()
    if len(v) == 2 and v.isalpha():
        if v.upper() == "XK" or pycountry.countries.get(alpha_2=v.upper()):
            return v.upper()
        if v.upper() == "UK":
            return "GB"
    if len(v) == 3 and v.isalpha() and v.isupper():
        c = pycountry.countries.get(alpha_3=v)
        if c:
            return c.alpha_2
    from .lexicon import lexicon

    code = lexicon().country_of_word(v)
    if code:
        return code
    raise ValueError(v)


def check_row(row):
    """(clean values, problems) for one CSV row given as {column: value}."""
    clean, problems = {}, []
    for col in REQUIRED:
        v = " ".join((row.get(col) or "").split())
        if not v:
            problems.append(f"{col} is empty")
        clean[col] = v
    if len(clean["quote"]) > MAX_QUOTE:
        problems.append(f"quote is longer than {MAX_QUOTE} characters")
    q = clean["quote"]
    if len(q) > 2 and q[0] in "\"“„«" and q[-1] in "\"”»" and not any(m in q[1:-1] for m in "\"“”„«»"):
        clean["quote"] = q[1:-1].strip()  # the quotation marks are the article text's business
    for col in OPTIONAL:
        clean[col] = " ".join((row.get(col) or "").split()) or None
    if clean["date"]:
        try:
            clean["date"], clean["date_precision"] = parse_date(clean["date"])
        except (ValueError, OverflowError):
            problems.append(f"date {clean['date']!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
    if clean["country"]:
        try:
            clean["country"] = parse_country(clean["country"])
        except ValueError:
            problems.append(f"country {clean['country']!r} is not a country name or ISO code")
    if clean["stance"]:
        s = STANCES.get(clean["stance"].lower())
        if s is None:
            problems.append(f"stance {clean['stance']!r} is not one of favor, against, mixed, neutral")
        clean["stance"] = s
    if clean["speaker_kind"]:
        if clean["speaker_kind"].lower() not in KINDS:
            problems.append(f"speaker_kind {clean['speaker_kind']!r} is not one of {', '.join(sorted(KINDS))}")
        clean["speaker_kind"] = clean["speaker_kind"].lower()
    if clean["source_url"]:
        u = urlparse(clean["source_url"])
        if u.scheme not in ("http", "https") or not u.netloc:
            problems.append(f"source_url {clean['source_url']!r} is not an http(s) URL")
    return clean, problems


def _rows(text, path):
    """(line number, {column: value}) per data row, or an InputError for a row that cannot be read;
    raises InputError when the header lacks required columns."""
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first))
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as e:
        raise InputError(path, f"no CSV header line ({e})" if isinstance(e, csv.Error) else "empty file")
    keys = [_key(h) for h in header]
    missing = [c for c in REQUIRED if c not in keys]
    if missing:
        raise InputError(path, f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
                               f"(columns found: {', '.join(h.strip() for h in header if h.strip()) or 'none'})", 1)
    unknown = [h.strip() for h, k in zip(header, keys) if k not in REQUIRED + OPTIONAL and h.strip()]
    if unknown:
        yield None, InputWarning(path, f"column{'s' if len(unknown) > 1 else ''} ignored: {', '.join(unknown)}", 1)
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            yield start, InputError(path, f"unreadable CSV row ({e})", start)
            continue
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(keys):
            hint = " (an unclosed quotation mark takes in the lines after it)" if len(cells) < len(keys) and any(
                "\n" in c for c in cells) else ""
            yield start, InputError(path, f"{len(cells)} fields where the header has {len(keys)}{hint}", start)
            continue
        yield start, dict(zip(keys, cells))


def read_curated(path):
    """InputWarnings and InputErrors for the file and its bad rows, then one CuratedArticle holding the
    good rows (none when no row is good)."""
    path = Path(path)
    raw = _read_bytes(path)
    text, encoding = decode(raw, path)
    notice = encoding_notice(path, encoding)
    if notice:
        yield notice
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    good = []
    for line, row in _rows(text, path):
        if isinstance(row, InputError):
            yield row
            continue
        clean, problems = check_row(row)
        if problems:
            yield InputError(path, "; ".join(problems), line)
        else:
            good.append((line, clean))
    if not good:
        yield InputError(path, "no quote in this file could be loaded")
        return
    yield build_article(path, good, encoding)


def _attribution(c):
    who = ", ".join(x for x in (c["speaker"], c["office"], c["organization"], c["country"]) if x)
    return f"— {who}" + (f" ({c['date']})" if c["date"] else "")


def build_article(path, rows, encoding):
    """The CuratedArticle for the good rows of one CSV file: its text and a statement per row."""
    text = f"Curated quotes from {path.name}\n\n"
    paragraphs, statements = [], []
    for line, c in rows:
        block_start = len(text)
        text += "“"
        q_start = len(text)
        text += c["quote"]
        q_end = len(text)
        text += "”\n" + _attribution(c)
        if c["source_url"]:
            text += f"\nSource: {c['source_url']}"
        if c["note"]:
            text += f"\nNote: {c['note']}"
        block_end = len(text)
        text += "\n\n"
        paragraphs.append((block_start, block_end))
        stance_target = c["stance_target"]
        statements.append(Statement(
            doc=path.name, quote=c["quote"], type="curated", start=q_start, end=q_end, parts=[(q_start, q_end)],
            speaker=c["speaker"], speaker_kind=c["speaker_kind"] or "person", speaker_phrase=c["speaker"],
            office=c["office"], office_phrase=c["office"], country=c["country"], organization=c["organization"],
            date=c["date"], date_precision=c.get("date_precision"), date_phrase=None, stance=c["stance"],
            stance_target=stance_target, stance_confidence=1.0 if c["stance"] else None,
            stances=[{"target": stance_target, "stance": c["stance"], "confidence": 1.0}] if c["stance"] else [],
            cue=None, context=text[block_start:block_end], context_start=block_start, confidence=1.0))
    return CuratedArticle(doc=path.name, text=text, body_start=paragraphs[0][0], headline=f"Curated quotes from {path.name}",
                          path=str(path), encoding=encoding, paragraphs=paragraphs,
                          extra={"curated": True}, statements=statements)
