"""Synthetic news articles for the scale benchmark: invented people, offices, countries, dates and
quote styles, varied enough that full-text search and facets behave as they would on real news.

Deterministic: the same (n, seed) always gives the same articles.
"""
import json
import random
from datetime import date, timedelta
from pathlib import Path

# (country name, demonym, capital): the capitals and demonyms are the ones the extractor's gazetteers
# know, so statements get country codes the way real articles do.
COUNTRIES = [
    ("Norway", "Norwegian", "Oslo"), ("Brazil", "Brazilian", "Brasilia"), ("Kenya", "Kenyan", "Nairobi"),
    ("Germany", "German", "Berlin"), ("France", "French", "Paris"), ("Japan", "Japanese", "Tokyo"),
    ("Canada", "Canadian", "Ottawa"), ("India", "Indian", "New Delhi"), ("Mexico", "Mexican", "Mexico City"),
    ("Poland", "Polish", "Warsaw"), ("Chile", "Chilean", "Santiago"), ("Egypt", "Egyptian", "Cairo"),
    ("Turkey", "Turkish", "Ankara"), ("Spain", "Spanish", "Madrid"), ("Italy", "Italian", "Rome"),
    ("Australia", "Australian", "Canberra"), ("Nigeria", "Nigerian", "Abuja"), ("Ghana", "Ghanaian", "Accra"),
    ("Sweden", "Swedish", "Stockholm"), ("Finland", "Finnish", "Helsinki"), ("Greece", "Greek", "Athens"),
    ("Portugal", "Portuguese", "Lisbon"), ("Argentina", "Argentine", "Buenos Aires"),
    ("Indonesia", "Indonesian", "Jakarta"), ("Vietnam", "Vietnamese", "Hanoi"), ("Peru", "Peruvian", "Lima"),
    ("Colombia", "Colombian", "Bogota"), ("Austria", "Austrian", "Vienna"), ("Ireland", "Irish", "Dublin"),
    ("Hungary", "Hungarian", "Budapest"), ("Romania", "Romanian", "Bucharest"), ("Morocco", "Moroccan", "Rabat"),
    ("Senegal", "Senegalese", "Dakar"), ("Thailand", "Thai", "Bangkok"), ("Philippines", "Philippine", "Manila"),
    ("Ukraine", "Ukrainian", "Kyiv"), ("Estonia", "Estonian", "Tallinn"), ("Denmark", "Danish", "Copenhagen"),
]
OFFICES = [
    "Foreign Minister", "Prime Minister", "Trade Minister", "Energy Minister", "Finance Minister",
    "Health Minister", "Defence Minister", "Interior Minister", "Justice Minister", "Labour Minister",
    "Environment Minister", "Transport Minister", "Agriculture Minister", "Economy Minister",
    "Deputy Foreign Minister", "central bank governor", "President", "ambassador", "opposition leader",
    "Education Minister",
]
FIRST = ["Anja", "Tomas", "Ilse", "Kofi", "Marta", "Rafael", "Ines", "Oskar", "Leila", "Viktor", "Noor", "Pablo",
         "Sanna", "Dario", "Yuki", "Amara", "Henrik", "Lucia", "Emeka", "Greta", "Farid", "Sofia", "Joaquim",
         "Halina", "Mateus", "Aiko", "Bruno", "Nadia", "Tariq", "Elin", "Rui", "Zofia", "Kwame", "Carmen", "Jonas",
         "Mirela", "Ravi", "Astrid", "Felipe", "Dana", "Andrei", "Chiara", "Omar", "Katja", "Sipho", "Hana",
         "Lars", "Beatriz", "Nikos", "Wanjiru"]
SYL_A = ["Var", "Tol", "Mer", "Kas", "Bron", "Dal", "Fen", "Gor", "Hal", "Ist", "Jor", "Kel", "Lun", "Mor",
         "Nor", "Ost", "Pel", "Quin", "Ros", "Sav", "Tam", "Ulv", "Ves", "Wen", "Yar", "Zel", "Ard", "Bel",
         "Cor", "Dun"]
SYL_B = ["enko", "strom", "ades", "ova", "ez", "ani", "berg", "ovic", "ardo", "inen", "ssen", "mann", "uti",
         "ello", "aro", "ski", "ard", "eira", "ides", "oglu", "ata", "ency", "ivar", "ondo", "ouri"]
