"""The data protokoll works with: the reader's Layout and the extracted record."""

from schemas.layout import Layout, Line, Segment, Table
from schemas.record import (
    GROUP_WEIGHT,
    Amount,
    Attendee,
    AttendeeGroup,
    Decision,
    DecisionKind,
    Document,
    DocumentKind,
    Item,
    TableAmount,
)

__all__ = [
    "GROUP_WEIGHT",
    "Amount",
    "Attendee",
    "AttendeeGroup",
    "Decision",
    "DecisionKind",
    "Document",
    "DocumentKind",
    "Item",
    "Layout",
    "Line",
    "Segment",
    "Table",
    "TableAmount",
]
