"""`protokoll serve` as a user runs it: loopback by default, one line when there is no store."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from click.testing import CliRunner

from pipeline.cli import main
from pipeline.cli.web import allowed_hosts, is_loopback
from pipeline.store.pg_server import free_loopback_port

PROTOKOLL = Path(sys.executable).parent / "protokoll"


def test_serve_listens_on_loopback_by_default(web_db: str) -> None:
    port = free_loopback_port()
    server = subprocess.Popen([str(PROTOKOLL), "serve", "--db", web_db, "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        answer = None
        deadline = time.monotonic() + 20
        while answer is None and time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/decisions?limit=1", timeout=2) as response:
                    answer = json.load(response)
            except OSError:
                time.sleep(0.1)
        assert answer is not None and answer["total"] == 28  # each decision once, not once per file
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=10)
    assert f"Uvicorn running on http://127.0.0.1:{port}" in output
    assert f"Protokollarkivet: http://localhost:{port}/" in output


def test_serve_without_a_store_says_so_in_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "saknas.db")])
    assert result.exit_code == 2
    assert result.stderr.startswith("protokoll: no store at") and result.stderr.count("\n") == 1


def test_only_loopback_names_are_answered_unless_another_host_is_bound() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("192.168.1.20") and not is_loopback("arkiv.kommun.se")
    assert allowed_hosts("127.0.0.1", ()) == ["127.0.0.1", "localhost"]
    assert allowed_hosts("192.168.1.20", ("arkiv.kommun.se",)) == ["127.0.0.1", "localhost", "arkiv.kommun.se",
                                                                    "192.168.1.20"]
    assert allowed_hosts("0.0.0.0", ()) == ["*"]


def test_a_port_in_use_is_exit_1_as_help_says(web_db: str) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([str(PROTOKOLL), "serve", "--db", web_db, "--port", str(port)],
                                capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr  # uvicorn's own status would be 3, which --help does not name
    assert result.stderr.splitlines()[-1] == f"protokoll: cannot serve on 127.0.0.1:{port} (the reason is logged above)"
    assert "address already in use" in result.stderr
