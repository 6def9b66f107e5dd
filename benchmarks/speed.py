"""Extraction speed on one core: articles/s, MB/s, peak memory, and the ratio to a bare regex scan.

    python benchmarks/speed.py [FOLDER] [--runs 3]

FOLDER defaults to ../shared/eval/polnear/articles (924 articles). Each run starts a fresh
`quotes extract FOLDER` process pinned to one core (taskset, where available) with its output thrown
away, and, in the same run, a bare regex scan that reads the same files and finds quotation-mark
pairs. The package's modules are byte-compiled first, as an install does. Medians over the runs are
printed.
"""
import argparse
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "eval" / "polnear" / "articles"
SCAN = re.compile(r"[“\"«][^”\"»\n]{1,2000}[”\"»]")

REGEX_SCAN = """
import re, sys
from pathlib import Path
rx = re.compile(r'[“"«][^”"»\\n]{1,2000}[”"»]')
n = 0
for p in sorted(Path(sys.argv[1]).glob('*.txt')):
    n += sum(1 for _ in rx.finditer(p.read_text(encoding='utf-8')))
print(n)
"""

COMPILE = "import compileall, os, quotes; compileall.compile_dir(os.path.dirname(quotes.__file__), quiet=1)"


def pinned(cmd):
    return (["taskset", "-c", "0"] + cmd) if shutil.which("taskset") else cmd


def run(cmd):
    """(wall seconds, peak RSS in MB) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    subprocess.run(pinned(cmd), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss of children is the largest so far; a new maximum is this process's peak
    return wall, max(peak, before) / 1024


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", nargs="?", default=str(DEFAULT))
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    files = sorted(Path(a.folder).glob("*.txt"))
    n = len(files)
    mb = sum(f.stat().st_size for f in files) / 1e6
    extract_cmd = [sys.executable, "-m", "quotes", "extract", a.folder]
    regex_cmd = [sys.executable, "-c", REGEX_SCAN, a.folder]
    startup_cmd = [sys.executable, "-c", "import quotes.cli, quotes.extract, quotes.lexicon; quotes.lexicon.lexicon()"]
    # an installed package carries its bytecode (pip compiles it); a checkout run where
    # PYTHONDONTWRITEBYTECODE is set would otherwise recompile every module in every run
    subprocess.run([sys.executable, "-c", COMPILE], check=True)
    walls, peaks, regex, startup = [], [], [], []
    for _ in range(a.runs):
        w, p = run(extract_cmd)
        walls.append(w)
        peaks.append(p)
        regex.append(run(regex_cmd)[0])
        startup.append(run(startup_cmd)[0])
    w, r, s = statistics.median(walls), statistics.median(regex), statistics.median(startup)
    print(f"articles            {n} ({mb:.1f} MB) in {a.folder}")
    print(f"runs                {a.runs}, one core" + ("" if shutil.which("taskset") else " (taskset missing: not pinned)"))
    print(f"extract wall        {w:.2f} s (median)   startup and word lists {s:.2f} s")
    print(f"articles/s          {n / w:.0f} (whole process)   {n / max(w - s, 1e-9):.0f} (after startup)")
    print(f"MB/s                {mb / w:.2f}")
    print(f"peak memory         {max(peaks):.0f} MB")
    print(f"regex scan wall     {r:.2f} s   ratio extract/regex {w / r:.1f}x")


if __name__ == "__main__":
    main()
