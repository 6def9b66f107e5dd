#!/usr/bin/env python3
"""Build data/officials.csv from the Wikidata-derived knowledge base.

Usage:
    python scripts/build_officials.py [KB_DIR] [OUT_CSV]

KB_DIR defaults to ../shared/kb relative to the repository root and must hold
heads_of_state_and_government.csv and foreign_ministers.csv (Wikidata, CC0).
OUT_CSV defaults to data/officials.csv.  Rows from the hand-written
data/officials_extra.csv are merged in (see merge_extra).  The output is
sorted and byte-for-byte deterministic for the same inputs.

Needs pycountry for ISO 3166-1 alpha-2 codes.  Country labels that are not
mapped are reported on stderr and their rows are left out.
"""
import csv
import re
import sys
import unicodedata
from pathlib import Path

import pycountry

REPO = Path(__file__).resolve().parent.parent
COLUMNS = ["name", "aliases", "office", "office_full", "country", "start", "end", "wikidata"]

# Wikidata country labels that pycountry does not resolve (or resolves wrongly).
# An empty value means "no country": the office belongs to an international body.
COUNTRY_OVERRIDES = {
    "People's Republic of China": "CN",
    "Taiwan": "TW",
    "Kingdom of the Netherlands": "NL",
    "Netherlands": "NL",
    "Kingdom of Denmark": "DK",
    "State of Palestine": "PS",
    "Russia": "RU",
    "Iran": "IR",
    "South Korea": "KR",
    "North Korea": "KP",
    "Ivory Coast": "CI",
    "Republic of Ireland": "IE",
    "Republic of the Congo": "CG",
    "Democratic Republic of the Congo": "CD",
    "Czech Republic": "CZ",
    "East Timor": "TL",
    "Cape Verde": "CV",
    "The Bahamas": "BS",
    "Bahamas": "BS",
    "The Gambia": "GM",
    "Vatican City": "VA",
    "Holy See": "VA",
    "Federated States of Micronesia": "FM",
    "Syria": "SY",
    "Laos": "LA",
    "Vietnam": "VN",
    "Moldova": "MD",
    "Bolivia": "BO",
    "Venezuela": "VE",
    "Tanzania": "TZ",
    "Brunei": "BN",
    "Turkey": "TR",
    "United States of America": "US",
    "United Kingdom": "GB",
    "Eswatini": "SZ",
    "São Tomé and Príncipe": "ST",
    "Bailiwick of Guernsey": "GG",
    "Kosovo": "XK",  # user-assigned code, not in ISO 3166-1 (used by the EU, IMF, ...)
    "European Union": "",
}

# Entities the knowledge base lists that are not ISO 3166-1 countries
# (sub-national governments, partially recognised or unrecognised states).
# Their rows are skipped on purpose; they are listed so that they are not
# reported as "unmapped".
SKIPPED_ENTITIES = {
    "Republic of Abkhazia", "Republic of Artsakh", "South Ossetia", "Transnistria",
    "Somaliland", "Turkish Republic of Northern Cyprus", "Republika Srpska",
    "Sahrawi Arab Democratic Republic", "Donetsk People's Republic",
    "Luhansk People's Republic", "Tibet", "Kurdistan Region", "Quebec",
    "Catalonia", "Cantabria", "Scotland",
}

QUEENS = {"Q9682", "Q102139"}  # Elizabeth II, Margrethe II: "monarch of X" -> Queen

# Leading honorifics removed from Wikidata labels to form the name; the full
# label is kept as an alias.
HONORIFICS = ("Dr. ", "Archbishop ", "Sheikh ", "Prince ")


