"""Shared fixtures: the rendered samples, the real corpus beside the repository, and a way
to build layout lines from plain Swedish text for the unit tests.

The sandbox: before any test module is imported, HOME, the XDG folders, PREFECT_HOME and the
temporary folder (TMPDIR, and tempfile's cached choice of it) point inside pytest's base
temporary folder, and the PROTOKOLL_* variables that name a store, an index or a quarantine are
unset; processes the tests start inherit all of it. At the end of the run (in the process that
runs the tests, or the controller of xdist's workers, once they are all done) the suite fails if
anything new is left in the real home's protokoll and Prefect folders or in the system's
temporary folder, outside pytest's own (PROTOKOLL_TEST_TMP_CHECK=warn: /tmp's only listed).
"""

from __future__ import annotations

import os
import pwd
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from extractors.paragraphs import Paragraph, to_paragraphs
from pipeline.store.pg_server import PostgresUnavailable, ThrowawayPostgres
from schemas.layout import Line, Segment

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "real"


# What the suite must not leave behind: the real home's folders protokoll and Prefect write to,
# and, in the system's temporary folder, anything named as protokoll or Prefect name what they
# make (other programs on a shared machine make files there too: those are not ours to judge).
REAL_HOME = Path(pwd.getpwuid(os.getuid()).pw_dir)
HOME_WATCHED = (".local/share/protokoll", ".prefect", ".cache/prefect", ".config/protokoll", ".cache/protokoll")
SYSTEM_TMP = Path("/tmp")
TMP_WATCHED = ("protokoll", "prefect")
SANDBOX_UNSET = ("PROTOKOLL_DB", "PROTOKOLL_INDEX", "PROTOKOLL_QUARANTINE", "PREFECT_API_URL", "PREFECT_PROFILE")


def _leftover_snapshot() -> set[str]:
    found: set[str] = set()
    for name in HOME_WATCHED:
        folder = REAL_HOME / name
        if folder.exists():
            found |= {str(p) for p in [folder, *folder.rglob("*")]}
    if SYSTEM_TMP.is_dir():
        found |= {str(p) for p in SYSTEM_TMP.iterdir() if p.name.startswith(TMP_WATCHED)}
    return found


def _in_xdist_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


@pytest.hookimpl(trylast=True)  # after pytest's tmpdir plugin has made its base folder
def pytest_configure(config: pytest.Config) -> None:
    base = config._tmp_path_factory.getbasetemp()  # type: ignore[attr-defined]  (the public fixture comes later)
    config.stash[_BEFORE] = _leftover_snapshot() if not _in_xdist_worker(config) else set()
    sandbox = base / "sandbox"
    folders = {"HOME": "home", "XDG_DATA_HOME": "home/.local/share", "XDG_CONFIG_HOME": "home/.config",
               "XDG_CACHE_HOME": "home/.cache", "XDG_STATE_HOME": "home/.local/state", "PREFECT_HOME": "prefect",
               "TMPDIR": "tmp"}
    for variable, relative in folders.items():
        path = sandbox / relative
        path.mkdir(parents=True, exist_ok=True)
        os.environ[variable] = str(path)
    os.environ["TMP"] = os.environ["TEMP"] = os.environ["TMPDIR"]
    for variable in SANDBOX_UNSET:
        os.environ.pop(variable, None)
    # Prefect gives the temporary server a `protokoll ingest` starts 20 s, which a loaded machine
    # (the suite's own workers among its load) overruns: a bound that load breaks, made generous.
    os.environ["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"] = "180"
    tempfile.tempdir = None  # tempfile caches its first choice of folder: choose again, from TMPDIR
    assert Path(tempfile.gettempdir()) == sandbox / "tmp"


_BEFORE = pytest.StashKey[set[str]]()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run if it left something outside its sandbox (checked once, after every worker)."""
    config = session.config
    if _in_xdist_worker(config) or _BEFORE not in config.stash:
        return
    left = sorted(_leftover_snapshot() - config.stash[_BEFORE])
    in_home = [p for p in left if Path(p).is_relative_to(REAL_HOME)]
    in_tmp = [p for p in left if p not in in_home]
    # On a machine where other runs of the suite (older ones, without this sandbox) go on at the
    # same time, what appears in /tmp may be theirs: PROTOKOLL_TEST_TMP_CHECK=warn lists it only.
    tmp_fails = os.environ.get("PROTOKOLL_TEST_TMP_CHECK", "fail") != "warn"
    failing = in_home + (in_tmp if tmp_fails else [])
    if not left:
        return
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    message = ("the test run left files outside its sandbox:\n  " + "\n  ".join(failing) if failing else "") + (
        "\nnew in /tmp while the run went on (PROTOKOLL_TEST_TMP_CHECK=warn: not failed):\n  " + "\n  ".join(in_tmp)
        if in_tmp and not tmp_fails else "")
    if reporter is not None:
        reporter.write_sep("=", "leftovers", red=bool(failing), yellow=not failing)
        reporter.write_line(message.strip())
    else:
        print(message.strip())
    if failing:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """With xdist (`--dist loadgroup`), tests that share a costly server are one group, run by one
    worker, which starts the server once: the Prefect test server (tests/flows), the PostgreSQL
    server, Chromium. Every other test goes to whichever worker is free."""
    for item in items:
        group = _server_group(item)
        if group:
            item.add_marker(pytest.mark.xdist_group(group))


def _server_group(item: pytest.Item) -> str | None:
    fixtures = set(getattr(item, "fixturenames", ()))
    callspec = getattr(item, "callspec", None)
    if "prefect_harness" in fixtures or Path(str(item.path)).is_relative_to(ROOT / "tests" / "flows"):
        return "prefect"
    if "browser" in fixtures:
        return "chromium"
    params = callspec.params.values() if callspec is not None else ()
    if "postgres_server" in fixtures or any(value in ("postgres", "postgresql") for value in params):
        return "postgres"
    return None


def make_line(text: str, page: int = 1, bold: bool = False, top: float | None = None,
              x0: float = 50.0, size: float = 11.0, **kwargs: object) -> Line:
    """A line as a reader would give it; tabs in the text separate column segments."""
    segments = []
    x = x0
    for part in text.split("\t"):
        segments.append(Segment(text=part, x0=x, x1=x + 6 * len(part), bold=bold, size=size))
        x += 6 * len(part) + 40
    return Line(segments=segments, page=page, top=top or 0.0, bottom=(top or 0.0) + size, **kwargs)


def make_lines(text: str, page: int = 1) -> list[Line]:
    """One line per non-empty line of text; a line in **stars** is bold."""
    lines = []
    for n, raw in enumerate(t.strip() for t in text.strip().splitlines() if t.strip()):
        bold = raw.startswith("**") and raw.endswith("**")
        lines.append(make_line(raw.strip("*"), page=page, bold=bold, top=20.0 * n))
    return lines


def paragraphs(text: str) -> list[Paragraph]:
    """Each line of text a paragraph, as a DOCX gives them."""
    return to_paragraphs(make_lines(text), "paragraphs")


@pytest.fixture(scope="session")
def sample_files() -> list[Path]:
    files = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".pdf", ".docx"))
    assert len(files) >= 15, "samples/ must hold the rendered seeds"
    return files


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[ThrowawayPostgres]:
    """A PostgreSQL server on a loopback port for this test session; a missing server fails the
    tests that need it (it is not skipped)."""
    try:
        server = ThrowawayPostgres()
        server.start()
    except PostgresUnavailable as exc:
        pytest.fail(f"PostgreSQL store tests need a server: {exc}", pytrace=False)
    try:
        yield server
    finally:
        server.stop()
