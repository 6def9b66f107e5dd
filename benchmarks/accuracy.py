"""Accuracy of the extractor on every gold set, scored with ../shared/eval/score.py.

    python benchmarks/accuracy.py [--markdown] [--only NAME ...]

Gold sets:
  seed      ../shared/gold/seed.jsonl         the seed article (the worked example)
  samples   data/gold/samples.jsonl           the team's own sample articles in data/articles
  ggt       ../shared/eval/ggt/gold.jsonl     Gender Gap Tracker articles, --coverage 0.3 as published
  polnear   ../shared/eval/polnear/gold.jsonl PolNeAR articles, in PolNeAR's own conventions: speakers
                                              as the name written at the cue, and one quote per speaker
                                              turn (“…,” she said. “…” is one annotation): `--speaker-name
                                              written --unit turn`. Also scored: the resolved full names
                                              (polnear-resolved) and one statement per quoted passage, the
                                              default unit (polnear-passages)
For samples it also reports speaker merging across articles: over every pair of matched gold
statements with a named speaker, whether the database puts them under one speaker exactly when the
gold does (pairwise precision, recall, F1).
"""
import argparse
import json
import subprocess
import sys
import tempfile
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORE = SHARED / "eval" / "score.py"

SETS = [
    # name, gold, articles, extract options, score options
    ("seed", SHARED / "gold" / "seed.jsonl", SHARED / "seeds", [], []),
    ("samples", ROOT / "data" / "gold" / "samples.jsonl", ROOT / "data" / "articles", [], []),
    ("ggt", SHARED / "eval" / "ggt" / "gold.jsonl", SHARED / "eval" / "ggt" / "articles", [], ["--coverage", "0.3"]),
    ("polnear", SHARED / "eval" / "polnear" / "gold.jsonl", SHARED / "eval" / "polnear" / "articles",
     ["--speaker-name", "written", "--unit", "turn"], []),
    ("polnear-resolved", SHARED / "eval" / "polnear" / "gold.jsonl", SHARED / "eval" / "polnear" / "articles",
     ["--unit", "turn"], []),
    ("polnear-passages", SHARED / "eval" / "polnear" / "gold.jsonl", SHARED / "eval" / "polnear" / "articles",
     ["--speaker-name", "written"], []),
]
COLUMNS = ["quote_precision", "quote_recall", "quote_f1", "attribution_f1", "speaker_accuracy", "office_accuracy",
           "country_accuracy", "date_accuracy", "stance_accuracy", "stance_macro_f1"]


def extract(articles, options, out):
    with open(out, "w", encoding="utf-8") as f:
        subprocess.run([sys.executable, "-m", "quotes", "extract", *options, str(articles)], stdout=f,
                       stderr=subprocess.DEVNULL, check=False, cwd=ROOT)


def score(gold, pred, options):
    r = subprocess.run([sys.executable, str(SCORE), str(gold), str(pred), "--json", *options], capture_output=True,
                       text=True, check=True)
    return json.loads(r.stdout.strip().splitlines()[-1])


def speaker_merging(gold_path, articles):
    """Pairwise F1 of 'same speaker' over matched gold statements, after a load into a database."""
    import sqlite_utils

    sys.path.insert(0, str(SCORE.parent))
    import score as S  # the shared scorer's pairing, so that matching is the same as in the figures

    from quotes.load import load_articles
    from quotes.readers import read_inputs

    with tempfile.TemporaryDirectory() as tmp:
        db = sqlite_utils.Database(Path(tmp) / "m.db")
        load_articles(db, read_inputs([str(articles)]))
        pred = [dict(r) for r in db.query(
            "select a.doc, q.quote, q.speaker_id from quotes q join articles a on a.id = q.article_id")]
    gold = [g for g in S.load(gold_path) if g.get("speaker") and g.get("speaker_kind") == "person"]
    matched = []
    for d in sorted({g["doc"] for g in gold}):
        g_rows = [g for g in gold if g["doc"] == d]
        p_rows = [p for p in pred if p["doc"] == d]
        for i, j in S.pair(g_rows, p_rows):
            matched.append((g_rows[i]["speaker"], p_rows[j]["speaker_id"]))
    tp = fp = fn = 0
    for (g1, p1), (g2, p2) in combinations(matched, 2):
        same_gold, same_pred = g1 == g2, p1 is not None and p1 == p2
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"merge_precision": round(p, 3), "merge_recall": round(r, 3),
            "merge_f1": round(2 * p * r / (p + r), 3) if p + r else 0.0, "merge_pairs": len(matched)}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--markdown", action="store_true", help="print a Markdown table for the README")
    ap.add_argument("--only", nargs="*", help="gold sets to run")
    a = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, gold, articles, ex_opts, sc_opts in SETS:
            if a.only and name not in a.only:
                continue
            if not gold.exists():
                print(f"{name}: {gold} missing, skipped", file=sys.stderr)
                continue
            pred = Path(tmp) / f"{name}.jsonl"
            extract(articles, ex_opts, pred)
            figures = score(gold, pred, sc_opts)
            if name == "samples":
                figures.update(speaker_merging(gold, articles))
            rows.append((name, figures))
    cols = COLUMNS + ["merge_f1"]
    fmt = lambda v: "–" if v is None else (f"{v:.3f}" if isinstance(v, float) else str(v))
    if a.markdown:
        print("| gold set | docs | gold | " + " | ".join(c.replace("_accuracy", "").replace("_", " ") for c in cols) + " |")
        print("|---|---:|---:|" + "---:|" * len(cols))
        for name, f in rows:
            print(f"| {name} | {f['docs']} | {f['gold']} | " + " | ".join(fmt(f.get(c)) for c in cols) + " |")
    else:
        for name, f in rows:
            print(name, json.dumps(f))


if __name__ == "__main__":
    main()
