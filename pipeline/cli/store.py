"""`protokoll load`, `protokoll search`, `protokoll person`, `protokoll reindex`: the store from
the command line.

Every failure a user can cause in a query (a bad database URL, an unreachable server, a query
with nothing to search for, a malformed date) ends in one line on stderr and exit status 2.
`load` follows the batch rules `protokoll ingest` follows (pipeline/ingest.py): a file it cannot
read is quarantined and reported on stderr, and the run goes on and exits 0; exit 1 only when
the run itself cannot complete (the store unreachable, an input that does not exist).
"""

from __future__ import annotations

import functools
import json
import sys
import time
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeVar

import click

if TYPE_CHECKING:  # what the commands import, each when it runs (`--help` imports click only)
    from pipeline.archive.meetings import MeetingHits
    from pipeline.extract.isolated import Limits
    from pipeline.ingest import FileOutcome
    from pipeline.store import SearchResult, Store
    from pipeline.store.results import Hit, LoadOutcome, PersonReport

DOCUMENT_KINDS = ("protokoll", "minnesanteckningar", "rapport", "verksamhetsplan", "annat")
DECISION_KINDS = ("decision", "noted", "no_decision", "recommendation")
DB_HELP = "The store: a SQLite file path (default $PROTOKOLL_DB or ~/.local/share/protokoll/protokoll.db) " \
          "or a postgresql:// URL."
INDEX_HELP = "The search index's folder (default $PROTOKOLL_INDEX, else beside a SQLite store as FILE-index, " \
             "else ~/.local/share/protokoll/index/...); rebuilt from the store when missing or unreadable."
RECORDS_BATCH = 200  # records a transaction: a commit per record costs more than the record
RECORDS_SYNC = 5_000  # records between two commits of the search index in a records load
QUARANTINE_HELP = "Where copies of unreadable files go, each with a .reason.json (default $PROTOKOLL_QUARANTINE, " \
                  "else quarantine/ beside a SQLite store, else ~/.local/share/protokoll/quarantine)."

F = TypeVar("F", bound=Callable[..., object])


def fail(message: str, status: int = 2) -> NoReturn:
    click.echo(f"protokoll: {message}", err=True)
    sys.exit(status)


def _one_line(status: int) -> Callable[[F], F]:
    def decorate(command: F) -> F:
        @functools.wraps(command)
        def wrapper(*args: object, **kwargs: object) -> object:
            try:
                return command(*args, **kwargs)
            except Exception as exc:  # a database gone away mid-command, or a bug: still one line
                from pipeline.store.errors import store_failure

                fail(store_failure(exc), status)
        return wrapper  # type: ignore[return-value]
    return decorate


one_line_errors = _one_line(2)
"""A store or database failure ends as one line and exit 2, never a traceback."""
run_errors = _one_line(1)
"""For batch runs: a run that cannot complete ends as one line and exit 1."""


def limit_options(command: F) -> F:
    """The per-file limits, shared by `load`, `ingest` and `schedule`."""
    for option in reversed([
        click.option("--time-base", type=click.FloatRange(min=0.1), metavar="SECONDS",
                     help="Per-file time limit: this much plus --time-per-page per page "
                          "(default $PROTOKOLL_TIME_BASE or 30)."),
        click.option("--time-per-page", type=click.FloatRange(min=0), metavar="SECONDS",
                     help="Seconds per page added to the time limit (default $PROTOKOLL_TIME_PER_PAGE or 5)."),
        click.option("--memory-mb", type=click.IntRange(min=64), metavar="MB",
                     help="Per-file memory limit (default $PROTOKOLL_MEMORY_MB or 2048)."),
    ]):
        command = option(command)
    return command


def limits_of(time_base: float | None, time_per_page: float | None, memory_mb: int | None) -> Limits:
    from pipeline.extract.isolated import Limits

    return Limits.from_env(time_base, time_per_page, memory_mb)


# -- load -------------------------------------------------------------------------------------

@click.command(short_help="Load PDF and DOCX files (or records), or folders of them, into the store.")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--records", "records", type=click.File("r", encoding="utf-8"), metavar="FILE.jsonl",
              help="Load records in the `extract --format json` shape, one a line ('-' reads standard input), "
                   "instead of files: each is identified by its sha256.")
