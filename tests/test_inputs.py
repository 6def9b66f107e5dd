"""Every input a newsroom has: HTML pages, JSON Lines, curated CSV, legacy encodings."""
import json

import pytest

from quotes.curated import CuratedArticle, check_row
from quotes.extract import extract
from quotes.readers import InputError, InputWarning, decode, read_inputs, read_path

ARTICLE = ("Portugal will not sign the Atlantic pact, minister says\n"
           "Mar 5, 2024\n\n"
           "“We will not sign this pact in its present form,” Foreign Minister Ana Lopes said on Tuesday in "
           "Lisbon.\n\n"
           "The talks are set to continue next week in Geneva, where negotiators from twelve countries will meet.\n")

PAGE = """<!doctype html><html><head><meta charset="{charset}">
<title>Portugal will not sign the Atlantic pact, minister says | Daily Ledger</title>
<meta name="author" content="Jane Roe"><meta property="article:published_time" content="2024-03-05T10:00:00Z">
<meta property="og:site_name" content="Daily Ledger"><link rel="canonical" href="https://ledger.example/2024/03/pact">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/subscribe">Subscribe now for 1 euro</a></nav>
<div class="cookie">We use cookies to improve your experience. Accept all cookies.</div>
<article><h1>Portugal will not sign the Atlantic pact, minister says</h1>
<p>“We will not sign this pact in its present form,” Foreign Minister Ana Lopes said on Tuesday in Lisbon{cafe}.</p>
<p>The talks are set to continue next week in Geneva, where negotiators from twelve countries will meet again.</p>
<p>Lopes said that Portugal would propose amendments to the fisheries chapter before the summit.</p>
</article>
<aside><h3>Most read</h3><ul><li>Ten things to know about fishing quotas</li><li>Weather: storms ahead</li></ul></aside>
<footer>© 2024 Daily Ledger. All rights reserved. Contact us.</footer></body></html>"""


def items(path):
    return list(read_path(path))


def only_article(path):
    got = items(path)
    arts = [a for a in got if not isinstance(a, InputError)]
    assert len(arts) == 1, got
    return arts[0], [e for e in got if isinstance(e, InputError)]


def test_html_page_loses_its_boilerplate_and_keeps_title_author_date(tmp_path):
    p = tmp_path / "pact.html"
    p.write_text(PAGE.format(charset="utf-8", cafe=""), encoding="utf-8")
    a, notes = only_article(p)
    assert notes == []
    assert a.headline == "Portugal will not sign the Atlantic pact, minister says"
    assert a.byline == "Jane Roe"
    assert a.published.isoformat() == "2024-03-05"
    assert a.url == "https://ledger.example/2024/03/pact" and a.outlet == "Daily Ledger"
    assert a.encoding == "utf-8"
    for junk in ("Subscribe", "cookies", "Most read", "All rights reserved", "storms"):
        assert junk not in a.text
    bodies = [a.text[s:e] for s, e in a.paragraphs]
    assert bodies[0].startswith("“We will not sign") and len(bodies) == 3
    assert bodies[-1].startswith("Lopes said that Portugal")
    st = [s for s in extract(a) if s.quote.startswith("We will not sign")]
    assert st and st[0].speaker == "Ana Lopes"
    assert a.text[st[0].start:st[0].end] == st[0].quote


def test_html_in_windows_1252_as_declared(tmp_path):
    p = tmp_path / "legacy.htm"
    p.write_bytes(PAGE.format(charset="windows-1252", cafe=" at the Café Nicola").encode("cp1252"))
    got = items(p)
    a = [x for x in got if not isinstance(x, InputError)][0]
    assert "Café Nicola" in a.text and a.encoding == "cp1252"
    assert any(isinstance(x, InputWarning) and "cp1252" in str(x) for x in got)


def test_html_without_article_text_is_one_error(tmp_path):
    p = tmp_path / "menu.html"
    p.write_text("<html><body><nav><a href='/'>Home</a></nav><script>var x = 1;</script></body></html>")
    [err] = items(p)
    assert isinstance(err, InputError) and str(err).startswith(str(p)) and "no article text" in str(err)


def test_deeply_nested_html_is_one_error_not_a_crash(tmp_path):
    p = tmp_path / "deep.html"
    p.write_text("<html><body>" + "<div>" * 50000 + "<p>" + "Words of the body. " * 20 + "</p>" + "</div>" * 50000)
    got = items(p)
    assert len(got) == 1 and isinstance(got[0], InputError) and str(p) in str(got[0])


