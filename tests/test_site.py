"""The published site, through Datasette's in-process client: API acceptance (issue 2) and the site's pages (issue 6)."""
import asyncio
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from quotes.cli import cli
from quotes.site import datasette_args, make_datasette

REPO = Path(__file__).resolve().parents[1]
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SAMPLES = REPO / "data" / "articles"

XSS = '<script>alert("xss")</script>'
XSS_ID = "xss0000000000001"


def add_hostile_rows(db_path):
    """A statement whose every text field carries markup, as a hostile or broken source could."""
    db = sqlite_utils.Database(db_path)
    db["articles"].insert({
        "id": "xssarticle000001", "doc": "900_hostile.txt", "url": "javascript:alert(1)",
        "headline": f"Headline {XSS}", "byline": f"Writer {XSS}", "outlet": f"Outlet {XSS}", "published": "2022-03-03",
        "text": f"Prefix. “We reject {XSS} entirely,” said {XSS}.", "sha256": "x", "extractor": "test",
        "loaded_at": "2022-03-03T00:00:00+00:00",
    }, pk="id", replace=True)
    db["speakers"].insert({
        "id": "hostile-speaker", "name": f"Mallory {XSS}", "aliases": json.dumps([f"M. {XSS}"]), "kind": "person",
        "country": "ZZ", "office": f"Minister {XSS}", "wikidata": 'Q1"><script>alert(1)</script>',
    }, pk="id", replace=True)
    text = f"“We reject {XSS} entirely,” said {XSS}."
    db["quotes"].insert({
        "id": XSS_ID, "article_id": "xssarticle000001", "speaker_id": "hostile-speaker",
        "quote": f"We reject {XSS} entirely … [sic]", "type": "direct", "speaker": f"Mallory {XSS}",
        "speaker_kind": "person", "speaker_phrase": XSS, "office": f"Minister {XSS}", "office_phrase": XSS,
        "country": "ZZ", "date": "2022-03-03", "date_precision": "day", "date_phrase": XSS, "year": 2022,
        "stance": "against", "stance_target": f"Target {XSS}", "stance_confidence": 0.5, "start": 9, "end": 9 + len(f"We reject {XSS} entirely"),
        "parts": json.dumps([[9, 9 + len(f"We reject {XSS} entirely")]]), "cue": XSS, "context": text, "context_start": 8, "confidence": 0.5,
        "reviewed": 1, "position": 0,
    }, pk="id", replace=True)
    db["stances"].insert({"quote_id": XSS_ID, "target": f"Target {XSS}", "stance": "against", "confidence": 0.5},
                         pk=("quote_id", "target"), replace=True)


@pytest.fixture(scope="module")
def site_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("site") / "quotes.db"
    result = CliRunner().invoke(cli, ["load", str(SAMPLES), str(SEEDS), "--db", str(path)])
    assert result.exit_code == 0, result.output
    add_hostile_rows(path)
    return path


@pytest.fixture(scope="module")
def client(site_db):
    ds = make_datasette(site_db)
    loop = asyncio.new_event_loop()

    class Client:
        def get(self, path):
            return loop.run_until_complete(ds.client.get(path))

    yield Client()
    loop.close()


def ok(client, path):
    r = client.get(path)
    assert r.status_code == 200, (path, r.status_code, r.text[:2000])
    return r


# ---------------------------------------------------------------- issue 2: the JSON API answers

def test_full_text_search_open_skies_returns_ryabkov(client):
    data = ok(client, "/quotes/quotes.json?_search=Open+Skies&_shape=objects&_size=max").json()
    speakers = [r["speaker"] for r in data["rows"]]
    assert speakers.count("Sergei Ryabkov") >= 2, speakers
    assert any("Open Skies" in r["quote"] for r in data["rows"] if r["speaker"] == "Sergei Ryabkov")


def test_phrase_search_and_ranked_search_page(client):
    data = ok(client, '/quotes/quotes.json?_search=%22Open+Skies%22&_shape=objects').json()
    assert "Sergei Ryabkov" in {r["speaker"] for r in data["rows"]}
    html = ok(client, "/search?q=Open+Skies").text
    assert "Sergei Ryabkov" in html
    assert "<mark>Open</mark> <mark>Skies</mark>" in html


