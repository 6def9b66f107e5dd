"""Charts drawn on the server as SVG (no JavaScript, nothing fetched from elsewhere).

/charts                      the charts page (statements per month by country; stance toward a target by country)
/charts/monthly.svg          statements per month, stacked by country
/charts/stance.svg?target=X  each statement taking a position on X, by country and month, coloured by stance
"""
from urllib.parse import urlencode
from xml.sax.saxutils import escape as _xml_escape

from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.utils.asgi import Response
from markupsafe import Markup

from quotes.sitecache import DB, cached, quotes_db as _db  # shared with the other plugin
PALETTE = ["#1f4e79", "#c55a11", "#2e7d32", "#7b3f98", "#a07a00", "#00838f", "#a33b3b", "#5d6d7e"]
OTHER = "#aab4be"
NONE = "#d9dee3"
MAX_COUNTRY_ROWS = 20  # the stance chart draws the countries with most statements; the table lists all
MAX_DOTS = 6  # up to this many statements in a country and month: a dot each; more: stacked bars
MAX_DOT_TOTAL = 400  # and no more than this many dots in all
STANCE_COLORS = {"favor": "#1f6fb2", "against": "#c0392b", "mixed": "#8e6bbf", "neutral": "#8a96a3"}
STANCE_LABELS = {"favor": "in favour", "against": "against", "mixed": "mixed", "neutral": "neutral"}
MONTH_ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
FONT = "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif\""


def esc(text):
    return _xml_escape(str(text), {'"': "&quot;"})


def _country_name(code):
    # the site plugin's helper is in another module loaded by Datasette; keep a local import-free copy
    if not code:
        return "No country"
    try:
        import pycountry
        c = pycountry.countries.get(alpha_2=code)
    except Exception:
        c = None
    overrides = {"RU": "Russia", "US": "United States", "GB": "United Kingdom", "KP": "North Korea",
                 "KR": "South Korea"}
    if code in overrides:
        return overrides[code]
    if not c:
        return code
    return (getattr(c, "common_name", None) or c.name).split(", ")[0]


def month_range(first, last):
    """All 'YYYY-MM' from first to last inclusive."""
    y, m = int(first[:4]), int(first[5:7])
    ly, lm = int(last[:4]), int(last[5:7])
    out = []
    while (y, m) <= (ly, lm):
        out.append(f"{y:04d}-{m:02d}")
        m += 1
        if m == 13:
            y, m = y + 1, 1
    return out


