"""Read input files into Articles. Every problem becomes an InputError naming the file (and line)."""
import codecs
import gzip
import hashlib
import json
import os
import zlib
from datetime import date
from pathlib import Path

from .articles import ISO_DAY, parse_article, parse_date_line

TEXT_SUFFIXES = {".txt", ".text", ""}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
HTML_SUFFIXES = {".html", ".htm"}
CSV_SUFFIXES = {".csv"}
# the files read in a folder, by suffix (a file without one is read only when named)
ARTICLE_SUFFIXES = (TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES | CSV_SUFFIXES) - {""}
MAX_BYTES = 10 * 1024 * 1024  # a news article is kilobytes; a file this large is not one (JSON Lines stream)


class InputError(Exception):
    """A problem with one input: str(e) is the one line a user sees."""

    failed = True  # counts as a failed input (exit code 1)

    def __init__(self, path, problem, line=None):
        problem = " ".join(str(problem).split())  # one line, whatever an exception's message held
        self.path, self.problem, self.line = str(path), problem, line
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {problem}")


class InputWarning(InputError):
    """Something the user should know about an input that was read all the same (not a failure)."""

    failed = False


def sniff_utf16(raw: bytes):
    """"utf-16-le" or "utf-16-be" for UTF-16 text without a byte-order mark (mostly-ASCII text has a NUL
    in every other byte), else None."""
    head = raw[:4096]
    if b"\x00" not in head:
        return None  # (most files: no NUL, so neither half of the bytes is 40% NULs; one search, not two counts)
    if len(head) < 4 or len(head) % 2:
        head = head[: len(head) - len(head) % 2]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def decode(raw: bytes, path, declared=None) -> tuple:
    """(text, encoding) for a file's bytes: UTF-8 (with or without BOM), UTF-16 (with BOM, or mostly
    ASCII without one), the encoding the file declares (HTML), or Windows-1252 as the last resort;
    binary data is refused."""
    if not raw.strip() or not raw.strip(codecs.BOM_UTF8 + codecs.BOM_UTF16_LE + codecs.BOM_UTF16_BE + b"\x00 \t\r\n"):
        raise InputError(path, "empty file")
    if raw.startswith(codecs.BOM_UTF16_LE) or raw.startswith(codecs.BOM_UTF16_BE):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise InputError(path, "not valid UTF-16 despite its byte-order mark")
    if raw.startswith(codecs.BOM_UTF8):
        try:
            return raw[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            raise InputError(path, "not valid UTF-8 despite its byte-order mark")
    utf16 = sniff_utf16(raw)
    if utf16:
        try:
            return raw.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    head = raw[:8192]
    if b"\x00" in head:
        raise InputError(path, "binary file, not text")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    control = sum(1 for b in head if b < 9 or 13 < b < 32 and b != 27)
    if control > len(head) // 100:
        raise InputError(path, "binary file, not text")
    if declared:
        try:
            name = codecs.lookup(declared).name
            if name not in ("utf-8", "ascii"):
                return raw.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        raise InputError(path, "neither UTF-8, UTF-16 nor Windows-1252 text; convert it to UTF-8")


def encoding_notice(path, encoding, line=None):
    """The warning to show for text read in a legacy encoding, or None."""
    if encoding in ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "ascii", None):
        return None
    return InputWarning(path, f"not UTF-8: read as {encoding}", line)


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def expand(paths):
    """Files under the given paths, in a stable order; a missing path, an unreadable folder or a
    folder with no article files is an InputError."""
    for p in paths:
        path = Path(p)
        if not path.exists():
            yield InputError(p, "no such file or directory")
            continue
        if path.is_dir():
            problems, found = [], 0
            for root, dirs, files in os.walk(path, onerror=problems.append):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                folder = Path(root)
                for f in sorted(files):
                    fp = folder / f
                    if not f.startswith(".") and kind_suffix(fp) in ARTICLE_SUFFIXES:
                        found += 1
                        yield fp
            for e in problems:
                yield InputError(getattr(e, "filename", None) or p, f"cannot read folder: {e.strerror or e}")
            if not found and not problems:
                yield InputError(p, "no article files (.txt, .html, .jsonl, .json, .csv) in this folder")
        elif not path.is_file():
            yield InputError(p, "not a regular file")
        else:
            yield path


