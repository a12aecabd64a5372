"""Feeds: every search (its words and filters) as an Atom feed of its newest decisions.

An entry is one decision of one meeting (however many files record it), newest meeting first and,
for one day, the latest loaded first; it links to the decision's page and cites the file and page
it stands on. Its id is the meeting's id with the item's § and the decision's place, so a
reader that has seen it does not see it again when another rendering is loaded.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time
from xml.etree import ElementTree

from pipeline.archive.keys import slug
from pipeline.archive.meetings import decisions_once, meetings_of
from pipeline.store.archive import newest_decision_keys
from pipeline.store.base import Store
from pipeline.store.browse import DECISION_KIND_LABELS, DecisionRow, select_decisions
from pipeline.store.results import SearchRequest

FEED_ENTRIES = 50
ATOM = "http://www.w3.org/2005/Atom"
CANDIDATES = FEED_ENTRIES * 4  # a decision may come in several renderings: read enough to keep 50 unique


@dataclass(frozen=True)
class FeedEntry:
    row: DecisionRow
    item: int  # 1-based place in the row's record, for the decision's address
    decision: int
    loaded_at: datetime


def newest_decisions(store: Store, request: SearchRequest, limit: int = FEED_ENTRIES) -> list[FeedEntry]:
    """The newest decisions the search keeps (with words: among its hits), each once."""
    if request.text.strip():
        keys = select_decisions(store, replace(request, decisions_only=True))
    else:
        keys = newest_decision_keys(store, request, CANDIDATES)
    meetings = meetings_of(store, {sha for sha, _, _ in keys})
    loaded = {sha: d.loaded_at for m in meetings.values() for d in m.renderings for sha in [d.sha256]}
    entries = [FeedEntry(e.row, e.item + 1, e.decision + 1, _instant(loaded.get(e.row.sha256)))
               for e in decisions_once(store, keys)]
    entries.sort(key=lambda e: (e.row.meeting_date or date.min, e.loaded_at), reverse=True)
    return entries[:limit]


def _instant(text: str | None) -> datetime:
    if not text:
        return datetime.fromtimestamp(0, UTC)
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def atom(entries: list[FeedEntry], *, title: str, self_url: str, search_url: str, base_url: str) -> bytes:
    """The entries as an Atom 1.0 document (RFC 4287). Written with the standard library: feedgen
    1.0 drops a link's rel and type, which leaves two alternate links per entry (invalid Atom)."""
    feed = ElementTree.Element("feed", {"xmlns": ATOM, "xml:lang": "sv"})
    _text(feed, "id", self_url)
    _text(feed, "title", title)
    _text(feed, "subtitle", "De senaste besluten som sökningen hittar, med sammanträde, paragraf och sida.")
    _text(feed, "updated", max((e.loaded_at for e in entries), default=datetime.fromtimestamp(0, UTC)).isoformat())
    author = ElementTree.SubElement(feed, "author")
    _text(author, "name", "Protokollarkivet")
    ElementTree.SubElement(feed, "link", {"rel": "self", "type": "application/atom+xml", "href": self_url})
    ElementTree.SubElement(feed, "link", {"rel": "alternate", "type": "text/html", "href": search_url})
    for entry in entries:
        _add_entry(feed, entry, base_url)
    ElementTree.indent(feed)
    return ElementTree.tostring(feed, encoding="utf-8", xml_declaration=True)


def _text(parent: ElementTree.Element, tag: str, text: str) -> ElementTree.Element:
    element = ElementTree.SubElement(parent, tag)
    element.text = text
    return element


def _add_entry(feed: ElementTree.Element, entry: FeedEntry, base_url: str) -> None:
    from pipeline.web.views import decision_url, file_url  # addresses are the web app's

    row = entry.row
    where = " · ".join(p for p in (row.meeting_body or row.meeting_organisation,
                                   row.meeting_date.isoformat() if row.meeting_date else None) if p)
    number = f"{row.paragraph} " if row.paragraph else ""
    kind = DECISION_KIND_LABELS.get(row.kind, row.kind)
    published = datetime.combine(row.meeting_date, time(), UTC) if row.meeting_date else entry.loaded_at
    added = ElementTree.SubElement(feed, "entry")
    _text(added, "id", f"urn:protokoll:beslut:{row.meeting}:{slug(row.paragraph or row.item_title)[:60]}:"
                       f"{entry.decision}")
    _text(added, "title", f"{number}{row.item_title} ({where})")
    _text(added, "published", published.isoformat())
    _text(added, "updated", entry.loaded_at.isoformat())
    ElementTree.SubElement(added, "link", {"rel": "alternate", "type": "text/html",
                                           "href": base_url + decision_url(row.sha256, entry.item, entry.decision)})
    ElementTree.SubElement(added, "link", {"rel": "related", "title": f"{row.source}, sidan {row.page}",
                                           "href": base_url + file_url(row.sha256, row.source, row.page)})
    ElementTree.SubElement(added, "category", {"term": row.kind, "label": kind})
    _text(added, "summary", f"{kind.capitalize()}: {row.text} (Källa: {row.source}, sidan {row.page}; "
                            f"{row.meeting_organisation or 'okänd organisation'})")
