"""`protokoll export decisions|attendees` in every format, read back with the csv module,
openpyxl, json and python-docx, and compared row by row with the records in the store."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner, Result
from docx.table import Table
from docx.text.paragraph import Paragraph

from extractors.text import fold
from pipeline.cli import main
from pipeline.exports import FORMULA_STARTS
from pipeline.exports.spreadsheet import to_xlsx
from pipeline.exports.tables import export, to_csv
from pipeline.store import SearchRequest, Store
from pipeline.store.browse import DecisionRow
from pipeline.store.labels import DECISION_KIND_LABELS
from schemas.record import Amount, Document, Item
from tests.web.conftest import meeting_of, renderings

KIND_SV = {"decision": "beslut", "noted": "noterat", "no_decision": "inget beslut", "recommendation": "rekommendation"}
DECISION_HEADER = ["Datum", "Organisation", "Organ", "§", "Ärende", "Diarienummer", "Beslutstyp", "Beslut",
                   "Belopp (kr)", "Källfil", "Sida", "SHA-256", "Sammanträde", "Filer"]
ATTENDEE_HEADER = ["Datum", "Sammanträdets organisation", "Organ", "Namn", "Grupp", "Roll", "Representerar", "Parti",
                   "Närvarande", "Källfil", "SHA-256", "Sammanträde", "Filer"]
DOCX_DECISION_HEADER = ["§", "Ärende", "Diarienummer", "Beslutstyp", "Beslut", "Belopp (kr)", "Sida"]
NBSP = "\u00a0"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def exported(web_db: str, tmp_path: Path, what: str, name: str, *options: str) -> Path:
    out = tmp_path / name
    result = run("export", what, "--db", web_db, "-o", str(out), *options)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.endswith(f"written to {out}\n")
    return out


def paragraph_of(item: Item) -> str | None:
    return f"{item.prefix + ' ' if item.prefix else ''}§ {item.number}" if item.number is not None else None


def expected_decisions(records: list[Document], keep: object = None) -> list[list[object]]:
    """One row per decision of every file, as the store's records give it: typed values, kinds in Swedish."""
    rows = []
    for r in records:
        for item in r.items:
            for d in item.decisions:
                if keep is None or keep(r, d):  # type: ignore[operator]
                    amount = d.amounts[0].value_sek if d.amounts else None
                    assert len(d.amounts) <= 1, "the samples have at most one amount per decision"
                    rows.append([r.meeting_date or r.document_date, r.organisation, r.body, paragraph_of(item),
                                 item.title, item.dnr, KIND_SV[d.kind], d.text, amount, r.source, d.page, r.sha256])
    return rows


def decision_key(row: list[object]) -> tuple:
    """A decision of a meeting, whichever file gives it: date, organisation, body, § (or title), text."""
    return (str(row[0]), row[1] or "", row[2] or "", row[3] or row[4], row[7])


def once_per_meeting(rows: list[list[object]], records: list[Document], keep: object = None,
                     cell: object = None) -> None:
    """Each decision the records hold once, as one of its files gives it (all the row's columns),
    with its meeting's id and all the meeting's files; in meeting order."""
    cell = cell or (lambda value: value)
    candidates: dict[tuple, list[list[object]]] = {}
    for row in expected_decisions(records, keep):
        candidates.setdefault(decision_key([cell(v) for v in row]), []).append([cell(v) for v in row])
    files = {r.sha256: sorted(x.source for x in renderings(records)[meeting_of(r)]) for r in records}
    assert len(rows) == len(candidates)
    assert {decision_key(row) for row in rows} == set(candidates)
    meeting_ids: dict[object, object] = {}
    for row in rows:
        assert list(row[:12]) in candidates[decision_key(row)], row
        assert sorted(str(row[13]).split("; ") if isinstance(row[13], str) else row[13]) == files[str(row[11])]
        assert meeting_ids.setdefault((row[0], row[1], row[2]), row[12]) == row[12] and row[12]
    days = [str(row[0]) for row in rows]
    assert days == sorted(days)