def _path(path) -> Path:
    """path as a Path: one that is already a Path is kept (Path() of a Path parses all its parts anew)."""
    return path if isinstance(path, Path) else Path(path)


def kind_suffix(path) -> str:
    """The suffix that says how to read a file: ".jsonl" for both "a.jsonl" and "a.jsonl.gz"."""
    path = _path(path)
    if path.suffix.lower() == ".gz":
        return Path(path.stem).suffix.lower()
    return path.suffix.lower()


def _open(path):
    """The file's bytes as a stream, gunzipped when its name ends in .gz."""
    return gzip.open(path, "rb") if _path(path).suffix.lower() == ".gz" else open(path, "rb")


def _too_large(path, size, limit):
    return InputError(path, f"file too large for an article ({size / (1024 * 1024):.0f} MB; the limit is "
                            f"{limit // (1024 * 1024)} MB)")


def _read_bytes(path, limit=MAX_BYTES):
    path = _path(path)
    try:
        if path.suffix.lower() == ".gz":
            with gzip.open(path, "rb") as f:
                raw = f.read(limit + 1)  # never more than the limit, however well it compresses
            if len(raw) > limit:
                raise InputError(path, f"file too large for an article (over {limit // (1024 * 1024)} MB "
                                       f"uncompressed; the limit is {limit // (1024 * 1024)} MB)")
            return raw
        with open(path, "rb") as f:  # (the open file's size: no second look-up of the path, as a stat of it was)
            size = os.fstat(f.fileno()).st_size
            if size > limit:
                raise _too_large(path, size, limit)
            return f.read()
    except (gzip.BadGzipFile, EOFError, zlib.error) as e:
        raise InputError(path, f"not a readable gzip file ({e or type(e).__name__})")
    except OSError as e:
        raise InputError(path, f"cannot read: {e.strerror or e}")


def read_text_article(path):
    raw = _read_bytes(path)
    text, encoding = decode(raw, path)
    article = parse_article(text, path.name, path=str(path), encoding=encoding)
    if not article.paragraphs:
        raise InputError(path, "no body text found")
    return article


def _parse_date(value):
    if not value:
        return None, None
    if isinstance(value, (int, float)) or not isinstance(value, str):
        return None, str(value)
    if ISO_DAY.fullmatch(value[:10]):  # the usual JSON date ("2021-03-18", "2021-03-18T10:00:00Z")
        try:  # what dateutil would make of it, at a hundredth of the cost (it ran in the loading process)
            return date.fromisoformat(value[:10]), value
        except ValueError:  # 2021-02-30: left to the parser as before
            pass
    d = parse_date_line(value[:10]) or parse_date_line(value)
    return d, value


def _as_text(value):
    """A string from a JSON value scrapers use for text: a string, or a list of strings (paragraphs)."""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "\n\n".join(value)
    return None


def _name(value):
    """A name from a string, a list of strings or an object with a name ({"id": .., "name": ..})."""
    if isinstance(value, dict):
        value = value.get("name") or value.get("title")
    if isinstance(value, list):
        value = ", ".join(_name(v) or "" for v in value if _name(v))
    if value is None or value == "":
        return None
    return str(value).strip() or None


KNOWN_FIELDS = {"text", "body", "content", "html", "doc", "id", "url", "title", "headline", "date", "published",
                "published_at", "author", "authors", "byline", "source", "outlet"}


