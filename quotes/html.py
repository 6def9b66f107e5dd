"""HTML pages into Articles: trafilatura strips the boilerplate (menus, footers, related links) and
finds title, author and date; no network access, the page is read as it is on disk."""
import logging
import re
from datetime import date

from .readers import InputError, _read_bytes, decode, encoding_notice
from .records import Article

CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
MIN_WORDS = 5
log = logging.getLogger("trafilatura")
log.addHandler(logging.NullHandler())
log.propagate = False  # its warnings about odd markup are not the user's business


def declared_charset(raw: bytes):
    m = CHARSET.search(raw[:4096])
    return m.group(1).decode("ascii", "replace") if m else None


def read_html_article(path):
    """A warning for a legacy encoding (if any), then the Article of an HTML page."""
    raw = _read_bytes(path)
    text, encoding = decode(raw, path, declared=declared_charset(raw))
    notice = encoding_notice(path, encoding)
    if notice:
        yield notice
    yield article_from_html(text, path.name, path, path=str(path), encoding=encoding)


def _main_text(html):
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False,
                                      include_images=False, deduplicate=False)
    if doc is None:
        return None, {}
    meta = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    return meta.get("text") or "", meta


def article_from_html(html, doc, source, line=None, **fields):
    """An Article whose stored text is the headline, byline and date lines, then the body paragraphs
    found in the page, one per line pair; Article.paragraphs points at the body paragraphs."""
    if "<" not in html:
        raise InputError(source, "not an HTML page (no markup)", line)
    body, meta = _main_text(html)
    if not body or not body.strip():
        raise InputError(source, "no article text found in the HTML page (only scripts, menus or markup "
                                 "nested more than 255 levels deep)", line)
    title = (meta.get("title") or "").strip() or None
    author = (meta.get("author") or "").strip() or None
    published = None
    if meta.get("date"):
        try:
            published = date.fromisoformat(meta["date"][:10])
        except ValueError:
            published = None
    paras = [" ".join(p.split()) for p in body.split("\n")]
    paras = [p for p in paras if p]
    if paras and title and paras[0].casefold() == title.casefold():
        paras = paras[1:]  # the page's <h1> repeats the title
    if sum(len(p.split()) for p in paras) < MIN_WORDS:  # a menu or a "Home" link is not an article
        raise InputError(source, "no article text found in the HTML page", line)
    header = [h for h in (title, f"by {author}" if author else None, meta.get("date")) if h]
    text = "\n".join(header) + ("\n\n" if header else "")
    spans = []
    for p in paras:
        spans.append((len(text), len(text) + len(p)))
        text += p + "\n\n"
    if not fields.get("url"):
        fields["url"] = meta.get("url") or None
    if not fields.get("outlet"):
        fields["outlet"] = meta.get("sitename") or None
    extra = {k: meta[k] for k in ("description", "language", "categories", "tags", "pagetype") if meta.get(k)}
    return Article(doc=doc, text=text, body_start=spans[0][0], headline=title, byline=author, published=published,
                   published_raw=meta.get("date") if published else None, paragraphs=spans, extra=extra, **fields)
