"""Per-file limits: extraction runs in a child process that a time limit (growing with the page
count) and a memory limit end; the file is then quarantined with that reason. Real samples and
files the test makes; tiny limits so that the tests are quick."""

from __future__ import annotations

import base64
import itertools
import os
import zipfile
from pathlib import Path

from pipeline.extract.isolated import Limits, extract_isolated
from pipeline.extract.page_count import count_pages
from pipeline.ingest import discover, ingest_file, list_runs, start_run
from pipeline.store import open_store
from tests.conftest import SAMPLES

LONG_PDF = SAMPLES / "001_702812d2f0149fea__kommun.pdf"  # 18 pages


def heavy_docx(path: Path, megabytes: int) -> None:
    """A DOCX of ``megabytes`` of text that does not compress, so the reader's cheap zip-bomb
    check lets it through and only the memory limit stops it."""
    paragraphs = (b"<w:p><w:r><w:t>" + b" ".join(base64.b32encode(os.urandom(10)).lower() for _ in range(8))
                  + b"</w:t></w:r></w:p>" for _ in itertools.count())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                         'package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/'
                         'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        archive.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                         'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                         'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
                         '</Relationships>')
        with archive.open("word/document.xml", "w") as part:
            part.write(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
                       b'2006/main"><w:body>')
            written = 0
            while written < megabytes * 1024 * 1024:
                written += part.write(next(paragraphs))
            part.write(b"</w:body></w:document>")


def test_page_counts_come_before_extraction() -> None:
    assert count_pages(LONG_PDF) == 18
    assert count_pages(SAMPLES / "003_a3048755c5bf4d8a__tryck.pdf") == 11
    assert count_pages(SAMPLES / "000_0723f1c5f5b75f48__kommun.docx") >= 1


def test_the_time_limit_grows_with_the_page_count() -> None:
    limits = Limits(base_seconds=0.2, seconds_per_page=0.01)
    late = extract_isolated(LONG_PDF, limits)
    assert late.document is None and late.pages == 18
    assert late.reason == "took longer than 0.4 s (limit for 18 pages)"
    roomy = extract_isolated(LONG_PDF, Limits(base_seconds=30, seconds_per_page=2))
    assert roomy.document is not None and roomy.document.pages == 18 and roomy.reason == ""


def test_a_file_that_needs_too_much_memory_meets_the_memory_limit(tmp_path: Path) -> None:
    heavy = tmp_path / "tung.docx"
    heavy_docx(heavy, megabytes=15)
    limits = Limits(memory_mb=300)
    result = extract_isolated(heavy, limits)
    assert result.document is None and result.reason == "needed more than 300 MB of memory"
    ordinary = extract_isolated(SAMPLES / "000_0723f1c5f5b75f48__kommun.docx", limits)
    assert ordinary.document is not None and ordinary.reason == ""


def test_a_file_over_a_limit_is_quarantined_with_that_reason(tmp_path: Path) -> None:
    inbox = tmp_path / "inkorg"
    inbox.mkdir()
    (inbox / LONG_PDF.name).write_bytes(LONG_PDF.read_bytes())
    with open_store(str(tmp_path / "arkiv.db")) as store:
        run_id = start_run(store, "load", [inbox])
        (path,) = discover([inbox]).files
        outcome = ingest_file(store, path, run_id, Limits(base_seconds=0.2, seconds_per_page=0.01),
                              tmp_path / "karantän")
        assert (outcome.status, outcome.reason) == ("quarantined", "took longer than 0.4 s (limit for 18 pages)")
        assert store.query("SELECT reason FROM quarantine") == [(outcome.reason,)]
        assert list_runs(store)[0]["failures"] == [{"path": str(path), "reason": outcome.reason}]
    assert (tmp_path / "karantän" / Path(outcome.copy or "").name).read_bytes() == LONG_PDF.read_bytes()
