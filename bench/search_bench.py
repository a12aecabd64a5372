"""Search latency on a synthetic archive, on both backends.

    python bench/search_bench.py [--sqlite 100000,1000000] [--postgres 100000] [--repeat 5]

The archive is made from the rendered samples' records, varied: each synthetic document takes
a sample's items, swaps some of their words for others from the samples, coins compounds from
the samples' words (so the vocabulary grows like a real archive's), and gets its own hash,
organisation, body, date, people and amounts. It is loaded through the store's own
``load_many``, 200 documents a transaction, streamed (the archive is never held in memory), growing one
store to each size asked for in turn; at each size the 20 queries below (words, phrases,
compounds, abbreviations, prefixes, exclusions, filters, facets) are each run once to warm up
and ``--repeat`` times measured. PostgreSQL runs on a throwaway server on a loopback port
unless ``--postgres-url`` names one. Prints load time, sizes, p50/p95 latency per backend and
size, and each as a ratio to its reference in the same run (the smallest SQLite archive;
SQLite at the same size for PostgreSQL); writes bench/results/search.json.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import write_results  # noqa: E402
from pipeline.extract import extract_file  # noqa: E402
from pipeline.store import SearchRequest, Store, open_store  # noqa: E402
from pipeline.store.pg_server import ThrowawayPostgres  # noqa: E402
from schemas.record import Amount, Attendee, Decision, Document, Item  # noqa: E402

WORD = re.compile(r"[A-Za-zÅÄÖåäöÉé]{4,}")
PLACES = ["Västmanland", "Västra Mälardalen", "Sala", "Heby", "Uppsala", "Enköping", "Gävle", "Sandviken", "Falun",
          "Borlänge", "Örebro", "Karlskoga", "Eskilstuna", "Katrineholm", "Nyköping", "Norrköping", "Linköping",
          "Motala", "Jönköping", "Värnamo", "Växjö", "Kalmar", "Karlskrona", "Kristianstad", "Helsingborg", "Lund",
          "Malmö", "Halmstad", "Borås", "Trollhättan", "Skövde", "Karlstad", "Sundsvall", "Östersund", "Umeå",
          "Skellefteå", "Luleå", "Kiruna", "Visby", "Norrtälje"]
BODIES = ["Styrelsen", "Kommunstyrelsen", "Utvecklingsrådet", "Socialnämnden", "Kommunfullmäktige",
          "Barn- och utbildningsnämnden", "Beredningsgruppen", "Årsmötet"]
FIRST = ["Anna", "Erik", "Maria", "Lars", "Karin", "Anders", "Eva", "Per", "Kristina", "Johan", "Britt-Mari",
         "Ingela", "Rolf", "Åsa", "Leif", "Madeleine", "Riitta", "Hanna", "Kornelia", "Shpetim"]
# Coined compounds end in the nouns Swedish minutes build compounds on, as a real archive's do.
TAILS = ["plan", "stöd", "insats", "team", "grupp", "rapport", "möte", "arbete", "förbund", "råd", "budget",
         "ärende", "beslut", "avtal", "projekt", "kostnad", "process", "samverkan", "ansvar", "uppdrag", "chef",
         "koordinator", "verksamhet", "utbildning", "nämnd"]
BATCH = 200  # documents per transaction (Store.load_many): a commit per document costs more than the document
LAST = ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson",
        "Gustafsson", "Urby", "Högberg", "Åkerlind", "Enholm Gahnström", "Kilholm Lindström", "Pirraku",
        "Lyckholm", "Rilegård", "Korsbäck", "Söderlund"]

QUERIES: list[tuple[str, dict[str, object]]] = [
    ("bevilja", {}),
    ('"Samordningsteam Hallstahammar"', {}),
    ("koordinator", {}),
    ("samordningsteam", {}),
    ("RMGT", {"date_from": date(2023, 1, 1), "decisions_only": True}),
    ("internkontroll", {}),
    ("likvid*", {}),
    ("förbund", {}),
    ("budget 2024", {}),
    ('"ekonomiskt bistånd"', {}),
    ("delårsrapport", {"kinds": ("rapport", "protokoll")}),
    ("insatser", {"organisation": "Västmanland"}),
    ("informationen", {"decision_kinds": ("noted",)}),
    ("bevilja", {"min_amount": 50_000, "max_amount": 500_000}),
    ("samverkan", {"person": "Rolf Urby"}),
    ("team OR lag", {}),
    ("revidering budget", {"date_from": date(2020, 1, 1), "date_to": date(2021, 12, 31)}),
    ("verksamhetsplan -budget", {}),
    ("arbetsförmedlingen försäkringskassan", {"facets": True}),
    ("styrelsen beslutar", {"body": "styrelsen", "facets": True}),
]


def sample_records() -> list[Document]:
    files = sorted(p for p in (ROOT / "samples").iterdir() if p.suffix in (".pdf", ".docx"))
    return [r for r in (extract_file(p) for p in files) if r.items]


class Variation:
    """Varies sample records into new documents, reproducibly from a seed."""

    def __init__(self, records: list[Document], seed: int) -> None:
        self.records = records
        self.random = random.Random(seed)
        words = sorted({w for r in records for i in r.items for w in WORD.findall(i.title + " " + i.text)})
        self.words = words
        self.lower_words = [w.lower() for w in words if w.islower()]

    def documents(self, items: int) -> Iterator[Document]:
        made = number = 0
        while made < items:
            record = self.vary(self.random.choice(self.records), number)
            made += len(record.items)
            number += 1
            yield record

    def vary(self, record: Document, number: int) -> Document:
        day = date(2012, 1, 1) + timedelta(days=self.random.randrange(14 * 365))
        is_meeting = record.meeting_date is not None
        place = self.random.choice(PLACES)
        return record.model_copy(update={
            "source": f"synt_{number:06d}.pdf",
            "sha256": hashlib.sha256(f"synthetic {number}".encode()).hexdigest(),
            "organisation": f"Samordningsförbundet {place}" if self.random.random() < 0.6 else f"{place} kommun",
            "body": self.random.choice(BODIES) if is_meeting else None,
            "meeting_date": day if is_meeting else None,
            "document_date": None if is_meeting else day,
            "items": [self.vary_item(item) for item in record.items],
            "attendees": [self.vary_attendee(a) for a in record.attendees],
        })

    def vary_item(self, item: Item) -> Item:
        decisions = [self.vary_decision(d) for d in item.decisions]
        text = self.vary_text(item.text)
        text += "".join(f"\n{d.text}" for d in decisions)
        return item.model_copy(update={
            "title": self.vary_text(item.title, share=0.1),
            "text": text,
            "decisions": decisions,
            "amounts": [self.vary_amount(a) for a in item.amounts],
        })

    def vary_decision(self, decision: Decision) -> Decision:
        return decision.model_copy(update={"text": self.vary_text(decision.text, share=0.1),
                                           "amounts": [self.vary_amount(a) for a in decision.amounts]})

    def vary_text(self, text: str, share: float = 0.15) -> str:
        """Some words swapped for other sample words, and now and then a coined compound."""
        def swap(match: re.Match[str]) -> str:
            roll = self.random.random()
            if roll < share:
                return self.random.choice(self.words)
            if roll < share + 0.03 and self.lower_words:
                return self.random.choice(self.lower_words) + self.random.choice(TAILS)
            return match.group()
        return WORD.sub(swap, text)

    def vary_amount(self, amount: Amount) -> Amount:
        return amount.model_copy(update={"value_sek": int(amount.value_sek * self.random.uniform(0.2, 5))})

    def vary_attendee(self, attendee: Attendee) -> Attendee:
        return attendee.model_copy(update={"name": f"{self.random.choice(FIRST)} {self.random.choice(LAST)}"})


class Archive:
    """A store grown from one stream of synthetic documents, to one size after another."""

    def __init__(self, store: Store, documents: Iterator[Document]) -> None:
        self.store = store
        self.documents = documents
        self.items = 0
        self.load_seconds = 0.0

    def grow_to(self, items: int) -> None:
        """Load documents until the store holds at least ``items`` items; only loading is timed."""
        while self.items < items:
            batch = list(itertools.islice(self._until(items), BATCH))
            if not batch:
                break
            started = time.perf_counter()
            self.store.load_many(batch)
            self.load_seconds += time.perf_counter() - started
            print(f"  {self.items} items, {self.load_seconds:.0f} s loading", file=sys.stderr, end="\r")
        started = time.perf_counter()
        self.store.optimize(thorough=True)
        self.load_seconds += time.perf_counter() - started

    def _until(self, items: int) -> Iterator[Document]:
        for record in self.documents:
            self.items += len(record.items)
            yield record
            if self.items >= items:
                return


def measure(store: Store, repeat: int) -> tuple[list[float], list[tuple[str, float, int]]]:
    """All timed runs (ms), and per query its median (ms) and total hits."""
    timings: list[float] = []
    per_query = []
    for text, filters in QUERIES:
        request = SearchRequest(text, limit=20, **filters)  # type: ignore[arg-type]
        total = store.search(request).total  # warm-up
        runs = []
        for _ in range(repeat):
            started = time.perf_counter()
            store.search(request)
            runs.append((time.perf_counter() - started) * 1000)
        timings += runs
        label = text + (" " + " ".join(f"{k}={v}" for k, v in filters.items()) if filters else "")
        per_query.append((label, statistics.median(runs), total))
    return timings, per_query


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def run_backend(name: str, url: str, sizes: list[int], seed: int, repeat: int) -> list[dict[str, object]]:
    """The backend's archive grown to each size in turn, its queries timed at each."""
    runs = []
    with open_store(url) as store:
        archive = Archive(store, Variation(sample_records(), seed).documents(max(sizes)))
        for size in sorted(sizes):
            print(f"\n== {name}: growing the archive to {size} items", file=sys.stderr)
            archive.grow_to(size)
            counts = store.counts()
            timings, per_query = measure(store, repeat)
            p50, p95 = percentile(timings, 0.5), percentile(timings, 0.95)
            print(f"\n{name} at {counts['items']} items: {counts['documents']} documents, {counts['decisions']} "
                  f"decisions, {counts['units']} search units, {counts['terms']} terms; loaded in "
                  f"{archive.load_seconds:.0f} s ({counts['items'] / archive.load_seconds:.0f} items/s)")
            for label, median, total in per_query:
                print(f"  {median:8.1f} ms  {total:7d} hits  {label}")
            print(f"{name} at {counts['items']} items: p50 {p50:.1f} ms, p95 {p95:.1f} ms "
                  f"over {len(timings)} runs of {len(QUERIES)} queries")
            runs.append({"backend": name, "items": size, "load_seconds": archive.load_seconds, "counts": counts,
                         "p50_ms": p50, "p95_ms": p95,
                         "queries": [{"query": q, "median_ms": m, "hits": t} for q, m, t in per_query]})
    return runs


