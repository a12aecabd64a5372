"""`protokoll load | search | person` as a user runs them: real files, real stores, one-line errors."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from pipeline.cli import main
from pipeline.store.pg_server import ThrowawayPostgres, free_loopback_port
from tests.conftest import SAMPLES

SMALL_SAMPLES = ("000_0723f1c5f5b75f48__kommun.docx", "004_90a6bde803d3bf45__kommun.docx")
HIT_FIELDS = {"source": str, "sha256": str, "item_id": int, "item": int, "item_number": (int, type(None)),
              "item_title": str, "decision_id": (int, type(None)), "decision": (int, type(None)),
              "decision_kind": (str, type(None)), "decisions": list, "matched": list, "page": int, "snippet": str,
              "score": float}
PROTOKOLL = Path(sys.executable).parent / "protokoll"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def one_line_error(result: Result, status: int = 2) -> str:
    assert result.exit_code == status, (result.stdout, result.stderr)
    assert result.stderr.startswith("protokoll: ") and result.stderr.count("\n") == 1, result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.stderr


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with two samples, a file that is no PDF, and a note that is not a document."""
    folder = tmp_path_factory.mktemp("arkiv")
    for name in SMALL_SAMPLES:
        shutil.copy(SAMPLES / name, folder / name)
    (folder / "trasig.pdf").write_bytes(b"%PDF-1.7\n garbage")
    (folder / "läsmig.txt").write_text("inte ett protokoll")
    return folder


@pytest.fixture(scope="module")
def loaded_db(archive: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("db") / "arkiv.db")
    run("load", str(archive), "--db", db)
    return db


def test_loading_a_folder_goes_past_a_bad_file(archive: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "arkiv.db")
    before = {p.name: p.read_bytes() for p in archive.iterdir()}
    result = run("load", str(archive), "--db", db)
    assert result.exit_code == 0, result.stderr  # the run completed; the bad file is quarantined
    assert result.stderr.count("\n") == 1 and "trasig.pdf" in result.stderr
    assert [line.split()[0] for line in result.stdout.splitlines()[:2]] == ["loaded", "loaded"]
    assert result.stdout.splitlines()[-1] == "3 files: 2 loaded, 1 quarantined, 1 not PDF/DOCX skipped"
    reason = json.loads((tmp_path / "quarantine").glob("*trasig.pdf.reason.json").__next__().read_text())
    assert reason["original"] == str((archive / "trasig.pdf").resolve()) and reason["reason"] in result.stderr
    again = run("load", str(archive), "--db", db)
    assert again.stdout.splitlines()[-1] == "3 files: 0 loaded, 2 unchanged, 1 quarantined, 1 not PDF/DOCX skipped"
    assert {p.name: p.read_bytes() for p in archive.iterdir()} == before  # nothing moved or changed
    runs = json.loads(run("runs", "--db", db, "--format", "json").stdout)
    assert [r["status"] for r in runs] == ["completed", "completed"]
    assert [f["path"] for f in runs[0]["failures"]] == [str(archive / "trasig.pdf")]


def test_a_run_that_cannot_complete_is_exit_1(archive: Path, tmp_path: Path) -> None:
    result = run("load", str(archive / "trasig.pdf"), "--db", str(tmp_path / "x.db"))
    assert result.exit_code == 0 and "trasig.pdf" in result.stderr
    assert "no such file" in one_line_error(run("load", str(tmp_path / "saknas.pdf"), "--db",
                                                str(tmp_path / "x.db")), status=1)
    closed_port = free_loopback_port()
    unreachable = run("load", str(archive), "--db", f"postgresql://postgres@127.0.0.1:{closed_port}/x")
    assert "cannot connect to PostgreSQL" in one_line_error(unreachable, status=1)