def as_csv_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    return "'" + text if isinstance(value, str) and text.startswith(FORMULA_STARTS) else text


def read_csv(path: Path, delimiter: str = ";") -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig")), delimiter=delimiter))


def docx_blocks(path: Path) -> Iterator[Paragraph | Table]:
    """The document's paragraphs and tables in reading order."""
    document = docx.Document(str(path))
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            yield Paragraph(child, document)
        elif child.tag.endswith("}tbl"):
            yield Table(child, document)


def docx_meetings(path: Path) -> list[tuple[str, str, list[list[str]]]]:
    """(heading, source line, table rows) per meeting of an exported DOCX."""
    meetings: list[tuple[str, str, list[list[str]]]] = []
    blocks = list(docx_blocks(path))
    for n, block in enumerate(blocks):
        if isinstance(block, Paragraph) and block.style.name == "Heading 1":
            source, table = blocks[n + 1], blocks[n + 2]
            assert isinstance(source, Paragraph) and isinstance(table, Table)
            meetings.append((block.text, source.text, [[c.text for c in row.cells] for row in table.rows]))
    return meetings


# -- decisions --------------------------------------------------------------------------------------

def test_csv_is_utf8_with_bom_semicolons_and_every_decision_once(web_db: str, tmp_path: Path,
                                                                 records: list[Document]) -> None:
    path = exported(web_db, tmp_path, "decisions", "beslut.csv")  # the format from the suffix
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = read_csv(path)
    assert rows[0] == DECISION_HEADER
    assert len(expected_decisions(records)) == 84 and len(rows) - 1 == 28  # 15 files, five meetings
    once_per_meeting(rows[1:], records, cell=as_csv_text)
    grants = [r for r in rows[1:] if r[3] == "SFV § 26"]
    assert [(r[0], r[6], r[8]) for r in grants] == [("2024-05-27", "beslut", "60000")]


def test_csv_takes_a_comma_when_asked(web_db: str, tmp_path: Path, records: list[Document]) -> None:
    path = exported(web_db, tmp_path, "decisions", "beslut-komma.csv", "--delimiter", ",")
    rows = read_csv(path, delimiter=",")
    assert rows[0] == DECISION_HEADER and len(rows) == 29
    once_per_meeting(rows[1:], records, cell=as_csv_text)


def test_xlsx_has_typed_dates_and_numbers_a_header_and_widths(web_db: str, tmp_path: Path,
                                                              records: list[Document]) -> None:
    path = exported(web_db, tmp_path, "decisions", "beslut.xlsx")
    sheet = openpyxl.load_workbook(path).active
    assert sheet.title == "Beslut" and sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:N29"
    header = sheet[1]
    assert [c.value for c in header] == DECISION_HEADER and all(c.font.bold for c in header)
    cells = list(sheet.iter_rows(min_row=2))
    values = [[c.value.date() if isinstance(c.value, datetime) else c.value for c in row] for row in cells]
    once_per_meeting(values, records)
    for row in cells:
        day, amount, page = row[0], row[8], row[10]
        assert day.is_date and day.number_format == "yyyy-mm-dd" and isinstance(day.value, datetime)
        assert page.data_type == "n"
        if amount.value is not None:
            assert amount.data_type == "n" and amount.number_format == "#,##0"
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABCDEFGHIJKL"}
    assert all(width >= 6 for width in widths.values())
    assert widths["H"] == 62 and sheet["H2"].alignment.wrap_text  # decision text: wrapped at a bounded width
    assert widths["L"] == 66 and not sheet["L2"].alignment.wrap_text  # a sha256 keeps its line