def norm_office(label, country, qid):
    """Normalised short office (without country) for a Wikidata position label."""
    low = label.lower().strip()
    if country == "US" and "secretary of state" in low:
        return "Secretary of State"
    if country == "PR" and "secretary of state" in low:
        return "Secretary of State"
    if country == "GB" and ("foreign and commonwealth" in low or low.startswith("foreign secretary")):
        return "Foreign Secretary"
    if low.startswith("high representative of the union"):
        return "High Representative"
    foreign = ("foreign affairs", "foreign minister", "external relations", "external affairs",
               "foreign and european", "europe and foreign", "international relations",
               "foreign action", "relations with states", "foreign and political")
    if any(k in low for k in foreign) or low == "minister of state of palau":
        return "Foreign Minister"
    if low.startswith("president of the executive yuan"):
        return "Premier"
    if low.startswith("president of the pontifical commission"):
        return "President of the Governorate"
    if low.startswith("prime minister") or low == "taoiseach":
        return "Prime Minister"
    if low.startswith("premier"):
        return "Premier"
    if low.startswith("federal chancellor") or low.startswith("chancellor"):
        return "Chancellor"
    if low.startswith("vice president"):
        return "Vice President"
    if low.startswith("president"):
        return "President"
    if low.startswith("governor-general"):
        return "Governor-General"
    if low.startswith("emir"):
        return "Emir"
    if low.startswith("sultan"):
        return "Sultan"
    if low.startswith("emperor"):
        return "Emperor"
    if low.startswith("supreme leader"):
        return "Supreme Leader"
    if low in ("pope",):
        return "Pope"
    if low.startswith("king") or low in ("druk gyalpo", "ngwenyama of eswatini", "yang di-pertuan agong"):
        return "King"
    if low.startswith("monarch"):
        return "Queen" if qid in QUEENS else "King"
    if low.startswith("prince of"):
        return "Prince"
    if "co-prince" in low:
        return "Prince"
    if low.startswith("captain regent"):
        return "Captain Regent"
    if low.startswith("member of the swiss federal council"):
        return "Federal Councillor"
    if low.startswith("chairman of the council of ministers"):
        return "Chairman of the Council of Ministers"
    if low.startswith("chairman of the presidential council"):
        return "Chairman of the Presidential Council"
    if low.startswith("chief minister"):
        return "Chief Minister"
    if low.startswith("minister of state of monaco"):
        return "Minister of State"
    if low == "o le ao o le malo":
        return "Head of State"
    return None


def country_code(label, unmapped):
    if label in COUNTRY_OVERRIDES:
        return COUNTRY_OVERRIDES[label]
    if label in SKIPPED_ENTITIES:
        return None
    try:
        return pycountry.countries.lookup(label).alpha_2
    except LookupError:
        pass
    unmapped.add(label)
    return None


_FOLD = str.maketrans({"ı": "i", "İ": "I", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "dj",
                       "Đ": "Dj", "ß": "ss", "æ": "ae", "Æ": "AE", "þ": "th", "Þ": "Th",
                       "ð": "d", "Ð": "D", "ʻ": "'", "ʼ": "'", "’": "'", "Ə": "E", "ə": "e"})


def fold(text):
    """ASCII spelling of a name as English-language news usually prints it."""
    text = text.translate(_FOLD)
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def clean_name(label):
    name = label.strip()
    for h in HONORIFICS:
        if name.startswith(h) and len(name.split()) > 2:
            name = name[len(h):]
    return name


def split_aliases(value):
    return [a.strip() for a in (value or "").split("|") if a.strip()]


def year(value):
    return (value or "")[:4]