def test_the_default_store_follows_protokoll_db(archive: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "från-miljön.db"
    monkeypatch.setenv("PROTOKOLL_DB", str(db))
    assert run("load", str(archive / SMALL_SAMPLES[0])).exit_code == 0
    assert db.is_file()
    assert json.loads(run("search", "RMGT", "--format", "json").stdout)["total"] > 0


def test_search_json_is_the_contract(loaded_db: str) -> None:
    result = run("search", "Samordningsteam", "--db", loaded_db, "--format", "json")
    assert result.exit_code == 0, result.stderr
    answer = json.loads(result.stdout)
    assert set(answer) == {"total", "offset", "limit", "hits", "facets", "meetings", "corrected", "notice"}
    assert answer["corrected"] is answer["notice"] is None
    assert answer["total"] == len(answer["hits"]) > 1 and (answer["offset"], answer["limit"]) == (0, 20)
    for hit in answer["hits"]:
        assert set(HIT_FIELDS) | {"meeting", "links"} == set(hit)
        assert all(isinstance(hit[name], kind) for name, kind in HIT_FIELDS.items()), hit
        assert hit["meeting"]["sha256"] == hit["sha256"] and hit["item"] >= 1
    scores = [hit["score"] for hit in answer["hits"]]
    assert scores == sorted(scores, reverse=True)
    assert {"organisation", "body", "year", "decision_kind"} == set(answer["facets"])
    grouped = [hit["item_title"] for meeting in answer["meetings"] for hit in meeting["hits"]]
    assert len({m["id"] for m in answer["meetings"]}) == len(answer["meetings"]) >= 1
    assert len(grouped) == len(answer["hits"]) - sum(len(h["also"]) for m in answer["meetings"] for h in m["hits"])
    bare = json.loads(run("search", "Samordningsteam", "--db", loaded_db, "--format", "json", "--no-facets").stdout)
    assert bare["facets"] == {} and bare["hits"] == answer["hits"]


def test_search_with_filters_as_a_table(loaded_db: str) -> None:
    result = run("search", "styrelsen", "--db", loaded_db, "--from", "2020", "--to", "2020-09",
                 "--decision-kind", "decision", "--org", "västra mälardalen")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].endswith("hits") and lines[2].startswith("2020-09-03  Samordningsförbundet Västra Mälardalen")
    assert lines[2].endswith("(protokoll, 1 file: 004_90a6bde803d3bf45__kommun.docx)")  # the meeting, its files
    assert "§ 2" in lines[3] and "[decision]" in lines[3]
    assert lines.count(lines[2]) == 1 and "000_" not in result.stdout
    assert "Facets (hits):" in result.stdout and "year: 2020" in result.stdout
    rich = run("search", "styrelsen", "--db", loaded_db, "--min-amount", "1,5 mkr", "--max-amount", "20 mkr")
    assert rich.stdout.startswith("1 hit\n") and "19 038 tkr" in run(
        "search", "medlemsmedel", "--db", loaded_db, "--min-amount", "19038000").stdout
    none = run("search", "styrelsen", "--db", loaded_db, "--min-amount", "100 mkr")
    assert none.exit_code == 0 and none.stdout.strip() == "No hits."


def test_person_report(loaded_db: str) -> None:
    result = run("person", "britt mari enholm-gahnström", "--db", loaded_db)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Britt-Mari Enholm Gahnström\nAttended 2 meetings:")
    assert "«Britt Mari Enholm Gahnström»" in result.stdout
    report = json.loads(run("person", "Rolf Urby", "--db", loaded_db, "--format", "json").stdout)
    assert [m["body"] for m in report["attended"]] == ["Utvecklingsrådet"]
    assert "matches 2 people" in one_line_error(run("person", "Linda", "--db", loaded_db), status=1)
    assert "no person named" in one_line_error(run("person", "Ingen Sådan", "--db", loaded_db), status=1)


@pytest.mark.parametrize("args", [
    ("search", ""),
    ("search", "--", "-bevilja"),
    ("search", "bevilja", "--from", "2023-13"),
    ("search", "bevilja", "--to", "i fjol"),
    ("search", "bevilja", "--min-amount", "massor"),
    ("person", " "),
])
def test_bad_input_is_one_line_and_exit_2(loaded_db: str, args: tuple[str, ...]) -> None:
    command, *rest = args
    one_line_error(run(command, "--db", loaded_db, *rest))


def test_bad_stores_are_one_line_and_exit_2(tmp_path: Path) -> None:
    assert "unsupported database URL scheme 'mysql://'" in one_line_error(run("search", "x", "--db", "mysql://h/db"))
    closed_port = free_loopback_port()
    unreachable = one_line_error(run("search", "x", "--db", f"postgresql://postgres:hemligt@127.0.0.1:{closed_port}/x"))
    assert "cannot connect to PostgreSQL" in unreachable and "hemligt" not in unreachable
    assert "no store at" in one_line_error(run("search", "x", "--db", str(tmp_path / "saknas.db")))
    not_a_db = tmp_path / "inte.db"
    not_a_db.write_text("inte en databas" * 100)
    assert "cannot open" in one_line_error(run("search", "x", "--db", str(not_a_db)))