@click.option("--db", help=DB_HELP)
@click.option("--index", help=INDEX_HELP)
@click.option("--quarantine", "quarantine_dir", type=click.Path(path_type=Path, file_okay=False),
              help=QUARANTINE_HELP)
@limit_options
@run_errors
def load(paths: tuple[Path, ...], records: click.utils.LazyFile | None, db: str | None, index: str | None,
         quarantine_dir: Path | None, time_base: float | None, time_per_page: float | None,
         memory_mb: int | None) -> None:
    """Extract PDF and DOCX files (or every one under a folder) into the store, one after the other.

    A file already stored (same content) is skipped unless this extractor is newer than the
    one that stored it; then its rows are replaced in one transaction. A file that cannot be
    read is quarantined (a copy and its reason; the original stays) and named on stderr.
    Other files in a folder are skipped and counted. The run is listed by `protokoll runs`.
    The search index is brought up to date in the same run.

    With --records, records extracted elsewhere (`protokoll extract FILE --format json`, one a
    line) are loaded by the same rules: how records reach a store from other machines, or move
    from one store to another. A line that is no valid record is named on stderr and skipped.

    On a terminal an overall progress bar on stderr shows files and pages done and the time left;
    otherwise a line per file and the summary line are all there is.

    Exit 0 when the run completed, 1 when it could not (store unreachable, input missing).
    """
    from pipeline.cli.progress import BatchProgress
    from pipeline.extract.page_count import count_pages
    from pipeline.ingest import conclude_run, default_quarantine, discover, ingest_file, start_run
    from pipeline.store import open_store

    if records is not None:
        if paths:
            fail("give either files and folders or --records, not both", status=1)
        with open_store(db, index=index) as store:
            load_records(store, records)
        return
    if not paths:
        fail("give the files or folders to load (or --records FILE.jsonl)", status=1)
    limits = limits_of(time_base, time_per_page, memory_mb)
    quarantine_dir = quarantine_dir or default_quarantine(db)
    started = time.monotonic()
    with open_store(db, index=index) as store:
        discovery = discover(paths, exclude=quarantine_dir)
        run_id = start_run(store, "load", paths)
        outcomes: list[FileOutcome] = []
        for path in discovery.missing:
            click.echo(f"protokoll: {path}: no such file or folder", err=True)
        progress = BatchProgress(discovery.files, count_pages)
        try:
            for path in discovery.files:
                outcome = ingest_file(store, path, run_id, limits, quarantine_dir, retry_quarantined=True,
                                      workers=1)
                outcomes.append(outcome)
                progress.advance(path)
                if outcome.status == "quarantined":
                    progress.echo(f"protokoll: {path}: {outcome.reason}", err=True)
                else:
                    progress.echo(describe_outcome(outcome))
        finally:
            progress.close()
        if any(o.counts_as == "new" for o in outcomes):
            store.optimize()
        missing = ", ".join(map(str, discovery.missing))
        report = conclude_run(store, run_id, outcomes, discovery, time.monotonic() - started,
                              error=f"no such file or folder: {missing}" if missing else None)
    click.echo(load_summary(outcomes, report.ignored))
    if discovery.missing:
        sys.exit(1)


def load_records(store: Store, lines: Iterable[str], name: str | None = None) -> dict[str, int]:
    """Load records given as JSON lines, a batch a transaction, the index committed every few
    thousand; a line that is no valid record, or that the store refuses, is named on stderr and
    skipped. Prints and returns the tally."""
    from pydantic import ValidationError

    from schemas.record import Document

    name = name or getattr(lines, "name", "records")
    tally = {status: 0 for status in ("loaded", "replaced", "unchanged", "kept", "refused")}
    items = 0
    started = time.monotonic()
    batch: list[tuple[int, Document]] = []
    since_sync = 0

    def flush() -> None:
        nonlocal items, since_sync
        for _, outcome in _load_batch(store, batch, name):
            if outcome is None:
                tally["refused"] += 1
                continue
            tally[outcome.status] += 1
            items += outcome.units if outcome.status in ("loaded", "replaced") else 0
        since_sync += len(batch)
        batch.clear()
        if since_sync >= RECORDS_SYNC:
            store.sync_index()
            since_sync = 0

    with store.bulk_indexing():
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                batch.append((number, Document.model_validate_json(line)))
            except ValidationError as exc:
                tally["refused"] += 1
                click.echo(f"protokoll: {name}:{number}: not a record: {_first_error(exc)}", err=True)
                continue
            if len(batch) >= RECORDS_BATCH:
                flush()
        flush()
    seconds = time.monotonic() - started
    records = sum(tally.values())
    parts = [f"{tally[s]} {s}" for s in tally if tally[s] or s == "loaded"]
    rate = f"; {items} items in {seconds:.1f} s ({items / seconds:.0f} items/s)" if seconds and items else ""
    click.echo(f"{records} record{'s' if records != 1 else ''}: " + ", ".join(parts) + rate)
    return tally


