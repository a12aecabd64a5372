"""Cases through their bodies (pipeline/archive/cases.py) on inline records, on both backends: a
nämnd prepares, the kommunstyrelse proposes, the fullmäktige decides, each writing the
diarienummer its own way, and the later bodies cite the earlier ones' §§."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from pipeline.archive.cases import case_key_of, find_cases
from pipeline.archive.keys import Dnr, parse_dnr, references_in
from pipeline.store import Store
from schemas.record import Decision, Document, Item

KOMMUN = "Exempelby kommun"


def record(body: str, day: date, items: list[Item], organisation: str = KOMMUN, source: str | None = None,
           title: str | None = None) -> Document:
    name = source or f"{body}-{day}.pdf"
    return Document(source=name, sha256=hashlib.sha256(f"{organisation}{name}".encode()).hexdigest(), pages=3,
                    extractor_version="0.1.0", kind="protokoll", organisation=organisation, body=body,
                    meeting_date=day, title=title, items=items)


def item(number: int, title: str, dnr: str | None, text: str, decision: str, kind: str = "decision",
         prefix: str | None = None) -> Item:
    return Item(number=number, prefix=prefix, title=title, dnr=dnr, page_start=2, page_end=2,
                text=f"{text} {decision}", decisions=[Decision(kind=kind, text=decision, page=2)])


def nämnd_ks_kf() -> list[Document]:
    nämnd = record("Socialnämnden", date(2024, 3, 5), [
        item(11, "Budget 2025", "SN 2024/40", "Förvaltningen redovisar.", "Nämnden godkänner budgeten."),
        item(12, "Ny taxa för hemtjänst", "Dnr 2024.123", "Förvaltningen föreslår en ny taxa.",
             "Socialnämnden föreslår kommunstyrelsen att anta taxan.", "recommendation"),
    ])
    ks = record("Kommunstyrelsen", date(2024, 4, 2), [
        item(44, "Lokalförsörjning", "KS 2024/124", "Ärendet gäller lokaler.",
             "Kommunstyrelsen beslutar att godkänna planen."),
        item(45, "Taxa för hemtjänst", "KS2024-123",
             "Socialnämnden beslutade 2024-03-05, § 12, att föreslå en ny taxa.",
             "Kommunstyrelsen föreslår kommunfullmäktige att anta taxan.", "recommendation", prefix="KS"),
    ])
    kf = record("Kommunfullmäktige", date(2024, 4, 22), [
        item(30, "Taxa för hemtjänst", None, "Kommunstyrelsens förslag § 45 ligger till grund.",
             "Kommunfullmäktige beslutar att anta taxan.", prefix="KF"),
    ])
    elsewhere = record("Kommunstyrelsen", date(2024, 4, 2), [
        item(45, "Vägbelysning", "KS 2024/123", "Ett annat ärende i en annan kommun.", "Beslutas att bifalla."),
    ], organisation="Annanstad kommun")
    return [nämnd, ks, kf, elsewhere]


def test_diarienummer_written_differently_are_one_key() -> None:
    assert {parse_dnr(t) for t in ("KS 2024/123", "KS2024-123", "Dnr KS 2024.123", "2024.123 KS")} == {
        Dnr(2024, 123, "KS")}
    assert parse_dnr("Dnr 2024.123") == Dnr(2024, 123) and parse_dnr("Dnr 2024.123").matches(Dnr(2024, 123, "KS"))
    assert not Dnr(2024, 123, "BN").matches(Dnr(2024, 123, "KS"))
    assert parse_dnr("26/0001-1") == Dnr(2026, 1) and parse_dnr("Protokoll") is None


def test_references_name_the_body_the_paragraph_and_the_date() -> None:
    cited = references_in("Kommunfullmäktige beslutade den 11 december 2024 § 185 att anta planen, "
                          "se även kommunstyrelsens arbetsutskott § 84. Enligt 8 kap. 1 a § kommunallagen.")
    assert [(r.body_key, r.paragraph, r.day) for r in cited] == [
        ("kommunfullmäktige", 185, date(2024, 12, 11)), ("kommunstyrelsens arbetsutskott", 84, None)]
    assert references_in("Nämnden beslutade i § 4 att återremittera.") == []  # which nämnd is not said


def test_a_case_runs_from_the_namnd_through_ks_to_kf(empty_store: Store) -> None:
    for document in nämnd_ks_kf():
        empty_store.load(document)
    for written in ("KS 2024/123", "ks2024-123", "Dnr 2024.123"):
        cases = find_cases(empty_store, written, organisation="exempelby")
        assert len(cases) == 1, written
        steps = cases[0].steps
        assert [(s.body, s.date, s.number, s.decisions[0].kind) for s in steps] == [
            ("Socialnämnden", date(2024, 3, 5), 12, "recommendation"),
            ("Kommunstyrelsen", date(2024, 4, 2), 45, "recommendation"),
            ("Kommunfullmäktige", date(2024, 4, 22), 30, "decision")], written
        assert steps[2].joined_by == "Kommunstyrelsens förslag § 45" and steps[1].joined_by == "diarienummer"
        assert cases[0].key == "KS-2024-123" and cases[0].organisation == KOMMUN
    both = find_cases(empty_store, "KS 2024/123")
    assert [(c.organisation, len(c.steps)) for c in both] == [("Annanstad kommun", 1), (KOMMUN, 3)]
    assert [s.title for s in find_cases(empty_store, "KS 2024/124")[0].steps] == ["Lokalförsörjning"]


def test_every_item_of_the_case_links_to_it(empty_store: Store) -> None:
    documents = nämnd_ks_kf()
    for document in documents:
        empty_store.load(document)
    kf_item = empty_store.query("SELECT id FROM items WHERE sha256 = ?", (documents[2].sha256,))[0][0]
    assert case_key_of(empty_store, kf_item, None) == "KS-2024-123"
    budget = empty_store.query("SELECT id FROM items WHERE sha256 = ? AND number = 11", (documents[0].sha256,))[0][0]
    assert case_key_of(empty_store, budget, "SN 2024/40") == "SN-2024-40"


def test_a_citation_without_a_date_means_the_latest_earlier_meeting_of_that_body(empty_store: Store) -> None:
    older = record("Kommunstyrelsen", date(2023, 4, 3), [
        item(45, "Ett äldre ärende", "KS 2023/9", "Text.", "Beslutas att avslå.")])
    for document in [*nämnd_ks_kf(), older]:
        empty_store.load(document)
    steps = find_cases(empty_store, "KS 2024/123", organisation="exempelby")[0].steps
    assert "Ett äldre ärende" not in [s.title for s in steps]


def test_a_word_that_is_no_diarienummer_is_refused(empty_store: Store) -> None:
    with pytest.raises(ValueError, match="no diarienummer"):
        find_cases(empty_store, "hemtjänst")
