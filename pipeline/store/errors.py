"""What goes wrong in the store, said in one line a user can act on."""


class StoreError(Exception):
    """The store cannot be opened or used: a bad URL, an unreachable server, a newer schema."""


class QueryError(StoreError):
    """A query string or filter that cannot be searched (empty, only exclusions, too long)."""
