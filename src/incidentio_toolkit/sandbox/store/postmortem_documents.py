"""Post-mortem documents: their metadata (`PostmortemDocumentV1`) and their content as Markdown,
kept beside it (the content is served only by `GET .../{id}/content`). Seeded only."""

from __future__ import annotations

from incidentio_toolkit.sandbox._util import JSON, parse_time, to_micros
from incidentio_toolkit.sandbox.store._db import NEWEST_FIRST, Database, Order, Page, Table
from incidentio_toolkit.sandbox.store.incidents import Incidents

OLDEST_FIRST: Order = (("created_us", "ASC"), ("seq", "ASC"))
SORT_ORDERS = {"created_at_newest_first": NEWEST_FIRST, "created_at_oldest_first": OLDEST_FIRST}


class PostmortemDocuments:
    """Stored rows hold `PostmortemDocumentV1`, indexed by incident and creation time, with the
    Markdown content in a column of its own."""

    def __init__(self, db: Database, incidents: Incidents) -> None:
        self.table = Table(db, "postmortem_documents", "post-mortem document")
        self.incidents = incidents

    def add(self, document: JSON, markdown: str) -> None:
        """Insert a document and its content."""
        self.table.insert(
            document["id"],
            document,
            incident_id=document["incident_id"],
            created_us=to_micros(parse_time(document["created_at"])),
            markdown=markdown,
        )

    def show(self, id: str) -> JSON:
        """One document or 404."""
        return self.table.show(id)

    def content(self, id: str) -> str:
        """A document's Markdown, or 404."""
        self.table.show(id)
        markdown: str = self.table.column(id, "markdown")
        return markdown

    def page(self, incident_id: str | None, sort_by: str, after: str | None, limit: int) -> Page:
        """Documents of one incident (which must exist) or all, by creation time (`sort_by`)."""
        if incident_id is not None:
            self.incidents.table.require(incident_id, "incident_id")
        where, params = ("incident_id = ?", [incident_id]) if incident_id is not None else ("", [])
        return self.table.page(
            where=where, params=params, order=SORT_ORDERS[sort_by], after=after, limit=limit
        )