def test_json_lines_are_one_decision_object_each(web_db: str, tmp_path: Path, records: list[Document]) -> None:
    path = exported(web_db, tmp_path, "decisions", "beslut.jsonl")
    objects = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert list(objects[0]) == ["meeting_date", "meeting_organisation", "meeting_body", "paragraph", "item_title",
                                "dnr", "kind", "text", "amounts", "source", "page", "sha256", "meeting", "files"]
    by_sha = {r.sha256: r for r in records}
    rows = []
    for obj in objects:
        record = by_sha[obj["sha256"]]
        item = next(i for i in record.items if i.title == obj["item_title"] and paragraph_of(i) == obj["paragraph"])
        decision = next(d for d in item.decisions if d.text == obj["text"] and d.page == obj["page"])
        assert obj["amounts"] == [a.model_dump(mode="json") for a in decision.amounts] and obj["dnr"] == item.dnr
        assert obj["meeting_date"] == (record.meeting_date or record.document_date).isoformat()
        rows.append([date.fromisoformat(obj["meeting_date"]), obj["meeting_organisation"], obj["meeting_body"],
                     obj["paragraph"], obj["item_title"], obj["dnr"], KIND_SV[obj["kind"]], obj["text"],
                     obj["amounts"][0]["value_sek"] if obj["amounts"] else None, obj["source"], obj["page"],
                     obj["sha256"], obj["meeting"], obj["files"]])
    once_per_meeting(rows, records)


def test_docx_is_a_beslutsforteckning_grouped_by_meeting(web_db: str, tmp_path: Path,
                                                         records: list[Document]) -> None:
    path = exported(web_db, tmp_path, "decisions", "beslut.docx", "--from", "2024")
    first, second = list(docx_blocks(path))[:2]
    assert isinstance(first, Paragraph) and first.style.name == "Title" and first.text == "Beslutsförteckning"
    assert isinstance(second, Paragraph) and second.text == "Urval: från 2024-01-01"
    kept = [files for files in renderings(records).values()
            if (files[0].meeting_date or files[0].document_date) >= date(2024, 1, 1)
            and any(i.decisions for i in files[0].items)]
    meetings = docx_meetings(path)
    assert len(meetings) == len(kept) == 2  # one heading per meeting, not one per file
    for (heading, source, rows), files in zip(meetings, kept, strict=True):
        record = files[0]
        day = (record.meeting_date or record.document_date).isoformat()
        assert heading == " · ".join(p for p in (day, record.organisation, record.body) if p)
        assert source.startswith("Källor: ") and sorted(source[8:].split(", ")) == sorted(r.source for r in files)
        assert rows[0] == DOCX_DECISION_HEADER
        given = [[[paragraph_of(i) or "", i.title, i.dnr or "", KIND_SV[d.kind], d.text,
                   "\n".join(f"{a.value_sek:,}".replace(",", NBSP) + f"{NBSP}kr" for a in d.amounts),
                   str(d.page)] for i in r.items for d in i.decisions] for r in files]
        assert any(rows[1:] == one for one in given)  # the decisions as one of its files gives them
    grant = next(row for _, _, rows in meetings for row in rows if row[0] == "SFV § 26")
    assert grant[3:6] == ["beslut", "Att bevilja 60 tkr för processtöd för utveckling och implementering av MGT "
                          "i länet", f"60{NBSP}000{NBSP}kr"]


def test_filters_and_swedish_kind_names_select_the_rows(web_db: str, tmp_path: Path,
                                                       records: list[Document]) -> None:
    path = exported(web_db, tmp_path, "decisions", "noterat.csv", "--from", "2024", "--to", "2024-06",
                    "--kind", "noterat", "--kind", "inget-beslut", "--organisation", "VÄSTMANLAND")
    def keep(r: Document, d: object) -> bool:
        return (date(2024, 1, 1) <= (r.meeting_date or r.document_date) <= date(2024, 6, 30)
                and d.kind in ("noted", "no_decision") and "västmanland" in fold(r.organisation))  # type: ignore[attr-defined]
    assert len(expected_decisions(records, keep)) == 6
    once_per_meeting(read_csv(path)[1:], records, keep, cell=as_csv_text)


