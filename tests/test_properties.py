"""Property tests: the amount parser, the date parser and the segmenter take any text without
an exception, and read back what they are given; a fuzz test feeds mutated samples to the readers."""

from __future__ import annotations

import random
import signal
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.amounts import find_money, parse_number
from extractors.items import find_item_starts
from extractors.readers import UnreadableDocument, read_layout
from extractors.text import find_dates
from schemas.layout import Layout
from tests.conftest import SAMPLES, make_lines

SWEDISH_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300)
# Text made of the pieces minutes are made of, so that the parsers' own paths are taken.
PIECES = st.sampled_from(["§", "§ 12", "1.", "2)", "kr", "tkr", "mnkr", "kronor", ":-", "12 345", "1,5", "-", "−",
                          "2024-05-27", "27 maj 2024", "den", "att", "beslutar", "Beslut", "\n", " ", "\t", "ca",
                          "exkl. moms", "140,000.00", "7.030.000", "miljoner", "budget"])
MINUTES_TEXT = st.lists(st.one_of(PIECES, SWEDISH_TEXT.map(lambda s: s[:12])), max_size=60).map(" ".join)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def swedish_thousands(value: int) -> str:
    return f"{value:,}".replace(",", " ")


@FAST
@given(MINUTES_TEXT)
def test_amount_parser_takes_any_text(text: str) -> None:
    for match in find_money(text):
        assert 0 <= match.start < match.end <= len(text)
        assert isinstance(match.value_sek, int)


@FAST
@given(st.integers(min_value=0, max_value=10**12), st.sampled_from(["kr", "kronor", ":-", "SEK"]),
       st.sampled_from(["", "Kostnaden beräknas till ", "Styrelsen beviljar ", "totalt "]))
def test_amount_written_in_swedish_reads_back(value: int, unit: str, before: str) -> None:
    text = f"{before}{swedish_thousands(value)} {unit}."
    assert [m.value_sek for m in find_money(text)] == [value]


@FAST
@given(st.integers(min_value=0, max_value=10**7), st.sampled_from([("tkr", 1_000), ("mkr", 1_000_000)]))
def test_amount_with_a_scale_reads_back(value: int, unit: tuple[str, int]) -> None:
    assert [m.value_sek for m in find_money(f"Anslaget är {swedish_thousands(value)} {unit[0]}")] == [value * unit[1]]


@FAST
@given(SWEDISH_TEXT)
def test_number_parser_takes_any_text(text: str) -> None:
    value = parse_number(text)
    assert value is None or isinstance(value, int)


@FAST
@given(MINUTES_TEXT)
def test_date_parser_takes_any_text(text: str) -> None:
    found = find_dates(text)
    assert [position for position, _ in found] == sorted(position for position, _ in found)
    assert all(isinstance(day, date) for _, day in found)


@FAST
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
       st.sampled_from(["{d:%Y-%m-%d}", "{d.day}/{d.month}/{d.year}", "{d.day}.{d.month}.{d.year}",
                        "den {d.day} {month} {d.year}"]))
def test_a_written_date_reads_back(day: date, form: str) -> None:
    months = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
              "november", "december"]
    text = "Sammanträdet hölls " + form.format(d=day, month=months[day.month - 1])
    assert [d for _, d in find_dates(text)] == [day]


@FAST
@given(st.lists(MINUTES_TEXT, max_size=25), st.sampled_from(["protokoll", "minnesanteckningar", "annat"]))
def test_segmenter_takes_any_lines(texts: list[str], kind: str) -> None:
    lines = make_lines("\n".join(t.replace("\n", " ") for t in texts if t.strip()) or "x")
    starts = find_item_starts(lines, kind)
    assert [s.index for s in starts] == sorted(s.index for s in starts)
    assert all(0 <= s.index <= s.body <= len(lines) for s in starts)


@FAST
@given(st.integers(min_value=1, max_value=400), st.integers(min_value=1, max_value=15))
def test_segmenter_finds_every_numbered_paragraph(first: int, count: int) -> None:
    numbers = list(range(first, first + count))  # a meeting's run of paragraphs, "§ 111" to "§ 122"
    text = "\n".join(f"§ {n} Ärende om bygglov nummer {n}\nNämnden beslutar att bevilja ansökan." for n in numbers)
    assert [s.number for s in find_item_starts(make_lines(text), "protokoll")] == numbers


FUZZ_SOURCES = ["004_90a6bde803d3bf45__kommun.pdf", "004_90a6bde803d3bf45__kommun.docx",
                "002_795be6dc08665b26__tryck.pdf"]
MUTANTS_PER_SOURCE = 14
# A hang guard, not a speed goal: a reader stuck on one mutant fails the test instead of CI.
HANG_AFTER_S = 120


def _hung(signum: int, frame: object) -> None:
    raise TimeoutError(f"a reader hung for {HANG_AFTER_S} s on a mutant")


def mutate(data: bytes, rng: random.Random) -> bytes:
    """Flip, drop, duplicate or cut bytes, as a bad disk or a bad copy does."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        at = rng.randrange(len(out))
        action = rng.choice(["flip", "zero", "cut", "splice", "truncate"])
        if action == "flip":
            out[at] ^= 1 << rng.randrange(8)
        elif action == "zero":
            out[at:at + rng.randint(1, 512)] = bytes(min(512, len(out) - at))
        elif action == "cut":
            del out[at:at + rng.randint(1, 4096)]
        elif action == "splice":
            start = rng.randrange(len(out))
            out[at:at] = out[start:start + rng.randint(1, 2048)]
        else:
            del out[rng.randint(len(out) // 2, len(out)):]
    return bytes(out)


@pytest.mark.parametrize("source", FUZZ_SOURCES)
def test_readers_take_mutated_samples(source: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only a Layout or UnreadableDocument may come out of a damaged file (seeded, so repeatable)."""
    monkeypatch.setenv("PROTOKOLL_OCR", "off")  # a page the mutation emptied must not cost an OCR run
    original = (SAMPLES / source).read_bytes()
    rng = random.Random(f"{source}-fuzz")
    outcomes = {"layout": 0, "refused": 0}
    for k in range(MUTANTS_PER_SOURCE):
        path = tmp_path / f"mutant{k}{Path(source).suffix}"
        path.write_bytes(mutate(original, rng))
        previous = signal.signal(signal.SIGALRM, _hung)
        signal.alarm(HANG_AFTER_S)
        try:
            layout = read_layout(path)
        except UnreadableDocument as error:
            assert error.reason.strip() and "\n" not in error.reason
            outcomes["refused"] += 1
        else:
            assert isinstance(layout, Layout) and layout.pages >= 0
            outcomes["layout"] += 1
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, previous)
    assert sum(outcomes.values()) == MUTANTS_PER_SOURCE
