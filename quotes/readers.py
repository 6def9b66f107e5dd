"""Read input files into Articles. Every problem becomes an InputError naming the file (and line)."""
import codecs
import hashlib
import json
import os
from datetime import date
from pathlib import Path

from .articles import parse_article, parse_date_line

TEXT_SUFFIXES = {".txt", ".text", ""}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
HTML_SUFFIXES = {".html", ".htm"}
CSV_SUFFIXES = {".csv"}
ALL_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES | CSV_SUFFIXES
MAX_BYTES = 20 * 1024 * 1024  # a news article is kilobytes; anything this large is not one


class InputError(Exception):
    """A problem with one input: str(e) is the one line a user sees."""

    def __init__(self, path, problem, line=None):
        self.path, self.problem, self.line = str(path), problem, line
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {problem}")


def decode(raw: bytes, path) -> tuple:
    """(text, encoding) for a file's bytes: UTF-8 (with or without BOM), UTF-16 with BOM, or
    Windows-1252 as the last resort; binary data is refused."""
    if not raw.strip():
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
    head = raw[:8192]
    if b"\x00" in head:
        raise InputError(path, "binary file, not text")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    if control > len(head) // 100:
        raise InputError(path, "binary file, not text")
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        raise InputError(path, "not UTF-8 text and not Windows-1252 either")


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def expand(paths):
    """Files under the given paths, in a stable order; a missing path is an InputError."""
    for p in paths:
        path = Path(p)
        if not path.exists():
            yield InputError(p, "no such file or directory")
            continue
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    fp = Path(root) / f
                    if not f.startswith(".") and fp.suffix.lower() in ALL_SUFFIXES - {""}:
                        yield fp
        else:
            yield path


def _read_bytes(path):
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(path, f"file too large for an article ({size // (1024 * 1024)} MB; limit "
                               f"{MAX_BYTES // (1024 * 1024)} MB)")
    try:
        return path.read_bytes()
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
    if isinstance(value, (int, float)):
        return None, str(value)
    d = parse_date_line(str(value)[:10]) or parse_date_line(str(value))
    return d, str(value)


def article_from_record(rec: dict, source, line=None):
    """An Article from a JSON object with the fields scrapers commonly write."""
    if not isinstance(rec, dict):
        raise InputError(source, "expected a JSON object per line", line)
    body = rec.get("text") or rec.get("body") or rec.get("content")
    if not isinstance(body, str) or not body.strip():
        raise InputError(source, "no \"text\" field with the article body", line)
    doc = str(rec.get("doc") or rec.get("id") or rec.get("url") or f"{Path(str(source)).name}:{line}")
    published, raw = _parse_date(rec.get("date") or rec.get("published") or rec.get("published_at"))
    title = rec.get("title") or rec.get("headline")
    known = {"text", "body", "content", "doc", "id", "url", "title", "headline", "date", "published",
             "published_at", "author", "byline", "source", "outlet"}
    article = parse_article(body, doc, url=rec.get("url"), outlet=rec.get("source") or rec.get("outlet"),
                            path=str(source), encoding="utf-8")
    if title:
        article.headline = str(title)
    if rec.get("author") or rec.get("byline"):
        a = rec.get("author") or rec.get("byline")
        article.byline = ", ".join(a) if isinstance(a, list) else str(a)
    if published:
        article.published, article.published_raw = published, raw
    article.extra = {k: v for k, v in rec.items() if k not in known}
    if not article.paragraphs:
        raise InputError(source, "no body text found", line)
    return article


def read_jsonl(path, lines=None):
    """Articles from JSON Lines; a bad line is an InputError for that line, the rest still come."""
    if lines is None:
        raw = _read_bytes(path)
        text, _ = decode(raw, path)
        lines = text.splitlines()
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            yield InputError(path, f"not valid JSON ({e.msg})", n)
            continue
        try:
            yield article_from_record(rec, path, n)
        except InputError as e:
            yield e


def read_path(path):
    """Yield Articles (or InputErrors) from one file."""
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            yield from read_jsonl(path)
        elif suffix in HTML_SUFFIXES:
            from .html import read_html_article

            yield read_html_article(path)
        elif suffix in CSV_SUFFIXES:
            raise InputError(path, "CSV files hold curated quotes: load them with `quotes import-csv`")
        else:
            yield read_text_article(path)
    except InputError as e:
        yield e


def read_inputs(paths):
    """Articles and InputErrors from files and folders, in order."""
    for item in expand(paths):
        if isinstance(item, InputError):
            yield item
        else:
            yield from read_path(item)