def nice_max(n):
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if n <= step * 4:
            return step * ((n + step - 1) // step) if n else step, step
    step = 10 ** (len(str(n)) - 1)
    return step * ((n + step - 1) // step), step


def _x_axis(months, x0, width, y, step_px):
    """Tick labels under a month axis: every month when few, else each January."""
    parts = []
    few = len(months) <= 18
    for i, month in enumerate(months):
        m = int(month[5:7])
        if few or m == 1 or i == 0:
            x = x0 + i * step_px + step_px / 2
            label = (MONTH_ABBR[m - 1] + (f" {month[2:4]}" if m == 1 or i == 0 else "")) if few else month[:4]
            parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y}" y2="{y + 4}" stroke="#6b7785"/>')
            parts.append(f'<text x="{x:.1f}" y="{y + 16}" text-anchor="middle" font-size="11" fill="#3d4852">'
                         f'{esc(label)}</text>')
    return parts


async def monthly_data(db):
    rows = (await db.execute("""
        select substr(date, 1, 7) as month, coalesce(country, '') as country, count(*) as n from quotes
        where date is not null and length(date) >= 7 and coalesce(date_precision, 'day') != 'year'
        group by month, country order by month""")).rows
    undated = (await db.execute("""
        select count(*) from quotes
        where date is null or length(date) < 7 or date_precision = 'year'""")).rows[0][0]
    return [dict(r) for r in rows], undated


def monthly_svg(rows, width=960, height=340):
    """Stacked bars: statements per month, one colour per country (top countries, then other, then none)."""
    if not rows:
        return _empty_svg("No dated statements yet.", width)
    totals = {}
    for r in rows:
        if r["country"]:
            totals[r["country"]] = totals.get(r["country"], 0) + r["n"]
    top = [c for c, _ in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:len(PALETTE)]]
    colors = {c: PALETTE[i] for i, c in enumerate(top)}
    series = top + (["other"] if len(totals) > len(top) else []) + (["none"] if any(not r["country"] for r in rows) else [])
    color_of = lambda key: colors.get(key, OTHER if key == "other" else NONE)  # noqa: E731
    months = month_range(rows[0]["month"], rows[-1]["month"])
    stack = {m: {} for m in months}
    for r in rows:
        key = r["country"] if r["country"] in colors else ("none" if not r["country"] else "other")
        stack[r["month"]][key] = stack[r["month"]].get(key, 0) + r["n"]
    peak = max(sum(v.values()) for v in stack.values())
    ymax, ystep = nice_max(peak)
    left, right, top_pad, bottom = 44, 12, 14, 74
    pw, ph = width - left - right, height - top_pad - bottom
    step_px = pw / len(months)
    bar_w = max(1.0, step_px * 0.78)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
           f'height="{height}" role="img" aria-labelledby="monthly-title monthly-desc" class="chart" {FONT}>',
           '<title id="monthly-title">Statements per month by country</title>',
           f'<desc id="monthly-desc">{sum(r["n"] for r in rows)} dated statements from {esc(months[0])} '
           f'to {esc(months[-1])}, stacked by the country the speaker speaks for.</desc>']
    for v in range(0, ymax + 1, ystep):
        y = top_pad + ph - ph * v / ymax
        out.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e3e7eb"/>')
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" fill="#3d4852">{v}</text>')
    for i, month in enumerate(months):
        y = top_pad + ph
        x = left + i * step_px + (step_px - bar_w) / 2
        for key in series:
            n = stack[month].get(key, 0)
            if not n:
                continue
            h = ph * n / ymax
            y -= h
            name = {"other": "Other countries", "none": "No country"}.get(key) or _country_name(key)
            if key == "other":
                href = f"/{DB}/quotes?" + urlencode({"date__startswith": month})
            elif key == "none":
                href = f"/{DB}/quotes?" + urlencode({"date__startswith": month, "country__isblank": "1"})
            else:
                href = f"/{DB}/quotes?" + urlencode({"date__startswith": month, "country": key})
            out.append(f'<a href="{esc(href)}"><rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" '
                       f'height="{max(h, 0.5):.1f}" fill="{color_of(key)}"><title>{esc(month)} · {esc(name)}: '
                       f'{n} statement{"s" if n != 1 else ""}</title></rect></a>')
    out.append(f'<line x1="{left}" x2="{width - right}" y1="{top_pad + ph}" y2="{top_pad + ph}" stroke="#6b7785"/>')
    out += _x_axis(months, left, pw, top_pad + ph, step_px)
    # legend
    lx, ly = left, height - 22
    for key in series:
        name = {"other": "Other", "none": "No country"}.get(key) or _country_name(key)
        out.append(f'<rect x="{lx}" y="{ly - 9}" width="10" height="10" fill="{color_of(key)}"/>')
        out.append(f'<text x="{lx + 14}" y="{ly}" font-size="12" fill="#1f2933">{esc(name)}</text>')
        lx += 24 + 7 * len(name)
    out.append("</svg>")
    return "\n".join(out)


async def targets(db, limit=60, rate=8):
    """Targets by how many positions are taken on them, most first (from the stances index alone); the first
    `rate` also get `dated` (placeable on a month) and `countries`, to choose a default worth drawing."""
    rows = [dict(r) for r in (await db.execute("""
        select target, count(*) as n from stances where target is not null and target != ''
        group by target order by n desc, target limit :limit""", {"limit": limit})).rows]
    for r in rows[:rate]:
        extra = (await db.execute("""
            select sum(case when q.date is not null and length(q.date) >= 7
                            and coalesce(q.date_precision, 'day') != 'year' then 1 else 0 end) as dated,
                   count(distinct coalesce(q.country, '')) as countries
            from stances s join quotes q on q.id = s.quote_id where s.target = :t""", {"t": r["target"]})).rows[0]
        r["dated"], r["countries"] = extra["dated"] or 0, extra["countries"] or 0
    for r in rows[rate:]:
        r["dated"] = r["countries"] = 0
    return rows


async def stance_data(db, target):
    rows = (await db.execute("""
        select coalesce(q.country, '') as country, q.date, q.date_precision, s.stance, q.id, q.speaker, q.quote
        from stances s join quotes q on q.id = s.quote_id
        where s.target = :t order by q.date""", {"t": target})).rows
    return [dict(r) for r in rows]


