"""The archive in the web app and the CLI: a meeting with its three files, a case, the completeness
check and the Atom feed of a search (read by feedparser), over the samples and over inline records."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import feedparser
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.store import open_store
from pipeline.web import create_app
from schemas.record import Decision, Document, Item
from tests.store.test_store_cases import nämnd_ks_kf, record
from tests.web.conftest import BASE_URL, TestClient, meeting_of, renderings
from tests.web.test_pages import links, text_of


def test_a_meeting_page_lists_its_three_files_and_shows_one_text(client: TestClient, records: list[Document]) -> None:
    listing = client.get("/api/documents", params={"limit": 500}).json()["documents"]
    for files in renderings(records).values():
        sha = files[0].sha256
        meeting_link = client.get(f"/dokument/{sha}").text
        page_link = next(h for h in links(meeting_link) if h.startswith("/sammantrade/"))
        page = client.get(page_link)
        assert page.status_code == 200
        for file in files:
            assert f"/dokument/{file.sha256}" in page.text and file.source in page.text
        api = client.get(page_link.replace("/sammantrade/", "/api/meetings/")).json()
        assert sorted(r["source"] for r in api["renderings"]) == sorted(f.source for f in files)
        assert [r["primary"] for r in api["renderings"]].count(True) == 1
        shown = next(f for f in files if f.sha256 == api["renderings"][0]["sha256"])
        own = [i for i in api["items"] if i["sha256"] == shown.sha256]
        assert [i["title"] for i in own] == [i.title for i in shown.items]
        others = [i for i in api["items"] if i["sha256"] != shown.sha256]
        # what another file holds and the shown one lacks is a disagreement, named as such
        disputed = {d["key"]: d for d in api["disagreements"]}
        assert {i["key"] for i in others} <= set(disputed)
        assert all(shown.source in disputed[i["key"]]["missing_from"] for i in others)
        for d in disputed.values():  # each names where the item stands and where it does not
            assert d["found_in"] and d["missing_from"] and not set(d["found_in"]) & set(d["missing_from"])
        if shown.kind == "protokoll":
            assert api["disagreements"] == []  # the §§ of the samples' protokoll agree in every file
    assert len(listing) == 15


def test_an_unknown_meeting_or_case_is_a_404(client: TestClient) -> None:
    assert client.get("/sammantrade/2099-01-01_ingen_inget").status_code == 404
    assert client.get("/api/meetings/2099-01-01_ingen_inget").status_code == 404
    assert client.get("/api/cases/KS 1999/1").status_code == 404
    assert client.get("/arende/hemtjanst").status_code == 404
    bad = client.get("/arende", params={"dnr": "hemtjänst"})
    assert bad.status_code == 400 and "är inget diarienummer" in text_of(bad.text)


def test_a_case_in_the_samples_links_from_its_items(client: TestClient, records: list[Document]) -> None:
    items = [(r, i) for r in records for i in r.items if i.dnr == "SVM 2019/22"]
    assert items, "the samples carry diarienummer"
    meeting = client.get(f"/dokument/{items[0][0].sha256}").text
    sitting = client.get(next(h for h in links(meeting) if h.startswith("/sammantrade/"))).text
    assert "/arende/SVM-2019-22" in links(sitting)
    case = client.get("/api/cases/svm2019-22").json()
    assert [c["dnr"] for c in case["cases"]] == ["SVM 2019/22"]
    steps = case["cases"][0]["steps"]
    assert {s["title"] for s in steps} == {i.title for _, i in items}  # once each, not once per file
    assert all(sorted(s["files"]) == sorted(r.source for r in renderings(records)[meeting_of(items[0][0])])
               for s in steps)
    assert client.get("/arende", params={"dnr": "SVM 2019/22"}, follow_redirects=False).headers["location"] == (
        "/arende/SVM-2019-22")


def test_the_check_page_and_api_agree_with_the_command(client: TestClient, web_db: str) -> None:
    api = client.get("/api/check").json()
    cli = CliRunner().invoke(main, ["check", "--db", web_db, "--format", "json"])
    assert cli.exit_code == 0 and json.loads(cli.stdout) == api
    gaps = [f for f in api["findings"] if f["kind"] == "paragraph_gap"]
    # the two styrelse protokoll are §§ 17-28 and 20-27 of their years: what came before is not archived
    assert sorted((f["paragraphs"][0], f["paragraphs"][-1], f["year"]) for f in gaps) == [(1, 16, 2024), (1, 19, 2020)]
    page = client.get("/kontroll")
    assert page.status_code == 200 and "Paragrafer saknas" in text_of(page.text)
    assert all(f"/sammantrade/{f['meetings'][0]['id']}" in page.text for f in gaps)
    table = CliRunner().invoke(main, ["check", "--db", web_db, "--year", "2020"])
    assert table.exit_code == 0 and "paragraph_gap" in table.stdout and "2024" not in table.stdout


def test_protokoll_case_as_a_table_and_its_errors(web_db: str) -> None:
    found = CliRunner().invoke(main, ["case", "SVM 2019/22", "--db", web_db])
    assert found.exit_code == 0 and found.stdout.startswith("SVM 2019/22  Samordningsförbundet Västra Mälardalen")
    missing = CliRunner().invoke(main, ["case", "KS 1999/1", "--db", web_db])
    assert missing.exit_code == 1 and "no item with the diarienummer" in missing.stderr
    bad = CliRunner().invoke(main, ["case", "hemtjänst", "--db", web_db])
    assert bad.exit_code == 2 and bad.stderr.count("\n") == 1 and "is no diarienummer" in bad.stderr


# -- feeds ----------------------------------------------------------------------------------------------

def test_the_feed_of_a_search_is_atom_a_parser_accepts(client: TestClient, records: list[Document]) -> None:
    page = client.get("/", params={"q": "bevilja", "body": "styrelsen"})
    feed_url = next(h for h in links(page.text) if h.startswith("/feeds/search.atom"))
    assert 'rel="alternate" type="application/atom+xml"' in page.text
    response = client.get(feed_url)
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo and feed.version == "atom10"
    decisions = {(meeting_of(r), i.number, d.text) for r in records for i in r.items for d in i.decisions
                 if r.body == "Styrelsen" and "bevilj" in d.text.lower()}
    assert len(feed.entries) == len(decisions) == 2  # once each, not once per file
    for entry in feed.entries:
        assert entry.link.startswith(BASE_URL + "/dokument/") and "/beslut/" in entry.link
        assert client.get(entry.link.removeprefix(BASE_URL)).status_code == 200
        cited = next(link for link in entry.links if link.rel == "related")
        assert "sidan" in cited.title and "Källa:" in entry.summary and entry.published_parsed
    assert feed.feed.links[0].href == BASE_URL + feed_url


def test_the_newest_decision_comes_first_in_the_feed_after_a_load(tmp_path: Path) -> None:
    db = str(tmp_path / "arkiv.db")
    store = open_store(db)
    for document in nämnd_ks_kf():
        store.load(document)
    with TestClient(create_app(db), base_url=BASE_URL) as client:
        before = feedparser.parse(client.get("/feeds/search.atom", params={"q": "taxan"}).content)
        assert not before.bozo and before.entries[0].title.startswith("KF § 30")
        newer = record("Kommunfullmäktige", date(2024, 6, 17), [Item(
            number=52, prefix="KF", title="Taxa för hemtjänst, justering", dnr="KS 2024/123", page_start=1,
            page_end=1, text="Kommunfullmäktige beslutar att justera taxan.",
            decisions=[Decision(kind="decision", text="Kommunfullmäktige beslutar att justera taxan.", page=1)])])
        store.load(newer)
        after = feedparser.parse(client.get("/feeds/search.atom", params={"q": "taxan"}).content)
        assert not after.bozo and len(after.entries) == len(before.entries) + 1
        assert after.entries[0].title.startswith("KF § 52") and after.entries[0].published.startswith("2024-06-17")
        assert [e.id for e in after.entries[1:]] == [e.id for e in before.entries]  # the others as they were
    store.close()
