"""The `quotes` command line."""
import json
import os
import sys
from json.encoder import encode_basestring
from operator import itemgetter
from pathlib import Path

import click

from . import __version__
from .extract import extract as extract_statements
from .lexicon import settle
from .readers import InputError, expand, read_jsonl, read_path
from .records import Statement


def _row_encoder():
    """A row's JSON as json.dumps(row, ensure_ascii=False) writes it (no record refers to itself: no check for
    cycles), from json's C encoder made once: JSONEncoder.encode makes it anew at every call, a tenth of a
    row's cost. json's own encode where there is no C encoder."""
    encoder = json.JSONEncoder(ensure_ascii=False, check_circular=False)
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:
        return encoder.encode
    chunks = make(None, encoder.default, json.encoder.encode_basestring, None, encoder.key_separator,
                  encoder.item_separator, False, False, True)
    return lambda row: "".join(chunks(row, 0))


_ENCODE = _row_encoder()
OUTPUT_KEYS = ["doc", "quote", "type", "speaker", "speaker_kind", "office", "country", "date", "date_precision",
               "stance", "stance_target", "start", "end", "cue", "context", "confidence", "parts",
               "speaker_phrase", "speaker_written", "office_phrase", "organization", "date_phrase", "stance_confidence"]
# a row starts as a copy of a dict of the output keys (a copy is sized at once, where a dict built pair by pair
# grows table by table) and takes a statement's values, picked by one C-level call
EMPTY_ROW = dict.fromkeys(OUTPUT_KEYS)
OUTPUT_VALUES = itemgetter(*OUTPUT_KEYS)


class _Encoded(dict):
    """A value -> its JSON text, for the values that recur from statement to statement (names, phrases, kinds,
    dates, confidences: each encoded once, where the encoder took each row's apart anew). Only values of the one
    type kept are kept (so no other value equal to one, 1 to 1.0, is read as it); cleared when large."""

    def __init__(self, kept):
        super().__init__({None: "null"})
        self.kept = kept

    def __missing__(self, value):
        # (a string's JSON is its escaped text, which json's own escaping in C writes, as _ENCODE's does)
        text = encode_basestring(value) if type(value) is str else _ENCODE(value)
        if type(value) is self.kept:
            if len(self) > 50_000:
                self.clear()
                self[None] = "null"
            self[value] = text
        return text


_STRINGS, _FLOATS = _Encoded(str), _Encoded(float)
# the fields a row's JSON text is made of, as _json_row reads them: a statement's own (its text and offsets,
# never kept), those whose values recur, and the two of those that are numbers
_OWN = itemgetter("quote", "context", "start", "end", "parts")
_RECURRING = itemgetter("doc", "type", "speaker", "speaker_kind", "office", "country", "date", "date_precision",
                        "stance", "stance_target", "cue", "speaker_phrase", "speaker_written", "office_phrase",
                        "organization", "date_phrase")
_NUMBERS = itemgetter("confidence", "stance_confidence")
# the latest context written and its JSON, for the rows after it that hold the same string (extract gives the
# statements of one paragraph one: a third of the contexts' text is a paragraph's written again)
_LAST_CONTEXT = [None, None]


