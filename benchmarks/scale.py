"""Scale benchmark: generate N synthetic articles, load them with `quotes load --jobs`, publish them
with a real `quotes serve --immutable` process and time the site over HTTP.

    python benchmarks/scale.py 2000                 # a quick run
    python benchmarks/scale.py 200000 --jobs 2      # about a million statements

Figures are printed as a table and written to benchmarks/out/scale-N.json. HTTP requests go only to
127.0.0.1, in bounded loops, one at a time. Not part of the test suite.
"""
import argparse
import json
import os
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import synth  # noqa: E402

TARGETS = {  # issue 7, at a million statements
    "load_s": 600, "loader_peak_mb": 1024, "fts_p50_ms": 50, "fts_p95_ms": 150, "facets_p95_ms": 1000,
    "speaker_p95_ms": 300,
}
SEARCHES = ["fisheries", "pension", "lithium", "carbon levy", "retirement age", "wheat", "rail tender",
            "vaccine", "broadcaster", "uranium", "peacekeeping", "inflation", "postal voting", "turbines",
            "dairy", "hospitals", "minimum wage", "border", "quotas", "subsidy", "negotiators", "neighbours",
            "\"clear answer\"", "summer", "coalition", "emissions", "tariff", "mining", "curriculum", "rents"]


def quotes_cmd():
    exe = Path(sys.executable).with_name("quotes")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "quotes.cli"]


def _tree_rss(pid):
    """(sum, max) resident set size in MB of a process and all its descendants."""
    children = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(d))
            except (OSError, IndexError, ValueError):
                pass
    todo, sizes = [pid], []
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        sizes.append(int(line.split()[1]) / 1024)
        except OSError:
            pass
        todo += children.get(p, [])
    return (sum(sizes), max(sizes)) if sizes else (0.0, 0.0)