def _load_batch(store: Store, batch: list[tuple[int, object]], name: str) -> list[tuple[int, LoadOutcome | None]]:
    """The batch in one transaction; when the store refuses it, record by record, naming the one refused."""
    from pipeline.store.errors import StoreError, store_failure

    if not batch:
        return []
    try:
        outcomes = store.load_many([record for _, record in batch])  # type: ignore[misc]
        return [(number, outcome) for (number, _), outcome in zip(batch, outcomes, strict=True)]
    except StoreError:
        raise
    except Exception:
        if len(batch) == 1:
            raise
    found: list[tuple[int, LoadOutcome | None]] = []
    for number, record in batch:
        try:
            found.append((number, store.load(record)))  # type: ignore[arg-type]
        except StoreError:
            raise
        except Exception as exc:
            click.echo(f"protokoll: {name}:{number}: the store refused the record: {store_failure(exc)}", err=True)
            found.append((number, None))
    return found


def _first_error(exc: Exception) -> str:
    errors = getattr(exc, "errors", lambda: [])()
    if errors:
        where = ".".join(str(p) for p in errors[0].get("loc", ()))
        return f"{where}: {errors[0].get('msg', '')}" if where else str(errors[0].get("msg", ""))
    return str(exc).splitlines()[0]


def load_summary(outcomes: list[FileOutcome], ignored: int) -> str:
    tally = {s: sum(o.status == s for o in outcomes) for s in ("loaded", "replaced", "unchanged", "kept",
                                                               "quarantined")}
    files = len(outcomes)
    parts = [f"{tally[s]} {s}" for s in tally if tally[s] or s == "loaded"]
    if ignored:
        parts.append(f"{ignored} not PDF/DOCX skipped")
    return f"{files} file{'s' if files != 1 else ''}: " + ", ".join(parts)


def describe_outcome(outcome: FileOutcome) -> str:
    name = Path(outcome.path).name
    if outcome.status in ("unchanged", "kept") and outcome.stored_source not in (None, name):
        return f"{outcome.status:<9} {name}  (stored as {outcome.stored_source})"
    detail = f"  ({outcome.units} search units)" if outcome.status in ("loaded", "replaced") else ""
    return f"{outcome.status:<9} {name}{detail}"


# -- search -----------------------------------------------------------------------------------

@click.command(short_help="Search decisions and item text (Swedish stems and compounds).")
@click.argument("query")
@click.option("--db", help=DB_HELP)
@click.option("--organisation", "--org", "organisation", help="Organisation name, or part of it (any case).")
@click.option("--body", help="Meeting body (Styrelsen, Utvecklingsrådet ...), or part of it.")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(DOCUMENT_KINDS), help="Document kind (repeatable).")
@click.option("--from", "date_from", metavar="DATE", help="From this date: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--to", "date_to", metavar="DATE", help="Up to this date: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--decision-kind", "decision_kinds", multiple=True, type=click.Choice(DECISION_KINDS),
              help="Only decisions of this kind (repeatable).")
@click.option("--decisions", "decisions_only", is_flag=True, help="Only decisions, no running text.")
@click.option("--person", help="Only meetings the person attended, or text that names them.")
@click.option("--min-amount", metavar="AMOUNT", help="An amount of at least this much: 50000, '50 tkr', 1,5mkr.")
@click.option("--max-amount", metavar="AMOUNT", help="An amount of at most this much.")
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0)
@click.option("--facets/--no-facets", default=True, show_default=True,
              help="Counts per organisation, body, year and decision kind.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--index", help=INDEX_HELP)