def _json_row(fields, written=False):
    """The JSON line of a statement's fields (vars of a Statement, or its to_dict) as _ENCODE writes the row of
    OUTPUT_KEYS, with the speaker as written when written (and there is one): the text put together from the
    JSON of its values, each recurring one looked up. Values of other types than a statement's are left to
    _ENCODE."""
    quote, context, start, end, parts = _OWN(fields)
    numbers = _NUMBERS(fields)
    if type(quote) is not str or type(context) is not str or type(start) is not int or type(end) is not int or \
            tuple(map(type, numbers)) != (float, float):
        row = EMPTY_ROW.copy()
        row.update(zip(OUTPUT_KEYS, OUTPUT_VALUES(fields)))
        if written and fields["speaker_written"]:
            row["speaker"] = fields["speaker_written"]
        return _ENCODE(row)
    (doc, type_, speaker, speaker_kind, office, country, date, date_precision, stance, stance_target, cue,
     speaker_phrase, speaker_written, office_phrase, organization, date_phrase) = map(_STRINGS.__getitem__,
                                                                                   _RECURRING(fields))
    confidence, stance_confidence = map(_FLOATS.__getitem__, numbers)
    if written and fields["speaker_written"]:
        speaker = speaker_written
    if context is not _LAST_CONTEXT[0]:
        _LAST_CONTEXT[:] = context, encode_basestring(context)
    return (f'{{"doc": {doc}, "quote": {encode_basestring(quote)}, "type": {type_}, "speaker": {speaker}, '
            f'"speaker_kind": {speaker_kind}, "office": {office}, "country": {country}, "date": {date}, '
            f'"date_precision": {date_precision}, "stance": {stance}, "stance_target": {stance_target}, '
            f'"start": {start}, "end": {end}, "cue": {cue}, "context": {_LAST_CONTEXT[1]}, '
            f'"confidence": {confidence}, "parts": {_ENCODE(parts)}, "speaker_phrase": {speaker_phrase}, '
            f'"speaker_written": {speaker_written}, "office_phrase": {office_phrase}, '
            f'"organization": {organization}, "date_phrase": {date_phrase}, '
            f'"stance_confidence": {stance_confidence}}}')


def _items(paths, label, unit="quote"):
    """Articles and InputErrors from the paths ("-" reads JSON Lines from stdin), with a progress bar;
    each article to be extracted by unit."""
    for item in _read_items(paths, label):
        if not isinstance(item, InputError):
            item.unit = unit
        yield item


def _read_items(paths, label):
    if list(paths) == ["-"]:
        yield from read_jsonl("<stdin>", sys.stdin)
        return
    files = list(expand(paths))
    show = len(files) > 5
    with click.progressbar(files, label=label, file=sys.stderr, show_pos=True) if show else _plain(files) as bar:
        for f in bar:
            if isinstance(f, InputError):
                yield f
            else:
                yield from read_path(f)


class _plain:
    def __init__(self, items):
        self.items = items

    def __enter__(self):
        return self.items

    def __exit__(self, *a):
        return False


def _warn(err):
    click.echo(f"{'Error' if err.failed else 'Warning'}: {err}", err=True)


@click.group()
@click.version_option(__version__)
def cli():
    """Quote attribution and stance database: who said what, where, when, for or against what."""


_END_AT_ONCE = []  # set by a command whose process has nothing left to do but free its objects


def main():
    """The `quotes` console script (and `python -m quotes`)."""
    try:
        cli(prog_name="quotes")
    except SystemExit as e:
        if not _END_AT_ONCE or not (e.code is None or isinstance(e.code, int)):
            raise
        # freeing the word lists, caches and frozen objects one by one took a twentieth of an extract
        # run; the output is all written (flushed here), no file or database is open
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except BrokenPipeError:
            raise e from None  # (the reader went away: ended as before)
        os._exit(e.code or 0)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table", "records"]), default="jsonl", show_default=True,
              help="records: each article with all its statements, one JSON line, for `quotes merge` "
                   "(the map step of a distributed run; failed inputs are records too, exit code 0)")
@click.option("--speaker-name", type=click.Choice(["resolved", "written"]), default="resolved", show_default=True,
              help="resolved: the fullest name of the person; written: the source as written at the cue (a name, or "
                   "the phrase describing a source nobody names), "
                   "where there is one (PolNeAR-style gold)")
@click.option("--unit", type=click.Choice(["quote", "turn"]), default="quote", show_default=True,
              help="quote: one statement per quoted passage; turn: a speaker's consecutive passages in a "
                   "paragraph (“…,” she said. “…”) joined into one statement with several parts")
