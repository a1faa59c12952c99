"""The composite record: a read for the policy and the MCP annotations."""

from __future__ import annotations

from incidentio_toolkit.composites import COMPOSITES, READ_ANNOTATIONS


def test_a_composite_is_a_read_with_read_only_annotations() -> None:
    for composite in COMPOSITES.values():
        assert composite.kind == "read"
        assert composite.annotations == READ_ANNOTATIONS
        assert READ_ANNOTATIONS.read_only
        assert not READ_ANNOTATIONS.destructive
        assert composite.data_fields == (composite.result,)