@one_line_errors
def search(query: str, db: str | None, organisation: str | None, body: str | None, kinds: tuple[str, ...],
           date_from: str | None, date_to: str | None, decision_kinds: tuple[str, ...], decisions_only: bool,
           person: str | None, min_amount: str | None, max_amount: str | None, limit: int, offset: int,
           facets: bool, fmt: str, index: str | None) -> None:
    """Search agenda items, their decisions and text, in Swedish: every word must be found in the
    item. "bevilja" finds "beviljades", "koordinator" finds "rehabkoordinatorer", "styrelsearvode"
    finds "arvode till styrelsen", "20kr" finds "20 kr", and a word that finds nothing is searched
    as the nearest words of the archive ("protokol": "Visar resultat för «protokoll»"). Quote a
    phrase ("Samordningsteam Hallstahammar"), use OR, -word, word*.

    --format json prints the object GET /api/search answers for the same query and filters."""
    from pipeline.store import SearchRequest, open_store

    request = SearchRequest(
        text=query, organisation=organisation, body=body, kinds=kinds,
        date_from=parse_day(date_from, "--from", first=True), date_to=parse_day(date_to, "--to", first=False),
        decision_kinds=decision_kinds, decisions_only=decisions_only, person=person,
        min_amount=parse_amount(min_amount, "--min-amount"), max_amount=parse_amount(max_amount, "--max-amount"),
        limit=limit, offset=offset, facets=facets,
    )
    with open_store(db, create=False, index=index) as store:
        if fmt == "json":
            from pipeline.web.views import search_page

            click.echo(json.dumps(search_page(store, request).model_dump(mode="json"), ensure_ascii=False, indent=2))
            return
        result = store.search(request)
        from pipeline.archive.meetings import group_hits

        groups = group_hits(store, result.hits)
    click.echo(render_hits(result, offset, groups))


def parse_day(value: str | None, option: str, first: bool) -> date | None:
    """YYYY, YYYY-MM or YYYY-MM-DD as the first (or last) day it names."""
    if value is None:
        return None
    from pipeline.store.results import day_bound

    try:
        return day_bound(value, first)
    except ValueError:
        fail(f"invalid {option} '{value}': expected YYYY, YYYY-MM or YYYY-MM-DD")


def parse_amount(value: str | None, option: str) -> int | None:
    """An amount in kronor from "50000", "50 000", "50 tkr", "1,5 mkr"."""
    if value is None:
        return None
    from pipeline.store.results import kronor_amount

    try:
        return kronor_amount(value)
    except ValueError:
        fail(f"invalid {option} '{value}': expected kronor, e.g. 50000, '50 tkr' or '1,5 mkr'")


def render_hits(result: SearchResult, offset: int = 0, groups: list[MeetingHits] | None = None) -> str:
    """The hits by meeting (each meeting once with its files, each hit once with the other files'
    pages), or one by one when no grouping is given; the notice first when words were corrected."""
    from pipeline.store.results import FACETS

    notice = [result.notice] if result.notice else []
    if not result.hits:
        return "\n".join([*notice, "No hits." if not result.total else
                          f"{result.total} hits; none from number {offset + 1} on."])
    out = [*notice, f"{result.total} hit{'s' if result.total != 1 else ''}"
           + (f", showing {offset + 1}-{offset + len(result.hits)}" if result.total > len(result.hits) else "")]
    if groups is None:
        for rank, hit in enumerate(result.hits, start=offset + 1):
            out += ["", f"{rank:>3}. {hit_heading(hit)}", f"     {hit.item_title}", f"     {hit.snippet}"]
    else:
        out += render_meetings(groups)
    facet_lines = [f"  {name}: " + ", ".join(f"{value} ({count})" for value, count in result.facets[name][:8])
                   for name in FACETS if result.facets.get(name)]
    if facet_lines:
        out += ["", "Facets (hits):", *facet_lines]
    return "\n".join(out)