def test_jsonl_with_scraper_fields_and_unknown_fields_kept(tmp_path):
    p = tmp_path / "scrape.jsonl"
    recs = [
        {"title": "Pact in doubt", "text": ARTICLE.split("\n\n", 1)[1], "date": "2024-03-05T10:00:00Z",
         "url": "https://ledger.example/1", "author": ["Jane Roe", "Ola Berg"], "source": {"id": "dl", "name": "Daily Ledger"},
         "section": "World", "tags": ["fisheries", "EU"]},
        {"headline": "Second", "body": ["“We want a deal by June,” said Kwame Mensah, Ghana's trade minister.",
                                        "He spoke in Accra."], "published": "June 3, 2023", "outlet": "Accra Wire",
         "id": "aw-17", "byline": "Ama Owusu"},
    ]
    p.write_text("\n".join(json.dumps(r) for r in recs) + "\n")
    a, b = items(p)
    assert (a.headline, a.byline, a.outlet, a.url, a.published.isoformat()) == (
        "Pact in doubt", "Jane Roe, Ola Berg", "Daily Ledger", "https://ledger.example/1", "2024-03-05")
    assert a.extra == {"section": "World", "tags": ["fisheries", "EU"]}
    assert (b.doc, b.headline, b.byline, b.outlet, b.published.isoformat()) == (
        "aw-17", "Second", "Ama Owusu", "Accra Wire", "2023-06-03")
    assert len(b.paragraphs) == 2 and b.text[b.paragraphs[1][0]:b.paragraphs[1][1]] == "He spoke in Accra."
    assert any(s.speaker == "Kwame Mensah" for s in extract(b))


def test_jsonl_bad_lines_are_named_and_the_rest_loads(tmp_path):
    p = tmp_path / "mixed.jsonl"
    good = json.dumps({"title": "T", "text": "“Enough,” said Ana Lopes."})
    p.write_text("\n".join([good, '{"title": "broken', "", json.dumps({"title": "no body"}), "[1, 2]",
                            json.dumps({"text": "“Again,” said Ana Lopes.", "url": "https://x.example/2"})]) + "\n")
    got = items(p)
    errors = [str(e) for e in got if isinstance(e, InputError)]
    assert errors == [f"{p}:2: not valid JSON (Unterminated string starting at)",
                      f"{p}:4: no \"text\" field with the article body",
                      f"{p}:5: expected a JSON object with the article, found list"]
    assert [a.doc for a in got if not isinstance(a, InputError)] == ["mixed.jsonl:1", "https://x.example/2"]


def test_json_array_of_articles(tmp_path):
    p = tmp_path / "export.json"
    p.write_text(json.dumps([{"title": "A", "text": "“Yes,” said Ana Lopes.", "url": "https://x.example/a"},
                             {"title": "B"}], indent=2))
    got = items(p)
    assert [a.headline for a in got if not isinstance(a, InputError)] == ["A"]
    assert [str(e) for e in got if isinstance(e, InputError)] == [f"{p}: article 2 of 2: no \"text\" field with the article body"]


def test_html_field_in_jsonl_goes_through_trafilatura(tmp_path):
    p = tmp_path / "pages.jsonl"
    p.write_text(json.dumps({"url": "https://ledger.example/p", "html": PAGE.format(charset="utf-8", cafe="")}) + "\n")
    [a] = items(p)
    assert a.headline.startswith("Portugal will not sign") and "Subscribe" not in a.text
    assert a.url == "https://ledger.example/p"


@pytest.mark.parametrize("encoding,recorded", [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"),
                                               ("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be"),
                                               ("cp1252", "cp1252")])
def test_text_encodings_are_read_and_recorded(tmp_path, encoding, recorded):
    p = tmp_path / "a.txt"
    p.write_bytes((ARTICLE + "Officials met at the Café Nicola — “an odd venue”, one said.\n").encode(encoding))
    got = items(p)
    a = got[-1]
    assert a.encoding == recorded
    assert "Café Nicola — “an odd venue”" in a.text and a.text.startswith("Portugal will not sign")
    warned = [str(e) for e in got[:-1]]
    assert warned == ([f"{p}: not UTF-8: read as cp1252"] if encoding == "cp1252" else [])


def test_decode_refuses_what_is_not_text():
    with pytest.raises(InputError, match="empty file"):
        decode(b" \n\t\n", "e.txt")
    with pytest.raises(InputError, match="binary file"):
        decode(bytes(range(256)) * 4, "b.bin")
    with pytest.raises(InputError, match="neither UTF-8"):
        decode(b"abc \x81\x8d def", "x.txt")  # bytes Windows-1252 leaves undefined


CSV_HEAD = "quote,speaker,office,country,date,source_url,stance,stance_target\n"


