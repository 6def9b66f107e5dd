import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
SAMPLES = ROOT / "data" / "articles"


def score(gold_path, pred_rows, *extra):
    """Run the shared scorer on predictions; return its figures."""
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for r in pred_rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    out = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(gold_path), f.name, "--json",
                          *extra], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.fixture
def shared():
    if not SHARED.exists():
        pytest.fail(f"the shared folder is missing: {SHARED}")
    return SHARED


TABLES = ["articles", "speakers", "quotes", "stances", "corrections"]


def dump_db(path):
    """Everything a load writes, apart from the load time; rows sorted, speakers also in rowid order
    (for tests that compare two ways of loading)."""
    import sqlite_utils

    db = sqlite_utils.Database(path)
    out = {}
    for t in TABLES:
        cols = [c for c in db[t].columns_dict if c != "loaded_at"]
        out[t] = sorted(db.execute(f"select {', '.join(f'[{c}]' for c in cols)} from [{t}]").fetchall(), key=repr)
    out["quotes_fts"] = sorted(db.execute("select rowid, * from quotes_fts").fetchall(), key=repr)
    out["speakers_fts"] = sorted(db.execute("select rowid, * from speakers_fts").fetchall(), key=repr)
    out["speaker order"] = db.execute("select id from speakers order by rowid").fetchall()
    db.close()
    return out
