"""The app in a real browser: headless Chromium (Debian's package) driven by Playwright searches,
filters, opens a decision and then its source PDF at the cited page, follows a case through three
bodies by keyboard alone, runs axe-core on every kind of page, and saves screenshots.

Fails (never skips) when /usr/bin/chromium is missing: `.ci/run` installs it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pdfplumber
import pytest
import uvicorn
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect, sync_playwright

from pipeline.store import open_store
from pipeline.store.pg_server import free_loopback_port
from pipeline.web import create_app
from tests.store.test_store_cases import nämnd_ks_kf
from tests.web.conftest import sample_path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
# A copy of each screenshot for whoever reviews the run, when $PROTOKOLL_SCREENSHOTS names a folder
# (the suite leaves nothing outside its temporary folders otherwise).
SCREENSHOTS_FOR_THE_LEAD = os.environ.get("PROTOKOLL_SCREENSHOTS")


@pytest.fixture(scope="module")
def server(web_db: str) -> Iterator[str]:
    """The app on a free loopback port, served by uvicorn in a thread for this module."""
    running, thread, url = serve(web_db)
    yield url
    running.should_exit = True
    thread.join(timeout=10)


def serve(db: str) -> tuple[uvicorn.Server, threading.Thread, str]:
    port = free_loopback_port()
    running = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not running.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the web app did not start", pytrace=False)
        time.sleep(0.05)
    return running, thread, f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        pytest.fail(f"the browser test needs Debian's chromium at {CHROMIUM}: apt-get install chromium "
                    "(.ci/run installs it)", pytrace=False)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def screenshot(page: Page, folder: Path, name: str) -> Path:
    """Saved with the test's files, and a copy for whoever reviews the run ($PROTOKOLL_SCREENSHOTS)."""
    path = folder / name
    page.screenshot(path=str(path))
    if SCREENSHOTS_FOR_THE_LEAD:
        Path(SCREENSHOTS_FOR_THE_LEAD).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(SCREENSHOTS_FOR_THE_LEAD) / f"protokoll-{name}")
    return path


def test_search_filter_open_a_decision_and_its_source_page(server: str, browser: Browser, tmp_path: Path) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    page.goto(server + "/")
    expect(page).to_have_title("Sök – Protokollarkivet")

    page.get_by_role("searchbox", name="Sökord").fill("bevilja")
    page.get_by_role("button", name="Sök", exact=True).click()
    expect(page.locator("h1.count-line")).to_contain_text("2 sammanträden för «bevilja»")
    expect(page.locator("li.meeting-hits").first.locator("p.files")).to_contain_text("3 filer")

    page.locator("details.filters summary").click()
    page.get_by_label("Organisation").fill("Västmanland")
    page.get_by_label("beslut", exact=True).check()
    page.get_by_role("button", name="Sök", exact=True).click()
    expect(page).to_have_url(re.compile(r"organisation=V%C3%A4stmanland.*decision_kind=decision"))
    expect(page.locator("h1.count-line")).to_contain_text("1 sammanträde för «bevilja»")
    expect(page.locator(".chips")).to_contain_text("Beslutstyp: beslut")
    expect(page.locator("li.hit .badge")).to_have_text(["beslut"] * 2)  # § 26 and § 27, once each
    expect(page.locator("li.hit mark").first).to_have_text(re.compile(r"bevilj", re.IGNORECASE))
    assert screenshot(page, tmp_path, "search.png").stat().st_size > 10_000

    grant = page.locator("li.hit").filter(has_text="§ 26")
    pdf_link = grant.locator("a.source", has_text=re.compile(r"\.pdf, sidan \d+")).first
    cited = int(re.search(r"sidan (\d+)", pdf_link.inner_text()).group(1))  # type: ignore[union-attr]
    pdf_href = pdf_link.get_attribute("href")
    grant.get_by_role("link", name="Beslutet").click()
    expect(page.locator("article.decision h1")).to_contain_text("§ 26")
    expect(page.locator("blockquote.decision-text")).to_have_text(
        "Att bevilja 60 tkr för processtöd för utveckling och implementering av MGT i länet")
    expect(page.locator("table.amounts")).to_contain_text("60 000 kr")
    screenshot(page, tmp_path, "decision.png")

    with page.expect_response(lambda r: "/fil" in r.url) as answer:
        page.goto(server + pdf_href)
    response = answer.value
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert page.url.endswith(f"/fil#page={cited}")
    source_name = response.headers["content-disposition"].split('filename="')[1].split('"')[0]
    with pdfplumber.open(sample_path(source_name)) as pdf:  # the cited page is where the decision stands
        assert "Att bevilja 60 tkr" in (pdf.pages[cited - 1].extract_text() or "")
    page.wait_for_timeout(2000)  # the viewer draws the page after the response
    screenshot(page, tmp_path, "source.png")
    page.close()


# -- the archive: a case through its bodies, by keyboard; axe-core on every page ------------------------

@pytest.fixture(scope="module")
def case_server(tmp_path_factory: pytest.TempPathFactory, web_db: str) -> Iterator[str]:
    """The samples and a case through three bodies (inline records), served."""
    db = tmp_path_factory.mktemp("case") / "arkiv.db"
    shutil.copy(web_db, db)
    with open_store(str(db)) as store:
        for document in nämnd_ks_kf():
            store.load(document)
    running, thread, url = serve(str(db))
    yield url
    running.should_exit = True
    thread.join(timeout=10)


