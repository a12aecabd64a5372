"""Every store command the way a user or a script calls it: as a subprocess of the installed
`protokoll`, naming the store by `--db` (a path, `sqlite:///...` or `postgresql://...`) or by
`PROTOKOLL_DB`, with the exit codes README promises, and the API answering a search with the
very object `protokoll search --format json` prints. (`schedule`, which runs until stopped, has
its own subprocess test in tests/flows/test_schedule.py.)"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from pipeline.store.pg_server import ThrowawayPostgres, free_loopback_port
from tests.conftest import ROOT, SAMPLES

PROTOKOLL = Path(sys.executable).parent / "protokoll"
PREFECT_HOME = Path(tempfile.mkdtemp(prefix="protokoll-commands-prefect-"))
INBOX_SAMPLES = ("000_0723f1c5f5b75f48__kommun.docx", "001_702812d2f0149fea__kommun.pdf")


def protokoll(*args: str, db_env: str | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items()
           if key != "PROTOKOLL_DB" and not key.startswith("PREFECT_API")}
    env.setdefault("PREFECT_HOME", str(PREFECT_HOME))  # ingest's ephemeral Prefect keeps out of the user's home
    if db_env is not None:
        env["PROTOKOLL_DB"] = db_env
    return subprocess.run([str(PROTOKOLL), *args], capture_output=True, text=True, cwd=ROOT, env=env,
                          timeout=timeout)


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two samples, a file that cannot be read, and a file that is neither PDF nor DOCX."""
    folder = tmp_path_factory.mktemp("inkorg")
    for name in INBOX_SAMPLES:
        shutil.copy(SAMPLES / name, folder / name)
    (folder / "trasig.pdf").write_bytes(b"<!DOCTYPE html><html><body>404</body></html>")
    (folder / "läsmig.txt").write_text("inte ett protokoll")
    return folder


