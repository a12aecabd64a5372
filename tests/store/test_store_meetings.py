"""Meetings and completeness (pipeline/archive/meetings.py, completeness.py) on inline records, on
both backends: files of one meeting are its renderings; an utdrag adds its §§; renderings that
disagree are shown as such; gaps, doubles and missing meetings of a body's series are found."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

from pipeline.archive.completeness import check
from pipeline.archive.meetings import list_meetings, meeting_by_id, meetings_of, read_meeting
from pipeline.store import SearchRequest, Store
from schemas.record import Decision, Document, Item

KOMMUN = "Exempelby kommun"


def item(number: int | None, title: str, decision: str | None = None) -> Item:
    decisions = [Decision(kind="decision", text=decision, page=1)] if decision else []
    return Item(number=number, title=title, page_start=1, page_end=1, text=decision or title, decisions=decisions)


def minutes(source: str, day: date, numbers: list[int], body: str = "Kommunstyrelsen",
            organisation: str | None = KOMMUN, time: str | None = None, version: str = "0.1.0",
            title: str | None = "Protokoll", adjusters: tuple[str, ...] = ("Anna Ek",), chair: str | None = "Per Holm",
            kind: str = "protokoll") -> Document:
    return Document(source=source, sha256=hashlib.sha256(source.encode()).hexdigest(), pages=4,
                    extractor_version=version, kind=kind, organisation=organisation, body=body, meeting_date=day,
                    time=time, title=title, adjusters=list(adjusters), chair=chair,
                    items=[item(n, f"Ärende {n}", f"Beslutas om ärende {n}.") for n in numbers])


def load(store: Store, *documents: Document) -> None:
    for document in documents:
        store.load(document)


def test_the_files_of_one_meeting_are_its_renderings(empty_store: Store) -> None:
    day = date(2024, 3, 5)
    docx = minutes("ks.docx", day, [1, 2, 3], time="13.00-16.00")
    pdf = minutes("ks.pdf", day, [1, 2, 3], time="kl. 13.00 – 16.00", organisation=None)  # no name in its header
    newer = minutes("ks-ny.pdf", day, [1, 2, 3], version="0.2.0")
    other_body = minutes("sn.pdf", day, [1, 2], body="Socialnämnden")
    load(empty_store, docx, pdf, newer, other_body)
    meetings = meetings_of(empty_store, [docx.sha256, other_body.sha256])
    ks = meetings[docx.sha256]
    assert sorted(d.source for d in ks.renderings) == ["ks-ny.pdf", "ks.docx", "ks.pdf"]
    assert ks.primary.source == "ks-ny.pdf"  # the newest extractor's text is shown
    assert meetings[other_body.sha256].id != ks.id
    assert ks.id == "2024-03-05_exempelby-kommun_kommunstyrelsen" and meeting_by_id(empty_store, ks.id).id == ks.id
    assert [m.id for m in list_meetings(empty_store, SearchRequest(""))] == sorted(
        [ks.id, meetings[other_body.sha256].id])


def test_two_meetings_of_one_body_on_one_day_are_told_apart_by_their_paragraphs(empty_store: Store) -> None:
    day = date(2024, 3, 5)
    morning = minutes("fm.pdf", day, [10, 11, 12], time="09.00-11.00")
    morning_copy = minutes("fm.docx", day, [10, 11, 12], time="09.15-11.00")  # misread time, same §§
    afternoon = minutes("em.pdf", day, [13, 14], time="14.00-15.00")
    load(empty_store, morning, morning_copy, afternoon)
    meetings = meetings_of(empty_store, [morning.sha256, afternoon.sha256, morning_copy.sha256])
    assert meetings[morning.sha256].id == meetings[morning_copy.sha256].id != meetings[afternoon.sha256].id
    assert meetings[afternoon.sha256].id.endswith("_14-00")


def test_an_utdrag_adds_its_paragraphs_and_disagreeing_renderings_are_shown(empty_store: Store) -> None:
    day = date(2024, 3, 5)
    full = minutes("ks.pdf", day, [1, 2, 3, 5])
    other = minutes("ks.docx", day, [1, 2, 3])  # lacks § 5
    extract = minutes("utdrag-4.pdf", day, [4], title="Protokollsutdrag", adjusters=(), chair=None)
    load(empty_store, full, other, extract)
    meeting = meetings_of(empty_store, [full.sha256])[full.sha256]
    record = read_meeting(empty_store, meeting)
    assert [i.number for i in record.items] == [1, 2, 3, 4, 5]
    four = next(i for i in record.items if i.number == 4)
    assert four.from_extract and four.found_in == ["utdrag-4.pdf"] and four.missing_from == []
    assert [(d.paragraph, d.found_in, d.missing_from) for d in record.disagreements] == [
        ("§ 5", ["ks.pdf"], ["ks.docx"])]
    assert [r.extract for r in record.renderings] == [False, False, True]
    findings = check(empty_store).findings
    assert [(f.kind, f.paragraphs, f.files) for f in findings if f.kind == "disagreement"] == [
        ("disagreement", [5], ["ks.docx"])]


def test_a_body_numbering_through_the_year_shows_gaps_and_doubles(empty_store: Store) -> None:
    load(empty_store,
         minutes("jan.pdf", date(2024, 1, 15), [1, 2, 3, 4]),
         minutes("feb.pdf", date(2024, 2, 12), [5, 6, 8]),  # § 7 missing inside
         minutes("apr.pdf", date(2024, 4, 8), [12, 13]),  # §§ 9-11: the March meeting was never archived
         minutes("maj.pdf", date(2024, 5, 6), [13, 14], adjusters=()))  # § 13 twice, no justerare
    report = check(empty_store, organisation="exempelby")
    found = {(f.kind, tuple(f.paragraphs), tuple(m.id[:10] for m in f.meetings)) for f in report.findings}
    assert found == {
        ("paragraph_gap", (7,), ("2024-02-12",)),
        ("paragraph_gap", (9, 10, 11), ("2024-02-12", "2024-04-08")),
        ("paragraph_duplicate", (13,), ("2024-04-08", "2024-05-06")),
        ("not_adjusted", (), ("2024-05-06",)),
    }
    assert [(s.body, s.year, s.meetings, s.paragraphs, s.numbered_through) for s in report.series] == [
        ("Kommunstyrelsen", 2024, 4, "§§ 1–14", True)]
    assert check(empty_store, year=2023).findings == []


def test_a_body_numbering_each_meeting_from_one_is_checked_inside_each_meeting(empty_store: Store) -> None:
    load(empty_store,
         minutes("s1.pdf", date(2024, 1, 10), [1, 2, 3], body="Styrelsen"),
         minutes("s2.pdf", date(2024, 2, 10), [1, 2, 4], body="Styrelsen"),  # 3 missing
         minutes("s3.pdf", date(2024, 3, 10), [2, 4, 6, 8], body="Styrelsen"))  # numbered by twos: no gap
    findings = check(empty_store).findings
    assert [(f.kind, f.paragraphs, f.meetings[0].id[:10]) for f in findings] == [("paragraph_gap", [3], "2024-02-10")]


def test_a_meeting_missing_from_a_steady_series_is_found(empty_store: Store) -> None:
    first = date(2023, 1, 9)
    days = [first + timedelta(weeks=4 * n) for n in range(8) if n != 4]  # every four weeks, one left out
    load(empty_store, *(minutes(f"m{n}.pdf", day, [1, 2], body="Nämnden") for n, day in enumerate(days)))
    gaps = [f for f in check(empty_store).findings if f.kind == "meeting_gap"]
    assert [(g.meetings[0].date, g.meetings[1].date) for g in gaps] == [(days[3], days[4])]
    assert gaps[0].detail == "56 days between meetings held every 28 days"


def test_an_extract_alone_and_unreadable_files_are_findings(empty_store: Store) -> None:
    # no title says so: an utdrag by its shape (one §, nothing of the meeting around it)
    load(empty_store, minutes("utdrag.pdf", date(2022, 10, 24), [174], body="Samhällsbyggnadsnämnden", title=None,
                              adjusters=(), chair=None))
    with empty_store.transaction():
        empty_store.execute("INSERT INTO quarantine (sha256, path, copy, reason, extractor_version, run_id, "
                            "quarantined_at) VALUES (?, ?, NULL, ?, '0.1.0', NULL, '2024-01-01T00:00:00')",
                            ("f" * 64, "/inkorg/skannad.pdf", "no text layer (needs OCR)"))
    kinds = [(f.kind, f.files) for f in check(empty_store).findings]
    assert ("extract_only", ["utdrag.pdf"]) in kinds and ("needs_ocr", ["/inkorg/skannad.pdf"]) in kinds
    assert not any(kind == "not_adjusted" for kind, _ in kinds)  # an utdrag names no justerare
    assert not any(kind == "paragraph_gap" for kind, _ in kinds)  # §§ 1-173 are the protokoll's, not lost


def test_a_break_across_which_the_paragraphs_run_on_is_no_missing_meeting(empty_store: Store) -> None:
    days = [date(2024, 1, 15), date(2024, 2, 12), date(2024, 3, 11), date(2024, 4, 15), date(2024, 5, 13),
            date(2024, 6, 10), date(2024, 8, 19), date(2024, 9, 16)]  # no meeting in July: the summer
    load(empty_store, *(minutes(f"ks{n}.pdf", day, [3 * n + 1, 3 * n + 2, 3 * n + 3]) for n, day in enumerate(days)))
    assert check(empty_store).findings == []


def test_justerare_the_text_names_are_justerare(empty_store: Store) -> None:
    """Extraction may miss the names; "Till justeringsmän för dagens protokoll valdes ..." still
    shows the protokoll names its justerare. "Justering av budgeten" is no justerare."""
    named = minutes("stamma.pdf", date(2021, 8, 15), [1, 2], body="Årsstämman", adjusters=())
    named.items[1].text = "Till justeringsmän för dagens protokoll valdes Anne Ek och Jan Holm."
    unnamed = minutes("styrelse.pdf", date(2021, 9, 1), [1, 2], body="Styrelsen", adjusters=())
    unnamed.items[1].text = "Justering av budgeten för vägunderhållet diskuterades."
    load(empty_store, named, unnamed)
    assert [(f.kind, f.files) for f in check(empty_store).findings] == [("not_adjusted", ["styrelse.pdf"])]


def test_numbered_sections_of_statutes_or_a_report_are_no_paragraph_series(empty_store: Store) -> None:
    load(empty_store,
         minutes("stadgar.pdf", date(2024, 5, 1), [7, 8, 12, 14], body="Föreningen", kind="annat"),
         minutes("plan.pdf", date(2024, 5, 2), [1, 3], body="Styrelsen", kind="verksamhetsplan"),
         minutes("anteckningar.pdf", date(2024, 5, 3), [1, 2, 4], body="Referensgruppen", kind="minnesanteckningar"))
    findings = check(empty_store).findings
    assert [(f.kind, f.paragraphs, f.body) for f in findings] == [("paragraph_gap", [3], "Referensgruppen")]