def article_from_record(rec: dict, source, line=None, encoding="utf-8"):
    """An Article from a JSON object with the fields scrapers commonly write; other fields are kept in
    Article.extra."""
    if not isinstance(rec, dict):
        raise InputError(source, f"expected a JSON object with the article, found {type(rec).__name__}", line)
    body = _as_text(rec.get("text")) or _as_text(rec.get("body")) or _as_text(rec.get("content"))
    doc = str(rec.get("doc") or rec.get("id") or rec.get("url") or f"{Path(str(source)).name}:{line or 1}")
    outlet = _name(rec.get("source")) or _name(rec.get("outlet"))
    url = rec.get("url") if isinstance(rec.get("url"), str) and rec.get("url") else None
    if (not body or not body.strip()) and isinstance(rec.get("html"), str) and rec["html"].strip():
        from .html import article_from_html

        article = article_from_html(rec["html"], doc, source, line=line, url=url, outlet=outlet, path=str(source),
                                    encoding=encoding)
    else:
        if not body or not body.strip():
            raise InputError(source, "no \"text\" field with the article body", line)
        article = parse_article(body, doc, url=url, outlet=outlet, path=str(source), encoding=encoding)
    title = _name(rec.get("title")) or _name(rec.get("headline"))
    if title:
        article.headline = title
    author = _name(rec.get("author")) or _name(rec.get("authors")) or _name(rec.get("byline"))
    if author:
        article.byline = author
    published, raw = _parse_date(rec.get("date") or rec.get("published") or rec.get("published_at"))
    if published:
        article.published, article.published_raw = published, raw
    article.extra = {**article.extra, **{k: v for k, v in rec.items() if k not in KNOWN_FIELDS}}
    if not article.paragraphs:
        raise InputError(source, "no body text found", line)
    return article


def _lines_of(path, limit=MAX_BYTES):
    """(line number, bytes) for each line of a file, reading one line at a time so that a file of any
    size streams; a line longer than limit is an InputError for that line (and is skipped)."""
    with _open(path) as f:
        n = 0
        while True:
            raw = f.readline(limit + 1)
            if not raw:
                return
            n += 1
            if len(raw) > limit and not raw.endswith(b"\n"):
                while raw and not raw.endswith(b"\n"):  # skip the rest of the overlong line
                    raw = f.readline(1024 * 1024)
                yield n, InputError(path, f"line longer than {limit // (1024 * 1024)} MB", n)
                continue
            yield n, raw


def _jsonl_records(path):
    """(line number, text of the line, encoding) for JSON Lines, streamed; errors as InputErrors."""
    with _open(path) as f:
        head = f.read(4)
    if head.startswith(codecs.BOM_UTF16_LE) or head.startswith(codecs.BOM_UTF16_BE) or sniff_utf16(head):
        text, encoding = decode(_read_bytes(path), path)  # rare enough to read whole
        for n, line in enumerate(text.splitlines(), 1):
            yield n, line, encoding
        return
    for n, raw in _lines_of(path):
        if isinstance(raw, InputError):
            yield n, raw, None
            continue
        if n == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[3:]
        if b"\x00" in raw:
            yield n, InputError(path, "binary data, not a JSON line", n), None
            continue
        try:
            yield n, raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                yield n, raw.decode("cp1252"), "cp1252"
            except UnicodeDecodeError:
                yield n, InputError(path, "not UTF-8 text", n), None


BAD_LINES_BEFORE_GIVING_UP = 20