def run_measured(cmd, **kw):
    """Run a command; returns (returncode, seconds, peak MB of the process tree, peak MB of one process)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, **kw)
    peak_sum = peak_one = 0.0
    while proc.poll() is None:
        s, m = _tree_rss(proc.pid)
        peak_sum, peak_one = max(peak_sum, s), max(peak_one, m)
        time.sleep(0.25)
    return proc.returncode, time.perf_counter() - t0, peak_sum, peak_one


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url, timeout=60):
    t0 = time.perf_counter()
    with urllib.request.urlopen(url, timeout=timeout) as r:
        body = r.read()
        status = r.status
    return status, (time.perf_counter() - t0) * 1000, body


def percentile(values, p):
    values = sorted(values)
    if not values:
        return float("nan")
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def timed(base, paths, warmup=3):
    """Request each path once, in order (after a few warm-up requests); returns latencies in ms."""
    for p in paths[:warmup]:
        get(base + p)
    out = []
    for p in paths:
        status, ms, _ = get(base + p)
        if status != 200:
            raise RuntimeError(f"{p}: HTTP {status}")
        out.append(ms)
    return out


def wait_for(base, proc, timeout=300):
    t0 = time.time()
    while time.time() - t0 < timeout:
        if proc.poll() is not None:
            raise RuntimeError("quotes serve exited")
        try:
            get(base + "/-/versions.json", timeout=5)
            return time.time() - t0
        except (urllib.error.URLError, ConnectionError, socket.timeout):
            time.sleep(0.5)
    raise RuntimeError("quotes serve did not start")


def site_paths(db_path, n_requests, rng):
    """Request paths for the three measurements, drawn from the database's own contents."""
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    # speakers as visitors meet them: the speaker of a random statement (busy speakers come up often)
    max_rowid = con.execute("select max(rowid) from quotes").fetchone()[0] or 0
    sids = []
    for _ in range(n_requests * 3):
        if len(sids) >= n_requests:
            break
        row = con.execute("select speaker_id from quotes where rowid = ?", [rng.randint(1, max_rowid)]).fetchone()
        if row and row[0]:
            sids.append(row[0])
    countries = [r[0] for r in con.execute("select distinct country from quotes where country is not null")]
    years = [r[0] for r in con.execute("select distinct year from quotes where year is not null")]
    con.close()
    # what people search a news archive for: a topic word, a person, a place (mostly rare ones)
    surnames = synth.surnames()
    searches = [rng.choice([lambda: rng.choice(SEARCHES), lambda: rng.choice(surnames),
                            lambda: rng.choice(synth.places())])() for _ in range(n_requests)]
    facet_pages = ["/quotes/quotes"] + [
        "/quotes/quotes?" + urllib.parse.urlencode(rng.choice([{"country": rng.choice(countries or ["NO"])},
                                                               {"year": rng.choice(years or [2020])},
                                                               {"stance": rng.choice(["favor", "against"])}]))
        for _ in range(max(10, n_requests // 4) - 1)]
    return searches, facet_pages, sids


def route_exists(base, path):
    try:
        return get(base + path)[0] == 200
    except urllib.error.HTTPError:
        return False


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int, help="number of synthetic articles (about 5 statements each)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--requests", type=int, default=100, help="requests per measurement (bounded)")
    ap.add_argument("--workdir", default=str(HERE / "out"))
    ap.add_argument("--keep", action="store_true", help="keep the generated articles and database")
    ap.add_argument("--reuse", action="store_true", help="reuse articles already generated for this N")
    args = ap.parse_args(argv)
    rng = random.Random(11)
    work = Path(args.workdir)
    arts = work / f"articles-{args.n}"
    db_path = work / f"scale-{args.n}.db"
    figures = {"articles": args.n, "jobs": args.jobs}

    if not (args.reuse and arts.is_dir()):
        shutil.rmtree(arts, ignore_errors=True)
        t0 = time.perf_counter()
        synth.generate(args.n, arts)
        figures["generate_s"] = round(time.perf_counter() - t0, 1)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)

    print(f"loading {args.n} articles with --jobs {args.jobs} …", file=sys.stderr)
    rc, secs, peak_sum, peak_one = run_measured(
        quotes_cmd() + ["load", str(arts), "--db", str(db_path), "--jobs", str(args.jobs)])
    if rc != 0:
        raise SystemExit(f"quotes load failed ({rc})")
    figures.update(load_s=round(secs, 1), loader_peak_mb=round(peak_sum), loader_peak_one_process_mb=round(peak_one))
    con = sqlite3.connect(db_path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    figures["statements"] = con.execute("select count(*) from quotes").fetchone()[0]
    figures["speakers"] = con.execute("select count(*) from speakers").fetchone()[0]
    con.close()
    figures["db_mb"] = round(db_path.stat().st_size / 2 ** 20)

    inspect_file = work / f"scale-{args.n}-inspect.json"
    t0 = time.perf_counter()
    subprocess.run(quotes_cmd() + ["inspect", "--db", str(db_path), "--inspect-file", str(inspect_file)], check=True)
    figures["inspect_s"] = round(time.perf_counter() - t0, 1)

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(quotes_cmd() + ["serve", "--db", str(db_path), "--port", str(port), "--immutable",
                                              "--inspect-file", str(inspect_file)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    errors = []
    threading.Thread(target=lambda: errors.extend(server.stderr), daemon=True).start()
    try:
        figures["serve_start_s"] = round(wait_for(base, server), 1)
        searches, facet_pages, sids = site_paths(db_path, args.requests, rng)
        q = urllib.parse.quote
        if route_exists(base, "/search?q=treaty"):
            fts = timed(base, [f"/search?q={q(s)}" for s in searches])
            figures["fts_page"] = "/search?q="
        else:
            fts = timed(base, [f"/quotes/quotes?_search={q(s)}" for s in searches])
            figures["fts_page"] = "/quotes/quotes?_search="
        api = timed(base, [f"/quotes/quotes.json?_search={q(s)}&_nofacet=1&_nosuggest=1&_size=20"
                           for s in searches])
        facets = timed(base, facet_pages)
        facets_unfiltered = timed(base, ["/quotes/quotes"] * max(10, args.requests // 4))
        _, _, body = get(base + "/quotes/quotes.json?_size=1")
        figures["facets_timed_out"] = json.loads(body).get("facets_timed_out", [])
        speaker_route = "/speaker/" if route_exists(base, f"/speaker/{q(sids[0])}") else "/quotes/speakers/"
        speaker = timed(base, [speaker_route + q(s) for s in sids])
        figures["speaker_page"] = speaker_route + "<id>"
    finally:
        # `quotes serve` runs datasette as its child: end the whole process group this script started
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
    for name, values in (("fts", fts), ("fts_api", api), ("facets", facets), ("facets_unfiltered", facets_unfiltered),
                         ("speaker", speaker)):
        figures[f"{name}_p50_ms"] = round(percentile(values, 50), 1)
        figures[f"{name}_p95_ms"] = round(percentile(values, 95), 1)
        figures[f"{name}_requests"] = len(values)
    out = work / f"scale-{args.n}.json"
    out.write_text(json.dumps(figures, indent=2) + "\n")
    print_table(figures)
    if not args.keep:
        shutil.rmtree(arts, ignore_errors=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    return figures


def print_table(f):
    rows = [
        ("articles / statements / speakers", f"{f['articles']:,} / {f['statements']:,} / {f['speakers']:,}", ""),
        (f"whole load, --jobs {f['jobs']} (s)", f["load_s"], "< 600 at 1M statements"),
        ("loader peak memory, all processes (MB)", f["loader_peak_mb"], "< 1024"),
        ("loader peak memory, largest process (MB)", f["loader_peak_one_process_mb"], ""),
        ("database size (MB)", f["db_mb"], ""),
        ("datasette inspect (s)", f["inspect_s"], ""),
        (f"full-text search {f['fts_page']} p50 / p95 (ms)", f"{f['fts_p50_ms']} / {f['fts_p95_ms']}",
         "< 50 / < 150"),
        ("full-text search JSON API, 20 rows, p50 / p95 (ms)", f"{f['fts_api_p50_ms']} / {f['fts_api_p95_ms']}", ""),
        ("quotes table, six facets, unfiltered, p50 / p95 (ms)",
         f"{f['facets_unfiltered_p50_ms']} / {f['facets_unfiltered_p95_ms']}", "p95 < 1000"),
        ("quotes table, six facets, mixed filters, p50 / p95 (ms)", f"{f['facets_p50_ms']} / {f['facets_p95_ms']}",
         "p95 < 1000"),
        ("facets timed out", ", ".join(f["facets_timed_out"]) or "none", ""),
        (f"speaker page {f['speaker_page']} p50 / p95 (ms)", f"{f['speaker_p50_ms']} / {f['speaker_p95_ms']}",
         "p95 < 300"),
    ]
    w = max(len(r[0]) for r in rows)
    print(f"| {'measure'.ljust(w)} | value | target |")
    print(f"|{'-' * (w + 2)}|-------|--------|")
    for name, value, target in rows:
        print(f"| {name.ljust(w)} | {value} | {target} |")


if __name__ == "__main__":
    main()