def load_kb(kb_dir, unmapped, skipped):
    rows = []
    with open(kb_dir / "heads_of_state_and_government.csv", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            label = (r.get("officeholderLabel") or "").strip()
            qid = (r.get("officeholder") or "").strip()
            if not label or re.fullmatch(r"Q\d+", label):
                continue
            cc = country_code(r["country"].strip(), unmapped)
            if cc is None:
                skipped.add(r["country"].strip())
                continue
            office = norm_office(r["positionLabel"], cc, qid)
            if office is None:
                unmapped.add("office: " + r["positionLabel"])
                continue
            rows.append(make_row(label, office, r["positionLabel"], cc,
                                 r.get("start_year", ""), r.get("end_year", ""), qid))
    with open(kb_dir / "foreign_ministers.csv", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            label = (r.get("name") or "").strip()
            qid = (r.get("person") or "").strip()
            if not label or re.fullmatch(r"Q\d+", label):
                continue
            cc = country_code(r["countryLabel"].strip(), unmapped)
            if cc is None:
                skipped.add(r["countryLabel"].strip())
                continue
            office = norm_office(r["positionLabel"], cc, qid)
            if office is None:
                unmapped.add("office: " + r["positionLabel"])
                continue
            rows.append(make_row(label, office, r["positionLabel"], cc, r.get("start", ""), "", qid))
    return dedupe(rows)


def make_row(label, office, office_full, cc, start, end, qid):
    name = clean_name(label)
    aliases = [label] if label != name else []
    return {"name": name, "aliases": aliases, "office": office,
            "office_full": " ".join(office_full.split()), "country": cc,
            "start": (start or "").strip(), "end": (end or "").strip(), "wikidata": qid}


def dedupe(rows):
    """Collapse repeated Wikidata statements: same person, office and country
    whose terms overlap beyond a shared boundary year (e.g. two statements for
    one continuous term).  Terms that merely touch are kept apart."""
    out = []
    for r in sorted(rows, key=lambda r: (r["wikidata"], r["office_full"], r["country"], r["start"])):
        prev = out[-1] if out else None
        if (prev and prev["wikidata"] == r["wikidata"] and prev["office_full"] == r["office_full"]
                and prev["country"] == r["country"]
                and (not prev["end"] or year(r["start"]) < year(prev["end"]))):
            if prev["end"] and (not r["end"] or r["end"] > prev["end"]):
                prev["end"] = r["end"]
            continue
        out.append(r)
    return out


def key(r):
    return (r["wikidata"] or r["name"].lower(), r["office"], r["country"])


def merge_extra(rows, extra_path):
    """A hand-written row that matches a knowledge-base row (same Wikidata id or
    name, same office and country, same start year) updates it: its non-empty
    fields replace the kb's and aliases are joined.  Any other row is added."""
    if not extra_path.exists():
        return rows
    with open(extra_path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != COLUMNS:
            raise SystemExit(f"{extra_path}: columns must be {COLUMNS}, got {reader.fieldnames}")
        for e in reader:
            e = {k: (v or "").strip() for k, v in e.items()}
            if not e["name"]:
                continue
            e["aliases"] = split_aliases(e["aliases"])
            match = None
            for r in rows:
                same_person = (e["wikidata"] and r["wikidata"] == e["wikidata"]) or \
                    r["name"].lower() == e["name"].lower()
                if (same_person and r["office"] == e["office"] and r["country"] == e["country"]
                        and year(r["start"]) == year(e["start"])):
                    match = r
                    break
            if match is None:
                rows.append(e)
                continue
            for col in ("name", "office_full", "start", "end", "wikidata"):
                if e[col]:
                    if col == "name" and e[col] != match[col]:
                        match["aliases"].append(match[col])
                    match[col] = e[col]
            match["aliases"].extend(e["aliases"])
    return rows


def finish(rows):
    # aliases belong to a person, not to one term: share them (and any other
    # spelling used as the name) across all rows of the same person
    groups = {}
    for r in rows:
        groups.setdefault(r["wikidata"] or r["name"].lower(), []).append(r)
    for group in groups.values():
        shared = []
        for r in group:
            for a in [r["name"]] + r["aliases"]:
                if a not in shared:
                    shared.append(a)
        for r in group:
            r["aliases"] = list(shared)
    for r in rows:
        aliases = []
        for a in r["aliases"] + [fold(r["name"])] + [fold(a) for a in r["aliases"]]:
            if a and a != r["name"] and a not in aliases:
                aliases.append(a)
        r["aliases"] = "|".join(aliases)
    rows.sort(key=lambda r: (r["country"], r["office"], r["start"], r["name"], r["end"]))
    return rows


def main(argv):
    kb_dir = Path(argv[1]) if len(argv) > 1 else REPO.parent / "shared" / "kb"
    out = Path(argv[2]) if len(argv) > 2 else REPO / "data" / "officials.csv"
    unmapped, skipped = set(), set()
    rows = load_kb(kb_dir, unmapped, skipped)
    n_kb = len(rows)
    rows = finish(merge_extra(rows, REPO / "data" / "officials_extra.csv"))
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"{out}: {len(rows)} rows ({n_kb} from the knowledge base)", file=sys.stderr)
    if skipped:
        print("skipped (not ISO 3166-1 countries): " + "; ".join(sorted(skipped)), file=sys.stderr)
    if unmapped:
        print("UNMAPPED: " + "; ".join(sorted(unmapped)), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
