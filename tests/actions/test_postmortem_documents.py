from __future__ import annotations

from tests.actions.support import built, rejected, sets_every_parameter

from incidentio_toolkit.actions import ACTIONS


def test_postmortem_documents_list_sends_the_incident_the_order_and_the_page() -> None:
    arguments = {
        "incident_id": "01INC",
        "sort_by": "created_at_oldest_first",
        "page_size": 250,
        "after": "01PM",
    }
    assert sets_every_parameter("postmortem_documents_list", arguments)
    request = built("postmortem_documents_list", arguments)
    assert request.query == [(name, str(value)) for name, value in arguments.items()]
    assert built("postmortem_documents_list", {}).query == []


def test_postmortem_documents_list_names_the_valid_orders() -> None:
    error = rejected("postmortem_documents_list", {"sort_by": "newest"})
    assert "'created_at_newest_first' or 'created_at_oldest_first'" in error


def test_show_and_content_put_the_id_in_the_path() -> None:
    for name in ("postmortem_documents_show", "postmortem_documents_content"):
        request = built(name, {"id": "01PM"})
        assert (request.path_params, request.query, request.json) == ({"id": "01PM"}, [], None)


def test_content_is_a_read_whose_result_is_the_markdown_text() -> None:
    action = ACTIONS["postmortem_documents_content"]
    assert (action.kind, action.verb, action.result) == ("read", "content", "markdown")
    assert action.annotations.read_only
    assert action.output.model_validate({"success": True, "markdown": "# Title"}).success
