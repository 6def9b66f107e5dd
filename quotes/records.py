"""Typed records passed between the extraction steps and the loader."""
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Optional


# who speaks: a named person or organisation, a group named by what its members are ("residents",
# "24 percent of voters"), or a source nobody names ("a senior official"; its speaker is null)
SPEAKER_KINDS = ("person", "organization", "group", "anonymous")


@dataclass
class Article:
    doc: str  # the file's name (or an id for JSON Lines input)
    text: str  # the whole text as read, newlines normalised; offsets point into it
    body_start: int = 0
    headline: Optional[str] = None
    headline_span: Optional[tuple] = None  # (start, end) of the headline in text, when it is there
    byline: Optional[str] = None
    published: Optional[date] = None
    published_raw: Optional[str] = None
    photo_credit: Optional[str] = None
    url: Optional[str] = None
    outlet: Optional[str] = None
    path: Optional[str] = None
    encoding: Optional[str] = None
    # (start, end) spans of body paragraphs; "Read also" lines and header lines are left out
    paragraphs: list = field(default_factory=list)
    extra: dict = field(default_factory=dict)
    unit: str = "quote"  # statements per quoted passage, or per speaker turn (quotes.extract.join_turns)


@dataclass
class Statement:
    doc: str
    quote: str
    type: str  # direct | indirect
    start: int
    end: int
    parts: list  # [(start, end), ...]: the quote is these spans joined with one space
    speaker: Optional[str] = None
    speaker_kind: Optional[str] = None  # one of SPEAKER_KINDS
    speaker_phrase: Optional[str] = None  # the mention as written next to the cue
    speaker_written: Optional[str] = None  # the name in that mention as written ("Ryabkov"), if it is a name
    speaker_aliases: list = field(default_factory=list)
    speaker_gender: Optional[str] = None
    office: Optional[str] = None
    office_phrase: Optional[str] = None
    country: Optional[str] = None
    country_inferred: bool = False  # the country is the article's, not given for the speaker
    organization: Optional[str] = None
    date: Optional[str] = None
    date_precision: Optional[str] = None
    date_phrase: Optional[str] = None
    stance: Optional[str] = None
    stance_target: Optional[str] = None
    stance_confidence: Optional[float] = None
    stances: list = field(default_factory=list)
    cue: Optional[str] = None
    context: Optional[str] = None
    context_start: Optional[int] = None
    confidence: float = 0.5

    def to_dict(self) -> dict:
        # a shallow copy: dataclasses.asdict deep-copies and costs more than the extraction step
        d = {f: getattr(self, f) for f in _STATEMENT_FIELDS}
        d["parts"] = [list(p) for p in self.parts]
        d["speaker_aliases"] = list(self.speaker_aliases)
        d["stances"] = [dict(x) for x in self.stances]
        return d


_STATEMENT_FIELDS = [f.name for f in fields(Statement)]


def statement(doc, quote, type, start, end, parts, cue=None):
    """A new Statement of a quote, its other fields at their defaults. (Statement(…, cue=…) called with
    keywords first gathers them into a dict, Python 3.11; its __init__ called on a bare one takes them as
    they come: two thirds of the cost.)"""
    st = _BARE(Statement)
    st.__init__(doc, quote, type, start, end, parts, cue=cue)
    return st


_BARE = Statement.__new__