def render_meetings(groups: list[MeetingHits]) -> list[str]:
    out: list[str] = []
    for group in groups:
        meeting = group.meeting
        where = " · ".join(p for p in (meeting.organisation, meeting.body) if p)
        files = [d.source for d in meeting.renderings]
        out += ["", f"{meeting.date or '----------'}  {where}  ({meeting.primary.kind}, "
                    f"{len(files)} file{'s' if len(files) != 1 else ''}: {', '.join(files)})"]
        for grouped in group.hits:
            hit = grouped.hit
            out += [f"  {hit_heading(hit)}", f"     {hit.item_title}", f"     {hit.snippet}"]
            if grouped.also:
                out.append("     also in: " + ", ".join(f"{h.source} p. {h.page}" for h, _, _ in grouped.also))
    return out


def hit_heading(hit: Hit) -> str:
    number = f"§ {hit.item_number}  " if hit.item_number is not None else ""
    kind = f"[{hit.decision_kind}]" if hit.decision_kind else "[text]"
    where = f"  in {'+'.join(hit.matched)}" if hit.matched else ""
    return f"{hit.source}  {number}s. {hit.page}  {kind}{where}  score {hit.score:.3f}"


# -- person -----------------------------------------------------------------------------------

@click.command(short_help="A person's meetings, and the decisions that name them.")
@click.argument("name")
@click.option("--db", help=DB_HELP)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--index", help=INDEX_HELP)
@one_line_errors
def person(name: str, db: str | None, fmt: str, index: str | None) -> None:
    """A person's meetings and the decisions that name them, whatever the spelling
    ("Britt-Mari" / "Britt Mari", any case). Exit 1 when no one or several people match."""
    if not name.strip():
        fail("give a name to look up")
    from pipeline.store import open_store

    with open_store(db, create=False, index=index) as store:
        found = store.find_persons(name)
        if not found:
            fail(f"no person named '{name}' in the store", status=1)
        if len(found) > 1:
            fail(f"'{name}' matches {len(found)} people: " + "; ".join(n for _, n in found), status=1)
        report = store.person(found[0][0])
    if fmt == "json":
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        click.echo(render_person(report))


def render_person(report: PersonReport) -> str:
    others = [s for s in report.spellings if s != report.name]
    out = [report.name + (f"  (also written: {', '.join(others)})" if others else "")]
    out.append(f"Attended {len(report.attended)} meeting{'s' if len(report.attended) != 1 else ''}:")
    for meeting in report.attended:
        where = ", ".join(p for p in (meeting.organisation, meeting.body) if p)
        role = ", ".join(p for p in (meeting.group, meeting.role, meeting.represents, meeting.present_for) if p)
        out.append(f"  {meeting.date or '----------'}  {where} ({meeting.kind})  {role}")
        out.append(f"              {', '.join(meeting.sources)}")
    if report.absent:
        out.append("Listed as absent: " + ", ".join(m.date or m.sources[0] for m in report.absent))
    for label, hits in (("Decisions that name them", report.decisions), ("Items that mention them", report.mentions)):
        out.append(f"{label}: {len(hits)}")
        out += [f"  {hit_heading(hit).rsplit('  score', 1)[0]}\n     {hit.snippet}" for hit in hits]
    return "\n".join(out)


# -- reindex ----------------------------------------------------------------------------------

@click.command(short_help="Rebuild the search index from the store.")
@click.option("--db", help=DB_HELP)
@click.option("--index", help=INDEX_HELP)
@one_line_errors
def reindex(db: str | None, index: str | None) -> None:
    """Rebuild the search index from the store (the record of truth), with a progress bar.

    Not needed in the ordinary run of things: every load and delete updates the index, and a
    missing or unreadable one is rebuilt when it is next opened. Searches go on answering from
    the old index until the new one is complete."""
    from pipeline.store import open_store

    started = time.monotonic()
    with open_store(db, create=False, index=index) as store:
        documents = store.reindex()
        items = store.counts()["items"]
        path = store.index_path
    click.echo(f"indexed {documents} document{'s' if documents != 1 else ''} ({items} items) in "
               f"{time.monotonic() - started:.1f} s: {path}")
