"""What goes wrong in the store, said in one line a user can act on."""


class StoreError(Exception):
    """The store cannot be opened or used: a bad URL, an unreachable server, a newer schema."""


class QueryError(StoreError):
    """A query string or filter that cannot be searched (empty, only exclusions, too long)."""


def store_failure(exc: BaseException) -> str:
    """One line for a store that failed mid-run (or any failure a command ends in)."""
    if isinstance(exc, StoreError):
        return str(exc)
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{exc.__class__.__name__}: {text}"
