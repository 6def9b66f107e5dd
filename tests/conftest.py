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
