"""`protokoll load`, `protokoll search`, `protokoll person`: the store from the command line.

Every failure a user can cause (a bad database URL, an unreachable server, an unreadable file,
a query with nothing to search for, a malformed date) ends in one line on stderr and exit
status 2; a directory load goes on past a file it cannot read and exits 1 when some failed.
"""

from __future__ import annotations

import functools
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import NoReturn, TypeVar

import click

from extractors.readers import UnreadableDocument
from extractors.record import EXTRACTOR_VERSION
from pipeline.extract import SUPPORTED, extract_file, file_sha256
from pipeline.store import LoadOutcome, SearchRequest, SearchResult, Store, StoreError, open_store
from pipeline.store.base import is_newer
from pipeline.store.files import record_file
from pipeline.store.results import FACETS, Hit, PersonReport, day_bound, kronor_amount

DOCUMENT_KINDS = ("protokoll", "minnesanteckningar", "rapport", "verksamhetsplan", "annat")
DECISION_KINDS = ("decision", "noted", "no_decision", "recommendation")
DB_HELP = "The store: a SQLite file path (default $PROTOKOLL_DB or ~/.local/share/protokoll/protokoll.db) " \
          "or a postgresql:// URL."

F = TypeVar("F", bound=Callable[..., object])


def fail(message: str, status: int = 2) -> NoReturn:
    click.echo(f"protokoll: {message}", err=True)
    sys.exit(status)


def one_line_errors(command: F) -> F:
    """A store or database failure ends as one line and exit 2, never a traceback."""
    @functools.wraps(command)
    def wrapper(*args: object, **kwargs: object) -> object:
        try:
            return command(*args, **kwargs)
        except StoreError as exc:
            fail(str(exc))
        except Exception as exc:  # a database gone away mid-command, or a bug: still one line
            fail(f"{exc.__class__.__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}")
    return wrapper  # type: ignore[return-value]


# -- load -------------------------------------------------------------------------------------

@click.command(short_help="Load PDF and DOCX files, or folders of them, into the store.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--db", help=DB_HELP)
@one_line_errors
def load(paths: tuple[Path, ...], db: str | None) -> None:
    """Extract PDF and DOCX files (or every one under a folder) into the store.

    A file already stored (same content) is skipped unless this extractor is newer than the
    one that stored it; then its rows are replaced in one transaction. Exit 0 when every file
    loaded, 1 when some could not be read, 2 when none could.
    """
    with open_store(db) as store:
        tally: Counter[str] = Counter()
        for path, problem in files_to_load(paths):
            if problem:
                click.echo(f"protokoll: {path}: {problem}", err=True)
                tally["failed"] += 1
                continue
            outcome, reason = load_file(store, path)
            if outcome is None:
                click.echo(f"protokoll: {path}: {reason}", err=True)
                tally["failed"] += 1
            else:
                record_file(store, outcome.sha256, path)  # the web app opens the source at a cited page
                click.echo(describe_outcome(outcome))
                tally[outcome.status] += 1
        if tally["loaded"] or tally["replaced"]:
            store.optimize()
    files = sum(tally.values())
    click.echo(f"{files} file{'s' if files != 1 else ''}: " + ", ".join(
        f"{tally[s]} {s}" for s in ("loaded", "replaced", "unchanged", "kept", "failed") if tally[s] or s == "loaded"))
    if tally["failed"]:
        sys.exit(2 if tally["failed"] == files else 1)


def files_to_load(paths: tuple[Path, ...]) -> Iterator[tuple[Path, str | None]]:
    """Each file to load, or a path with the reason it gives none."""
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED)
            if not found:
                yield path, "no PDF or DOCX files in this folder"
            yield from ((p, None) for p in found)
        elif path.exists():
            yield path, None
        else:
            yield path, "no such file or folder"


def load_file(store: Store, path: Path) -> tuple[LoadOutcome | None, str]:
    """Load one file; (None, reason) when it cannot be read. A stored file is not extracted again."""
    try:
        sha = file_sha256(path)
        stored = store.stored_file(sha)
        if stored is not None and not is_newer(EXTRACTOR_VERSION, stored[1]):
            status = "unchanged" if stored[1] == EXTRACTOR_VERSION else "kept"
            return LoadOutcome(status, path.name, sha, stored_source=stored[0]), ""
        return store.load(extract_file(path)), ""
    except UnreadableDocument as exc:
        return None, exc.reason
    except OSError as exc:
        return None, exc.strerror or str(exc)
    except StoreError:
        raise
    except Exception as exc:  # an extractor bug must not stop a folder load
        return None, f"could not be extracted ({exc.__class__.__name__}: {exc})"


