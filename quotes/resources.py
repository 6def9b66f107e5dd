"""Locate and load the embedded data files (lexicons, gazetteers, sample articles)."""
import csv
import functools
from pathlib import Path

_HERE = Path(__file__).resolve().parent


def data_dir() -> Path:
    # an installed wheel carries data/ as quotes/_data; a source checkout has it beside the package
    for candidate in (_HERE / "_data", _HERE.parent / "data"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("quotes: data directory not found")


def site_file(name: str) -> Path:
    for candidate in (_HERE / "_site" / name, _HERE.parent / name):
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"quotes: {name} not found")


def data_path(*parts: str) -> Path:
    return data_dir().joinpath(*parts)


@functools.lru_cache(maxsize=None)
def read_csv(*parts: str) -> tuple:
    """Rows of a data CSV as dicts; an absent optional file gives no rows."""
    path = data_path(*parts)
    if not path.exists():
        return ()
    with path.open(encoding="utf-8", newline="") as f:
        return tuple(csv.DictReader(f))


@functools.lru_cache(maxsize=None)
def read_list(*parts: str) -> tuple:
    """Non-blank, non-comment lines of a data text file."""
    path = data_path(*parts)
    if not path.exists():
        return ()
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return tuple(out)
