"""The site in a real browser: a `quotes serve` process and Debian's headless Chromium driven by Playwright.

Screenshots go to tests/screenshots/ (or $QUOTES_SCREENSHOTS); the folder ignores itself in git.
Without /usr/bin/chromium or the playwright package these tests skip, except under CI where they must run.
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from quotes.cli import cli

REPO = Path(__file__).resolve().parents[1]
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SAMPLES = REPO / "data" / "articles"
CHROMIUM = os.environ.get("QUOTES_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = Path(os.environ.get("QUOTES_SCREENSHOTS") or Path(__file__).resolve().parent / "screenshots")
XSS_ID = "xssbrowser000001"


def _missing():
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} not found (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    return None


if _missing():
    if os.environ.get("CI"):
        raise RuntimeError(f"browser tests cannot run under CI: {_missing()}")
    pytest.skip(_missing(), allow_module_level=True)

from playwright.sync_api import expect, sync_playwright  # noqa: E402


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def quotes_command():
    exe = Path(sys.executable).parent / "quotes"
    return [str(exe)] if exe.exists() else [shutil.which("quotes") or "quotes"]


def add_hostile_statement(db_path):
    db = sqlite_utils.Database(db_path)
    script = "<script>alert('xss')</script>"
    image = "<img src=x onerror=alert('img')>"
    text = f"Prefix. “Nobody wants {script} or {image} here,” said Mallory {script}."
    db["articles"].insert({"id": "xssbrowserarticl", "doc": "hostile.txt", "headline": f"Hostile {script}",
                           "url": "javascript:alert('url')", "published": "2024-05-30", "text": text,
                           "loaded_at": "2024-05-30T00:00:00+00:00"}, pk="id", replace=True)
    db["speakers"].insert({"id": "mallory", "name": f"Mallory {script}", "aliases": json.dumps([image]),
                           "kind": "person"}, pk="id", replace=True)
    quote = f"Nobody wants {script} or {image} here"
    start = text.index(quote)
    db["quotes"].insert({"id": XSS_ID, "article_id": "xssbrowserarticl", "speaker_id": "mallory",
                         "quote": quote, "type": "direct", "speaker": f"Mallory {script}", "office": image,
                         "country": "ZZ", "date": "2024-05-30", "date_precision": "day", "year": 2024,
                         "stance": "against", "stance_target": image, "context": text, "context_start": 0,
                         "start": start, "end": start + len(quote), "parts": json.dumps([[start, start + len(quote)]]),
                         "reviewed": 0, "position": 0}, pk="id", replace=True)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db_path = tmp_path_factory.mktemp("browser") / "quotes.db"
    result = CliRunner().invoke(cli, ["load", str(SAMPLES), str(SEEDS), "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    add_hostile_statement(db_path)
    port = free_port()
    env = {**os.environ}
    env.pop("QUOTES_ALLOW_ROBOTS", None)
    proc = subprocess.Popen(quotes_command() + ["serve", "--db", str(db_path), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(base + "/robots.txt", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            out = proc.stdout.read().decode(errors="replace") if proc.stdout else ""
            pytest.fail(f"`quotes serve` did not come up on {base}:\n{out}")
        time.sleep(0.2)
    yield base
    os.killpg(proc.pid, signal.SIGTERM)  # the serve command and the Datasette process it started
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server)
    pg = context.new_page()
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.outside = []
    # nothing but the local server may be asked for anything (no CDN, no fonts from elsewhere)
    pg.on("request", lambda req: None if req.url.startswith(server) or req.url.startswith("data:")
          else pg.outside.append(req.url))
    yield pg
    context.close()
    assert not pg.dialogs, f"a script ran: {pg.dialogs}"
    assert not pg.outside, f"requests left the site: {pg.outside}"


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    ignore = SHOTS / ".gitignore"
    if not ignore.exists():
        ignore.write_text("*\n")
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    print(f"screenshot: {path}")
    return path


def test_home_search_facet_quote_speaker(page):
    page.goto("/")
    expect(page.locator("h1")).to_contain_text("Who said what")
    expect(page.locator("section.home-latest li.statement").first).to_be_visible()
    shot(page, "01-home")

    page.fill("#home-q", "Open Skies")
    page.press("#home-q", "Enter")
    page.wait_for_url("**/search?q=Open+Skies")
    results = page.locator("ol.search-results li.statement")
    expect(results.first).to_be_visible()
    expect(page.locator("ol.search-results")).to_contain_text("Sergei Ryabkov")
    expect(page.locator("ol.search-results mark").first).to_be_visible()
    shot(page, "02-search")

    facet = page.locator('section.facet[data-facet="country"] a').first
    facet_label = facet.inner_text()
    facet.click()
    page.wait_for_url("**country=*")
    expect(page.locator(".active-filters .chip")).to_contain_text(facet_label)
    shot(page, "03-search-facet")

    page.locator("ol.search-results blockquote a").first.click()
    page.wait_for_url("**/quotes/quotes/*")
    expect(page.locator("blockquote.big-quote")).to_be_visible()
    highlighted = page.locator("section.context mark.quote-span")
    expect(highlighted.first).to_be_visible()
    assert highlighted.first.inner_text().strip()
    bg = highlighted.first.evaluate("el => getComputedStyle(el).backgroundColor")
    assert bg not in ("rgba(0, 0, 0, 0)", "transparent")
    shot(page, "04-quote")

    page.locator("a.speaker-link").click()
    page.wait_for_url("**/speaker/*")
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator("li.timeline-item").first).to_be_visible()
    expect(page.get_by_role("heading", name="Offices held")).to_be_visible()
    shot(page, "05-speaker")


def test_table_facet_click(page):
    page.goto("/quotes/quotes")
    link = page.locator(".facet-info[data-column=country] li a").first
    expect(link).to_be_visible()
    link.click()
    page.wait_for_url("**country=*")
    expect(page.locator("table.rows-and-columns tbody tr").first).to_be_visible()
    shot(page, "06-table-facet")


def test_charts_load(page):
    page.goto("/charts")
    bars = page.locator("#monthly svg rect.bar")
    expect(bars.first).to_be_visible()
    assert bars.count() > 5
    box = page.locator("#monthly svg").bounding_box()
    assert box and box["width"] > 300 and box["height"] > 100
    shot(page, "07-charts")
    options = page.locator("#target option")
    assert options.count() >= 2
    page.select_option("#target", index=1)
    page.locator(".target-form button").click()
    page.wait_for_url("**target=*")
    expect(page.locator("#stance svg")).to_be_visible()
    shot(page, "08-charts-target")


def test_quote_with_editing_marks(page, server):
    db_marks = page.request.get(server + "/quotes/quotes.json?_where=quote+like+'%25[%25]%25'&_shape=array&_col=id").json()
    assert db_marks
    page.goto(f"/quotes/quotes/{db_marks[0]['id']}")
    expect(page.locator(".big-quote .edit-mark.insertion").first).to_be_visible()
    expect(page.locator(".edit-warning")).to_be_visible()
    shot(page, "09-quote-edited")


def test_hostile_statement_renders_as_text(page):
    for path in [f"/quotes/quotes/{XSS_ID}", "/speaker/mallory", "/search?q=Nobody+wants", "/",
                 "/quotes/quotes?_search=Nobody", "/charts"]:
        page.goto(path)
    page.goto(f"/quotes/quotes/{XSS_ID}")
    expect(page.locator("blockquote.big-quote")).to_contain_text("<script>alert('xss')</script>")
    assert page.locator("script:text('alert')").count() == 0
    shot(page, "10-hostile-quote")
    # the page fixture fails the test if any alert() ran or anything was fetched from elsewhere
