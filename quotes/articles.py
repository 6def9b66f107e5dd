"""Split an article as scraped into header fields and body paragraphs.

The scraped layout: a headline; an optional byline ("by NAME"); a date line; an optional photo
credit; then body paragraphs. "Read also:" / "Read more:" lines and the headline that follows
them are not body text. A file holding only body text is body from its first line.
"""
import functools
import re
from datetime import date
from typing import Optional

from .records import Article

BYLINE = re.compile(r"^(?:by|By|BY)\s+(\S.{0,120})$")
PHOTO = re.compile(r"^(?:photo|photograph|image|credit|picture)s?\s*(?:credit)?\s*[:：]", re.I)
# "Read also: …", "READ MORE: …", "WATCH BELOW: …", "Related: …": links and videos, not the story
READ_ALSO = re.compile(r"^(?:(?:read|see|watch)\s+(?:also|more|next)(?:\s*[:：])?|(?:watch(?:\s+(?:below|here|now|"
                       r"live|more))?|related|also\s+read)\s*[:：])\s*(.*)$", re.I)
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
# the usual date ("2021-03-18"), in the years a date line may have
ISO_DAY = re.compile(r"(?:1[89]|20)[0-9]{2}-[0-9]{2}-[0-9]{2}")
# parts of a date line dateutil should not see: clock times, time zones, "at", "Updated"
TIME_NOISE = re.compile(
    r"\b\d{1,2}[.:]\d{2}(?:[.:]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?|\b(?:at|updated|published|posted|on)\b"
    r"|\b(?:[A-Z]{2,4}T|BST|GMT|UTC|ET|CET|CEST|PT|CT|MT)\b",
    re.I,
)


def normalise_newlines(text: str) -> str:
    # most texts have no \r: one search for it, where the replace of "\r\n" counted through the text
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


@functools.lru_cache(maxsize=4096)
def parse_date_line(line: str) -> Optional[date]:
    """A date for a short line that is nothing but a date (and maybe a time); else None."""
    line = line.strip()
    if not line or len(line) > 60 or not YEAR.search(line):
        return None
    cleaned = TIME_NOISE.sub(" ", line).strip(" ,|-–")
    if len(cleaned.split()) > 5:
        return None
    if ISO_DAY.fullmatch(cleaned):
        try:  # what dateutil would make of it, at a hundredth of the cost
            return date.fromisoformat(cleaned)
        except ValueError:  # 2021-02-30: left to the parser as before
            pass
    from dateutil import parser as dateparser  # imported when a date needs it (a tenth of the start-up)

    try:
        # fuzzy=False: a headline with a year in it must not pass for a date line
        return dateparser.parse(cleaned, fuzzy=False, dayfirst=False).date()
    except (ValueError, OverflowError, TypeError):
        return None


# a line's text between the white space at its ends (\s is what str.strip removes): a line of white space is none
LINE = re.compile(r"\S[^\n]*(?<=\S)")
# the words a READ_ALSO or a PHOTO line opens with: the few lines that do are the only ones those are tried on
# (the words, matched ignoring case, are tried only after a line's first letter is one they open with)
NOISE_START = re.compile(r"(?=(?i:[rswapic]))(?i:read|see|watch|related|also|photo|image|credit|picture)")


def _lines(text: str):
    """(start, end) of each non-blank line without the white space at its ends."""
    return [m.span() for m in LINE.finditer(text)]


def parse_article(text: str, doc: str, **fields) -> Article:
    text = normalise_newlines(text)
    lines = _lines(text)
    article = Article(doc=doc, text=text, **fields)
    body_from = 0
    # a header is recognised by a byline or a date line among the first lines
    head = [(s, e, text[s:e]) for s, e in lines[:6]]
    for i, (s, e, line) in enumerate(head):
        if i == 0:
            continue
        if BYLINE.match(line) or parse_date_line(line):
            article.headline = head[0][2]
            article.headline_span = (head[0][0], head[0][1])
            j = 1
            while j < len(head):
                line_j = head[j][2]
                m = BYLINE.match(line_j)
                if m and article.byline is None:
                    article.byline = m.group(1).strip()
                elif article.published is None and parse_date_line(line_j):
                    article.published = parse_date_line(line_j)
                    article.published_raw = line_j
                elif PHOTO.match(line_j):
                    article.photo_credit = line_j.split(":", 1)[1].strip() or None
                else:
                    break
                j += 1
            body_from = j
            break
        if len(line.split()) > 20:
            break
    body = lines[body_from:]
    # where body lines that may be noise start: each line's start looked at, not the whole text scanned
    noise = {s for s, _ in body if NOISE_START.match(text, s)}
    if not noise:
        paragraphs = body  # every line is body text (most articles)
    else:
        paragraphs = []
        skip_next = False
        for s, e in body:
            if skip_next:
                skip_next = False
                continue
            if s in noise:
                line = text[s:e]
                m = READ_ALSO.match(line)
                if m and len(line) < 200:
                    # the linked headline is on this line after the colon, or on the next line
                    skip_next = not m.group(1).strip()
                    continue
                if PHOTO.match(line) and len(line) < 150:
                    continue
            paragraphs.append((s, e))
    article.paragraphs = paragraphs
    article.body_start = paragraphs[0][0] if paragraphs else len(text)
    return article
