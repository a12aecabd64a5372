"""The project's own measuring corpus (corpus/): every document has its provenance and its gold.

corpus/MANIFEST.tsv says where each document came from (repository, path, commit, licence) in the
columns of ../shared/corpus/real/MANIFEST.tsv; corpus/gold/<stem>.json is its gold, scored by
../shared/eval/score.py against every file whose name starts with <stem>. The documents themselves
(corpus/files/) are fetched data and are kept beside the repository, not in it: the checks on files
run on what is there, the checks on gold and manifest always run.
"""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
MANIFEST = CORPUS / "MANIFEST.tsv"
GOLD_DIRS = (CORPUS / "gold", CORPUS / "gold-shared")
DOCUMENT_SUFFIXES = (".pdf", ".docx")
COLUMNS = ["file", "repo", "path_in_repo", "commit", "license", "kind", "pages", "has_text_layer", "notes"]
KINDS = {"protokoll", "minnesanteckningar", "rapport", "verksamhetsplan", "annat"}


def manifest_rows() -> list[dict[str, str]]:
    with MANIFEST.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        assert reader.fieldnames == COLUMNS, f"{MANIFEST.name} columns differ from the shared manifest's"
        return list(reader)


def gold_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.json")) if directory.is_dir() else []


def documents() -> list[Path]:
    files = CORPUS / "files"
    return sorted(p for p in files.iterdir() if p.suffix.lower() in DOCUMENT_SUFFIXES) if files.is_dir() else []


def test_manifest_rows_are_complete_and_unique() -> None:
    rows = manifest_rows()
    assert rows, "the manifest lists no document"
    names = [row["file"] for row in rows]
    assert len(names) == len(set(names)), "a document is listed twice"
    for row in rows:
        assert Path(row["file"]).suffix.lower() in DOCUMENT_SUFFIXES, row["file"]
        assert row["repo"].count("/") == 1 and row["path_in_repo"], row["file"]
        assert len(row["commit"]) == 40 and int(row["commit"], 16) >= 0, row["file"]
        assert row["license"].strip() and row["kind"] in KINDS, row["file"]
        assert row["pages"].isdigit() and row["notes"].strip(), row["file"]


def test_every_gold_file_parses_and_names_a_listed_source() -> None:
    listed = {row["file"] for row in manifest_rows()}
    gold = gold_files(CORPUS / "gold")
    assert gold, "corpus/gold holds no gold file"
    for path in gold:
        record = json.loads(path.read_text(encoding="utf-8"))
        source = record.get("source")
        assert source, f"{path.name} names no source"
        assert source.startswith(path.stem), f"{path.name}: the scorer matches {path.stem}*, the source is {source}"
        assert source in listed, f"{path.name}: {source} has no manifest line"
        assert record.get("kind") in KINDS, path.name


def test_gold_stems_do_not_prefix_each_other() -> None:
    """The scorer scores a gold file against every document whose name starts with its stem."""
    stems = [p.stem for directory in GOLD_DIRS for p in gold_files(directory)]
    clashes = [(a, b) for a in stems for b in stems if a != b and b.startswith(a)]
    assert not clashes, clashes


def test_every_manifest_line_has_its_gold() -> None:
    stems = {p.stem for p in gold_files(CORPUS / "gold")}
    missing = [row["file"] for row in manifest_rows() if not any(row["file"].startswith(s) for s in stems)]
    assert not missing, f"listed without gold: {missing}"


@pytest.mark.parametrize("path", documents(), ids=lambda p: p.name)
def test_every_document_has_a_manifest_line_and_a_gold_file(path: Path) -> None:
    rows = {row["file"]: row for row in manifest_rows()}
    assert path.name in rows, f"{path.name} has no manifest line"
    stems = [p.stem for p in gold_files(CORPUS / "gold")]
    assert any(path.name.startswith(stem) for stem in stems), f"{path.name} has no gold file"
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert f"sha256 {digest}" in rows[path.name]["notes"], f"{path.name} is not the file the manifest describes"


def test_shared_gold_names_files_of_the_shared_corpus() -> None:
    shared = CORPUS.parent.parent / "shared" / "corpus" / "real"
    for path in gold_files(CORPUS / "gold-shared"):
        record = json.loads(path.read_text(encoding="utf-8"))
        assert record.get("source", "").startswith(path.stem), path.name
        if shared.is_dir():
            assert (shared / record["source"]).is_file(), f"{path.name}: {record['source']} is not in {shared}"