def read_jsonl(path, lines=None):
    """Articles from JSON Lines; a bad line is an InputError for that line, the rest still come. A file
    whose first lines are all bad is not JSON Lines: after a few it gets one line saying so."""
    if lines is not None:
        numbered = ((n, line, "utf-8") for n, line in enumerate(lines, 1))
    else:
        path = _path(path)
        if kind_suffix(path) == ".json":
            whole = _read_json_document(path)
            if whole is not None:
                yield from whole
                return
        numbered = _jsonl_records(path)
    seen_any, good, bad = False, 0, 0
    for n, line, encoding in numbered:
        if not good and bad >= BAD_LINES_BEFORE_GIVING_UP:
            yield InputError(path, f"the first {bad} lines are not JSON objects: not JSON Lines, stopped reading")
            return
        if isinstance(line, InputError):
            yield line
            seen_any, bad = True, bad + 1
            continue
        if not line.strip():
            continue
        seen_any = True
        try:
            rec = json.loads(line.rstrip("\r\n"))
        except (json.JSONDecodeError, RecursionError) as e:
            bad += 1
            yield InputError(path, f"not valid JSON ({getattr(e, 'msg', 'nested too deeply')})", n)
            continue
        try:
            notice = encoding_notice(path, encoding, n)
            article = article_from_record(rec, path, n, encoding=encoding)
            if notice:
                yield notice
            good += 1
            yield article
        except InputError as e:
            bad += 0 if isinstance(rec, dict) else 1
            yield e
    if not seen_any:
        yield InputError(path, "empty file")


def _read_json_document(path):
    """Articles from a .json file that holds one JSON document (an array of articles or one article),
    or None when it is JSON Lines after all (its first line is a JSON value of its own)."""
    try:
        raw = _read_bytes(path)
    except InputError as e:
        with _open(path) as f:
            start = f.read(64).lstrip(codecs.BOM_UTF8 + b" \t\r\n")
        if start.startswith(b"["):
            raise InputError(path, e.problem + "; write a large collection as JSON Lines, one article a line")
        return None
    text, encoding = decode(raw, path)
    try:
        doc = json.loads(text)
    except RecursionError:
        raise InputError(path, "not valid JSON (nested too deeply)")
    except json.JSONDecodeError as e:
        first = next((l for l in text.splitlines() if l.strip()), "")
        try:
            json.loads(first)
            return None  # JSON Lines under a .json name: read line by line, naming bad lines
        except (json.JSONDecodeError, RecursionError):
            raise InputError(path, f"not valid JSON ({e.msg} at line {e.lineno} column {e.colno})")
    if isinstance(doc, dict) and isinstance(doc.get("articles"), list):
        doc = doc["articles"]
    records = doc if isinstance(doc, list) else [doc]
    out = []
    notice = encoding_notice(path, encoding)
    if notice:
        out.append(notice)
    for i, rec in enumerate(records, 1):
        try:
            out.append(_record_at(rec, path, i, len(records), encoding))
        except InputError as e:
            out.append(e)
    if not records:
        out.append(InputError(path, "an empty JSON array: no articles"))
    return out


def _record_at(rec, path, i, count, encoding):
    try:
        return article_from_record(rec, path, None, encoding=encoding)
    except InputError as e:
        raise InputError(path, (f"article {i} of {count}: " if count > 1 else "") + e.problem)


def read_path(path):
    """Yield Articles (or InputErrors) from one file. No exception escapes: whatever goes wrong with a
    file becomes one InputError naming it."""
    path = _path(path)
    suffix = kind_suffix(path)
    try:
        if suffix in JSONL_SUFFIXES:
            yield from read_jsonl(path)
        elif suffix in HTML_SUFFIXES:
            from .html import read_html_article

            yield from read_html_article(path)
        elif suffix in CSV_SUFFIXES:
            from .curated import read_curated

            yield from read_curated(path)
        else:
            article = read_text_article(path)
            notice = encoding_notice(path, article.encoding)
            if notice:
                yield notice
            yield article
    except InputError as e:
        yield e
    except (gzip.BadGzipFile, EOFError, zlib.error) as e:
        yield InputError(path, f"not a readable gzip file ({e or type(e).__name__})")
    except MemoryError:
        yield InputError(path, "too large to read into memory")
    except RecursionError:
        yield InputError(path, "nested too deeply to read")
    except Exception as e:  # a reader bug must not end the load: name the file and go on
        yield InputError(path, f"could not be read ({type(e).__name__}: {e})")


def read_inputs(paths):
    """Articles and InputErrors from files and folders, in order."""
    for item in expand(paths):
        if isinstance(item, InputError):
            yield item
        else:
            yield from read_path(item)