def test_curated_csv_rows_become_statements_at_their_offsets(tmp_path):
    p = tmp_path / "desk.csv"
    p.write_text(CSV_HEAD +
                 '"We will not sign this pact.",Ana Lopes,Foreign Minister,Portugal,2024-03-05,https://ledger.example/1,against,the Atlantic pact\n'
                 '"Tariffs hurt farmers, and they hurt ""our"" exporters",Kwame Mensah,Trade Minister,GH,2023-06,,oppose,tariffs\n'
                 'Open Skies matters,NATO,,,2021,,,\n', encoding="utf-8")
    [a] = items(p)
    assert isinstance(a, CuratedArticle) and a.doc == "desk.csv" and a.extra == {"curated": True}
    s1, s2, s3 = a.statements
    for s in a.statements:
        assert a.text[s.start:s.end] == s.quote and s.type == "curated" and s.confidence == 1.0
    assert (s1.speaker, s1.office, s1.country, s1.date, s1.date_precision, s1.stance, s1.stance_target) == (
        "Ana Lopes", "Foreign Minister", "PT", "2024-03-05", "day", "against", "the Atlantic pact")
    assert s2.quote == 'Tariffs hurt farmers, and they hurt "our" exporters' and s2.stance == "against"
    assert (s2.country, s2.date, s2.date_precision) == ("GH", "2023-06", "month")
    assert (s3.date, s3.date_precision, s3.stance) == ("2021", "year", None)
    assert "Source: https://ledger.example/1" in s1.context


def test_curated_csv_bad_rows_name_line_and_field(tmp_path):
    p = tmp_path / "desk.csv"
    p.write_text("Quote;Speaker;Country;Date;Stance;Source URL\n"  # semicolons, as a European spreadsheet writes
                 "Fine words;Ana Lopes;PT;2024-03-05;favor;https://x.example\n"
                 ";Nobody;;;;\n"
                 "\"Two\nlines\";Ana Lopes;Atlantis;yesterday;maybe;ftp://x\n"
                 "Too;many;fields;here;;;;\n"
                 "Last good;Kwame Mensah;Ghana;5 March 2024;;\n", encoding="utf-8")
    got = items(p)
    errors = [str(e) for e in got if isinstance(e, InputError)]
    assert errors == [
        f"{p}:3: quote is empty",
        f"{p}:4: date 'yesterday' is not a date (YYYY-MM-DD, YYYY-MM or YYYY); country 'Atlantis' is not a country "
        f"name or ISO code; stance 'maybe' is not one of favor, against, mixed, neutral; source_url 'ftp://x' is not "
        f"an http(s) URL",
        f"{p}:6: 8 fields where the header has 6",
    ]
    [a] = [x for x in got if not isinstance(x, InputError)]
    assert [s.quote for s in a.statements] == ["Fine words", "Last good"]
    assert a.statements[1].date == "2024-03-05" and a.statements[1].country == "GH"


def test_curated_csv_missing_columns_is_one_line(tmp_path):
    p = tmp_path / "wrong.csv"
    p.write_text("headline,author\nA,B\n")
    [e] = items(p)
    assert str(e) == f"{p}:1: missing columns quote, speaker (columns found: headline, author)"


def test_curated_csv_from_excel_in_windows_1252(tmp_path):
    p = tmp_path / "excel.csv"
    p.write_bytes((CSV_HEAD + "“Ça suffit”,Élise Caron,Minister of Agriculture,France,2022-01-01,,,\n").encode("cp1252"))
    got = items(p)
    assert str(got[0]) == f"{p}: not UTF-8: read as cp1252"
    assert got[1].statements[0].quote == "Ça suffit" and got[1].statements[0].speaker == "Élise Caron"


def test_check_row_accepts_synonyms_and_codes():
    clean, problems = check_row({"quote": "x", "speaker": "y", "country": "UK", "stance": "Support",
                                 "speaker_kind": "Organization"})
    assert problems == [] and clean["country"] == "GB" and clean["stance"] == "favor"
    assert clean["speaker_kind"] == "organization"
    clean, problems = check_row({"quote": "x", "speaker": "Harbour residents", "speaker_kind": "Group"})
    assert problems == [] and clean["speaker_kind"] == "group"
    assert check_row({"quote": "x", "speaker": "y", "speaker_kind": "crowd"})[1] == [
        "speaker_kind 'crowd' is not one of anonymous, group, organization, person"]
    assert check_row({"quote": "x", "speaker": "y", "date": "2024-02-30"})[1] == [
        "date '2024-02-30' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"]


def test_folders_are_walked_and_problems_named(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE)
    (tmp_path / "in" / "notes.docx").write_bytes(b"PK\x03\x04")  # not an article suffix: skipped
    (tmp_path / "empty").mkdir()
    got = list(read_inputs([tmp_path / "in", tmp_path / "empty", tmp_path / "gone.txt"]))
    assert got[0].doc == "a.txt"
    assert [str(e) for e in got[1:]] == [
        f"{tmp_path / 'empty'}: no article files (.txt, .html, .jsonl, .json, .csv) in this folder",
        f"{tmp_path / 'gone.txt'}: no such file or directory"]