def test_facet_counts_for_speaker_and_country(client, site_db):
    data = ok(client, "/quotes/quotes.json?_facet=speaker&_facet=country&_shape=objects").json()
    facets = data["facet_results"]
    speaker_counts = {f["value"]: f["count"] for f in facets["speaker"]["results"]}
    country_counts = {f["value"]: f["count"] for f in facets["country"]["results"]}
    assert speaker_counts.get("Sergei Ryabkov", 0) >= 4
    assert country_counts.get("RU", 0) >= 4
    # the counts are real counts
    db = sqlite_utils.Database(site_db)
    assert country_counts["RU"] == db.execute("select count(*) from quotes where country = 'RU'").fetchone()[0]


def test_configured_facets_come_with_every_table_query(client):
    facets = ok(client, "/quotes/quotes.json?_search=Open+Skies").json()["facet_results"]
    assert {"speaker_id", "country", "stance", "year"} <= set(facets)
    speakers = {f["label"]: f["count"] for f in facets["speaker_id"]["results"]}
    assert speakers.get("Sergei Ryabkov", 0) >= 2


def test_facets_with_search_filter(client):
    data = ok(client, "/quotes/quotes.json?_search=Open+Skies&_facet=speaker&_facet=country").json()
    countries = {f["value"]: f["count"] for f in data["facet_results"]["country"]["results"]}
    assert countries.get("RU", 0) >= 2


def test_canned_search_query(client):
    rows = ok(client, "/quotes/search.json?q=%22Open+Skies%22&_shape=array").json()
    assert rows and rows[0]["speaker"] == "Sergei Ryabkov"
    assert all("<mark>" in r["snippet"] for r in rows if r["speaker"] == "Sergei Ryabkov")
    ok(client, "/quotes/search?q=treaty")


def test_csv_export(client):
    r = ok(client, "/quotes/quotes.csv?country=RU&_size=max")
    assert r.text.splitlines()[0].startswith("id,")
    assert "Ryabkov" in r.text


# ---------------------------------------------------------------- issue 6: pages

def _ryabkov_quote_id(site_db):
    db = sqlite_utils.Database(site_db)
    return db.execute("select id from quotes where speaker = 'Sergei Ryabkov' and quote like '%Open Skies%' "
                      "order by length(quote) desc").fetchone()[0]


def test_home_page(client):
    html = ok(client, "/").text
    assert 'action="/search"' in html
    assert "Top speakers" in html and "Countries" in html and "Latest statements" in html
    assert "Sergei Ryabkov" in html or "Dmitri Orlovsky" in html
    assert 'href="/speaker/' in html and 'href="/quotes/quotes/' in html


def test_quote_page_highlights_quote_in_its_paragraph(client, site_db):
    qid = _ryabkov_quote_id(site_db)
    html = ok(client, f"/quotes/quotes/{qid}").text
    assert 'class="big-quote' in html
    marked = re.findall(r'<mark class="quote-span">(.*?)</mark>', html, re.S)
    assert marked and "Open Skies" in " ".join(marked)
    assert 'href="/speaker/sergei-ryabkov"' in html
    assert "Deputy Foreign Minister" in html and "Russia" in html
    assert "Other statements by Sergei Ryabkov" in html
    assert "Machine-extracted, not reviewed" in html


def test_quote_page_flags_editing_marks(client, site_db):
    db = sqlite_utils.Database(site_db)
    qid = db.execute("select id from quotes where quote like '%[%]%' and article_id != 'xssarticle000001'").fetchone()[0]
    html = ok(client, f"/quotes/quotes/{qid}").text
    assert 'class="edit-mark insertion"' in html
    assert "Edited quote." in html
    qid = db.execute("select id from quotes where quote like '%…%' and article_id != 'xssarticle000001'").fetchone()[0]
    assert 'class="edit-mark omission"' in ok(client, f"/quotes/quotes/{qid}").text


def test_split_quote_highlights_each_part(client, site_db):
    db = sqlite_utils.Database(site_db)
    row = db.execute("select id, parts from quotes where parts like '[[%], [%]]' limit 1").fetchone()
    if not row:
        pytest.skip("no split quote in the sample data")
    html = ok(client, f"/quotes/quotes/{row[0]}").text
    assert html.count('<mark class="quote-span">') == len(json.loads(row[1]))


def test_speaker_page(client):
    html = ok(client, "/speaker/sergei-ryabkov").text
    assert "<h1>Sergei Ryabkov</h1>" in html
    assert "Offices held" in html and "Deputy Foreign Minister" in html
    assert "Stance by target" in html
    assert html.count('class="timeline-item"') >= 4
    assert 'type="application/atom+xml"' in html
    assert client.get("/speaker/no-such-person").status_code == 404


