"""Fixtures for the store's tests: the samples extracted once, and every store test run against
both backends — SQLite in a temporary file, PostgreSQL on a throwaway server this session
starts on a loopback port (and stops after). No database is mocked.

If the PostgreSQL server binaries are missing, the PostgreSQL tests fail (not skip) and say so.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from pipeline.extract import extract_file
from pipeline.store import Store, open_store
from pipeline.store.pg_server import ThrowawayPostgres
from schemas.record import Document
from tests.conftest import SAMPLES
from tests.shared import made_once

BACKENDS = ("sqlite", "postgres")


@pytest.fixture(scope="session", autouse=True)
def index_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """PostgreSQL stores keep their search index under $XDG_DATA_HOME: here, inside the test's
    temporary folders (processes the tests start inherit it), never in the user's home."""
    before = os.environ.get("XDG_DATA_HOME")
    os.environ["XDG_DATA_HOME"] = str(tmp_path_factory.mktemp("data-home"))
    yield
    if before is None:
        os.environ.pop("XDG_DATA_HOME", None)
    else:
        os.environ["XDG_DATA_HOME"] = before


@pytest.fixture(scope="session")
def sample_records(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Document]:
    """Every rendered sample's record by file name, extracted once per test run (by the first
    xdist worker that asks; the others read the records' JSON)."""
    files = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".pdf", ".docx"))
    assert len(files) == 15, "samples/ must hold the 15 rendered seeds"

    def extract_all(folder: Path) -> None:
        for path in files:
            (folder / f"{path.name}.json").write_text(extract_file(path).model_dump_json(), encoding="utf-8")

    folder = made_once(tmp_path_factory, "sample-records", extract_all)
    return {path.name: Document.model_validate_json((folder / f"{path.name}.json").read_text(encoding="utf-8"))
            for path in files}


class StoreUrls:
    """Fresh, empty store URLs: a new SQLite file, or a new database on the throwaway server."""

    def __init__(self, folder: Path, request: pytest.FixtureRequest) -> None:
        self.folder = folder
        self.request = request
        self.numbers = itertools.count(1)

    def new(self, backend: str) -> str:
        number = next(self.numbers)
        if backend == "sqlite":
            return str(self.folder / f"store{number}.db")
        server: ThrowawayPostgres = self.request.getfixturevalue("postgres_server")
        with psycopg.connect(server.url, autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE store{number}")
        return server.database_url(f"store{number}")


@pytest.fixture(scope="session")
def store_urls(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> StoreUrls:
    return StoreUrls(tmp_path_factory.mktemp("stores"), request)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def empty_store(backend: str, store_urls: StoreUrls) -> Iterator[Store]:
    """A new store of the backend, for tests that change what it holds."""
    store = open_store(store_urls.new(backend))
    yield store
    store.close()


class LoadedStores:
    """One store per backend with the 15 samples loaded, made the first time a test asks."""

    def __init__(self, urls: StoreUrls, records: dict[str, Document]) -> None:
        self.urls = urls
        self.records = records
        self.stores: dict[str, Store] = {}

    def __getitem__(self, backend: str) -> Store:
        if backend not in self.stores:
            store = open_store(self.urls.new(backend))
            for record in self.records.values():
                store.load(record)
            self.stores[backend] = store
        return self.stores[backend]


@pytest.fixture(scope="session")
def loaded_stores(store_urls: StoreUrls, sample_records: dict[str, Document]) -> Iterator[LoadedStores]:
    stores = LoadedStores(store_urls, sample_records)
    yield stores
    for store in stores.stores.values():
        store.close()


@pytest.fixture
def samples_store(backend: str, loaded_stores: LoadedStores) -> Store:
    """The backend's store holding the 15 samples (read-only: do not load into it)."""
    return loaded_stores[backend]
