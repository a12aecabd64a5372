"""Search latency on a synthetic archive, on both backends.

    python bench/search_bench.py --items 100000 [--backend sqlite|postgres|both] [--repeat 5]

The archive is made from the rendered samples' records, varied: each synthetic document takes
a sample's items, swaps some of their words for others from the samples, coins compounds from
the samples' words (so the vocabulary grows like a real archive's), and gets its own hash,
organisation, body, date, people and amounts. It is loaded through the store's own ``load``,
one transaction per document, then the 20 queries below (words, phrases, compounds,
abbreviations, prefixes, exclusions, filters, facets) are each run once to warm up and
``--repeat`` times measured. PostgreSQL runs on a throwaway server on a loopback port unless
``--postgres-url`` names one. Prints load time, sizes, and p50/p95 latency per backend.
"""

from __future__ import annotations

import argparse
import hashlib
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


def load_archive(store: Store, documents: list[Document]) -> tuple[float, dict[str, int]]:
    started = time.perf_counter()
    for k, record in enumerate(documents, start=1):
        store.load(record)
        if k % 1000 == 0:
            print(f"  {k}/{len(documents)} documents, {time.perf_counter() - started:.0f} s", file=sys.stderr)
    store.optimize(thorough=True)
    return time.perf_counter() - started, store.counts()


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


def run_backend(name: str, url: str, documents: list[Document], repeat: int) -> dict[str, object]:
    print(f"\n== {name}: loading {len(documents)} documents", file=sys.stderr)
    with open_store(url) as store:
        seconds, counts = load_archive(store, documents)
        timings, per_query = measure(store, repeat)
    print(f"\n{name}: {counts['documents']} documents, {counts['items']} items, {counts['decisions']} decisions, "
          f"{counts['units']} search units, {counts['terms']} terms; loaded in {seconds:.0f} s "
          f"({counts['items'] / seconds:.0f} items/s)")
    for label, median, total in per_query:
        print(f"  {median:8.1f} ms  {total:7d} hits  {label}")
    p50, p95 = percentile(timings, 0.5), percentile(timings, 0.95)
    print(f"{name}: p50 {p50:.1f} ms, p95 {p95:.1f} ms over {len(timings)} runs of {len(QUERIES)} queries")
    return {"backend": name, "load_seconds": seconds, "counts": counts, "p50_ms": p50, "p95_ms": p95}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000, help="items in the synthetic archive")
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per query")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--postgres-url", help="an empty PostgreSQL database to use instead of a throwaway server")
    args = parser.parse_args()

    print("extracting the samples ...", file=sys.stderr)
    documents = list(Variation(sample_records(), args.seed).documents(args.items))
    print(f"{len(documents)} documents, {sum(len(d.items) for d in documents)} items", file=sys.stderr)
    if args.backend in ("sqlite", "both"):
        with tempfile.TemporaryDirectory(prefix="protokoll-bench-") as folder:
            run_backend("sqlite", str(Path(folder) / "bench.db"), documents, args.repeat)
    if args.backend in ("postgres", "both"):
        if args.postgres_url:
            run_backend("postgres", args.postgres_url, documents, args.repeat)
        else:
            with ThrowawayPostgres() as server:
                run_backend("postgres", server.url, documents, args.repeat)


if __name__ == "__main__":
    main()
