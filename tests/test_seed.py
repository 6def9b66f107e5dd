"""The seed article: all seven required statements with the right speakers, offices, countries, dates."""
import json

from click.testing import CliRunner

from quotes.cli import cli
from conftest import SEEDS, SHARED, score


def extract_seed():
    result = CliRunner().invoke(cli, ["extract", str(SEEDS)])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]


def test_seed_all_statements_with_right_speakers(shared):
    figures = score(SHARED / "gold" / "seed.jsonl", extract_seed())
    assert figures["quote_recall"] == 1.0
    assert figures["speaker_accuracy"] == 1.0
    assert figures["attribution_f1"] >= 0.9


def test_seed_office_country_date(shared):
    figures = score(SHARED / "gold" / "seed.jsonl", extract_seed())
    assert figures["office_accuracy"] == 1.0
    assert figures["country_accuracy"] == 1.0
    assert figures["date_accuracy"] == 1.0


def test_seed_stance(shared):
    figures = score(SHARED / "gold" / "seed.jsonl", extract_seed())
    assert figures["stance_accuracy"] >= round(6 / 7, 3)  # the scorer rounds to three places


def test_the_diplomat_names_two_people(shared):
    rows = extract_seed()
    by_start = {r["quote"][:20]: r for r in rows}
    assert by_start["If the US, as it rev"]["speaker"] == "Sergei Ryabkov"
    assert by_start["It’s very, I think, "]["speaker"] == "Antony Blinken"
    assert by_start["If the US, as it rev"]["cue"] == "said"


def test_offsets_point_at_the_quote(shared):
    text = next(SEEDS.iterdir()).read_text(encoding="utf-8")
    for r in extract_seed():
        assert " ".join(text[a:b] for a, b in r["parts"]) == r["quote"]
        assert text[r["start"]:r["end"]].startswith(r["quote"][:10])
