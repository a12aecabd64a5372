"""A corpus of bad files the tests make: each gives a record or its own clear reason, never a
crash, and nothing a user gave is changed or lost."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest

import extractors.readers.pdf as pdf_reader  # read_layout looks its reader up here when a file is read
from extractors.readers import UnreadableDocument
from extractors.readers.docx import MAX_UNCOMPRESSED_BYTES
from pipeline.extract import extract_file
from schemas.record import Document
from tests.conftest import ROOT, SAMPLES
from tests.makefiles import text_pdf

SAMPLE_PDF = SAMPLES / "004_90a6bde803d3bf45__kommun.pdf"
SAMPLE_DOCX = SAMPLES / "004_90a6bde803d3bf45__kommun.docx"
MINUTES = ["Kommunstyrelsen", "Protokoll 2024-05-27", "§ 1 Val av justerare",
           "Kommunstyrelsen beslutar att utse Anna Ek att justera protokollet."]


def reason_for(path: Path) -> str:
    with pytest.raises(UnreadableDocument) as error:
        extract_file(path)
    return error.value.reason


def snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


def write(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


def zip_bomb(path: Path) -> Path:
    """The sample DOCX with one more part that inflates to more than the reader allows."""
    shutil.copy(SAMPLE_DOCX, path)
    zeros = b"\0" * (1 << 20)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive, \
            archive.open("word/media/image1.bin", "w", force_zip64=True) as member:
        for _ in range(MAX_UNCOMPRESSED_BYTES // len(zeros) + 8):
            member.write(zeros)
    return path


def encrypted(path: Path, user_password: str) -> Path:
    with pikepdf.open(SAMPLE_PDF) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(user=user_password, owner="ägarlösen"))
    return path


BAD_FILES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "zero bytes": (lambda d: write(d / "tom.pdf", b""), "the file is empty"),
    "truncated PDF": (lambda d: write(d / "halv.pdf", SAMPLE_PDF.read_bytes()[: SAMPLE_PDF.stat().st_size // 2]),
                      "not a readable PDF: it is truncated (the file ends before its end-of-file marker)"),
    "HTML named .pdf": (lambda d: write(d / "sida.pdf", b"<!DOCTYPE html>\n<html><head><title>404</title></head>"
                                                         b"<body>Not found</body></html>"),
                        "not a PDF (it is an HTML page)"),
    "encrypted PDF": (lambda d: encrypted(d / "lasad.pdf", "hemligt"), "the PDF is encrypted (needs a password)"),
    "DOCX that is not a zip": (lambda d: write(d / "inte-zip.docx", b"Protokoll\r\nfort skrivet i Anteckningar"),
                               "not a DOCX (not a ZIP archive)"),
    "truncated DOCX": (lambda d: write(d / "halv.docx", SAMPLE_DOCX.read_bytes()[: SAMPLE_DOCX.stat().st_size // 2]),
                       "the DOCX is damaged or truncated (not a readable ZIP archive)"),
    "DOCX zip bomb": (lambda d: zip_bomb(d / "bomb.docx"), "the DOCX looks like a zip bomb (it unpacks to"),
    "HTML named .docx": (lambda d: write(d / "sida.docx", b"<html><body>Sidan finns inte</body></html>"),
                         "not a DOCX (it is an HTML page)"),
    "old Word .doc": (lambda d: write(d / "gammal.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600),
                      "old Word .doc format is not supported (save it as DOCX or PDF)"),
    "ZIP that is no DOCX": (lambda d: _plain_zip(d / "arkiv.docx"), "not a DOCX (it is a ZIP archive without a Word"),
    "neither PDF nor DOCX": (lambda d: write(d / "anteckning.txt", "Protokoll §1".encode()),
                             "unsupported file type '.txt' (expects PDF or DOCX)"),
}


def _plain_zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("protokoll.txt", "§ 1 Mötets öppnande")
    return path


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_each_bad_file_gives_its_own_reason_and_stays_untouched(tmp_path: Path, case: str) -> None:
    make, reason = BAD_FILES[case]
    path = make(tmp_path)
    before = snapshot(tmp_path)
    assert reason_for(path).startswith(reason)
    assert snapshot(tmp_path) == before


def test_pdf_with_an_empty_user_password_is_read(tmp_path: Path) -> None:
    record = extract_file(encrypted(tmp_path / "skyddad.pdf", ""))
    plain = extract_file(SAMPLE_PDF)
    assert [i.title for i in record.items] == [i.title for i in plain.items] and record.items


def test_a_pdf_named_docx_is_read_as_a_pdf_and_the_mismatch_noted(tmp_path: Path) -> None:
    path = shutil.copy(SAMPLE_PDF, tmp_path / "protokoll.docx")
    record = extract_file(Path(path))
    assert record.provenance is not None
    assert (record.provenance.reader, record.provenance.detected_type) == ("pdf", "pdf")
    assert record.provenance.name_mismatch == "named '.docx' but is a PDF"
    assert [i.title for i in record.items] == [i.title for i in extract_file(SAMPLE_PDF).items]


def test_a_file_renamed_while_it_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "flyttas.pdf", text_pdf([MINUTES]))
    read_pdf = pdf_reader.read_pdf

    def read_then_rename(p: Path):  # type: ignore[no-untyped-def]
        layout = read_pdf(p)
        p.rename(tmp_path / "flyttad.pdf")
        return layout

    monkeypatch.setattr(pdf_reader, "read_pdf", read_then_rename)
    assert reason_for(path) == "the file disappeared or changed while it was read"
    assert (tmp_path / "flyttad.pdf").read_bytes() == text_pdf([MINUTES])  # moved by someone else, not lost


def test_a_file_rewritten_while_it_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "skrivs.pdf", text_pdf([MINUTES]))
    read_pdf = pdf_reader.read_pdf

    def read_then_append(p: Path):  # type: ignore[no-untyped-def]
        layout = read_pdf(p)
        with p.open("ab") as handle:
            handle.write(b"% more\n")
        return layout

    monkeypatch.setattr(pdf_reader, "read_pdf", read_then_append)
    assert reason_for(path) == "the file disappeared or changed while it was read"


def test_a_non_utf8_file_name(tmp_path: Path) -> None:
    name = "sammantr\xe4de-protokoll.pdf".encode("latin-1")  # an old Latin-1 archive's name
    raw = os.path.join(os.fsencode(tmp_path), name)
    with open(raw, "wb") as handle:
        handle.write(text_pdf([MINUTES]))
    path = Path(os.fsdecode(raw))
    done = subprocess.run([sys.executable, "-m", "pipeline.cli", "extract", os.fsdecode(raw), "--format", "json"],
                          capture_output=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["source"] == "sammantr\ufffdde-protokoll.pdf"
    assert extract_file(path).items[0].title == "Val av justerare"
    os.truncate(raw, 0)
    failed = subprocess.run([sys.executable, "-m", "pipeline.cli", "extract", os.fsdecode(raw)],
                            capture_output=True, cwd=ROOT, timeout=120)
    assert failed.returncode == 2 and failed.stdout == b""
    assert failed.stderr.decode() .count("\n") == 1
    assert "sammantr\ufffdde-protokoll.pdf: the file is empty" in failed.stderr.decode()


def test_the_same_file_under_two_names(tmp_path: Path) -> None:
    first = write(tmp_path / "ks-2024-05-27.pdf", text_pdf([MINUTES]))
    second = Path(shutil.copy(first, tmp_path / "kopia av ks-2024-05-27.pdf"))
    one, two = extract_file(first), extract_file(second)
    assert one.sha256 == two.sha256  # the store keeps one document for both
    assert (one.source, two.source) == ("ks-2024-05-27.pdf", "kopia av ks-2024-05-27.pdf")
    assert one.model_dump(exclude={"source"}) == two.model_dump(exclude={"source"})


def test_json_source_is_the_base_name(tmp_path: Path) -> None:
    folder = tmp_path / "2024" / "ks"
    folder.mkdir(parents=True)
    path = write(folder / "protokoll.pdf", text_pdf([MINUTES]))
    done = subprocess.run([sys.executable, "-m", "pipeline.cli", "extract", str(path), "--format", "json"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert json.loads(done.stdout)["source"] == "protokoll.pdf"


def test_neither_pdf_nor_docx_is_exit_2_with_its_reason(tmp_path: Path) -> None:
    path = write(tmp_path / "protokoll.pdf", b"<html><body>Logga in</body></html>")
    done = subprocess.run([sys.executable, "-m", "pipeline.cli", "extract", str(path)], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 2 and done.stderr == f"protokoll: {path}: not a PDF (it is an HTML page)\n"


def test_a_2000_page_pdf_is_processed(tmp_path: Path) -> None:
    """A bound year of minutes: every page a short paragraph, all read, none refused."""
    places = ["Eskilstuna", "Västerås", "Köping", "Arboga", "Sala", "Fagersta", "Kungsör", "Norberg", "Surahammar",
              "Hallstahammar", "Skinnskatteberg"]
    grants = ["bidrag", "stöd", "medel", "anslag", "ersättning", "ett lån", "en garanti"]
    pages = [[f"§ {n} Ärende {n}",
              f"Kommunstyrelsen beslutar att ge {grants[n % len(grants)]} till {places[n % len(places)]} "
              f"med {n * 1000:,} kr.".replace(",", " ")] for n in range(1, 2001)]
    record = extract_file(write(tmp_path / "arsband.pdf", text_pdf([MINUTES[:2], *pages])))
    assert isinstance(record, Document) and record.pages == 2001
    assert [i.number for i in record.items] == list(range(1, 2001))
    assert all(item.decisions for item in record.items)
    assert [a.value_sek for a in record.items[-1].amounts] == [2_000_000]