def extract(paths, fmt, speaker_name, unit):
    """Extract statements from articles and print them (no database); "-" reads JSON Lines from stdin."""
    settle()
    _END_AT_ONCE.append(True)
    if fmt == "records":
        from .distributed import records_of

        for rec in records_of(_items(paths, "Extracting", unit)):
            if "error" in rec:
                click.echo(f"{'Error' if rec['failed'] else 'Warning'}: {rec['error']}", err=True)
            click.echo(json.dumps(rec, ensure_ascii=False), color=True)  # JSON holds no terminal codes to strip
        return
    failed = False
    for item in _items(paths, "Extracting", unit):
        if isinstance(item, InputError):
            _warn(item)
            failed = failed or item.failed
            continue
        try:
            statements = item.statements if getattr(item, "statements", None) is not None else \
                extract_statements(item, unit=unit)
        except Exception as e:  # one bad article must not end the run; name it
            _warn(InputError(item.path or item.doc, f"extraction failed: {type(e).__name__}: {e}"))
            failed = True
            continue
        lines = []
        written = speaker_name == "written"
        for st in statements:
            # the fields as they are (a copy by to_dict would only be thrown away; tuples and lists
            # make the same JSON)
            fields = vars(st) if type(st) is Statement else st.to_dict()
            if fmt == "jsonl":
                lines.append(_json_row(fields, written))
                continue
            row = dict(zip(OUTPUT_KEYS, OUTPUT_VALUES(fields)))
            if written and st.speaker_written:
                row["speaker"] = st.speaker_written
            lines.append("\t".join(str(row[k] or "") for k in ("doc", "speaker", "office", "country", "date",
                                                                 "stance", "stance_target", "type", "quote")))
        if lines:
            # one write per article; JSON escapes every control character, so its lines hold no terminal codes
            # for click.echo to look for (color=True: written as they are, where a regex scanned all the output)
            click.echo("\n".join(lines), color=fmt == "jsonl" or None)
    if failed:
        sys.exit(1)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", "db_path", default="quotes.db", show_default=True, type=click.Path(dir_okay=False))
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=1, show_default=True,
              help="Processes extracting in parallel (0: one per core); this process stores")
@click.option("--unit", type=click.Choice(["quote", "turn"]), default="quote", show_default=True,
              help="quote: one statement per quoted passage; turn: a speaker's consecutive passages in a "
                   "paragraph joined (loading with another unit than before extracts the articles again)")
def load(paths, db_path, jobs, unit):
    """Extract statements from articles and store them in the database (idempotent)."""
    import sqlite3  # (the commands that store import it: `extract` starts without)

    from .load import load_articles

    db = _open_db(db_path)
    settle()
    try:
        if jobs == 1:
            report = load_articles(db, _items(paths, "Loading", unit), on_error=_warn)
        else:
            from .parallel import load_parallel

            report = load_parallel(db, _items(paths, "Loading", unit), jobs=jobs or None, on_error=_warn)
    except sqlite3.Error as e:  # what was stored before stays stored: each article is its own transaction
        raise click.ClickException(f"{db_path}: {e}")
    click.echo(f"{report.loaded} articles loaded, {report.unchanged} unchanged, {report.statements} statements "
               f"stored in {db_path}" + (f"; {len(report.errors)} inputs failed" if report.errors else ""), err=True)
    if report.errors:
        sys.exit(1)


