"""The protokoll command on real files: the rendered samples and the real corpus."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.extract import extract_file
from schemas.record import Document
from tests.conftest import CORPUS, ROOT, SAMPLES

CORPUS_FILES = sorted(p for p in CORPUS.glob("*") if p.suffix.lower() in (".pdf", ".docx")) if CORPUS.exists() else []


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=300, env={**os.environ, **(env or {})})


def test_every_sample_gives_a_valid_contract_record(sample_files: list[Path]) -> None:
    runner = CliRunner()
    for path in sample_files:
        result = runner.invoke(main, ["extract", str(path), "--format", "json"])
        assert result.exit_code == 0, (path.name, result.output)
        record = Document.model_validate_json(result.output)
        assert record.source == path.name and len(record.sha256) == 64
        assert record.kind in ("protokoll", "minnesanteckningar", "rapport", "verksamhetsplan")


def test_one_protocol_in_detail() -> None:
    record = extract_file(SAMPLES / "001_702812d2f0149fea__kommun.pdf")
    assert (record.organisation, record.body, str(record.meeting_date)) == (
        "Samordningsförbundet Västmanland", "Styrelsen", "2024-05-27")
    assert [i.number for i in record.items] == list(range(17, 29))
    item = record.items[10]
    assert item.title.startswith("Ansökan om finansiering") and [a.value_sek for a in item.amounts] == [50000]
    across = record.items[9]  # § 26 runs over a page break and stays one item
    assert across.number == 26 and across.page_start < across.page_end
    assert [a.raw for a in across.amounts] == ["50 350 kr", "60 tkr", "60 tkr"]
    assert record.items[3].title == "Rapport från projekt Rehabkoordinatorer i Samverkan"  # the body, not the TOC
    assert record.chair == "Shpetim Pirraku"  # the attendee list's spelling, not the signature's


def test_text_summary_is_readable() -> None:
    result = CliRunner().invoke(main, ["extract", str(SAMPLES / "004_90a6bde803d3bf45__kommun.docx")])
    assert result.exit_code == 0
    assert "SVM § 22" in result.output and "Delårsrapport 2020" in result.output


def test_unreadable_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "trasig.pdf"
    bad.write_bytes(b"%PDF-1.7\n garbage")
    result = run("extract", str(bad), "--format", "json")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "trasig.pdf" in result.stderr
    missing = run("extract", str(tmp_path / "finns-inte.docx"))
    assert missing.returncode == 2 and "no such file" in missing.stderr


# One test per file (none when ../shared/corpus/real is not beside the repository: pytest says
# the parameter set is empty): the files go to whichever xdist worker is free (a process each costs seconds).
@pytest.mark.parametrize("path", CORPUS_FILES, ids=[p.name for p in CORPUS_FILES])
def test_every_corpus_file_gives_a_record_or_one_clear_error(path: Path) -> None:
    """OCR off, so that CI does not OCR the whole corpus: then a scan's only reason is that it
    needs OCR (test_ocr.py reads scans with OCR on)."""
    result = run("extract", str(path), "--format", "json", env={"PROTOKOLL_OCR": "off"})
    if result.returncode == 0:
        Document.model_validate_json(result.stdout)
    else:
        assert result.returncode == 2, (path.name, result.stderr)
        assert result.stderr.count("\n") == 1 and path.name in result.stderr, result.stderr
        assert "needs OCR" in result.stderr and "Traceback" not in result.stderr, result.stderr


def test_a_sample_of_notes_is_minnesanteckningar() -> None:
    record = json.loads(run("extract", str(SAMPLES / "000_0723f1c5f5b75f48__kommun.docx"), "--format", "json").stdout)
    assert record["kind"] == "minnesanteckningar"
