"""People across documents: one person whatever the spelling, their meetings, and the decisions
and items that name them."""

from __future__ import annotations

import pytest

from pipeline.store import SearchRequest, Store

BRITT_MARI = "brittmarienholmgahnström"


@pytest.mark.parametrize("spelling", ["Britt-Mari Enholm Gahnström", "Britt Mari Enholm Gahnström",
                                      "BRITT-MARI ENHOLM GAHNSTRÖM", "britt mari enholm-gahnström"])
def test_one_person_whatever_the_spelling(samples_store: Store, spelling: str) -> None:
    assert samples_store.find_persons(spelling) == [(BRITT_MARI, "Britt-Mari Enholm Gahnström")]


def test_a_persons_meetings_and_the_items_that_name_them(samples_store: Store) -> None:
    report = samples_store.person(BRITT_MARI)
    meetings = {(m.date, m.body, m.group) for m in report.attended}
    assert ("2024-09-30", "Utvecklingsrådet", "närvarande") in meetings
    assert ("2020-09-03", "Styrelsen", "beslutande") in meetings
    utvecklingsradet = next(m for m in report.attended if m.date == "2024-09-30")
    assert len(utvecklingsradet.sources) == 3  # one meeting, three renderings of its minutes
    assert utvecklingsradet.represents == "Arbetsförmedlingen"
    # the minutes write her name without the hyphen
    assert any("«Britt Mari Enholm Gahnström»" in hit.snippet for hit in report.mentions)


def test_which_meetings_did_rolf_urby_attend(samples_store: Store) -> None:
    (key, _), = samples_store.find_persons("rolf urby")
    report = samples_store.person(key)
    assert [(m.date, m.organisation, m.body) for m in report.attended] == [
        ("2024-09-30", "Samordningsförbundet Västmanland", "Utvecklingsrådet")]
    assert report.decisions == [] and {h.item_title for h in report.mentions} == {
        "Rådgivande myndighetsgemensamt team (RMGT)"}


def test_case_variants_are_one_person(samples_store: Store) -> None:
    """The attendee list writes "IngMarie Juring", the text "Ingmarie Juring"."""
    (key, name), = samples_store.find_persons("Ingmarie Juring")
    report = samples_store.person(key)
    assert name == "IngMarie Juring" and report.attended
    assert any("«Ingmarie Juring»" in hit.snippet for hit in report.mentions)


def test_decisions_that_name_a_person(samples_store: Store) -> None:
    (key, _), = samples_store.find_persons("Ingela Kilholm Lindström")
    report = samples_store.person(key)
    assert {(h.item_number, h.decision_kind) for h in report.decisions} == {(17, "decision")}
    assert len(report.decisions) == 3  # the three renderings of the protocol
    assert all("«Ingela Kilholm Lindström»" in h.snippet for h in report.decisions)
    found = samples_store.search(SearchRequest("protokolljusterare", person="ingela kilholm lindström"))
    assert found.hits and found.hits[0].item_number == 17


def test_part_of_a_name_finds_the_person_or_says_who_it_could_be(samples_store: Store) -> None:
    assert samples_store.find_persons("Urby") == [("rolfurby", "Rolf Urby")]
    several = samples_store.find_persons("Rolf")
    assert {name for _, name in several} >= {"Rolf Urby", "Rolf Korsbäck"}
    assert samples_store.find_persons("Ingen Sådan") == []
