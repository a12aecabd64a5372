"""Reading the store for exports and pages (pipeline/store/browse.py) and finding stored files
(pipeline/store/files.py), on both backends. Expected values come from the extracted records
themselves, not from the code under test."""

from __future__ import annotations

import hashlib
import shutil
from datetime import date
from pathlib import Path

from extractors.text import fold
from pipeline.store import SearchRequest, Store
from pipeline.store.browse import (
    DecisionRow,
    attendee_rows,
    decision_rows,
    document_facets,
    list_documents,
    list_people,
    locate_hit,
    select_decisions,
)
from pipeline.store.files import read_stored_file, record_file, recorded_paths
from pipeline.store.migrations import LATEST
from schemas.record import Decision, Document, Item
from tests.conftest import SAMPLES

SVM = "004_90a6bde803d3bf45__kommun.docx"
MINUTES = "000_0723f1c5f5b75f48__kommun.docx"


def every_decision(records: dict[str, Document]) -> list[tuple[Document, Item, Decision]]:
    return [(r, i, d) for r in records.values() for i in r.items for d in i.decisions]


def day_of(record: Document) -> date | None:
    return record.meeting_date or record.document_date


def keys(rows: list[DecisionRow]) -> list[tuple[str, str, int, str]]:
    return [(r.sha256, r.item_title, r.page, r.text) for r in rows]


def expected_keys(found: list[tuple[Document, Item, Decision]]) -> set[tuple[str, str, int, str]]:
    return {(r.sha256, i.title, d.page, d.text) for r, i, d in found}


# -- decision rows --------------------------------------------------------------------------------

def test_every_stored_decision_is_one_row_built_from_its_models(samples_store: Store,
                                                                 sample_records: dict[str, Document]) -> None:
    rows = decision_rows(samples_store, SearchRequest(""))
    decisions = every_decision(sample_records)
    assert len(rows) == len(decisions) == 84
    assert sorted(keys(rows)) == sorted(expected_keys(decisions))
    by_key = {(r.sha256, r.item_title, r.text, r.page): r for r in rows}
    for record, item, decision in decisions:
        row = by_key[(record.sha256, item.title, decision.text, decision.page)]
        assert (row.kind, row.amounts, row.dnr, row.source) == (
            decision.kind, decision.amounts, item.dnr, record.source)
        assert (row.meeting_date, row.meeting_organisation, row.meeting_body) == (
            day_of(record), record.organisation, record.body)


def test_rows_come_in_meeting_order_and_record_order(samples_store: Store) -> None:
    rows = decision_rows(samples_store, SearchRequest(""))
    dates = [r.meeting_date for r in rows]
    assert dates == sorted(dates, key=lambda d: (d is None, d or date.min))
    svm = [r for r in rows if r.source == SVM]
    assert [r.paragraph for r in svm][:4] == ["SVM § 20", "SVM § 21", "SVM § 22", "SVM § 23"]
    assert [r.text for r in svm if r.paragraph == "SVM § 26"] == [
        "Styrelsen beslutar att tjänstemannen ska fortsätta att följa utvecklingen.",
        "Styrelsen beslutar att inte gå in i ÖMS-enheten i dagsläget"]


def test_meeting_filters_mean_what_they_mean_in_a_search(samples_store: Store,
                                                         sample_records: dict[str, Document]) -> None:
    decisions = every_decision(sample_records)
    cases = [
        (SearchRequest("", organisation="MÄLARDALEN"), lambda r, d: "mälardalen" in fold(r.organisation or "")),
        (SearchRequest("", body="utvecklingsråd"), lambda r, d: r.body == "Utvecklingsrådet"),
        (SearchRequest("", date_from=date(2024, 1, 1), date_to=date(2024, 6, 30)),
         lambda r, d: date(2024, 1, 1) <= (day_of(r) or date.min) <= date(2024, 6, 30)),
        (SearchRequest("", decision_kinds=("noted", "no_decision")), lambda r, d: d.kind in ("noted", "no_decision")),
        (SearchRequest("", kinds=("rapport",)), lambda r, d: r.kind == "rapport"),
        (SearchRequest("", min_amount=55_000), lambda r, d: any(a.value_sek >= 55_000 for a in d.amounts)),
        (SearchRequest("", person="ingela kilholm-lindström"),
         lambda r, d: any(a.name == "Ingela Kilholm Lindström" and a.group != "frånvarande" for a in r.attendees)),
    ]
    for request, keep in cases:
        expected = expected_keys([(r, i, d) for r, i, d in decisions if keep(r, d)])
        assert expected, request
        assert set(keys(decision_rows(samples_store, request))) == expected, request


def test_a_query_exports_the_decisions_among_the_search_hits(samples_store: Store) -> None:
    request = SearchRequest("bevilja", organisation="västmanland")
    hits = samples_store.search(SearchRequest("bevilja", organisation="västmanland", decisions_only=True, limit=1000))
    rows = decision_rows(samples_store, request)
    assert len(rows) == hits.total == 9
    assert {(h.sha256, h.item_title, h.page) for h in hits.hits} == {(r.sha256, r.item_title, r.page) for r in rows}
    assert sum(1 for r in rows if r.amounts and r.amounts[0].value_sek == 60_000) == 3  # § 26 in three renderings


