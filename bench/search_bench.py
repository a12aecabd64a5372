"""Search latency and load speed on a synthetic archive, on both backends, against the engine before.

    python bench/search_bench.py [--items 100000,1000000] [--postgres 1000000] [--repeat 5]
                                 [--http] [--baseline REV --baseline-items 100000]

The archive is made from the rendered samples' records, varied: each synthetic document takes
a sample's items, swaps some of their words for others from the samples, coins compounds from
the samples' words (so the vocabulary grows like a real archive's), and gets its own hash,
organisation, body, date, people and amounts. It is loaded the way `protokoll load --records`
loads: each record as a JSON line, parsed and validated, 200 a transaction, the search index
committed every 5 000 records (pipeline/cli/store.py ``load_records``), streamed (the archive is
never held in memory), growing one store (and its index) to each size asked for in turn; the
time to make the synthetic records is not counted. At each size the 20 queries below (words,
phrases, compounds, abbreviations, prefixes, exclusions, filters, facets) are each run once to
warm up and ``--repeat`` times measured in-process (``Store.search``) and, with ``--http``,
through ``GET /api/search`` of a `protokoll serve` app on a loopback port (uvicorn, JSON,
meetings and links included). PostgreSQL runs on a throwaway server on a loopback port unless
``--postgres-url`` names one.

``--baseline REV`` runs this bench as it was at git revision REV (the engine before: FTS5 and
tsvector) on the same machine in the same run, at ``--baseline-items`` (SQLite) and
``--baseline-postgres`` sizes, and gives every figure as a ratio to it.

Prints load time and items/s, sizes, p50/p95 latency per backend and size, and the ratios;
writes bench/results/search.json (``--output`` names another).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import http.client
import io
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import write_results  # noqa: E402
from pipeline.cli.store import load_records  # noqa: E402
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


class Archive:
    """A store grown from one stream of synthetic documents, to one size after another."""

    def __init__(self, store: Store, documents: Iterator[Document]) -> None:
        self.store = store
        self.documents = documents
        self.items = 0
        self.load_seconds = 0.0
        self.load_cpu_seconds = 0.0  # this process's CPU time (all its threads) while loading
        self.making_seconds = 0.0  # spent making the synthetic records, not loading them
        self.making_cpu_seconds = 0.0

    def grow_to(self, items: int) -> None:
        """Load records until the store holds at least ``items`` items; only loading is timed."""
        making_before, making_cpu_before = self.making_seconds, self.making_cpu_seconds
        started, cpu = time.perf_counter(), time.process_time()
        with contextlib.redirect_stdout(io.StringIO()):
            load_records(self.store, self._lines(items), name="synthetic")
        self.store.optimize(thorough=True)
        self.load_seconds += time.perf_counter() - started - (self.making_seconds - making_before)
        self.load_cpu_seconds += time.process_time() - cpu - (self.making_cpu_seconds - making_cpu_before)

    def _lines(self, items: int) -> Iterator[str]:
        """The records as JSON lines, as `protokoll extract --format json` writes them (one a line)."""
        while self.items < items:
            started, cpu = time.perf_counter(), time.process_time()
            record = next(self.documents, None)
            line = record.model_dump_json() if record is not None else None
            self.making_seconds += time.perf_counter() - started
            self.making_cpu_seconds += time.process_time() - cpu
            if record is None:
                return
            self.items += len(record.items)
            if self.items % 20_000 < len(record.items):
                print(f"  {self.items} items", file=sys.stderr, end="\r")
            yield line


def measure(store: Store, repeat: int) -> tuple[list[float], list[float], list[tuple[str, float, int]]]:
    """All timed runs (ms, wall and this process's CPU time), and per query its median (ms) and total hits.

    On a shared machine the wall time is this process's CPU time plus its waits for a core."""
    timings: list[float] = []
    cpu_timings: list[float] = []
    per_query = []
    for text, filters in QUERIES:
        request = SearchRequest(text, limit=20, **filters)  # type: ignore[arg-type]
        total = store.search(request).total  # warm-up
        runs = []
        for _ in range(repeat):
            started, cpu = time.perf_counter(), time.process_time()
            store.search(request)
            runs.append((time.perf_counter() - started) * 1000)
            cpu_timings.append((time.process_time() - cpu) * 1000)
        timings += runs
        per_query.append((label_of(text, filters), statistics.median(runs), total))
    return timings, cpu_timings, per_query


def label_of(text: str, filters: dict[str, object]) -> str:
    return text + (" " + " ".join(f"{k}={v}" for k, v in filters.items()) if filters else "")


API_NAMES = {"date_from": "from", "date_to": "to", "kinds": "kind", "decision_kinds": "decision_kind",
             "decisions_only": "decisions_only", "min_amount": "min_amount", "max_amount": "max_amount",
             "organisation": "organisation", "body": "body", "person": "person"}


def api_query(text: str, filters: dict[str, object]) -> str:
    """The query's address under /api/search, with its filters (facets only when the query asks)."""
    params: list[tuple[str, str]] = [("q", text), ("limit", "20"), ("facets", str(bool(filters.get("facets"))))]
    for name, value in filters.items():
        if name == "facets":
            continue
        for one in value if isinstance(value, tuple) else (value,):
            params.append((API_NAMES[name], str(one).lower() if isinstance(one, bool) else str(one)))
    return "/api/search?" + urllib.parse.urlencode(params)


@contextlib.contextmanager
def served(url: str) -> Iterator[int]:
    """`protokoll serve`'s app over the store, on a free loopback port, in a thread; its port."""
    import uvicorn

    from pipeline.web import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(url), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(600):
        if server.started:
            break
        time.sleep(0.05)
    try:
        yield port
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def measure_http(url: str, repeat: int) -> tuple[list[float], list[tuple[str, float, int]]]:
    """The same queries through GET /api/search (one keep-alive connection), each answer read whole."""
    timings: list[float] = []
    per_query = []
    with served(url) as port:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        for text, filters in QUERIES:
            address = api_query(text, filters)
            connection.request("GET", address)
            answer = connection.getresponse()
            body = json.loads(answer.read())
            assert answer.status == 200, body
            runs = []
            for _ in range(repeat):
                started = time.perf_counter()
                connection.request("GET", address)
                connection.getresponse().read()
                runs.append((time.perf_counter() - started) * 1000)
            timings += runs
            per_query.append((label_of(text, filters), statistics.median(runs), int(body["total"])))
        connection.close()
    return timings, per_query


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def run_backend(name: str, url: str, sizes: list[int], seed: int, repeat: int, http: bool) -> list[dict[str, object]]:
    """The backend's archive grown to each size in turn, its queries timed at each."""
    runs = []
    with open_store(url) as store:
        archive = Archive(store, Variation(sample_records(), seed).documents(max(sizes)))
        for size in sorted(sizes):
            print(f"\n== {name}: growing the archive to {size} items", file=sys.stderr)
            load_average_loading = [os.getloadavg()]
            archive.grow_to(size)
            load_average_loading.append(os.getloadavg())
            counts = store.counts()
            load_before = os.getloadavg()
            timings, cpu_timings, per_query = measure(store, repeat)
            p50, p95 = percentile(timings, 0.5), percentile(timings, 0.95)
            print(f"\n{name} at {counts['items']} items: {counts['documents']} documents, {counts['decisions']} "
                  f"decisions, {store.search_index.item_count()} items in the index; loaded in "
                  f"{archive.load_seconds:.0f} s ({counts['items'] / archive.load_seconds:.0f} items/s)")
            for label, median, total in per_query:
                print(f"  {median:8.1f} ms  {total:7d} hits  {label}")
            print(f"{name} at {counts['items']} items: p50 {p50:.1f} ms, p95 {p95:.1f} ms "
                  f"over {len(timings)} runs of {len(QUERIES)} queries (CPU p50 "
                  f"{percentile(cpu_timings, 0.5):.1f} ms, p95 {percentile(cpu_timings, 0.95):.1f} ms; "
                  f"load average {os.getloadavg()[0]:.1f}); loaded at "
                  f"{counts['items'] / archive.load_cpu_seconds:.0f} items per CPU second")
            run: dict[str, object] = {
                "backend": name, "items": size, "load_seconds": archive.load_seconds, "counts": counts,
                "items_per_second": counts["items"] / archive.load_seconds, "p50_ms": p50, "p95_ms": p95,
                "load_cpu_seconds": archive.load_cpu_seconds,
                "items_per_cpu_second": counts["items"] / archive.load_cpu_seconds,
                "cpu_p50_ms": percentile(cpu_timings, 0.5), "cpu_p95_ms": percentile(cpu_timings, 0.95),
                "load_average_during_load": load_average_loading,  # (1, 5, 15 min) at its start and end
                "load_average_during_searches": [load_before, os.getloadavg()],
                "queries": [{"query": q, "median_ms": m, "hits": t} for q, m, t in per_query]}
            if http:
                http_timings, http_queries = measure_http(url, repeat)
                run.update(http_p50_ms=percentile(http_timings, 0.5), http_p95_ms=percentile(http_timings, 0.95),
                           http_queries=[{"query": q, "median_ms": m, "hits": t} for q, m, t in http_queries])
                print(f"{name} at {counts['items']} items through GET /api/search: p50 {run['http_p50_ms']:.1f} ms, "
                      f"p95 {run['http_p95_ms']:.1f} ms")
            runs.append(run)
    return runs


def baseline_runs(revision: str, sqlite_sizes: list[int], postgres_sizes: list[int], repeat: int,
                  seed: int) -> list[dict[str, object]]:
    """This bench as it was at ``revision`` (the engine before), run now on the same machine."""
    if not sqlite_sizes and not postgres_sizes:
        return []
    with tempfile.TemporaryDirectory(prefix="protokoll-baseline-") as folder:
        archive = subprocess.run(["git", "archive", revision], cwd=ROOT, capture_output=True, check=True).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tree:
            tree.extractall(folder, filter="data")
        command = [sys.executable, "bench/search_bench.py", "--sqlite", ",".join(map(str, sqlite_sizes)),
                   "--postgres", ",".join(map(str, postgres_sizes)), "--repeat", str(repeat), "--seed", str(seed)]
        print(f"\n== the engine at {revision}: {' '.join(command[1:])}", file=sys.stderr)
        subprocess.run(command, cwd=folder, check=True, env={"PYTHONPATH": folder, "PATH": "/usr/bin:/bin",
                                                            "HOME": str(Path.home())})
        old = json.loads((Path(folder) / "bench" / "results" / "search.json").read_text())
    for run in old["runs"]:
        run["items_per_second"] = run["counts"]["items"] / run["load_seconds"]
    return old["runs"]


def ratios(runs: list[dict[str, object]], before: list[dict[str, object]]) -> list[dict[str, object]]:
    """Each run's figures against the engine before at the same backend and size, measured in this run."""
    found = []
    old = {(r["backend"], r["items"]): r for r in before}
    for run in runs:
        reference = old.get((run["backend"], run["items"]))
        if reference is None:
            continue
        found.append({"comparison": f"{run['backend']} {run['items']}: Tantivy vs before",
                      "p50": run["p50_ms"] / reference["p50_ms"],  # type: ignore[operator]
                      "p95": run["p95_ms"] / reference["p95_ms"],  # type: ignore[operator]
                      "items_per_second": run["items_per_second"] / reference["items_per_second"]})  # type: ignore
    return found


def print_summary(runs: list[dict[str, object]], before: list[dict[str, object]],
                  compared: list[dict[str, object]]) -> None:
    print(f"\n{'engine':<10}{'backend':<10}{'items':>10}{'load s':>9}{'items/s':>9}{'p50 ms':>9}{'p95 ms':>9}"
          f"{'http p50':>10}{'http p95':>10}")
    for engine, group in (("tantivy", runs), ("before", before)):
        for run in group:
            http = (f"{run['http_p50_ms']:>10.1f}{run['http_p95_ms']:>10.1f}" if "http_p50_ms" in run else "")
            print(f"{engine:<10}{run['backend']:<10}{run['items']:>10}{run['load_seconds']:>9.0f}"
                  f"{run['items_per_second']:>9.0f}{run['p50_ms']:>9.1f}{run['p95_ms']:>9.1f}{http}")
    for ratio in compared:
        print(f"{ratio['comparison']}: p50 {ratio['p50']:.3f}×, p95 {ratio['p95']:.3f}×, "
              f"items/s {ratio['items_per_second']:.2f}×")


def sizes(text: str) -> list[int]:
    return [int(part.replace("_", "")) for part in text.split(",") if part.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", "--sqlite", dest="sqlite", type=sizes, default=[100_000, 1_000_000],
                        help="archive sizes (items) for SQLite, comma-separated; one archive grown to each in turn; "
                             "'' skips SQLite")
    parser.add_argument("--postgres", type=sizes, default=[],
                        help="archive sizes (items) for PostgreSQL, comma-separated (default none)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per query")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--http", action="store_true", help="also time the queries through GET /api/search")
    parser.add_argument("--postgres-url", help="an empty PostgreSQL database to use instead of a throwaway server")
    parser.add_argument("--baseline", metavar="REV", help="also run the bench of git revision REV (the engine before)")
    parser.add_argument("--baseline-items", type=sizes, default=[], help="SQLite sizes for --baseline")
    parser.add_argument("--baseline-postgres", type=sizes, default=[], help="PostgreSQL sizes for --baseline")
    parser.add_argument("--output", default="search", help="results file name under bench/results (no .json)")
    parser.add_argument("--keep", metavar="DIR", help="grow the SQLite archive in DIR and keep it (default: a "
                        "temporary folder, removed after)")
    args = parser.parse_args()

    runs: list[dict[str, object]] = []
    if args.sqlite:
        with contextlib.ExitStack() as stack:
            folder = args.keep or stack.enter_context(tempfile.TemporaryDirectory(prefix="protokoll-bench-"))
            Path(folder).mkdir(parents=True, exist_ok=True)
            runs += run_backend("sqlite", str(Path(folder) / "bench.db"), args.sqlite, args.seed, args.repeat,
                                args.http)
    if args.postgres:
        if args.postgres_url:
            runs += run_backend("postgres", args.postgres_url, args.postgres, args.seed, args.repeat, args.http)
        else:
            with ThrowawayPostgres() as server, tempfile.TemporaryDirectory(prefix="protokoll-bench-") as folder:
                os.environ["PROTOKOLL_INDEX"] = str(Path(folder) / "index")
                runs += run_backend("postgres", server.url, args.postgres, args.seed, args.repeat, args.http)
                del os.environ["PROTOKOLL_INDEX"]
    before = baseline_runs(args.baseline, args.baseline_items, args.baseline_postgres, args.repeat,
                           args.seed) if args.baseline else []
    compared = ratios(runs, before)
    print_summary(runs, before, compared)
    write_results(args.output, {"runs": runs, "before": before, "baseline": args.baseline, "ratios": compared,
                                "repeat": args.repeat, "queries": len(QUERIES)})


if __name__ == "__main__":
    main()