def ratios(runs: list[dict[str, object]]) -> list[dict[str, object]]:
    """Each run's p50/p95 against its reference in this run: the smallest SQLite archive for a larger
    one, SQLite at the same size for PostgreSQL."""
    sqlite = {r["items"]: r for r in runs if r["backend"] == "sqlite"}
    found = []
    for run in runs:
        if run["backend"] == "sqlite" and sqlite and run["items"] != min(sqlite):
            reference, label = sqlite[min(sqlite)], f"sqlite {run['items']} vs sqlite {min(sqlite)}"
        elif run["backend"] == "postgres" and run["items"] in sqlite:
            reference, label = sqlite[run["items"]], f"postgres {run['items']} vs sqlite {run['items']}"
        else:
            continue
        found.append({"comparison": label,
                      "p50": run["p50_ms"] / reference["p50_ms"],  # type: ignore[operator]
                      "p95": run["p95_ms"] / reference["p95_ms"]})  # type: ignore[operator]
    return found


def print_summary(runs: list[dict[str, object]], compared: list[dict[str, object]]) -> None:
    print(f"\n{'backend':<10}{'items':>10}{'load s':>9}{'items/s':>9}{'p50 ms':>9}{'p95 ms':>9}")
    for run in runs:
        rate = run["counts"]["items"] / run["load_seconds"]  # type: ignore[index, operator]
        print(f"{run['backend']:<10}{run['items']:>10}{run['load_seconds']:>9.0f}{rate:>9.0f}"
              f"{run['p50_ms']:>9.1f}{run['p95_ms']:>9.1f}")
    for ratio in compared:
        print(f"{ratio['comparison']}: p50 {ratio['p50']:.2f}×, p95 {ratio['p95']:.2f}×")