TOPICS = [
    ("the fisheries agreement", "fishing quotas in northern waters"), ("the pension reform", "the retirement age"),
    ("the new border checks", "crossings on the eastern frontier"), ("the carbon levy", "emissions from heavy industry"),
    ("the hospital funding plan", "waiting lists in rural clinics"), ("the rail tender", "the high-speed line"),
    ("the grain export deal", "wheat shipments through the straits"), ("the minimum wage rise", "low-paid workers"),
    ("the data protection bill", "how companies store personal records"), ("the water tariff", "drought in the south"),
    ("the Paris Agreement", "climate targets"), ("NATO", "the alliance's eastern flank"),
    ("the European Union", "the bloc's budget"), ("the Iran nuclear deal", "uranium enrichment"),
    ("the mining code", "lithium concessions"), ("the school curriculum review", "mathematics teaching"),
    ("the port privatisation", "container traffic"), ("the vaccine programme", "booster doses for the elderly"),
    ("the housing subsidy", "rents in the capital"), ("the election law", "postal voting"),
    ("the wind farm auction", "offshore turbines"), ("the fuel subsidy cut", "bus fares"),
    ("the steel tariff", "imports of cheap wire"), ("the refugee quota", "reception centres on the coast"),
    ("the public broadcaster reform", "licence fees"), ("the central bank's rate decision", "inflation"),
    ("the World Health Organization", "pandemic preparedness"), ("the United Nations", "peacekeeping missions"),
    ("the farm support scheme", "dairy prices"), ("the cybersecurity strategy", "attacks on hospitals"),
]
SUPPORT = ["welcomed", "supported", "backed", "praised", "endorsed"]
OPPOSE = ["rejected", "criticised", "opposed", "condemned", "denounced"]
NEUTRAL_VERBS = ["said", "told reporters", "added", "noted", "insisted", "warned", "stressed", "argued"]
SUBJECTS = ["We", "This government", "Nobody in this country", "Our partners", "The ministry", "Families",
            "Farmers", "Investors", "The regions", "Young people", "Our negotiators", "The public"]
PREDICATES = ["will not accept", "cannot afford", "have waited too long for", "deserve a clear answer on",
              "are ready to discuss", "must see real progress on", "will keep pushing for", "do not need",
              "have every reason to doubt", "are counting on", "will look closely at", "cannot ignore"]
ENDINGS = ["before the end of the year", "without further delay", "in the coming weeks", "at any price",
           "under these conditions", "as long as I hold this office", "if the figures are right",
           "in good faith", "after the summer", "with our neighbours"]
FILLER = ["The talks are expected to resume next month after a break of several weeks.",
          "Opposition parties have called for a parliamentary inquiry into the matter.",
          "Analysts said the outcome would depend largely on the coalition's cohesion.",
          "The proposal must still be approved by the regional assemblies.",
          "Markets reacted calmly, with the currency little changed by the afternoon.",
          "Trade unions have threatened strikes if the measure goes ahead unchanged.",
          "The committee will publish its findings in a report due in the autumn.",
          "Several ministers declined to comment when approached on Monday."]
WEEKDAYS = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "last week", "on Sunday",
            "earlier this month", "yesterday", "in March", "last year", "on Saturday"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def surnames():
    return [a + b for a in SYL_A for b in SYL_B]  # 750 invented surnames


def people(n_people, rng):
    """A fixed population of invented public figures: (first, last, office, country index)."""
    last = surnames()
    seen, out = set(), []
    while len(out) < n_people:
        f, l = rng.choice(FIRST), rng.choice(last)
        if (f, l) in seen:
            if len(seen) >= len(FIRST) * len(last):
                break
            continue
        seen.add((f, l))
        out.append((f, l, rng.choice(OFFICES), rng.randrange(len(COUNTRIES))))
    return out


PLACE_A = ["Al", "Bar", "Cas", "Dor", "El", "Fal", "Gra", "Hol", "Iv", "Jen", "Kar", "Lin", "Mal", "Nev", "Or",
           "Pra", "Rav", "Sel", "Tur", "Ur", "Val", "Wil", "Xan", "Yel", "Zor", "Ber", "Cul", "Dra", "Fen", "Gol"]
PLACE_B = ["ba", "do", "ke", "li", "mo", "na", "ri", "sa", "te", "vu", "gro", "pla", "stra", "zi", "we"]
PLACE_C = ["nor", "via", "mund", "stad", "polis", "grad", "ford", "haven", "dal", "mere", "port", "wick", "ton",
           "burg", "mark"]
THINGS = ["bridge", "dam", "refinery", "clinic", "tunnel", "airport", "pipeline", "school", "mine", "harbour",
          "factory", "reservoir", "power station", "rail depot", "prison", "market", "university", "barracks"]


def places():
    """6,750 invented place names: the long tail of words a news archive is searched for."""
    return [a + b + c for a in PLACE_A for b in PLACE_B for c in PLACE_C]


_PLACES = places()


