"""Why a file could not be read: one reason a user can act on."""


class UnreadableDocument(Exception):
    """A file that gives no record; ``reason`` is said to the user after the file name."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