def sizes(text: str) -> list[int]:
    return [int(part.replace("_", "")) for part in text.split(",") if part.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sqlite", type=sizes, default=[100_000, 1_000_000],
                        help="archive sizes (items) for SQLite, comma-separated; one archive grown to each in turn; "
                             "'' skips SQLite")
    parser.add_argument("--postgres", type=sizes, default=[100_000],
                        help="archive sizes (items) for PostgreSQL, comma-separated; '' skips PostgreSQL")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per query")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--postgres-url", help="an empty PostgreSQL database to use instead of a throwaway server")
    args = parser.parse_args()

    runs: list[dict[str, object]] = []
    if args.sqlite:
        with tempfile.TemporaryDirectory(prefix="protokoll-bench-") as folder:
            runs += run_backend("sqlite", str(Path(folder) / "bench.db"), args.sqlite, args.seed, args.repeat)
    if args.postgres:
        if args.postgres_url:
            runs += run_backend("postgres", args.postgres_url, args.postgres, args.seed, args.repeat)
        else:
            with ThrowawayPostgres() as server:
                runs += run_backend("postgres", server.url, args.postgres, args.seed, args.repeat)
    compared = ratios(runs)
    print_summary(runs, compared)
    write_results("search", {"runs": runs, "ratios": compared, "repeat": args.repeat, "queries": len(QUERIES)})


if __name__ == "__main__":
    main()
