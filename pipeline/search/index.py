"""The index's life: where it lives, opening it, rebuilding it, and catching it up with the store.

The store keeps a change sequence (table ``changes``: one row per document loaded, replaced or
deleted, numbered in commit order) and the index records, in a file beside its segments written
just after each commit, the last change it reflects (never ahead of what it holds). Catching up
applies the changes after that number: each named document's items are deleted from the index
and, if the store still holds the document, added again as the store now has them. Applying a
change twice gives the same index, so a crash between the store's commit and the index's heals
on the next open, and a shared PostgreSQL store's loads from other machines reach every
machine's index the same way.

Tantivy allows one writer and many readers per index directory: a writer is taken only to
apply changes or rebuild, and given back after. A process that finds the writer taken waits
for it when it has changes of its own to apply (they are applied by whoever holds it, or by
the waiter after), and does not wait when it only searches: the holder brings the index up.

A missing index, one that cannot be read, or one built from another store or in another format
is rebuilt from the store, with a progress bar on stderr.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.search.analysis import index_text
from pipeline.search.schema import (
    FORMAT,
    ITEM,
    TEXT_FIELDS,
    build_schema,
    item_document,
    register_analyzer,
)
from pipeline.store.errors import StoreError
from pipeline.store.index_sources import DocumentSource, all_documents, read_documents

if TYPE_CHECKING:
    import tantivy

    from pipeline.store.base import Store

WRITER_HEAP = 64_000_000
LOCK_PATIENCE = 300.0  # seconds a process with changes of its own waits for another's writer
STATE_FILE = "protokoll-index.json"
CATCH_UP_BATCH = 2000  # changes applied per index commit
PROGRESS_FROM = 200  # documents: a catch-up this long shows a progress bar
# What Tantivy says when an index's files are gone or broken (as opposed to a query it refuses).
DAMAGE = re.compile(r"(?i)no such file|does not exist|FileDoesNotExist|corrupt|checksum|OpenReadError|"
                    r"OpenDirectoryError|IoError|Io\(|incompatible|failed to open|unexpected end")


class IndexBusy(StoreError):
    """Another process holds the index's writer."""


@dataclass(frozen=True)
class IndexState:
    seq: int
    format: int
    identity: str