def test_two_decisions_of_one_item_on_one_page_are_told_apart_by_the_snippet(
        samples_store: Store, sample_records: dict[str, Document]) -> None:
    record = sample_records[SVM]
    for words, expected in (("ÖMS-enheten", "Styrelsen beslutar att inte gå in i ÖMS-enheten i dagsläget"),
                            ("tjänstemannen", "Styrelsen beslutar att tjänstemannen ska fortsätta")):
        result = samples_store.search(SearchRequest(words, decisions_only=True, limit=50))
        hit = next(h for h in result.hits if h.sha256 == record.sha256)
        location = locate_hit(record, hit)
        assert location.item is not None and location.decision is not None
        assert record.items[location.item].decisions[location.decision].text.startswith(expected)


def test_attendee_rows_are_the_records_attendees(samples_store: Store, sample_records: dict[str, Document]) -> None:
    rows = attendee_rows(samples_store, SearchRequest(""))
    expected = [(r.sha256, a.name, a.group, a.role) for r in sample_records.values() for a in r.attendees]
    assert sorted((r.sha256, r.name, r.group, r.role) for r in rows) == sorted(expected)
    with_query = attendee_rows(samples_store, SearchRequest("ÖMS-enheten"))
    assert {r.source for r in with_query} == {SVM, SVM.replace("kommun.docx", "kommun.pdf"),
                                              SVM.replace("kommun.docx", "tryck.pdf")}


def test_select_decisions_gives_positions_in_the_record(samples_store: Store,
                                                        sample_records: dict[str, Document]) -> None:
    by_sha = {r.sha256: r for r in sample_records.values()}
    for sha, item, position in select_decisions(samples_store, SearchRequest("", decision_kinds=("recommendation",))):
        assert by_sha[sha].items[item].decisions[position].kind == "recommendation"


# -- documents, facets, people ----------------------------------------------------------------------

def test_documents_are_listed_newest_first_in_pages(samples_store: Store) -> None:
    total, first = list_documents(samples_store, SearchRequest("", limit=10))
    _, rest = list_documents(samples_store, SearchRequest("", limit=10, offset=10))
    assert total == 15 and len(first) == 10 and len(rest) == 5
    dates = [d.date for d in first + rest]
    assert dates == sorted(dates, reverse=True)
    svm = next(d for d in first + rest if d.source == SVM)
    assert (svm.items, svm.decisions, svm.kind) == (8, 9, "protokoll")
    assert list_documents(samples_store, SearchRequest("", organisation="norra"))[0] == 3


def test_document_facets_count_documents(samples_store: Store, sample_records: dict[str, Document]) -> None:
    facets = document_facets(samples_store, SearchRequest(""))
    assert dict(facets["kind"]) == {"protokoll": 6, "minnesanteckningar": 3, "rapport": 3, "verksamhetsplan": 3}
    assert sum(count for _, count in facets["year"]) == 15
    assert dict(facets["body"])["Styrelsen"] == sum(r.body == "Styrelsen" for r in sample_records.values())


def test_people_are_found_by_any_spelling_with_their_meetings(samples_store: Store) -> None:
    found = list_people(samples_store, "britt mari")
    # two meetings, each in three renderings
    assert [(p.name, p.meetings) for p in found] == [("Britt-Mari Enholm Gahnström", 2)]
    everyone = list_people(samples_store)
    assert len(everyone) == 51 and [p.name for p in everyone] == sorted((p.name for p in everyone), key=fold)
    assert list_people(samples_store, "nobody at all") == []


# -- stored files -------------------------------------------------------------------------------------

def test_a_stored_file_is_served_only_while_it_holds_its_content(empty_store: Store, tmp_path: Path,
                                                                 sample_records: dict[str, Document]) -> None:
    assert empty_store.schema_version() == LATEST >= 2
    record = sample_records[MINUTES]
    first, second = tmp_path / "a" / MINUTES, tmp_path / "b" / MINUTES
    for copy in (first, second):
        copy.parent.mkdir()
        shutil.copy(SAMPLES / MINUTES, copy)
    record_file(empty_store, record.sha256, first)
    assert read_stored_file(empty_store, record.sha256) is None, "a path alone is no stored document"
    empty_store.load(record)
    record_file(empty_store, record.sha256, second)
    record_file(empty_store, record.sha256, second)  # again: one row, a newer time
    assert sorted(recorded_paths(empty_store, record.sha256)) == [first.resolve(), second.resolve()]
    stored = read_stored_file(empty_store, record.sha256)
    assert stored is not None and hashlib.sha256(stored.content).hexdigest() == record.sha256
    assert (stored.name, stored.inline, stored.media_type.endswith("document")) == (MINUTES, False, True)
    second.write_bytes(b"changed")
    assert read_stored_file(empty_store, record.sha256).content == first.read_bytes()  # the other copy still holds it
    first.unlink()
    assert read_stored_file(empty_store, record.sha256) is None
    assert read_stored_file(empty_store, "../../etc/passwd") is None
    assert read_stored_file(empty_store, "0" * 64) is None