def test_speaker_aliases_and_wikidata(client, site_db):
    db = sqlite_utils.Database(site_db)
    row = db.execute("select id, aliases from speakers where aliases like '[\"%' limit 1").fetchone()
    html = ok(client, f"/speaker/{row[0]}").text
    assert json.loads(row[1])[0] in html
    db["speakers"].update(row[0], {"wikidata": "Q42"})
    try:
        assert 'href="https://www.wikidata.org/wiki/Q42"' in ok(client, f"/speaker/{row[0]}").text
    finally:
        db["speakers"].update(row[0], {"wikidata": None})


def test_search_finds_speakers_by_alias(client, site_db):
    db = sqlite_utils.Database(site_db)
    sid, aliases = db.execute("select id, aliases from speakers where aliases like '[\"%' limit 1").fetchone()
    alias = json.loads(aliases)[0]
    html = ok(client, "/search?q=" + alias.replace(" ", "+")).text
    assert f'href="/speaker/{sid}"' in html


def test_search_facets_filter(client):
    html = ok(client, "/search?q=treaty").text
    assert 'data-facet="country"' in html
    m = re.search(r'<section class="facet" data-facet="country">.*?<a href="([^"]+)">', html, re.S)
    assert m
    filtered = ok(client, m.group(1).replace("&amp;", "&")).text
    assert 'class="chip"' in filtered


def test_search_facets_are_capped_and_say_so(client, monkeypatch):
    from datasette.plugins import pm

    site = [p for p in pm.get_plugins() if hasattr(p, "FACET_SCAN_LIMIT")][0]
    monkeypatch.setattr(site, "FACET_SCAN_LIMIT", 2)
    html = ok(client, "/search?q=minister").text
    assert "Counts cover the first 2 matches." in html
    total = int(re.search(r"<strong>([\d,]+)</strong> statements match", html).group(1).replace(",", ""))
    assert total > 2


def test_search_pages_through_all_matches(client, monkeypatch):
    """A search page reads only the statements it shows; the next ones are a link away, in rank order."""
    from datasette.plugins import pm

    site = [p for p in pm.get_plugins() if hasattr(p, "SEARCH_PAGE_SIZE")][0]
    whole = re.findall(r'<blockquote class="statement-quote[^"]*"><a href="([^"]+)"', ok(client, "/search?q=minister").text)
    assert len(whole) > 4
    monkeypatch.setattr(site, "SEARCH_PAGE_SIZE", 2)
    seen, url = [], "/search?q=minister"
    while url:
        html = ok(client, url).text
        shown = re.findall(r'<blockquote class="statement-quote[^"]*"><a href="([^"]+)"', html)
        assert 0 < len(shown) <= 2
        assert f'start="{len(seen) + 1}"' in html
        if seen:
            assert 'rel="prev"' in html
        seen += shown
        nxt = re.search(r'<a rel="next" href="([^"]+)"', html)
        url = nxt.group(1).replace("&amp;", "&") if nxt else None
    assert seen[:len(whole)] == whole
    total = int(re.search(r"<strong>([\d,]+)</strong> statements match", html).group(1).replace(",", ""))
    assert len(seen) == total
    # a page past the end, or a page that is not a number, is no error
    assert "No more statements." in ok(client, "/search?q=minister&page=999").text
    assert ok(client, "/search?q=minister&page=x").text.count('class="statement"') == 2


def test_statements_of_a_speaker_found_by_alias_follow_the_ranked_ones_across_pages(site_db, tmp_path, monkeypatch):
    import sqlite3
    from datasette.plugins import pm

    path = tmp_path / "alias.db"
    with sqlite3.connect(site_db) as src, sqlite3.connect(path) as dst:
        src.backup(dst)
    db = sqlite_utils.Database(path)
    sid = db.execute("select speaker_id from quotes where speaker_id is not null group by speaker_id "
                     "order by count(*) desc limit 1").fetchone()[0]
    n = db.execute("select count(*) from quotes where speaker_id = ?", [sid]).fetchone()[0]
    # a statement that has the word, by someone else, and an alias with it for the busiest speaker
    other = db.execute("select id from quotes where speaker_id != ? limit 1", [sid]).fetchone()[0]
    db.execute("update quotes set quote = quote || ' Zorblatt.' where id = ?", [other])
    db.execute("update speakers set aliases = ? where id = ?", [json.dumps(["Zorblatt"]), sid])
    db.conn.commit()
    assert n > 3
    ds = make_datasette(path)
    site = [p for p in pm.get_plugins() if hasattr(p, "SEARCH_PAGE_SIZE")][0]
    monkeypatch.setattr(site, "SEARCH_PAGE_SIZE", 2)
    loop = asyncio.new_event_loop()
    try:
        pages, url = [], "/search?q=Zorblatt"
        while url:
            html = loop.run_until_complete(ds.client.get(url)).text
            pages.append(html)
            nxt = re.search(r'<a rel="next" href="([^"]+)"', html)
            url = nxt.group(1).replace("&amp;", "&") if nxt else None
    finally:
        loop.close()
    assert f"<strong>{n + 1}</strong> statements match" in pages[0]
    shown = [q for html in pages for q in re.findall(r'<a href="/quotes/quotes/([^"]+)"', html)]
    assert shown[0] == other and len(shown) == len(set(shown)) == n + 1
    assert all("by a matching speaker" in html for html in pages[1:])