def place(rng):
    return _PLACES[min(int(len(_PLACES) * rng.random() ** 2), len(_PLACES) - 1)]  # a few often, most rarely


def _quote(rng, topic):
    s = f"{rng.choice(SUBJECTS)} {rng.choice(PREDICATES)} {topic[rng.randrange(2)]} {rng.choice(ENDINGS)}"
    r = rng.random()
    if r < 0.4:
        s += f". {rng.choice(SUBJECTS)} {rng.choice(PREDICATES)} {rng.choice(TOPICS)[1]}"
    elif r < 0.8:
        s += f". The {rng.choice(THINGS)} in {place(rng)} {rng.choice(['shows', 'proves', 'is not', 'will be'])} " \
             f"{rng.choice(['what is at stake', 'a warning', 'the exception', 'the model', 'a test for us all'])}"
    return s


def _pick(pop, rng):
    # a few people speak very often, most rarely (roughly Zipf), as in real news
    i = int(len(pop) * (rng.random() ** 2))
    return pop[min(i, len(pop) - 1)]


def article(i, pop, rng):
    """One article dict (JSON Lines record) with about five statements."""
    d = date(2005, 1, 1) + timedelta(days=rng.randrange(20 * 365))
    topic = rng.choice(TOPICS)
    a, b, c = _pick(pop, rng), _pick(pop, rng), _pick(pop, rng)
    while b[1] == a[1]:
        b = _pick(pop, rng)
    while c[1] in (a[1], b[1]):
        c = _pick(pop, rng)
    ca, cb, cc = COUNTRIES[a[3]], COUNTRIES[b[3]], COUNTRIES[c[3]]
    stance_a = rng.choice(SUPPORT + OPPOSE)
    paras = [
        f"{ca[1]} {a[2]} {a[0]} {a[1]} {stance_a} {topic[0]} {rng.choice(WEEKDAYS)}, saying it would change "
        f"{topic[1]} for years to come.",
        f"“{_quote(rng, topic)},” {a[1]} told reporters in {ca[2]} {rng.choice(WEEKDAYS)}.",
        rng.choice(FILLER),
        f"According to {a[1]}, the government {rng.choice(PREDICATES)} {topic[1]} {rng.choice(ENDINGS)}.",
        f"In {cb[2]}, {cb[1]} {b[2]} {b[0]} {b[1]} {rng.choice(NEUTRAL_VERBS)} {rng.choice(WEEKDAYS)} that {cb[0]} "
        f"{rng.choice(['would', 'could not', 'might', 'was ready to'])} "
        f"{rng.choice(['sign', 'block', 'review', 'join', 'delay'])} {topic[0]} {rng.choice(ENDINGS)}.",
        f"“{_quote(rng, topic)},” {rng.choice(['said', 'says'])} {c[0]} {c[1]}, the {cc[1]} {c[2].lower() if c[2][0].isupper() and 'Minister' not in c[2] else c[2]}.",
        f"{rng.choice(FILLER)} Officials in {place(rng)} and {place(rng)} are watching closely.",
    ]
    if rng.random() < 0.5:
        paras.insert(3, f"{a[1]} added: “{_quote(rng, topic)}.”")
    if rng.random() < 0.3:
        paras.append(f"{b[1]} {rng.choice(SUPPORT + OPPOSE)} the idea. “{_quote(rng, topic)},” "
                     f"{b[1]} wrote on social media.")
    headline = (f"{ca[1]} {a[2].split()[-1].title()} {stance_a.title()} "
                f"{topic[0][4:].title() if topic[0].startswith('the ') else topic[0]}")
    return {
        "id": f"synth-{i:07d}", "url": f"https://news.example.org/{d.year}/{i:07d}",
        "title": headline, "date": d.isoformat(), "author": f"{rng.choice(FIRST)} {rng.choice(surnames())}",
        "source": rng.choice(["Northern Ledger", "Daily Meridian", "The Coastal Post", "Capital Wire"]),
        "text": "\n\n".join(paras),
    }


def generate(n, out_dir, per_file=5000, seed=7):
    """Write n articles as JSON Lines shards of per_file articles (the reader's per-file size limit
    is 20 MB); returns the shard paths in order."""
    rng = random.Random(seed)
    pop = people(max(200, min(30000, n // 5)), rng)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for start in range(0, n, per_file):
        p = out_dir / f"articles-{start // per_file:05d}.jsonl"
        with p.open("w", encoding="utf-8") as f:
            for i in range(start, min(n, start + per_file)):
                f.write(json.dumps(article(i, pop, rng), ensure_ascii=False) + "\n")
        paths.append(p)
    return paths


if __name__ == "__main__":
    import sys

    for p in generate(int(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "benchmarks/out/articles"):
        print(p)