def stance_svg(rows, target, width=960):
    """One row per country, one dot per statement at its month, coloured by its stance toward the target."""
    dated = [r for r in rows if r["date"] and len(r["date"]) >= 7 and r["date_precision"] != "year"]
    if not dated:
        return _empty_svg(f"No dated statements take a position on {target}.", width)
    months = month_range(min(r["date"][:7] for r in dated), max(r["date"][:7] for r in dated))
    if len(months) < 12:  # give short spans some room either side
        first, last = months[0], months[-1]
        y, m = int(first[:4]), int(first[5:7]) - 3
        while m < 1:
            y, m = y - 1, m + 12
        ly, lm = int(last[:4]), int(last[5:7]) + 3
        while lm > 12:
            ly, lm = ly + 1, lm - 12
        months = month_range(f"{y:04d}-{m:02d}", f"{ly:04d}-{lm:02d}")
    counts = {}
    for r in dated:
        counts[r["country"]] = counts.get(r["country"], 0) + 1
    countries = sorted(counts, key=lambda c: (c == "", -counts[c], c))
    hidden = countries[MAX_COUNTRY_ROWS:]
    countries = countries[:MAX_COUNTRY_ROWS]
    cells = {}
    for r in dated:
        if r["country"] in countries:
            cells.setdefault((r["country"], r["date"][:7]), []).append(r)
    stack_max = max(len(v) for v in cells.values())
    # few statements: one dot each; many: one stacked bar per country and month (or year)
    dots = stack_max <= MAX_DOTS and len(dated) <= MAX_DOT_TOTAL
    yearly = not dots and len(months) > 36  # many statements over years: one bar per country and year
    if yearly:
        months = [str(y) for y in range(int(months[0][:4]), int(months[-1][:4]) + 1)]
        cells = {}
        for r in dated:
            if r["country"] in countries:
                cells.setdefault((r["country"], r["date"][:4]), []).append(r)
        stack_max = max(len(v) for v in cells.values())
    dot = 5
    row_h = max(28, stack_max * (2 * dot + 2) + 10) if dots else 40
    left, right, top_pad, bottom = 130, 12, 10, 64
    height = top_pad + row_h * len(countries) + bottom
    pw = width - left - right
    step_px = pw / len(months)
    index = {m: i for i, m in enumerate(months)}
    order = {"favor": 0, "mixed": 1, "neutral": 2, "against": 3}
    how = "one dot each" if dots else "stacked by stance, bar height by number"
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
           f'height="{height}" role="img" aria-labelledby="stance-title stance-desc" class="chart" {FONT}>',
           f'<title id="stance-title">Stance toward {esc(target)} by country over time</title>',
           f'<desc id="stance-desc">{len(dated)} dated statements taking a position on {esc(target)}, {how}, '
           f'by country and month, coloured by stance'
           f'{f"; {len(hidden)} more countries not drawn" if hidden else ""}.</desc>']
    by_country = {}
    for (c, month), items in cells.items():
        by_country.setdefault(c, []).append((month, items))
    for ci, country in enumerate(countries):
        y0 = top_pad + ci * row_h
        if ci % 2 == 0:
            out.append(f'<rect x="{left}" y="{y0}" width="{pw}" height="{row_h}" fill="#f5f7f9"/>')
        out.append(f'<text x="{left - 8}" y="{y0 + row_h / 2 + 4:.1f}" text-anchor="end" font-size="12" '
                   f'fill="#1f2933">{esc(_country_name(country))}</text>')
        for month, items in by_country.get(country, []):
            cx = left + index[month] * step_px + step_px / 2
            if dots:
                for k, r in enumerate(sorted(items, key=lambda r: order.get(r["stance"], 2))):
                    cy = y0 + row_h - 6 - dot - k * (2 * dot + 2)
                    stance = r["stance"] if r["stance"] in STANCE_COLORS else "neutral"
                    tip = f'{r["date"]} · {r["speaker"] or "Unknown"}: {STANCE_LABELS[stance]} — {r["quote"][:140]}'
                    out.append(f'<a href="/{DB}/quotes/{esc(r["id"])}"><circle class="dot {stance}" cx="{cx:.1f}" '
                               f'cy="{cy:.1f}" r="{dot}" fill="{STANCE_COLORS[stance]}" stroke="#fff" '
                               f'stroke-width="1"><title>{esc(tip)}</title></circle></a>')
                continue
            tally = {}
            for r in items:
                st = r["stance"] if r["stance"] in STANCE_COLORS else "neutral"
                tally[st] = tally.get(st, 0) + 1
            bar_w = max(2.0, min(24.0 if yearly else 12.0, step_px * 0.8))
            full = (row_h - 8) * len(items) / stack_max
            y = y0 + row_h - 4
            tip = (f"{month} · {_country_name(country)}: {len(items)} statement{'s' if len(items) != 1 else ''} — "
                   + ", ".join(f"{tally[st]} {STANCE_LABELS[st]}" for st in order if st in tally))
            href = f"/{DB}/quotes?" + urlencode({"stance_target": target, "date__startswith": month,
                                                  **({"country": country} if country else {"country__isblank": "1"})})
            parts = [f'<a href="{esc(href)}"><g class="cell"><title>{esc(tip)}</title>']
            for st in sorted(tally, key=lambda st: order[st]):
                h = full * tally[st] / len(items)
                y -= h
                parts.append(f'<rect x="{cx - bar_w / 2:.1f}" y="{y:.1f}" width="{bar_w:.1f}" '
                             f'height="{max(h, 0.5):.1f}" fill="{STANCE_COLORS[st]}"/>')
            out.append("".join(parts) + "</g></a>")
    base = top_pad + row_h * len(countries)
    out.append(f'<line x1="{left}" x2="{width - right}" y1="{base}" y2="{base}" stroke="#6b7785"/>')
    if yearly:
        for i, year in enumerate(months):
            x = left + i * step_px + step_px / 2
            out.append(f'<text x="{x:.1f}" y="{base + 16}" text-anchor="middle" font-size="11" '
                       f'fill="#3d4852">{year}</text>')
    else:
        out += _x_axis(months, left, pw, base, step_px)
    lx, ly = left, height - 16
    for stance in ("favor", "against", "mixed", "neutral"):
        out.append(f'<circle cx="{lx + 5}" cy="{ly - 4}" r="5" fill="{STANCE_COLORS[stance]}"/>')
        out.append(f'<text x="{lx + 14}" y="{ly}" font-size="12" fill="#1f2933">{STANCE_LABELS[stance]}</text>')
        lx += 28 + 7 * len(STANCE_LABELS[stance])
    out.append("</svg>")
    return "\n".join(out)