def test_a_filtered_search_past_the_facet_limit_says_more_than(client, monkeypatch):
    from datasette.plugins import pm

    site = [p for p in pm.get_plugins() if hasattr(p, "FACET_SCAN_LIMIT")][0]
    html = ok(client, "/search?q=minister").text
    m = re.search(r'<section class="facet" data-facet="type">.*?<a href="([^"]+)">[^<]*</a> <span class="count">(\d+)', html, re.S)
    assert m and int(m.group(2)) > 2
    monkeypatch.setattr(site, "FACET_SCAN_LIMIT", 2)
    filtered = ok(client, m.group(1).replace("&amp;", "&")).text
    assert "More than <strong>2</strong> statements match with the chosen filters" in filtered


def test_search_survives_odd_input(client):
    for q in ['"unbalanced', "-:()*", "OR", "NEAR(", "a AND", "'; drop table quotes; --"]:
        ok(client, "/search?q=" + q)
    assert "Search the words" in ok(client, "/search").text


def test_search_without_results_and_relaxed_search(client):
    assert "No statement matches" in ok(client, "/search?q=zzzxqv").text
    html = ok(client, "/search?q=Skies+zzzxqv").text
    assert "showing those with any of them" in html and "Sergei Ryabkov" in html


def test_charts(client):
    html = ok(client, "/charts").text
    assert html.count("<svg") >= 2
    assert 'class="bar"' in html
    svg = ok(client, "/charts/monthly.svg")
    assert svg.headers["content-type"].startswith("image/svg+xml")
    ET.fromstring(svg.text)  # well-formed
    stance = ok(client, "/charts/stance.svg?target=Russia").text
    ET.fromstring(stance)
    assert "<circle" in stance
    assert "cdn" not in html.lower() and "https://" not in re.sub(r'href="https://datasette.io/"', "", html.split("<footer")[0])


def _plugin_with(name):
    from datasette.plugins import pm

    return [p for p in pm.get_plugins() if hasattr(p, name)][0]


def test_stance_chart_draws_bars_when_dots_would_be_too_many(client, monkeypatch):
    charts = _plugin_with("stance_svg")
    assert "<circle" in ok(client, "/charts/stance.svg?target=Russia").text
    monkeypatch.setattr(charts, "MAX_DOT_TOTAL", 0)
    svg = ok(client, "/charts/stance.svg?target=Russia").text
    ET.fromstring(svg)
    assert '<g class="cell">' in svg and "<circle class=" not in svg


def test_speaker_timeline_is_capped_with_a_link_to_all(client, monkeypatch):
    monkeypatch.setattr(_plugin_with("SPEAKER_TIMELINE_LIMIT"), "SPEAKER_TIMELINE_LIMIT", 2)
    html = ok(client, "/speaker/sergei-ryabkov").text
    assert html.count('class="timeline-item"') == 2
    assert "The latest 2 are listed here" in html and "/quotes/quotes?speaker_id=sergei-ryabkov" in html


def test_atom_feeds(client):
    r = ok(client, "/speaker/sergei-ryabkov.atom")
    assert r.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(r.text)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = feed.findall("a:entry", ns)
    assert len(entries) >= 4
    assert all(e.find("a:id", ns).text.startswith("urn:quotes:statement:") for e in entries)
    feed = ET.fromstring(ok(client, "/search.atom?q=Open+Skies").text)
    assert feed.findall("a:entry", ns)
    assert client.get("/search.atom").status_code == 400


def test_robots_blocked_by_default_and_allowed_by_setting(client, site_db, monkeypatch):
    r = ok(client, "/robots.txt")
    assert "Disallow: /" in r.text
    assert r.headers.get("x-robots-tag") == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in ok(client, "/").text
    monkeypatch.setenv("QUOTES_ALLOW_ROBOTS", "1")
    r = ok(client, "/robots.txt")
    assert "Disallow: /" not in r.text and "Disallow:" in r.text
    assert "x-robots-tag" not in r.headers
    assert 'name="robots"' not in ok(client, "/").text


