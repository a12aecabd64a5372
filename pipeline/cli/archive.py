"""`protokoll case` and `protokoll check`: the archive as a whole from the command line.

Only click is imported here: the store and the archive load when a command runs (the CLI
starts fast). Errors a user can cause end in one line on stderr, as the store's commands do:
exit 2 for a bad argument or a store that cannot be opened, 1 for a diarienummer no item has.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import click

if TYPE_CHECKING:  # the types load with the commands
    from pipeline.archive.cases import Case
    from pipeline.archive.completeness import CheckReport

F = TypeVar("F", bound=Callable[..., object])
DB_HELP = "The store: a SQLite file path or a postgresql:// URL (default $PROTOKOLL_DB, as for every command)."


def store_errors(command: F) -> F:
    """The store's one-line errors (pipeline/cli/store.py), loaded when the command runs."""
    @functools.wraps(command)
    def wrapper(*args: object, **kwargs: object) -> object:
        from pipeline.cli.store import one_line_errors

        return one_line_errors(command)(*args, **kwargs)
    return wrapper  # type: ignore[return-value]


@click.command(short_help="A case (ärende) through its bodies: every meeting that handled a diarienummer.")
@click.argument("dnr")
@click.option("--db", help=DB_HELP)
@click.option("--organisation", "--org", "organisation", help="Only this organisation (or part of its name).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@store_errors
def case(dnr: str, db: str | None, organisation: str | None, fmt: str) -> None:
    """The meetings that handled a case, in date order: body, date, §, decisions and kind, file and
    page. DNR may be written any way ("KS 2024/123", "KS2024-123", "Dnr 2024.123"); items whose
    text cites another body's § ("Kommunstyrelsens förslag § 45") join the case too.

    GET /api/cases/DNR answers the same object as --format json."""
    from pipeline.archive.cases import find_cases
    from pipeline.cli.store import fail
    from pipeline.store import open_store

    with open_store(db, create=False) as store:
        try:
            cases = find_cases(store, dnr, organisation)
        except ValueError as exc:
            fail(str(exc))
    if fmt == "json":
        click.echo(json.dumps({"query": dnr, "cases": [c.model_dump(mode="json") for c in cases]},
                              ensure_ascii=False, indent=2))
        return
    if not cases:
        fail(f"no item with the diarienummer '{dnr}' in the store", status=1)
    click.echo(render_cases(cases))


def render_cases(cases: list[Case]) -> str:
    out: list[str] = []
    for found in cases:
        out.append(f"{found.dnr}  {found.organisation or '(organisation unknown)'}  "
                   f"{len(found.steps)} step{'s' if len(found.steps) != 1 else ''}")
        for step in found.steps:
            out.append(f"  {step.date or '----------'}  {step.body or '-'}  {step.paragraph or '-'}  {step.title}")
            for decision in step.decisions:
                out.append(f"      [{decision.kind}] {decision.text}")
            via = "" if step.joined_by == "diarienummer" else f"  (via «{step.joined_by}»)"
            out.append(f"      {step.source} p. {step.page}{via}")
        out.append("")
    return "\n".join(out).rstrip()


@click.command(short_help="What the archive lacks: gaps in § series and meeting series, unadjusted "
                          "protokoll, unreadable files.")
@click.option("--db", help=DB_HELP)
@click.option("--organisation", "--org", "organisation", help="Only this organisation (or part of its name).")
@click.option("--body", help="Only this body (or part of its name).")
@click.option("--year", type=click.IntRange(1900, 2200), help="Only this year.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@store_errors
def check(db: str | None, organisation: str | None, body: str | None, year: int | None, fmt: str) -> None:
    """Per organisation, body and year: §§ missing or doubled across meetings, meetings missing
    from a regular series, protokoll without justerare, renderings that disagree, meetings only
    an utdrag records, files quarantined or needing OCR. Each finding names the meetings around it.

    GET /api/check answers the same object as --format json."""
    from pipeline.archive.completeness import check as check_archive
    from pipeline.store import open_store

    with open_store(db, create=False) as store:
        report = check_archive(store, organisation, body, year)
    if fmt == "json":
        click.echo(json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return
    click.echo(render_report(report))


def render_report(report: CheckReport) -> str:
    from pipeline.archive.completeness import span

    out = [f"{len(report.series)} series (organisation, body, year), {len(report.findings)} finding"
           f"{'s' if len(report.findings) != 1 else ''}", ""]
    for series in report.series:
        through = "numbered through the year" if series.numbered_through else "numbered per meeting"
        out.append(f"  {series.organisation or '-'} · {series.body or '-'} · {series.year or '-'}: "
                   f"{series.meetings} meeting{'s' if series.meetings != 1 else ''}, {series.paragraphs or 'no §'}"
                   f" ({through})")
    out.append("")
    for finding in report.findings:
        where = " · ".join(str(p) for p in (finding.organisation, finding.body, finding.year) if p) or "(unplaced)"
        numbers = f"  {span(finding.paragraphs)}" if finding.paragraphs else ""
        out.append(f"{finding.kind:<20} {where}{numbers}")
        if finding.detail:
            out.append(f"    {finding.detail}")
        for meeting in finding.meetings:
            out.append(f"    meeting {meeting.id}  {meeting.paragraphs or ''}")
        for name in finding.files:
            out.append(f"    file {name}")
    return "\n".join(out).rstrip()