def test_a_file_that_is_not_json_lines_gets_one_line_not_one_per_line(tmp_path):
    p = tmp_path / "notes.jsonl"
    p.write_text("\n".join(f"Meeting note number {i}: nothing to add." for i in range(500)))
    got = items(p)
    assert len(got) == 21 and str(got[-1]) == (f"{p}: the first 20 lines are not JSON objects: not JSON Lines, "
                                                f"stopped reading")


def test_a_broken_pretty_printed_json_file_is_one_line(tmp_path):
    p = tmp_path / "export.json"
    p.write_text('[\n  {"title": "A", "text": "“Yes,” said Ana Lopes."},\n  {"title": "B",\n]\n')
    assert [str(e) for e in items(p)] == [
        f"{p}: not valid JSON (Expecting property name enclosed in double quotes at line 4 column 1)"]


def test_json_lines_under_a_json_name_are_read_line_by_line(tmp_path):
    p = tmp_path / "feed.json"
    p.write_text(json.dumps({"text": "“Yes,” said Ana Lopes.", "id": "x1"}) + "\n{broken\n")
    got = items(p)
    assert got[0].doc == "x1" and str(got[1]) == f"{p}:2: not valid JSON (Expecting property name enclosed in double quotes)"


def test_curated_csv_oversized_field_and_unclosed_quote(tmp_path):
    p = tmp_path / "desk.csv"
    p.write_text('quote,speaker\n"' + "x" * 200000 + '",A\nFine words,Ana Lopes\n"Unclosed,B\nlast,C\n')
    got = items(p)
    assert [str(e) for e in got if isinstance(e, InputError)] == [
        f"{p}:2: unreadable CSV row (field larger than field limit (131072))",
        f"{p}:4: 1 fields where the header has 2 (an unclosed quotation mark takes in the lines after it)"]
    assert [s.quote for s in got[-1].statements] == ["Fine words"]


def test_reading_html_makes_no_network_connection(tmp_path, monkeypatch):
    import socket

    def refuse(*a, **k):
        raise AssertionError("network access while reading a page")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    p = tmp_path / "pact.html"
    p.write_text(PAGE.format(charset="utf-8", cafe="").replace("<p>", '<p><img src="https://img.example/a.jpg">', 1))
    a, notes = only_article(p)
    assert notes == [] and a.byline == "Jane Roe"


def test_html_in_the_charset_it_declares(tmp_path):
    p = tmp_path / "ru.html"
    body = "\"Мы не подпишем этот договор\", - заявил министр иностранных дел Сергей Рябков во вторник в Москве."
    page = (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r"><title>Договор</title>'
            f'</head><body><article><p>{body}</p><p>Переговоры продолжатся на следующей неделе в Женеве.</p>'
            f'</article></body></html>')
    p.write_bytes(page.encode("koi8-r"))
    got = items(p)
    a = got[-1]
    assert a.encoding == "koi8-r" and body in a.text
    assert [str(e) for e in got[:-1]] == [f"{p}: not UTF-8: read as koi8-r"]


def test_gzipped_inputs_are_read_by_their_inner_suffix(tmp_path):
    import gzip

    with gzip.open(tmp_path / "feed.jsonl.gz", "wt", encoding="utf-8") as f:
        for i in range(3):
            f.write(json.dumps({"text": f"“Point {i},” said Ana Lopes.", "url": f"https://x.example/{i}"}) + "\n")
        f.write("{broken\n")
    with gzip.open(tmp_path / "a.txt.gz", "wb") as f:
        f.write(ARTICLE.encode("cp1252", "replace"))
    (tmp_path / "bad.html.gz").write_bytes(b"\x1f\x8b\x08\x00 not really gzip")
    with gzip.open(tmp_path / "bomb.txt.gz", "wb") as f:  # 11 MB of spaces in about 11 KB
        f.write(b" " * (11 * 1024 * 1024))
    got = list(read_inputs([tmp_path]))
    arts = [a for a in got if not isinstance(a, InputError)]
    errors = sorted(str(e) for e in got if isinstance(e, InputError) and e.failed)
    assert sorted(a.doc for a in arts) == ["a.txt.gz", "https://x.example/0", "https://x.example/1",
                                           "https://x.example/2"]
    assert [a for a in arts if a.doc == "a.txt.gz"][0].headline.startswith("Portugal will not sign")
    assert errors[0].startswith(f"{tmp_path / 'bad.html.gz'}: not a readable gzip file")
    assert errors[1:] == [
        f"{tmp_path / 'bomb.txt.gz'}: file too large for an article (over 10 MB uncompressed; the limit is 10 MB)",
        f"{tmp_path / 'feed.jsonl.gz'}:4: not valid JSON (Expecting property name enclosed in double quotes)"]
