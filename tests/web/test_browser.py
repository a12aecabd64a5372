"""The app in a real browser: headless Chromium (Debian's package) driven by Playwright searches,
filters, opens a decision and then its source PDF at the cited page, and saves screenshots.

Fails (never skips) when /usr/bin/chromium is missing: `.ci/run` installs it.
"""

from __future__ import annotations

import re
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pdfplumber
import pytest
import uvicorn
from playwright.sync_api import Browser, Page, expect, sync_playwright

from pipeline.store.pg_server import free_loopback_port
from pipeline.web import create_app
from tests.web.conftest import sample_path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
SCREENSHOTS_FOR_THE_LEAD = Path("/tmp")


@pytest.fixture(scope="module")
def server(web_db: str) -> Iterator[str]:
    """The app on a free loopback port, served by uvicorn in a thread for this module."""
    port = free_loopback_port()
    running = uvicorn.Server(uvicorn.Config(create_app(web_db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not running.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the web app did not start", pytrace=False)
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


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
    """Saved with the test's files, and a copy in /tmp for whoever reviews the run."""
    path = folder / name
    page.screenshot(path=str(path))
    shutil.copy(path, SCREENSHOTS_FOR_THE_LEAD / f"protokoll-{name}")
    return path


def test_search_filter_open_a_decision_and_its_source_page(server: str, browser: Browser, tmp_path: Path) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    page.goto(server + "/")
    expect(page).to_have_title("Sök – Protokollarkivet")

    page.get_by_role("searchbox", name="Sökord").fill("bevilja")
    page.get_by_role("button", name="Sök", exact=True).click()
    expect(page.locator("h1.count-line")).to_contain_text("12 träffar för «bevilja»")

    page.locator("details.filters summary").click()
    page.get_by_label("Organisation").fill("Västmanland")
    page.get_by_label("beslut", exact=True).check()
    page.get_by_role("button", name="Sök", exact=True).click()
    expect(page).to_have_url(re.compile(r"organisation=V%C3%A4stmanland.*decision_kind=decision"))
    expect(page.locator("h1.count-line")).to_contain_text("6 träffar för «bevilja»")
    expect(page.locator(".chips")).to_contain_text("Beslutstyp: beslut")
    expect(page.locator("li.hit .badge")).to_have_text(["beslut"] * 6)
    expect(page.locator("li.hit mark").first).to_have_text(re.compile(r"bevilj", re.IGNORECASE))
    assert screenshot(page, tmp_path, "search.png").stat().st_size > 10_000

    from_pdf = page.locator("li.hit").filter(has=page.locator("a.source", has_text="PDF")).first
    from_pdf.get_by_role("link", name="Beslutet").click()
    expect(page.locator("article.decision h1")).to_contain_text("§ 26")
    expect(page.locator("blockquote.decision-text")).to_have_text(
        "Att bevilja 60 tkr för processtöd för utveckling och implementering av MGT i länet")
    expect(page.locator("table.amounts")).to_contain_text("60 000 kr")
    screenshot(page, tmp_path, "decision.png")

    source = page.get_by_role("link", name=re.compile(r"Öppna källan på sidan \d+"))
    cited = int(re.search(r"\d+", source.inner_text()).group())  # type: ignore[union-attr]
    with page.expect_response(lambda r: "/fil" in r.url) as answer:
        source.click()
    response = answer.value
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert page.url.endswith(f"/fil#page={cited}")
    source_name = response.headers["content-disposition"].split('filename="')[1].split('"')[0]
    with pdfplumber.open(sample_path(source_name)) as pdf:  # the cited page is where the decision stands
        assert "Att bevilja 60 tkr" in (pdf.pages[cited - 1].extract_text() or "")
    page.wait_for_timeout(2000)  # the viewer draws the page after the response
    screenshot(page, tmp_path, "source.png")
    page.close()