def _empty_svg(message, width):
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} 60" width="{width}" height="60" '
            f'role="img" class="chart empty" {FONT}><title>{esc(message)}</title>'
            f'<text x="10" y="34" font-size="14" fill="#3d4852">{esc(message)}</text></svg>')


def stance_table(rows):
    table = {}
    for r in rows:
        t = table.setdefault(r["country"], {"country": r["country"], "name": _country_name(r["country"]),
                                            "favor": 0, "against": 0, "mixed": 0, "neutral": 0, "total": 0})
        t[r["stance"] if r["stance"] in STANCE_COLORS else "neutral"] += 1
        t["total"] += 1
    return sorted(table.values(), key=lambda t: (t["country"] == "", -t["total"], t["name"]))




async def _sync(fn, *args):
    return fn(*args)


def _svg_response(svg):
    return Response(svg, content_type="image/svg+xml; charset=utf-8")


async def monthly_svg_view(datasette):
    db = _db(datasette)
    rows, _ = await cached(datasette, db, "monthly", lambda: monthly_data(db))
    return _svg_response(monthly_svg(rows))


async def _chosen_target(datasette, db, request):
    options = await cached(datasette, db, "targets", lambda: targets(db))
    default = max(options, key=lambda t: (t["dated"], t["countries"], t["n"]), default=None)
    target = request.args.get("target") or (default["target"] if default else "")
    return target, options


async def stance_svg_view(request, datasette):
    db = _db(datasette)
    target, _ = await _chosen_target(datasette, db, request)
    rows = await cached(datasette, db, ("stance", target), lambda: stance_data(db, target))
    return _svg_response(stance_svg(rows, target))


async def charts_page(request, datasette):
    db = _db(datasette)
    try:
        rows, undated = await cached(datasette, db, "monthly", lambda: monthly_data(db))
        target, options = await _chosen_target(datasette, db, request)
        srows = await cached(datasette, db, ("stance", target), lambda: stance_data(db, target)) if target else []
    except QueryInterrupted:
        return Response.html(await datasette.render_template("quotes_charts.html", {
            "metadata": datasette.metadata(), "c": {"too_slow": True}}, request=request), status=503)
    by_country = {}
    for r in rows:
        by_country.setdefault(r["country"], 0)
        by_country[r["country"]] += r["n"]
    context = {
        "metadata": datasette.metadata(),
        "c": {
            "monthly_svg": Markup(await cached(datasette, db, "monthly_svg", lambda: _sync(monthly_svg, rows))),
            "monthly_total": sum(r["n"] for r in rows),
            "undated": undated,
            "monthly_rows": rows,
            "by_country": sorted(by_country.items(), key=lambda kv: (kv[0] == "", -kv[1])),
            "target": target,
            "targets": options,
            "stance_svg": Markup(await cached(datasette, db, ("stance_svg", target),
                                              lambda: _sync(stance_svg, srows, target))) if target else None,
            "stance_table": stance_table(srows),
            "stance_undated": sum(1 for r in srows if not r["date"] or len(r["date"]) < 7
                                  or r["date_precision"] == "year"),
            "target_qs": urlencode({"target": target}),
        }
    }
    return Response.html(await datasette.render_template("quotes_charts.html", context, request=request))


@hookimpl
def register_routes():
    return [
        (r"^/charts$", charts_page),
        (r"^/charts/monthly\.svg$", monthly_svg_view),
        (r"^/charts/stance\.svg$", stance_svg_view),
    ]