@pytest.fixture(params=["sqlite-path", "sqlite-url", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return _store_url(request.param, tmp_path, request)


def _store_url(kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A new, empty store named each way a user can: a path, a sqlite:/// URL, a postgresql:// URL."""
    if kind == "sqlite-path":
        return str(tmp_path / "arkiv.db")
    if kind == "sqlite-url":
        return f"sqlite:///{tmp_path / 'arkiv.db'}"
    server: ThrowawayPostgres = request.getfixturevalue("postgres_server")
    name = f"commands_{tmp_path.name.lower().replace('-', '_')[-40:]}"
    with psycopg.connect(server.url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    return server.database_url(name)


def test_load_search_person_and_export_take_the_store_from_db(db_url: str, inbox: Path, tmp_path: Path) -> None:
    loaded = protokoll("load", str(inbox), "--db", db_url)
    assert loaded.returncode == 0, loaded.stderr  # the run completed, though one file was unreadable
    assert "trasig.pdf" in loaded.stderr and "HTML" in loaded.stderr
    assert "läsmig.txt" not in loaded.stderr
    found = protokoll("search", "informationen", "--db", db_url, "--format", "json")
    assert found.returncode == 0, found.stderr
    answer = json.loads(found.stdout)
    assert answer["total"] > 0 and {hit["source"] for hit in answer["hits"]} <= set(INBOX_SAMPLES)
    person = protokoll("person", "Shpetim Pirraku", "--db", db_url, "--format", "json")
    assert person.returncode == 0 and json.loads(person.stdout)["attended"], person.stderr
    exported = tmp_path / "beslut.csv"
    written = protokoll("export", "decisions", "--db", db_url, "-o", str(exported))
    assert written.returncode == 0, written.stderr
    assert exported.read_text(encoding="utf-8-sig").count("001_702812d2f0149fea__kommun.pdf") > 5


@pytest.mark.parametrize("db_kind", ["sqlite-url", "postgresql"])
def test_ingest_and_runs_take_the_store_from_db(db_kind: str, inbox: Path, tmp_path: Path,
                                                request: pytest.FixtureRequest) -> None:
    db_url = _store_url(db_kind, tmp_path, request)
    quarantine = tmp_path / "karantän"
    ran = protokoll("ingest", str(inbox), "--db", db_url, "--quarantine", str(quarantine), "--workers", "2")
    assert ran.returncode == 0, ran.stderr  # completed, though one file was quarantined
    assert "trasig.pdf" in ran.stderr and "läsmig.txt" not in ran.stderr
    runs = protokoll("runs", "--db", db_url, "--format", "json")
    assert runs.returncode == 0, runs.stderr
    [run] = json.loads(runs.stdout)
    assert run["status"] == "completed" and run["new_files"] == len(INBOX_SAMPLES)
    assert [Path(f["path"]).name for f in run["failures"]] == ["trasig.pdf"] and "HTML" in run["failures"][0]["reason"]
    assert (inbox / "trasig.pdf").is_file()  # the original stays where it was
    again = protokoll("ingest", str(inbox), "--db", db_url, "--quarantine", str(quarantine))
    assert again.returncode == 0, again.stderr
    assert json.loads(protokoll("search", "bevilja", "--db", db_url, "--format", "json").stdout)["total"] > 0


def test_protokoll_db_names_the_store_when_db_is_not_given(inbox: Path, tmp_path: Path) -> None:
    db = tmp_path / "från-miljön.db"
    assert protokoll("load", str(inbox / INBOX_SAMPLES[1]), db_env=str(db)).returncode == 0
    assert db.is_file()
    by_env = protokoll("search", "bevilja", "--format", "json", db_env=str(db))
    by_option = protokoll("search", "bevilja", "--format", "json", "--db", f"sqlite:///{db}",
                          db_env=str(tmp_path / "annan.db"))
    assert by_env.returncode == by_option.returncode == 0, (by_env.stderr, by_option.stderr)
    assert json.loads(by_env.stdout) == json.loads(by_option.stdout) and json.loads(by_env.stdout)["total"] > 0
    missing = protokoll("search", "bevilja", "--db", str(tmp_path / "finns-inte.db"))
    assert missing.returncode == 2 and "finns-inte.db" in missing.stderr and missing.stderr.count("\n") == 1


@pytest.fixture(scope="module")
def served(inbox: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """`protokoll serve` on a loaded store: (database, base URL)."""
    db = str(tmp_path_factory.mktemp("serve") / "arkiv.db")
    assert protokoll("load", str(inbox), "--db", db).returncode == 0
    port = free_loopback_port()
    server = subprocess.Popen([str(PROTOKOLL), "serve", "--db", db, "--port", str(port)], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/api", timeout=2).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"protokoll serve did not start: {server.stderr.read()}") from None
                time.sleep(0.2)
        yield db, base
    finally:
        server.terminate()
        server.wait(timeout=30)


def get_json(url: str) -> object:
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response)


@pytest.mark.parametrize("options", [
    ["--limit", "5"],
    ["--decision-kind", "noted", "--from", "2020", "--to", "2024-12"],
    ["--org", "västmanland", "--min-amount", "50 tkr", "--no-facets"],
    ["--decisions", "--kind", "protokoll", "--offset", "2", "--limit", "3"],
])
def test_the_api_answers_a_search_with_what_the_cli_prints(served: tuple[str, str], options: list[str]) -> None:
    db, base = served
    cli = protokoll("search", "styrelsen", "--db", db, "--format", "json", *options)
    assert cli.returncode == 0, cli.stderr
    params: list[tuple[str, str]] = [("q", "styrelsen")]
    flags = iter(options)
    for flag in flags:
        name = flag.removeprefix("--")
        if name == "no-facets":
            params.append(("facets", "false"))
        elif name == "decisions":
            params.append(("decisions", "true"))
        else:
            params.append((name, next(flags)))
    api = get_json(f"{base}/api/search?{urllib.parse.urlencode(params)}")
    assert api == json.loads(cli.stdout)


def test_the_api_serves_the_stored_record_and_its_schema(served: tuple[str, str]) -> None:
    db, base = served
    hit = json.loads(protokoll("search", "bevilja", "--db", db, "--format", "json").stdout)["hits"][0]
    record = get_json(f"{base}/api/documents/{hit['sha256']}")
    extracted = json.loads(protokoll("extract", str(SAMPLES / hit["source"]), "--format", "json").stdout)
    assert isinstance(record, dict) and record["source"] == hit["source"] == extracted["source"]
    for field in ("kind", "organisation", "body", "meeting_date", "chair", "adjusters", "attendees", "items",
                  "table_amounts"):
        assert record[field] == extracted[field], field
    schema = get_json(f"{base}/openapi.json")
    assert isinstance(schema, dict) and "/api/search" in schema["paths"]


def test_extract_exit_codes(tmp_path: Path) -> None:
    good = protokoll("extract", str(SAMPLES / INBOX_SAMPLES[0]), "--format", "json")
    assert good.returncode == 0 and json.loads(good.stdout)["source"] == INBOX_SAMPLES[0]
    text = tmp_path / "anteckning.txt"
    text.write_text("hej")
    refused = protokoll("extract", str(text))
    assert refused.returncode == 2 and refused.stdout == "" and "anteckning.txt" in refused.stderr
