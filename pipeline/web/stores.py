"""The store a request reads: one open store per worker thread."""

from __future__ import annotations

import contextlib
import threading

from fastapi import Request

from pipeline.store import Store, open_store


class ThreadStores:
    """One open store per worker thread: a SQLite connection may only be used by the thread
    that opened it, and opening a store per request would take its write lock to check the
    schema every time."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.local = threading.local()
        self.opened: list[Store] = []
        self.lock = threading.Lock()

    def get(self) -> Store:
        store: Store | None = getattr(self.local, "store", None)
        if store is None:
            store = open_store(self.url, create=False)
            self.local.store = store
            with self.lock:
                self.opened.append(store)
        return store

    def close(self) -> None:
        with self.lock:
            opened, self.opened = self.opened, []
        for store in opened:
            # A SQLite connection closes only in its own thread; the others end with the process.
            with contextlib.suppress(Exception):
                store.close()


def store_of(request: Request) -> Store:
    """This worker thread's store (call it in the handler's own body: sync handlers and sync
    dependencies may run in different threads)."""
    return request.app.state.stores.get()