def test_odd_queries_never_end_in_a_traceback(loaded_db: str) -> None:
    """Through the installed command, as a user would type them."""
    for query in ('"unbalanced (', "NEAR(bevilja", "bevilja AND *", "'; DROP TABLE units; --"):
        done = subprocess.run([str(PROTOKOLL), "search", query, "--db", loaded_db, "--format", "json"],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0 and "Traceback" not in done.stderr, (query, done.stderr)
        assert isinstance(json.loads(done.stdout)["total"], int)


def test_the_commands_on_postgresql(archive: Path, postgres_server: ThrowawayPostgres) -> None:
    with __import__("psycopg").connect(postgres_server.url, autocommit=True) as admin:
        admin.execute("CREATE DATABASE cli_store")
    url = postgres_server.database_url("cli_store")
    loaded = run("load", str(archive / SMALL_SAMPLES[0]), str(archive / SMALL_SAMPLES[1]), "--db", url)
    assert loaded.exit_code == 0 and loaded.stdout.splitlines()[-1] == "2 files: 2 loaded", loaded.stderr
    answer = json.loads(run("search", "RMGT", "--db", url, "--format", "json").stdout)
    assert answer["hits"][0]["item_title"] == "Rådgivande myndighetsgemensamt team (RMGT)"
    assert run("person", "rolf urby", "--db", url).stdout.startswith("Rolf Urby\nAttended 1 meeting:")


def test_every_exit_status_a_command_gives_is_in_help(loaded_db: str, tmp_path: Path) -> None:
    help_text = run("--help").stdout
    statuses = help_text.split("Exit status", 1)[1].split("Options:", 1)[0]
    nobody = run("person", "Nobody Here", "--db", loaded_db)
    assert "no person named 'Nobody Here'" in one_line_error(nobody, status=1)
    bad_query = run("search", "-", "--db", loaded_db)
    assert bad_query.exit_code == 2
    unreadable = run("load", str(tmp_path / "saknas"), "--db", str(tmp_path / "x.db"))
    assert unreadable.exit_code == 1
    for status, words in ((0, ("done",)), (1, ("`person` matched no one", "`case`", "load", "`serve`")),
                          (2, ("bad argument", "a store a query cannot open", "`extract`", "suffix"))):
        block = statuses.split(f"\n    {status}  ", 1)[1].split(f"\n    {status + 1}  ", 1)[0]
        assert all(w in " ".join(block.split()) for w in words), (status, block)
    assert "Exit 1 when no one or several people match" in " ".join(run("person", "--help").stdout.split())


def test_load_draws_a_progress_bar_on_a_terminal_and_only_its_lines_otherwise(archive: Path, tmp_path: Path) -> None:
    import os
    import pty

    controller, terminal = pty.openpty()
    loading = subprocess.Popen([str(PROTOKOLL), "load", str(archive), "--db", str(tmp_path / "tty.db")],
                               stdout=subprocess.PIPE, stderr=terminal, stdin=subprocess.DEVNULL, text=True)
    os.close(terminal)
    drawn = b""
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the terminal's other side closed: the command has exited
            break
        if not chunk:
            break
        drawn += chunk
    os.close(controller)
    stdout = loading.stdout.read()  # type: ignore[union-attr]
    assert loading.wait(timeout=300) == 0
    bars = [b.strip() for b in drawn.decode().replace("\x1b[K", "").split("\r") if b.strip().startswith("load [")]
    pages = sum(int(b.split(" files  ")[1].split("/")[1].split()[0]) for b in bars[:1])
    assert bars[0].startswith("load [......") and " 0/3 files  0/" in bars[0]
    assert bars[-1].startswith("load [" + "#" * 24 + "]") and f"3/3 files  {pages}/{pages} pages  done in" in bars[-1]
    assert pages >= 3 and any(" left  " in b or "done in" in b for b in bars[1:])
    assert "trasig.pdf" in drawn.decode()  # the quarantined file's line went above the bar
    assert stdout.splitlines()[-1] == "3 files: 2 loaded, 1 quarantined, 1 not PDF/DOCX skipped"
    piped = run("load", str(archive), "--db", str(tmp_path / "piped.db"))
    assert "load [" not in piped.stderr + piped.stdout and "\r" not in piped.stderr + piped.stdout
    assert piped.stdout.splitlines()[-1] == "3 files: 2 loaded, 1 quarantined, 1 not PDF/DOCX skipped"