def focused(page: Page) -> dict[str, str]:
    """The element with the keyboard's focus: its tag, id, text, and whether its focus is drawn."""
    return page.evaluate("""() => { const e = document.activeElement; const s = getComputedStyle(e);
        return {tag: e.tagName.toLowerCase(), id: e.id, text: (e.innerText || e.value || '').trim().slice(0, 80),
                outline: s.outlineStyle + ' ' + s.outlineWidth}; }""")


def tab_to(page: Page, wanted: Callable[[dict[str, str]], bool], limit: int = 60) -> dict[str, str]:
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        if wanted(now):
            return now
    pytest.fail(f"Tab never reached the element (last: {focused(page)})", pytrace=False)


def test_a_case_through_three_bodies_by_keyboard_alone(case_server: str, browser: Browser, tmp_path: Path) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="sv-SE", bypass_csp=False)
    page = context.new_page()
    page.goto(case_server + "/arende")
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Hoppa till innehållet"
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "innehall"  # past the menu, into the page
    field = tab_to(page, lambda f: f["id"] == "dnr")
    assert field["outline"] != "none 0px"  # where the focus is, is drawn
    page.keyboard.type("ks2024-123")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/arende/KS-2024-123$"))
    steps = page.locator("li.step")
    expect(steps).to_have_count(4)  # the other kommun's KS 2024/123 is a case of its own
    expect(page.locator("section.case")).to_have_count(2)
    exempelby = page.locator("section.case").filter(has_text="Exempelby kommun")
    expect(exempelby.locator("li.step .step-head")).to_have_text([
        re.compile(r"2024-03-05 · Socialnämnden · § 12"), re.compile(r"2024-04-02 · Kommunstyrelsen · KS § 45"),
        re.compile(r"2024-04-22 · Kommunfullmäktige · KF § 30")])
    expect(exempelby.locator("li.step .badge")).to_have_text(["rekommendation", "rekommendation", "beslut"])
    expect(exempelby.locator("li.step").nth(2)).to_contain_text("Kommunstyrelsens förslag § 45")
    shot = screenshot(page, tmp_path, "case.png")
    assert shot.stat().st_size > 10_000
    link = tab_to(page, lambda f: f["tag"] == "a" and f["text"] == "Ny taxa för hemtjänst")
    assert link["outline"] != "none 0px"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/sammantrade/2024-03-05_exempelby-kommun_socialnamnden#punkt-12$"))
    expect(page.locator("#punkt-12")).to_contain_text("Ärendets gång")
    context.close()


def test_the_search_and_the_check_by_keyboard_alone(server: str, browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    page.goto(server + "/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the skip link
    assert tab_to(page, lambda f: f["id"] == "q")["outline"] != "none 0px"
    page.keyboard.type("bevilja")
    page.keyboard.press("Enter")
    expect(page.locator("h1.count-line")).to_contain_text("2 sammanträden för «bevilja»")
    meeting = tab_to(page, lambda f: f["tag"] == "a" and f["text"].startswith("2024-"), limit=80)
    assert meeting["outline"] != "none 0px"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/sammantrade/2024-"))
    expect(page.locator("section.renderings tbody tr")).to_have_count(3)
    page.goto(server + "/kontroll")  # the check's form, field by field
    tab_to(page, lambda f: f["tag"] == "input")
    page.keyboard.type("Västra")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert focused(page)["tag"] == "input"  # organisation, body, year in reading order
    page.keyboard.type("2020")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"organisation=V%C3%A4stra.*year=2020"))
    finding = tab_to(page, lambda f: f["tag"] == "a" and f["text"].startswith("2020-09-03"))
    assert finding["outline"] != "none 0px"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/sammantrade/2020-09-03_"))
    page.close()


def axe_pages(server: str, case_server: str, browser: Browser) -> dict[str, str]:
    """Every kind of page, by what it is (the feed's link is on the search page)."""
    page = browser.new_page()
    page.goto(server + "/?q=bevilja")
    meeting = server + page.locator("li.meeting-hits h2 a").first.get_attribute("href")
    decision = server + page.locator("li.hit a", has_text="Beslutet").first.get_attribute("href")
    document = server + page.locator("li.meeting-hits p.files a").first.get_attribute("href")
    page.goto(server + "/personer")
    person = server + page.locator("table.list a").first.get_attribute("href")
    page.close()
    return {"search": server + "/?q=bevilja", "list": server + "/", "meeting": meeting, "document": document,
            "decision": decision, "case": case_server + "/arende/KS-2024-123", "case form": case_server + "/arende",
            "check": server + "/kontroll", "person": person, "people": server + "/personer"}


def test_every_page_passes_axe_core(server: str, case_server: str, browser: Browser) -> None:
    """No serious or critical axe-core violation on any page (WCAG 2.1 AA, as DOS-lagen asks)."""
    results: dict[str, list[dict[str, object]]] = {}
    # axe is injected by Playwright's evaluate, which the pages' Content-Security-Policy would refuse
    context = browser.new_context(bypass_csp=True, locale="sv-SE")
    page = context.new_page()
    for name, url in axe_pages(server, case_server, browser).items():
        assert page.goto(url).status == 200, url
        violations = Axe().run(page).response["violations"]
        results[name] = [{"id": v["id"], "impact": v["impact"], "nodes": len(v["nodes"])} for v in violations]
    context.close()
    if SCREENSHOTS_FOR_THE_LEAD:
        Path(SCREENSHOTS_FOR_THE_LEAD).mkdir(parents=True, exist_ok=True)
        (Path(SCREENSHOTS_FOR_THE_LEAD) / "protokoll-axe.json").write_text(json.dumps(results, indent=2))
    serious = {name: [v for v in found if v["impact"] in ("serious", "critical")] for name, found in results.items()}
    assert serious == {name: [] for name in results}, serious
