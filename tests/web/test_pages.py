"""The server-rendered pages: search with highlights, facets and exports; meetings, decisions and
people; Swedish messages for bad input; nothing a user types is printed unescaped."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from pipeline.store import SearchRequest, Store
from schemas.record import Document
from tests.web.conftest import TestClient, meeting_of, record_named, renderings

PDF = "001_702812d2f0149fea__kommun.pdf"
SVM_DOCX = "004_90a6bde803d3bf45__kommun.docx"


def links(html: str, css_class: str | None = None) -> list[str]:
    pattern = r'<a[^>]*href="([^"]+)"' if css_class is None else rf'<a[^>]*class="{css_class}"[^>]*href="([^"]+)"'
    return [unescape(h) for h in re.findall(pattern, html)]


def text_of(html: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def test_search_shows_each_meeting_once_with_its_files_and_each_hit_once(client: TestClient, web_store: Store,
                                                                         records: list[Document]) -> None:
    page = client.get("/", params={"q": "bevilja", "decisions_only": "true"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert '<html lang="sv">' in page.text
    hits = web_store.search(SearchRequest("bevilja", decisions_only=True, limit=100)).hits
    by_sha = {r.sha256: r for r in records}
    meetings = {meeting_of(by_sha[h.sha256]) for h in hits}
    decisions = {(meeting_of(by_sha[h.sha256]), h.item_number, h.item_title) for h in hits}
    assert len(hits) == 3 * len(decisions) == 9  # every decision in three files
    assert f"{len(meetings)} sammanträden för «bevilja»" in text_of(page.text)
    assert page.text.count('<li class="meeting-hits">') == len(meetings) == 2
    assert page.text.count('<li class="hit">') == len(decisions) == 3
    for meeting in meetings:  # each meeting lists its three files
        files = renderings(records)[meeting]
        card = next(c for c in page.text.split('<li class="meeting-hits">')[1:] if files[0].source in c)
        assert all(f"/dokument/{r.sha256}" in card for r in files) and "3 filer" in text_of(card)
    assert "<mark>beviljas</mark>" in page.text and "«" not in page.text.split("</h1>")[1]
    sources = links(page.text, "source") + links(page.text, "source also")
    assert any(s.endswith("/fil#page=14") for s in sources) and any(s.endswith("/fil") for s in sources)
    decision = next(h for h in links(page.text) if "/beslut/" in h)
    assert client.get(decision).status_code == 200
    meeting = next(h for h in links(page.text) if h.startswith("/sammantrade/"))
    assert client.get(meeting).status_code == 200


def test_the_search_form_as_a_browser_submits_it(client: TestClient, records: list[Document]) -> None:
    """Every field sent, the empty ones blank: blank means not given."""
    form = {"q": "bevilja", "organisation": "", "body": "", "kind": "", "from": "", "to": "", "person": "",
            "min_amount": "", "max_amount": "", "decision_kind": "decision"}
    page = client.get("/", params=form)
    assert page.status_code == 200 and "1 sammanträde för «bevilja»" in text_of(page.text)
    decided = {(meeting_of(r), i.number or i.title, d.text) for r in records for i in r.items for d in i.decisions
               if d.kind == "decision"}
    assert client.get("/api/decisions", params={**form, "q": ""}).json()["total"] == len(decided) == 60 // 3
    too_long = client.get("/", params={**form, "organisation": "x" * 201})
    assert too_long.status_code == 400 and "Organisation är för lång (högst 200 tecken)" in text_of(too_long.text)


def test_facets_and_active_filters_narrow_and_widen(client: TestClient) -> None:
    page = client.get("/", params={"q": "styrelsen"})
    body_link = next(h for h in links(page.text) if "body=Utvecklingsr" in h)
    narrowed = client.get(body_link)
    assert "Organ: Utvecklingsrådet" in text_of(narrowed.text)
    counts = re.search(r"(\d+) sammanträde", text_of(narrowed.text))
    assert counts and int(counts.group(1)) < int(re.search(r"(\d+) sammanträde", text_of(page.text)).group(1))
    year = next(h for h in links(page.text) if "from=2023" in h)
    assert parse_qs(urlsplit(year).query)["to"] == ["2023"]
    remove = next(h for h in links(narrowed.text) if "body=" not in h and "q=styrelsen" in h and h.startswith("/?"))
    assert "Organ:" not in text_of(client.get(remove).text).split("sammanträde")[0]


def test_export_buttons_carry_the_current_search(client: TestClient) -> None:
    page = client.get("/", params={"q": "bevilja", "organisation": "Västmanland", "sida": "1"})
    exports = [h for h in links(page.text) if h.startswith("/api/export/")]
    assert len(exports) == 8
    for href in exports:
        query = parse_qs(urlsplit(href).query)
        assert query["q"] == ["bevilja"] and query["organisation"] == ["Västmanland"] and "sida" not in query
    word = next(h for h in exports if "decisions" in h and "format=docx" in h)
    response = client.get(word)
    assert response.status_code == 200 and response.content[:2] == b"PK"


def test_without_words_the_page_lists_the_meetings_with_their_files(client: TestClient,
                                                                    records: list[Document]) -> None:
    page = client.get("/", params={"kind": "protokoll", "from": "2024"})
    assert "1 sammanträde i arkivet med valda filter" in text_of(page.text)
    assert page.text.count("/sammantrade/") >= 1 and "Dokumenttyp: protokoll" in text_of(page.text)
    assert all(r.source in page.text for r in records if r.source.startswith("001_"))  # its three files
    everything = client.get("/")
    assert f"{len(renderings(records))} sammanträden i arkivet" in text_of(everything.text)
    assert everything.text.count('<a href="/sammantrade/') == len(renderings(records)) == 5


def test_a_meeting_page_has_attendees_items_and_decisions(client: TestClient, records: list[Document]) -> None:
    record = record_named(records, PDF)
    page = client.get(f"/dokument/{record.sha256}")
    text = text_of(page.text)
    assert page.status_code == 200 and "Samordningsförbundet Västmanland · Styrelsen" in text
    assert all(a.name in text for a in record.attendees)
    assert all(d.text in text for i in record.items for d in i.decisions)
    assert f'id="punkt-{len(record.items)}"' in page.text
    assert f"/dokument/{record.sha256}/fil#page={record.items[0].page_start}" in page.text


def test_a_decision_page_links_to_its_source_page_and_meeting(client: TestClient, records: list[Document]) -> None:
    record = record_named(records, SVM_DOCX)
    item = next(n for n, i in enumerate(record.items, 1) if len(i.decisions) == 2)
    page = client.get(f"/dokument/{record.sha256}/punkt/{item}/beslut/2")
    text = text_of(page.text)
    assert "Styrelsen beslutar att inte gå in i ÖMS-enheten i dagsläget" in text
    assert "Fler beslut i ärendet" in text and "tjänstemannen ska fortsätta" in text
    assert "Hämta källfilen (Word" in text  # a DOCX opens at no page: it downloads
    pdf = record_named(records, "004_90a6bde803d3bf45__kommun.pdf")
    pdf_page = client.get(f"/dokument/{pdf.sha256}/punkt/{item}/beslut/1")
    assert f'href="/dokument/{pdf.sha256}/fil#page=' in pdf_page.text and "Öppna källan på sidan" in pdf_page.text


def test_people_and_a_persons_page(client: TestClient) -> None:
    found = client.get("/personer", params={"namn": "britt mari"})
    person = next(h for h in links(found.text) if h.startswith("/person/"))
    page = client.get(person)
    text = text_of(page.text)
    assert "Britt-Mari Enholm Gahnström" in text and "Närvarande vid 2 sammanträden" in text
    assert "Ingen person i arkivet heter «Zlatan»" in text_of(client.get("/personer", params={"namn": "Zlatan"}).text)


@pytest.mark.parametrize(("params", "swedish"), [
    ({"q": "beslut", "from": "2024-13-45"}, "Från datum: «2024-13-45» är inget datum"),
    ({"to": "förra året"}, "Till datum: «förra året» är inget datum"),
    ({"min_amount": "många pengar"}, "Belopp från: «många pengar» är inget belopp"),
    ({"decision_kind": "kanske"}, "Beslutstyp: «kanske» finns inte att välja"),
    ({"q": "beslut", "sida": "-1"}, "Sidnummer ska vara minst 1"),
    ({"q": "beslut", "sida": "ett"}, "Sidnummer ska vara ett heltal"),
    ({"q": "-avslag"}, "Sökfrågan säger bara vad som ska uteslutas"),
])
def test_bad_input_gets_a_friendly_swedish_message(client: TestClient, params: dict[str, str], swedish: str) -> None:
    page = client.get("/", params=params)
    assert page.status_code == 400 and page.headers["content-type"].startswith("text/html")
    assert swedish in text_of(page.text)


def test_addresses_that_name_nothing_are_swedish_404_pages(client: TestClient, records: list[Document]) -> None:
    sha = record_named(records, PDF).sha256
    for path, swedish in ((f"/dokument/{'0' * 64}", "Dokumentet finns inte i arkivet."),
                          ("/dokument/etc-passwd", "Adressen pekar inte på något i arkivet."),
                          (f"/dokument/{sha}/punkt/99/beslut/1", "Beslutet finns inte i arkivet."),
                          (f"/dokument/{sha}/punkt/-3/beslut/1", "Adressen pekar inte på något i arkivet."),
                          ("/person/ingen-alls", "Personen finns inte i arkivet."),
                          ("/finns/inte", "Sidan finns inte.")):
        page = client.get(path)
        assert page.status_code == 404, path
        assert swedish in text_of(page.text), path


def test_what_a_user_types_is_escaped(client: TestClient) -> None:
    page = client.get("/", params={"q": '<script>alert("x")</script> styrelsen', "organisation": '"><img src=x>'})
    assert "<script>alert" not in page.text and "<img src=x>" not in page.text
    assert "&lt;script&gt;" in page.text


def test_a_misspelt_word_is_searched_as_the_archives_nearest_and_the_page_says_so(client: TestClient) -> None:
    page = client.get("/", params={"q": "samordningsteem"})
    assert page.status_code == 200
    assert "Visar resultat för «samordningsteam»" in text_of(page.text)
    answer = client.get("/api/search", params={"q": "samordningsteem"}).json()
    assert answer["corrected"] == "samordningsteam" and answer["notice"] == "Visar resultat för «samordningsteam»"
    exact = client.get("/api/search", params={"q": "samordningsteam"}).json()
    assert exact["notice"] is None and exact["total"] == answer["total"] > 0
