"""Fixtures for the exports, the API and the pages: the 15 rendered samples loaded once per
session, through `protokoll load` (so the store records where each file lives), into a
temporary SQLite file; the app over it; and the records as the store holds them."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.store import Store, open_store
from pipeline.web import create_app
from schemas.record import Document
from tests.conftest import SAMPLES
from tests.shared import made_once

with warnings.catch_warnings():  # Starlette asks for httpx2; httpx is what the dev extra installs
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

BASE_URL = "http://127.0.0.1"  # the app answers loopback names only


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The samples' store (and its index beside it), loaded once per test run by the first xdist
    worker that asks; the tests only read it."""
    def load(folder: Path) -> None:
        result = CliRunner().invoke(main, ["load", str(SAMPLES), "--db", str(folder / "arkiv.db")])
        assert result.exit_code == 0, result.stderr
        assert result.stdout.splitlines()[-1] == "15 files: 15 loaded, 1 not PDF/DOCX skipped"  # samples/render.py

    return str(made_once(tmp_path_factory, "web", load) / "arkiv.db")


@pytest.fixture(scope="session")
def web_store(web_db: str) -> Iterator[Store]:
    store = open_store(web_db, create=False)
    yield store
    store.close()


@pytest.fixture(scope="session")
def records(web_store: Store) -> list[Document]:
    """The stored records in meeting order: oldest first, then organisation, body, file name."""
    found = [web_store.record(row[0]) for row in web_store.query("SELECT sha256 FROM documents")]
    return sorted((r for r in found if r is not None), key=lambda r: (
        r.meeting_date or r.document_date, r.organisation or "", r.body or "", r.source, r.sha256))


@pytest.fixture(scope="session")
def client(web_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(web_db), base_url=BASE_URL) as test_client:
        yield test_client


def record_named(records: list[Document], source: str) -> Document:
    return next(r for r in records if r.source == source)


def sample_path(source: str) -> Path:
    return SAMPLES / source


def meeting_of(record: Document) -> tuple:
    """What makes files renderings of one meeting in the samples: date, organisation, body (each
    seed is rendered three times: a DOCX, that DOCX through LibreOffice, a PDF of its own)."""
    return (record.meeting_date or record.document_date, record.organisation, record.body or record.kind)


def renderings(records: list[Document]) -> dict[tuple, list[Document]]:
    """The records by meeting, in meeting order."""
    found: dict[tuple, list[Document]] = {}
    for record in records:
        found.setdefault(meeting_of(record), []).append(record)
    return found
