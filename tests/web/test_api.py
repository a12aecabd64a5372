"""The JSON API under /api with FastAPI's test client over a real store: answers compared with the
store's records, bad parameters, files served only by sha256, and path-traversal attempts."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.store import SearchRequest, Store
from pipeline.web import create_app
from schemas.record import Document
from tests.web.conftest import BASE_URL, TestClient, meeting_of, record_named, renderings, sample_path

PDF = "001_702812d2f0149fea__kommun.pdf"
DOCX = "001_702812d2f0149fea__kommun.docx"
PASSWD_MARK = "root:"  # what /etc/passwd would give away


def message(response: object) -> str:
    body = response.json()  # type: ignore[attr-defined]
    return body.get("message") or str(body["detail"])


# -- search -------------------------------------------------------------------------------------------

def test_search_gives_the_stores_hits_with_meetings_and_working_links(client: TestClient, web_store: Store) -> None:
    response = client.get("/api/search", params={"q": "bevilja", "decision_kind": "decision", "limit": 50})
    assert response.status_code == 200
    body = response.json()
    expected = web_store.search(SearchRequest("bevilja", decision_kinds=("decision",), limit=50, facets=True))
    assert body["total"] == expected.total == 6
    assert [(h["sha256"], h["page"], h["snippet"]) for h in body["hits"]] == [
        (h.sha256, h.page, h.snippet) for h in expected.hits]
    assert body["facets"]["decision_kind"] == [{"value": "decision", "count": 6}]
    hit = next(h for h in body["hits"] if h["source"] == PDF and h["item_number"] == 26)
    assert hit["meeting"]["date"] == "2024-05-27" and hit["meeting"]["body"] == "Styrelsen"
    assert hit["links"]["file"] == f"/dokument/{hit['sha256']}/fil#page=14"
    decision_page = client.get(hit["links"]["decision"])
    assert decision_page.status_code == 200 and "Att bevilja 60 tkr" in decision_page.text
    pdf = client.get(hit["links"]["file"].split("#")[0])
    assert pdf.headers["content-type"] == "application/pdf"
    assert hashlib.sha256(pdf.content).hexdigest() == hit["sha256"]


def test_search_pages_through_the_hits(client: TestClient) -> None:
    first = client.get("/api/search", params={"q": "styrelsen", "limit": 5}).json()
    second = client.get("/api/search", params={"q": "styrelsen", "limit": 5, "offset": 5}).json()
    assert first["total"] == second["total"] > 10
    assert len(first["hits"]) == len(second["hits"]) == 5
    assert {(h["sha256"], h["snippet"]) for h in first["hits"]}.isdisjoint(
        (h["sha256"], h["snippet"]) for h in second["hits"])


# -- documents, decisions, people -------------------------------------------------------------------

def test_a_document_is_its_record_and_the_list_filters(client: TestClient, records: list[Document]) -> None:
    record = record_named(records, PDF)
    assert client.get(f"/api/documents/{record.sha256}").json() == record.model_dump(mode="json")
    listing = client.get("/api/documents", params={"kind": "protokoll", "from": "2024"}).json()
    assert listing["total"] == 3 and {d["source"][:20] for d in listing["documents"]} == {"001_702812d2f0149fea"}
    assert listing["documents"][0]["links"]["record"] == f"/api/documents/{listing['documents'][0]['sha256']}"
    assert listing["facets"]["kind"] == [{"value": "protokoll", "count": 3}]


def test_decisions_are_listed_in_meeting_order_once_and_found_one_by_one(client: TestClient,
                                                                         records: list[Document]) -> None:
    everything = client.get("/api/decisions", params={"limit": 1000}).json()
    by_meeting = renderings(records)
    # Each decision once per meeting: the same § and text in another rendering is the same decision.
    expected = {(meeting, i.number or i.title, d.text) for meeting, files in by_meeting.items()
                for r in files for i in r.items for d in i.decisions}
    assert everything["total"] == len(expected) == 28  # 84 decisions in 15 files, 3 files a meeting
    shas = {r.sha256: r for r in records}
    listed = [(meeting_of(shas[d["sha256"]]), (d["paragraph"] and int(d["paragraph"].split("§ ")[1]))
               or d["item_title"], d["text"]) for d in everything["decisions"]]
    assert set(listed) == expected and len(listed) == len(set(listed))
    assert [m[0] for m, _, _ in listed] == sorted(m[0] for m, _, _ in listed)  # meeting order
    for decision in everything["decisions"]:
        files = [r.source for r in by_meeting[meeting_of(shas[decision["sha256"]])]]
        assert sorted(decision["files"]) == sorted(files) and decision["meeting"]
    page = client.get("/api/decisions", params={"limit": 10, "offset": 20}).json()
    assert [d["text"] for d in page["decisions"]] == [d["text"] for d in everything["decisions"][20:30]]
    one = page["decisions"][3]
    again = client.get(f"/api/documents/{one['sha256']}/items/{one['item']}/decisions/{one['decision']}").json()
    assert {k: v for k, v in again.items() if k not in ("meeting", "files")} == {
        k: v for k, v in one.items() if k not in ("meeting", "files")}
    record = shas[one["sha256"]]
    assert record.items[one["item"] - 1].decisions[one["decision"] - 1].text == one["text"]


def test_people_and_a_persons_report(client: TestClient, web_store: Store) -> None:
    found = client.get("/api/people", params={"name": "ingela kilholm"}).json()
    assert [(p["name"], p["meetings"]) for p in found] == [("Ingela Kilholm Lindström", 1)]
    report = client.get(found[0]["link"].replace("/person/", "/api/people/")).json()
    assert report == client.get(f"/api/people/{found[0]['key']}").json()
    assert report["name"] == "Ingela Kilholm Lindström" and len(report["decisions"]) == 3
    assert report["attended"][0]["sources"] == [f"001_702812d2f0149fea__{s}" for s in
                                                ("kommun.docx", "kommun.pdf", "tryck.pdf")]


def test_export_endpoints_give_the_same_files_as_the_command_line(client: TestClient, web_db: str,
                                                                  records: list[Document]) -> None:
    response = client.get("/api/export/decisions", params={"format": "csv", "from": "2024", "decision_kind": "noted"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"] == 'attachment; filename="beslut.csv"'
    cli = CliRunner().invoke(main, ["export", "decisions", "--db", web_db, "--from", "2024", "--kind", "noted"])
    noted = {(meeting_of(r), i.number, d.text) for r in records for i in r.items for d in i.decisions
             if d.kind == "noted" and (r.meeting_date or r.document_date).year >= 2024}
    assert response.content == cli.stdout_bytes and len(response.content.splitlines()) == 1 + len(noted) == 3
    xlsx = client.get("/api/export/attendees", params={"format": "xlsx", "body": "Styrelsen"})
    assert xlsx.content[:2] == b"PK" and xlsx.headers["content-disposition"].endswith('narvaro.xlsx"')


def test_the_openapi_schema_describes_the_api_and_not_the_pages(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert client.get("/api/openapi.json").json() == schema
    assert {"/api/search", "/api/documents", "/api/documents/{sha256}", "/api/documents/{sha256}/file",
            "/api/documents/{sha256}/items/{item}/decisions/{decision}", "/api/decisions", "/api/people",
            "/api/people/{key}", "/api/export/decisions", "/api/export/attendees"} <= set(schema["paths"])
    assert not [p for p in schema["paths"] if not p.startswith("/api")]
    assert {"Document", "ApiDecision", "SearchPage"} <= set(schema["components"]["schemas"])
    limit = next(p for p in schema["paths"]["/api/search"]["get"]["parameters"] if p["name"] == "limit")
    assert limit["schema"]["maximum"] == 1000


# -- bad parameters -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("path", "params", "parameter"), [
    ("/api/search", {"q": "beslut", "from": "2024-13-45"}, "from"),
    ("/api/search", {"q": "beslut", "to": "igår"}, "to"),
    ("/api/decisions", {"decision_kind": "maybe"}, "decision_kind"),
    ("/api/documents", {"kind": "roman"}, "kind"),
    ("/api/search", {"q": "beslut", "limit": "5000"}, "limit"),
    ("/api/decisions", {"limit": "0"}, "limit"),
    ("/api/decisions", {"offset": "-1"}, "offset"),
    ("/api/documents", {"limit": "många"}, "limit"),
    ("/api/decisions", {"min_amount": "lots"}, "min_amount"),
    ("/api/search", {}, "q"),
    ("/api/export/decisions", {"format": "pdf"}, "format"),
    ("/api/export/decisions", {"delimiter": "|"}, "delimiter"),
    ("/api/people", {"name": "x" * 201}, "name"),
])
def test_a_bad_parameter_is_a_422_that_names_it(client: TestClient, path: str, params: dict[str, str],
                                                parameter: str) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["detail"][0]["loc"][-1] == parameter or body["detail"][0]["loc"][1] == parameter
    assert message(response).startswith(parameter)


def test_bad_positions_and_unknown_things_are_4xx(client: TestClient, records: list[Document]) -> None:
    sha = record_named(records, PDF).sha256
    assert client.get(f"/api/documents/{sha}/items/-1/decisions/1").status_code == 422  # a negative position
    assert client.get(f"/api/documents/{sha}/items/1/decisions/0").status_code == 422
    missing = client.get(f"/api/documents/{sha}/items/999/decisions/1")
    assert missing.status_code == 404 and missing.json() == {"detail": "no such decision in the store"}
    assert client.get(f"/api/documents/{'0' * 64}").status_code == 404
    assert client.get(f"/api/documents/{'0' * 64}/file").status_code == 404
    assert client.get(f"/api/documents/{sha.upper()}").status_code == 422
    assert client.get("/api/people/nobody").status_code == 404
    nothing = client.get("/api/search", params={"q": "-avslag"})
    assert nothing.status_code == 400 and "leave out" in nothing.json()["detail"]


@pytest.mark.parametrize("path", [
    "/api/documents/..%2F..%2F..%2Fetc%2Fpasswd/file",
    "/api/documents/%2e%2e%2f%2e%2e%2fetc%2fpasswd/file",
    "/api/documents/../../../../etc/passwd",
    "/api/documents/%2e%2e/file",
    "/dokument/..%2F..%2F..%2Fetc%2Fpasswd/fil",
    "/dokument/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/static/..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd",
    "/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/api/export/decisions?format=csv&output=/etc/passwd",
])
def test_no_path_from_the_request_reaches_the_file_system(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert PASSWD_MARK not in response.text
    assert response.status_code in (404, 422) or (path.startswith("/api/export") and response.status_code == 200)


# -- files ---------------------------------------------------------------------------------------------

def test_pdf_opens_inline_and_docx_downloads_with_their_names(client: TestClient, records: list[Document]) -> None:
    pdf = client.get(f"/api/documents/{record_named(records, PDF).sha256}/file")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.headers["content-disposition"].startswith(f'inline; filename="{PDF}"')
    assert pdf.content == sample_path(PDF).read_bytes()
    word = client.get(f"/dokument/{record_named(records, DOCX).sha256}/fil")
    assert word.headers["content-disposition"].startswith(f'attachment; filename="{DOCX}"')
    assert word.headers["content-type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert word.headers["x-content-type-options"] == "nosniff"


def test_a_file_changed_or_gone_since_loading_is_not_served(tmp_path: Path) -> None:
    copy = tmp_path / "arkiv" / PDF
    copy.parent.mkdir()
    shutil.copy(sample_path(PDF), copy)
    db = str(tmp_path / "liten.db")
    assert CliRunner().invoke(main, ["load", str(copy), "--db", db]).exit_code == 0
    sha = hashlib.sha256(copy.read_bytes()).hexdigest()
    with TestClient(create_app(db), base_url=BASE_URL) as client:
        assert client.get(f"/api/documents/{sha}/file").status_code == 200
        original = copy.read_bytes()
        copy.write_bytes(original.replace(b"%%EOF", b"%%EOF\n% edited"))
        changed = client.get(f"/api/documents/{sha}/file")
        assert changed.status_code == 404 and "changed" in changed.json()["detail"]
        page = client.get(f"/dokument/{sha}/fil")
        assert page.status_code == 404 and "Källfilen finns inte längre" in page.text
        copy.write_bytes(original)
        assert client.get(f"/api/documents/{sha}/file").content == original
        copy.unlink()
        assert client.get(f"/api/documents/{sha}/file").status_code == 404


# -- safety of the server -------------------------------------------------------------------------------

def test_only_reads_and_only_for_loopback_names(client: TestClient, web_db: str) -> None:
    assert client.post("/api/search", params={"q": "x"}).status_code == 405
    assert client.delete("/").status_code == 405
    assert client.get("/api/search", params={"q": "beslut"}, headers={"host": "evil.example"}).status_code == 400
    with TestClient(create_app(web_db), base_url="http://localhost") as local:
        assert local.get("/api").status_code == 200
    page = client.get("/")
    assert "script-src 'none'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY"