@cli.command()
@click.argument("records", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--db", "db_path", default="quotes.db", show_default=True, type=click.Path(dir_okay=False))
def merge(records, db_path):
    """Store the output of `quotes extract --format records` (shards, in the order given) as `quotes load` would."""
    import sqlite3

    from .distributed import merge_records

    db = _open_db(db_path)
    try:
        report = merge_records(db, records, on_error=_warn)
    except sqlite3.Error as e:
        raise click.ClickException(f"{db_path}: {e}")
    click.echo(f"{report.loaded} articles loaded, {report.unchanged} unchanged, {report.statements} statements "
               f"stored in {db_path}" + (f"; {len(report.errors)} inputs failed" if report.errors else ""), err=True)
    if report.errors:
        sys.exit(1)


def _open_db(db_path):
    import sqlite_utils  # only the commands that store need it: `extract` starts faster without

    try:
        db = sqlite_utils.Database(db_path)
        db.execute("select count(*) from sqlite_master").fetchone()
        return db
    except Exception as e:
        raise click.ClickException(f"{db_path}: not a usable SQLite database ({e})")


@cli.command()
@click.option("--db", "db_path", default="quotes.db", show_default=True, type=click.Path(dir_okay=False))
@click.option("--port", default=8001, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--immutable", is_flag=True, help="Serve the database read-only as immutable (for publishing)")
@click.option("--inspect-file", type=click.Path(exists=True, dir_okay=False),
              help="Table counts from `quotes inspect` (with --immutable): no counting at start-up")
def serve(db_path, port, host, immutable, inspect_file):
    """Publish the database with Datasette."""
    from .site import datasette_args

    if not Path(db_path).exists():
        raise click.ClickException(f"{db_path}: no such database; create it with `quotes load`")
    if inspect_file and not immutable:
        raise click.ClickException("--inspect-file needs --immutable: the counts of a changing database go stale")
    import subprocess

    extra = ["--inspect-file", inspect_file] if inspect_file else []
    sys.exit(subprocess.call(datasette_args(db_path, port=port, host=host, immutable=immutable, extra=extra)))


@cli.command()
@click.option("--db", "db_path", default="quotes.db", show_default=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--inspect-file", default=None, type=click.Path(dir_okay=False),
              help="Where to write the counts  [default: the database path + .inspect.json]")
def inspect(db_path, inspect_file):
    """Count every table once (`datasette inspect`) for `quotes serve --immutable --inspect-file`."""
    import subprocess

    inspect_file = inspect_file or f"{db_path}.inspect.json"
    done = subprocess.run([sys.executable, "-m", "datasette", "inspect", str(db_path), "--inspect-file", inspect_file])
    if done.returncode:
        raise click.ClickException(f"datasette inspect failed on {db_path}")
    data = json.loads(Path(inspect_file).read_text(encoding="utf-8"))
    # the site serves the database as "quotes" whatever the file is called: the counts must be found there too
    if "quotes" not in data and len(data) == 1:
        data["quotes"] = next(iter(data.values()))
        Path(inspect_file).write_text(json.dumps(data, indent=2), encoding="utf-8")
    tables = data["quotes"]["tables"]
    click.echo(f"{inspect_file}: counts of {len(tables)} tables "
               f"({tables.get('quotes', {}).get('count', 0)} statements)", err=True)


@cli.command()
@click.option("--db", "db_path", default="quotes.db", show_default=True, type=click.Path(dir_okay=False))
@click.option("--port", default=8001, show_default=True)
@click.option("--no-serve", is_flag=True, help="Build the database and stop")
@click.pass_context
def demo(ctx, db_path, port, no_serve):
    """Build a database from the bundled sample articles and serve it."""
    from .load import load_articles
    from .resources import data_path

    db = _open_db(db_path)
    report = load_articles(db, _items([str(data_path("articles"))], "Loading samples"), on_error=_warn)
    click.echo(f"{report.loaded} sample articles loaded into {db_path} "
               f"({db['quotes'].count} statements)", err=True)
    if not no_serve:
        ctx.invoke(serve, db_path=db_path, port=port)


@cli.command()
@click.argument("query")
@click.option("--db", "db_path", default="quotes.db", show_default=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--limit", default=20, show_default=True)
def search(query, db_path, limit):
    """Full-text search over stored statements, best matches first."""
    db = _open_db(db_path)
    try:
        rows = list(db["quotes"].search(query, limit=limit, columns=["id", "speaker", "date", "quote"]))
    except Exception as e:
        raise click.ClickException(f"search failed: {e}")
    for r in rows:
        click.echo(f"{r['id']}\t{r['speaker'] or '-'}\t{r['date'] or '-'}\t{r['quote']}")


@cli.command()
@click.option("--db", "db_path", default="quotes.db", show_default=True, type=click.Path(exists=True, dir_okay=False))
def verify(db_path):
    """Re-check every stored statement against its article text; exit 1 if any no longer matches."""
    from .verify import verify_db

    checked, problems = verify_db(_open_db(db_path))
    for p in problems:
        click.echo(p, err=True)
    click.echo(f"{checked} statements checked, {len(problems)} problems", err=True)
    if problems:
        sys.exit(1)


@cli.command()
@click.argument("quote_id", required=False)
@click.argument("field", required=False)
@click.argument("value", required=False)
@click.option("--csv", "csv_path", type=click.Path(exists=True, dir_okay=False),
              help="Corrections from a CSV with columns quote_id, field, value[, note, corrected_by]")
@click.option("--by", help="Who corrects (required unless every CSV row has corrected_by)")
@click.option("--note", help="Why, or the source that shows it")
@click.option("--db", "db_path", default="quotes.db", show_default=True, type=click.Path(exists=True, dir_okay=False))
def correct(quote_id, field, value, csv_path, by, note, db_path):
    """Correct a value of a statement (or many from --csv); kept through every later load."""
    import csv
    import sqlite3

    from .corrections import FIELDS, CorrectionError, import_csv, record_correction

    db = _open_db(db_path)
    if csv_path:
        if quote_id:
            raise click.ClickException("give either QUOTE_ID FIELD VALUE or --csv FILE, not both")
        try:
            done, errors = import_csv(db, csv_path, by=by, note=note)
        except (CorrectionError, OSError, UnicodeDecodeError, csv.Error, sqlite3.Error) as e:
            raise click.ClickException(str(e).splitlines()[0] if str(e) else type(e).__name__)
        for e in errors:
            click.echo(f"Error: {e}", err=True)
        click.echo(f"{len(done)} corrections applied, {len(errors)} rows failed", err=True)
        if errors:
            sys.exit(1)
        return
    if quote_id is None or field is None or value is None:
        raise click.ClickException(f"usage: quotes correct QUOTE_ID FIELD VALUE --by NAME (fields: {', '.join(FIELDS)})")
    try:
        c = record_correction(db, quote_id, field, value, by, note)
    except (CorrectionError, sqlite3.Error) as e:
        raise click.ClickException(str(e).splitlines()[0])
    click.echo(f"{quote_id}: {field} {c['previous'] or '-'} -> {c['value'] or '-'} (by {c['corrected_by']})", err=True)


@cli.command()
@click.option("--orphans", is_flag=True, help="Only corrections whose statement is no longer in its article")
@click.option("--db", "db_path", default="quotes.db", show_default=True, type=click.Path(exists=True, dir_okay=False))
def corrections(orphans, db_path):
    """List corrections (tab-separated), or with --orphans those whose statement is gone."""
    from .corrections import orphans as orphaned

    db = _open_db(db_path)
    if orphans:
        rows = orphaned(db)
        for r in rows:
            click.echo("\t".join(str(r[k] or "") for k in ("quote_id", "field", "value", "corrected_by",
                                                           "corrected_at", "doc", "quote")))
        click.echo(f"{len(rows)} corrections of statements no longer found in their article", err=True)
        return
    rows = db.execute("select quote_id, field, value, previous, corrected_by, corrected_at, note from corrections "
                      "order by id").fetchall() if "corrections" in db.table_names() else []
    for r in rows:
        click.echo("\t".join("" if v is None else str(v) for v in r))
    click.echo(f"{len(rows)} corrections", err=True)