def describe_outcome(outcome: LoadOutcome) -> str:
    if outcome.status in ("unchanged", "kept") and outcome.stored_source not in (None, outcome.source):
        return f"{outcome.status:<9} {outcome.source}  (stored as {outcome.stored_source})"
    detail = f"  ({outcome.units} search units)" if outcome.status in ("loaded", "replaced") else ""
    return f"{outcome.status:<9} {outcome.source}{detail}"


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
@one_line_errors
def search(query: str, db: str | None, organisation: str | None, body: str | None, kinds: tuple[str, ...],
           date_from: str | None, date_to: str | None, decision_kinds: tuple[str, ...], decisions_only: bool,
           person: str | None, min_amount: str | None, max_amount: str | None, limit: int, offset: int,
           facets: bool, fmt: str) -> None:
    """Search decisions and item text, in Swedish: "bevilja" finds "beviljades", "koordinator"
    finds "rehabkoordinatorer". Quote a phrase ("Samordningsteam Hallstahammar"), use OR, -word, word*.

    --format json prints the object GET /api/search answers for the same query and filters."""
    request = SearchRequest(
        text=query, organisation=organisation, body=body, kinds=kinds,
        date_from=parse_day(date_from, "--from", first=True), date_to=parse_day(date_to, "--to", first=False),
        decision_kinds=decision_kinds, decisions_only=decisions_only, person=person,
        min_amount=parse_amount(min_amount, "--min-amount"), max_amount=parse_amount(max_amount, "--max-amount"),
        limit=limit, offset=offset, facets=facets,
    )
    with open_store(db, create=False) as store:
        if fmt == "json":
            from pipeline.web.views import search_page

            click.echo(json.dumps(search_page(store, request).model_dump(mode="json"), ensure_ascii=False, indent=2))
            return
        result = store.search(request)
    click.echo(render_hits(result, offset))


def parse_day(value: str | None, option: str, first: bool) -> date | None:
    """YYYY, YYYY-MM or YYYY-MM-DD as the first (or last) day it names."""
    if value is None:
        return None
    try:
        return day_bound(value, first)
    except ValueError:
        fail(f"invalid {option} '{value}': expected YYYY, YYYY-MM or YYYY-MM-DD")


def parse_amount(value: str | None, option: str) -> int | None:
    """An amount in kronor from "50000", "50 000", "50 tkr", "1,5 mkr"."""
    if value is None:
        return None
    try:
        return kronor_amount(value)
    except ValueError:
        fail(f"invalid {option} '{value}': expected kronor, e.g. 50000, '50 tkr' or '1,5 mkr'")


def render_hits(result: SearchResult, offset: int = 0) -> str:
    if not result.hits:
        return "No hits." if not result.total else f"{result.total} hits; none from number {offset + 1} on."
    out = [f"{result.total} hit{'s' if result.total != 1 else ''}"
           + (f", showing {offset + 1}-{offset + len(result.hits)}" if result.total > len(result.hits) else "")]
    for rank, hit in enumerate(result.hits, start=offset + 1):
        out += ["", f"{rank:>3}. {hit_heading(hit)}", f"     {hit.item_title}", f"     {hit.snippet}"]
    facet_lines = [f"  {name}: " + ", ".join(f"{value} ({count})" for value, count in result.facets[name][:8])
                   for name in FACETS if result.facets.get(name)]
    if facet_lines:
        out += ["", "Facets:", *facet_lines]
    return "\n".join(out)


def hit_heading(hit: Hit) -> str:
    number = f"§ {hit.item_number}  " if hit.item_number is not None else ""
    kind = f"[{hit.decision_kind}]" if hit.decision_kind else "[text]"
    return f"{hit.source}  {number}s. {hit.page}  {kind}  score {hit.score:.3f}"


# -- person -----------------------------------------------------------------------------------

@click.command(short_help="A person's meetings, and the decisions that name them.")
@click.argument("name")
@click.option("--db", help=DB_HELP)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@one_line_errors
def person(name: str, db: str | None, fmt: str) -> None:
    """A person's meetings and the decisions that name them, whatever the spelling
    ("Britt-Mari" / "Britt Mari", any case). Exit 1 when no one or several people match."""
    if not name.strip():
        fail("give a name to look up")
    with open_store(db, create=False) as store:
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