def test_a_query_exports_the_decisions_among_its_hits(web_db: str, tmp_path: Path, web_store: Store) -> None:
    path = exported(web_db, tmp_path, "decisions", "bevilja.jsonl", "--query", "bevilja")
    objects = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    hits = web_store.search(SearchRequest("bevilja", decisions_only=True, limit=1000))
    assert {(o["sha256"], o["item_title"], o["page"]) for o in objects} <= {
        (h.sha256, h.item_title, h.page) for h in hits.hits}
    meetings = {(o["meeting"], o["item_title"], o["text"]) for o in objects}
    assert len(objects) == len(meetings) == hits.total // 3 > 0  # every hit is in three files of one meeting


def test_an_empty_selection_still_makes_a_readable_file(web_db: str, tmp_path: Path) -> None:
    csv_path = exported(web_db, tmp_path, "decisions", "tom.csv", "--from", "1990", "--to", "1990")
    assert read_csv(csv_path) == [DECISION_HEADER]
    docx_path = exported(web_db, tmp_path, "decisions", "tom.docx", "--from", "1990", "--to", "1990")
    assert "Inga beslut motsvarar urvalet." in [b.text for b in docx_blocks(docx_path) if isinstance(b, Paragraph)]


# -- attendees ----------------------------------------------------------------------------------------

def test_attendees_per_meeting_in_every_format(web_db: str, tmp_path: Path, records: list[Document]) -> None:
    kept = [r for r in records if r.organisation and "mälardalen" in fold(r.organisation)]
    assert len(kept) == 3 and len({meeting_of(r) for r in kept}) == 1  # one meeting in three renderings
    files = sorted(r.source for r in kept)
    options = ("--organisation", "mälardalen")
    rows = read_csv(exported(web_db, tmp_path, "attendees", "narvaro.csv", *options))
    assert rows[0] == ATTENDEE_HEADER and len(rows) - 1 == 19  # the meeting's attendees once, not per file
    shown = next(r for r in kept if r.source == rows[1][9])
    expected = [[(r.meeting_date or r.document_date), r.organisation, r.body, a.name, a.group, a.role,
                 a.organisation, a.party, a.present_for, r.source, r.sha256] for r in [shown] for a in r.attendees]
    assert [row[:11] for row in rows[1:]] == [[as_csv_text(v) for v in row] for row in expected]
    assert all(sorted(row[12].split("; ")) == files and row[11] for row in rows[1:])
    sheet = openpyxl.load_workbook(exported(web_db, tmp_path, "attendees", "narvaro.xlsx", *options)).active
    values = [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert [[v.date() if isinstance(v, datetime) else v for v in row[:11]] for row in values] == expected
    objects = [json.loads(line) for line in
               exported(web_db, tmp_path, "attendees", "narvaro.jsonl", *options).read_text().splitlines()]
    assert [(o["name"], o["group"], o["present_for"]) for o in objects] == [(e[3], e[4], e[8]) for e in expected]
    meetings = docx_meetings(exported(web_db, tmp_path, "attendees", "narvaro.docx", *options))
    assert len(meetings) == 1 and sorted(meetings[0][1][8:].split(", ")) == files
    assert meetings[0][2][0] == ["Namn", "Grupp", "Roll", "Representerar", "Parti", "Närvarande"]
    assert [row[0] for row in meetings[0][2][1:]] == [a.name for a in shown.attendees]


# -- the formats' details ---------------------------------------------------------------------------

def grant_row(text: str, amounts: list[int]) -> DecisionRow:
    return DecisionRow(meeting_date=date(2024, 5, 27), meeting_organisation="Kommunen", meeting_body="Nämnden",
                       source="p.pdf", sha256="0" * 64, paragraph="§ 1", item_title="Bidrag", dnr=None,
                       kind="decision", text=text, page=2,
                       amounts=[Amount(value_sek=v, raw=f"{v} kr", page=2) for v in amounts])


def test_text_a_spreadsheet_would_run_as_a_formula_stays_text() -> None:
    rows = [grant_row('=HYPERLINK("http://x")', []), grant_row("-avslag", []), grant_row("Beviljas", [])]
    parsed = list(csv.reader(io.StringIO(to_csv(rows, DecisionRow).decode("utf-8-sig")), delimiter=";"))
    assert [r[7] for r in parsed[1:]] == ["'=HYPERLINK(\"http://x\")", "'-avslag", "Beviljas"]
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(rows, DecisionRow))).active
    assert sheet["H2"].data_type == "s" and sheet["H2"].value == '=HYPERLINK("http://x")'