def test_robots_allowed_through_metadata(site_db):
    from quotes.site import metadata
    from datasette.app import Datasette

    meta = metadata()
    meta.setdefault("plugins", {})["quotes"] = {"allow_robots": True}
    from quotes.site import PLUGINS, SETTINGS, TEMPLATES
    ds = Datasette([str(site_db)], metadata=meta, settings=SETTINGS, template_dir=str(TEMPLATES),
                   plugins_dir=str(PLUGINS))
    r = asyncio.run(ds.client.get("/robots.txt"))
    assert "Disallow: /" not in r.text


def test_script_in_a_statement_renders_escaped_everywhere(client):
    pages = ["/", f"/quotes/quotes/{XSS_ID}", "/speaker/hostile-speaker", "/search?q=reject",
             "/search?q=Mallory", "/charts", "/charts?target=" + "Target+%3Cscript%3Ealert(%22xss%22)%3C%2Fscript%3E",
             "/quotes/quotes", "/quotes/quotes?_search=reject", "/quotes/speakers", "/quotes/speakers/hostile-speaker",
             "/quotes/articles", "/quotes/articles/xssarticle000001", "/quotes/stances", "/quotes/search?q=reject",
             "/charts/stance.svg?target=Target+%3Cscript%3Ealert(%22xss%22)%3C%2Fscript%3E"]
    for path in pages:
        text = ok(client, path).text
        assert "<script>alert" not in text, path
        assert "<script>alert(1)" not in text, path
        assert "onerror=" not in text.replace("&#34;", "").lower() or "<img" not in text, path
    quote_page = ok(client, f"/quotes/quotes/{XSS_ID}").text
    assert "&lt;script&gt;alert(" in quote_page
    assert 'href="javascript:' not in quote_page
    speaker_page = ok(client, "/speaker/hostile-speaker").text
    assert "&lt;script&gt;" in speaker_page
    for path in ["/speaker/hostile-speaker.atom", "/search.atom?q=reject"]:
        feed = ok(client, path).text
        assert "<script>" not in feed
        ET.fromstring(feed)


def test_article_page_marks_every_statement(client, site_db):
    db = sqlite_utils.Database(site_db)
    aid, n = db.execute("select article_id, count(*) from quotes group by article_id order by 2 desc").fetchone()
    html = ok(client, f"/quotes/articles/{aid}").text
    assert len(set(re.findall(r'class="stmt stmt-\w+" href="/quotes/quotes/(\w+)"', html))) == n


def test_table_names_link_to_speaker_pages(client):
    assert '<a href="/speaker/sergei-ryabkov">Sergei Ryabkov</a>' in ok(client, "/quotes/speakers?_search=Ryabkov").text
    assert '<a href="/speaker/sergei-ryabkov">Sergei Ryabkov</a>' in ok(client, "/quotes/quotes?country=RU").text


def test_long_cells_are_shortened_in_tables_not_in_exports(client):
    html = ok(client, "/quotes/articles").text
    assert "(in full on the article page)" in html
    rows = ok(client, "/quotes/articles.json?_shape=array").json()
    assert any(len(r["text"]) > 1000 for r in rows)


def test_database_served_under_its_file_name_is_renamed(tmp_path, site_db):
    import sqlite3

    other = tmp_path / "site.db"
    with sqlite3.connect(site_db) as src, sqlite3.connect(other) as dst:
        src.backup(dst)  # a file copy could miss what is still in the WAL
    ds = make_datasette(other)

    async def get():
        return await ds.client.get("/quotes/quotes.json?_search=Open+Skies&_shape=array")
    r = asyncio.run(get())
    assert r.status_code == 200 and any(x["speaker"] == "Sergei Ryabkov" for x in r.json())


def test_site_without_a_quotes_database(tmp_path):
    empty = tmp_path / "empty.db"
    sqlite_utils.Database(empty)["other"].insert({"x": 1})
    ds = make_datasette(empty)

    async def get(path):
        return await ds.client.get(path)
    assert asyncio.run(get("/")).status_code == 200
    for path in ["/search?q=x", "/charts", "/speaker/x", "/speaker/x.atom"]:
        assert asyncio.run(get(path)).status_code == 404, path


def test_serve_command_uses_site_config(site_db):
    args = datasette_args(site_db, port=8123)
    assert "--template-dir" in args and "--plugins-dir" in args and "--metadata" in args
    assert "assets:" + str(REPO / "quotes" / "static") in args