class SearchIndex:
    """The Tantivy index of one store, in one directory."""

    def __init__(self, path: Path, progress: bool = True) -> None:
        self.path = path
        self.progress = progress
        self._index: tantivy.Index | None = None
        self._writer: tantivy.IndexWriter | None = None
        self._held = 0
        self.seq = -1  # the last change the searcher in use reflects
        self.schema: tantivy.Schema | None = None

    # -- opening ---------------------------------------------------------------------------------

    @property
    def index(self) -> tantivy.Index:
        assert self._index is not None, "call ready(store) first"
        return self._index

    def ready(self, store: Store) -> None:
        """Open the index (made or rebuilt first when missing, unreadable or not this store's)."""
        if self._index is not None:
            return
        with self._directory_lock():
            reason = self._open(store)
            if reason or self.seq < 0:
                self._rebuild(store, reason, show=reason is not None)

    def _open(self, store: Store) -> str | None:
        """Open or create the index; why it must be rebuilt, or None."""
        import tantivy

        self.schema = build_schema()
        self.path.mkdir(parents=True, exist_ok=True)
        try:
            existed = tantivy.Index.exists(str(self.path))
            if existed and not tantivy.Index.is_compatible(str(self.path)):
                raise ValueError("written by another version of Tantivy")
            self._index = tantivy.Index(self.schema, path=str(self.path), reuse=True)
            register_analyzer(self._index)
            self._index.config_reader(reload_policy="Manual")
            state = self.state()
        except (ValueError, OSError) as exc:
            self._wipe()
            return f"it could not be read ({_one_line(exc)})"
        if not existed:
            return None if store.fresh else "it is missing"
        if state is None:
            return "it holds no record of the store's changes"
        if state.format != FORMAT:
            return f"it was built in format {state.format}, this protokoll writes {FORMAT}"
        if state.identity != store.identity():
            return "it was built from another store"
        self.seq = state.seq
        return None

    def _wipe(self) -> None:
        """Remove an unreadable index and start an empty one in its place."""
        import tantivy

        self._index = None
        shutil.rmtree(self.path, ignore_errors=True)
        self.path.mkdir(parents=True, exist_ok=True)
        self._index = tantivy.Index(self.schema, path=str(self.path), reuse=False)
        register_analyzer(self._index)
        self._index.config_reader(reload_policy="Manual")

    @contextlib.contextmanager
    def _directory_lock(self) -> Iterator[None]:
        """One process at a time creates, wipes or rebuilds the index."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path.parent / f".{self.path.name}.lock", "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def state(self) -> IndexState | None:
        """What the index records of the store: the last change it reflects (written after the
        commit that holds it, so never ahead of it), the store and the format."""
        try:
            values = json.loads((self.path / STATE_FILE).read_text(encoding="utf-8"))
            return IndexState(int(values["seq"]), int(values["format"]), str(values["identity"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _write_state(self, state: IndexState) -> None:
        partial = self.path / f".{STATE_FILE}.{os.getpid()}.part"
        partial.write_text(json.dumps(vars(state)), encoding="utf-8")
        os.replace(partial, self.path / STATE_FILE)

    # -- writing ---------------------------------------------------------------------------------

    @contextlib.contextmanager
    def writer(self, patience: float = LOCK_PATIENCE) -> Iterator[tantivy.IndexWriter]:
        """The index's one writer, taken (waiting up to ``patience`` seconds) or the one held."""
        if self._writer is not None:
            yield self._writer
            return
        writer = self._take_writer(patience)
        self._writer = writer
        try:
            yield writer
        finally:
            self._writer = None
            if self._held == 0:
                _release(writer)

    @contextlib.contextmanager
    def holding(self, patience: float = LOCK_PATIENCE) -> Iterator[None]:
        """Keep the writer across several catch-ups (a bulk load), instead of taking it for each."""
        if self._held:
            self._held += 1
            try:
                yield
            finally:
                self._held -= 1
            return
        self._writer = self._take_writer(patience)
        self._held = 1
        try:
            yield
        finally:
            self._held = 0
            writer, self._writer = self._writer, None
            if writer is not None:
                _release(writer)

    def _take_writer(self, patience: float) -> tantivy.IndexWriter:
        deadline = time.monotonic() + patience
        pause = 0.02
        while True:
            try:
                return self.index.writer(heap_size=WRITER_HEAP, num_threads=1)
            except ValueError as exc:
                if "LockBusy" not in str(exc):
                    raise
                if time.monotonic() >= deadline:
                    raise IndexBusy(f"another process is writing the search index at {self.path}") from exc
            time.sleep(pause)
            pause = min(pause * 2, 0.5)

    def catch_up(self, store: Store, patience: float = LOCK_PATIENCE) -> bool:
        """Apply the store's changes the index lacks; False when another process held the writer
        (and ``patience`` ran out: that process brings the index up to date)."""
        self.ready(store)
        target = store.change_seq()
        if self.seq >= target:
            return True
        try:
            with self.writer(patience) as writer:
                self.refresh()
                self._apply_changes(store, writer)
        except IndexBusy:
            if patience:
                print(f"protokoll: {self.path} is busy; the search index will catch up with the store "
                      "the next time it is opened", file=sys.stderr)
            return False
        return True

    def _apply_changes(self, store: Store, writer: tantivy.IndexWriter) -> None:
        identity = store.identity()
        pending = store.change_seq() - self.seq
        with _progress(self.progress and pending >= PROGRESS_FROM, pending,
                       "Bringing the search index up to date") as advance:
            while True:
                changes = store.changes_since(self.seq, CATCH_UP_BATCH)
                if not changes:
                    return
                shas = list(dict.fromkeys(sha for _, sha in changes))
                documents = read_documents(store, shas)
                searcher = self.index.searcher()
                for sha in shas:
                    if searcher.doc_freq("sha256", sha):  # a new document has nothing to take out
                        writer.delete_documents_by_term("sha256", sha)
                    if sha in documents:
                        _add(writer, documents[sha])
                self._commit(writer, changes[-1][0], identity)
                advance(len(changes))

    def _commit(self, writer: tantivy.IndexWriter, seq: int, identity: str) -> None:
        writer.commit()
        self._write_state(IndexState(seq, FORMAT, identity))
        self.refresh()

    def rebuild(self, store: Store, reason: str | None = None) -> int:
        """Make the index anew from every stored document; the number of documents.

        Readers go on seeing the old index until the new one is committed whole."""
        with self._directory_lock():
            if self._index is None:
                self._open(store)
            return self._rebuild(store, reason, show=True)

    def _rebuild(self, store: Store, reason: str | None, show: bool) -> int:
        seq = store.change_seq()  # changes after this are applied by the next catch-up
        total = store.document_count()
        # A progress bar's label, not an error line ("protokoll: FILE: reason" names what failed).
        message = f"Rebuilding the search index at {self.path}" + (f" ({reason})" if reason else "")
        done = 0
        with self.writer() as writer, _progress(show and self.progress and total > 0, total, message) as advance:
            writer.delete_all_documents()
            for batch in all_documents(store):
                for document in batch:
                    _add(writer, document)
                done += len(batch)
                advance(len(batch))
            self._commit(writer, seq, store.identity())
        return done

    # -- damage ----------------------------------------------------------------------------------

    @staticmethod
    def damaged(exc: BaseException) -> bool:
        """Whether an error reading the index says its files are missing or broken."""
        return isinstance(exc, OSError) or bool(DAMAGE.search(str(exc)))

    def recover(self, store: Store, exc: BaseException) -> None:
        """Rebuild an index whose files turned out missing or broken while it was read."""
        with self._directory_lock():
            self._index = None
            self._wipe()
            self._rebuild(store, f"it could not be read ({_one_line(exc)})", show=True)

    # -- reading ---------------------------------------------------------------------------------

    def item_count(self) -> int:
        """The items the index holds (as last refreshed)."""
        import tantivy

        return int(self.index.searcher().search(tantivy.Query.term_query(self.schema, "entry", ITEM), 1).count)

    def refresh(self) -> None:
        """Search the index as last committed, by whichever process."""
        state = self.state()  # read first: the index reloaded after holds at least what it says
        self.index.reload()
        self.seq = state.seq if state else -1

    def searcher(self, store: Store) -> tantivy.Searcher:
        """A searcher over the index as up to date with the store as it can be made without waiting."""
        self.ready(store)
        target = store.change_seq()
        if self.seq < target:
            self.refresh()
            if self.seq < target:
                self.catch_up(store, patience=0)
        return self.index.searcher()


def _add(writer: tantivy.IndexWriter, document: DocumentSource) -> None:
    for item in document.items:
        writer.add_document(item_document(item, document.facts, document.amounts.get(item.item_id, []), index_text))


def _release(writer: tantivy.IndexWriter) -> None:
    """Give the writer back (its merges finished, its lock released)."""
    with contextlib.suppress(Exception):
        writer.wait_merging_threads()


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{exc.__class__.__name__}: {text[0][:200]}" if text else exc.__class__.__name__


@contextlib.contextmanager
def _progress(show: bool, total: int, label: str) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr (when ``show``), advanced by the callback."""
    if not show:
        yield lambda _: None
        return
    import click

    with click.progressbar(length=total, label=label, file=sys.stderr, show_pos=True) as bar:
        yield bar.update


__all__ = ["TEXT_FIELDS", "IndexBusy", "SearchIndex"]