def test_several_amounts_of_one_decision_get_a_column_each() -> None:
    rows = [grant_row("Två belopp", [50_000, 1_500_000]), grant_row("Inget belopp", [])]
    parsed = list(csv.reader(io.StringIO(to_csv(rows, DecisionRow).decode("utf-8-sig")), delimiter=";"))
    assert parsed[0][8:10] == ["Belopp (kr)", "Belopp (kr) 2"]
    assert [r[8:10] for r in parsed[1:]] == [["50000", "1500000"], ["", ""]]
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(rows, DecisionRow))).active
    assert (sheet["I2"].value, sheet["J2"].value, sheet["J2"].number_format) == (50_000, 1_500_000, "#,##0")


def test_an_unknown_format_or_delimiter_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        export([], DecisionRow, "pdf")
    with pytest.raises(ValueError, match="delimiter"):
        to_csv([], DecisionRow, "\t")


def test_every_column_has_a_swedish_header() -> None:
    from pipeline.store.browse import AttendeeRow
    for row_type in (DecisionRow, AttendeeRow):
        assert all(name in row_type.labels for name in row_type.columns()), row_type


# -- the command line ---------------------------------------------------------------------------------

def test_bad_options_end_in_one_line_and_exit_2(web_db: str, tmp_path: Path) -> None:
    for args, message in (
        (("--from", "2024-13"), "invalid --from '2024-13'"),
        (("--query", "-avslag"), "only says what to leave out"),
        (("--kind", "kanske"), None),
    ):
        result = run("export", "decisions", "--db", web_db, *args)
        assert result.exit_code == 2, (args, result.stdout)
        if message:
            assert result.stderr.startswith("protokoll: ") and message in result.stderr
            assert result.stderr.count("\n") == 1
    missing = run("export", "attendees", "--db", str(tmp_path / "saknas.db"))
    assert missing.exit_code == 2 and "no store at" in missing.stderr


def test_an_output_suffix_no_format_has_is_refused_naming_those_that_exist(web_db: str, tmp_path: Path) -> None:
    target = tmp_path / "beslut.txt"
    result = run("export", "decisions", "--db", web_db, "-o", str(target))
    assert result.exit_code == 2 and result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("protokoll: beslut.txt: ") and "'.txt'" in result.stderr
    assert all(suffix in result.stderr for suffix in (".csv", ".xlsx", ".jsonl", ".docx", "--format"))
    assert not target.exists()  # nothing written under a name that says otherwise
    named = run("export", "decisions", "--db", web_db, "-o", str(target), "--format", "json")
    assert named.exit_code == 0, named.stderr  # the format named outright is written, whatever the suffix
    assert json.loads(target.read_text(encoding="utf-8").splitlines()[0])["kind"] in DECISION_KIND_LABELS
    bare = tmp_path / "beslut"
    assert run("export", "decisions", "--db", web_db, "-o", str(bare)).exit_code == 0
    assert bare.read_bytes().startswith(b"\xef\xbb\xbf")  # no suffix at all: CSV, the default


def test_csv_and_json_go_to_standard_output(web_db: str) -> None:
    result = run("export", "decisions", "--db", web_db, "--kind", "recommendation")
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"\xef\xbb\xbf") and len(result.stdout_bytes.splitlines()) == 1 + 1
    lines = run("export", "attendees", "--db", web_db, "--format", "json", "--body", "utvecklingsrådet").stdout
    assert len(lines.splitlines()) == 18  # one meeting's attendees, once
