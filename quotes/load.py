"""Extract and store: the work behind `quotes load`, apart from the command line."""
from dataclasses import dataclass, field

from .db import article_id, ensure_db_shape, finish_load, is_current, store_article
from .extract import extract
from .readers import InputError


def statements_of(article):
    """The statements of an article: extracted, or carried with it (curated quotes from a CSV)."""
    carried = getattr(article, "statements", None)
    return list(carried) if carried is not None else extract(article, unit=article.unit)


@dataclass
class LoadReport:
    loaded: int = 0  # articles (re)extracted and stored
    unchanged: int = 0  # articles already stored with the same text
    statements: int = 0
    errors: list = field(default_factory=list)  # InputError messages
    warnings: list = field(default_factory=list)  # InputWarning messages: read all the same

    def problem(self, err, on_error=None):
        """Record an InputError (a warning when it did not stop the input) and pass it on."""
        (self.errors if getattr(err, "failed", True) else self.warnings).append(str(err))
        if on_error:
            on_error(err)


def load_articles(db, items, report=None, on_error=None):
    """Store each Article from items (InputErrors are collected, not raised); one transaction each."""
    from .parallel import SpeakerIndexedDB  # the speakers lookup from an index, not a table scan

    report = report or LoadReport()
    ensure_db_shape(db)
    fast = SpeakerIndexedDB(db)
    for item in items:
        if isinstance(item, InputError):
            report.problem(item, on_error)
            continue
        aid = article_id(item)
        if is_current(db, item, aid):
            report.unchanged += 1
            continue
        try:
            statements = statements_of(item)
        except Exception as e:  # the extractor must never take a load down; say which article failed
            report.problem(InputError(item.path or item.doc, f"extraction failed: {type(e).__name__}: {e}"), on_error)
            continue
        _, n = store_article(fast, item, statements)
        fast.refresh()
        report.loaded += 1
        report.statements += n
    finish_load(db)
    return report
