from __future__ import annotations

from tests.actions.support import built, rejected, sets_every_parameter


def test_alerts_list_sends_the_page_size_incident_io_requires_even_when_not_given() -> None:
    request = built("alerts_list", {})
    assert (request.path_params, request.query, request.json) == ({}, [("page_size", "25")], None)


def test_alerts_list_sends_each_filter_in_bracket_form() -> None:
    arguments = {
        "page_size": 50,
        "after": "01ALR",
        "status": ["firing"],
        "deduplication_key": "checkout-api:http-5xx-rate",
        "alert_source_ids": "01SRC1, 01SRC2",
        "created_after": "2026-11-01",
        "created_before": "2026-11-30",
    }
    assert sets_every_parameter("alerts_list", arguments)
    assert built("alerts_list", arguments).query == [
        ("page_size", "50"),
        ("after", "01ALR"),
        ("status[one_of]", "firing"),
        ("deduplication_key[is]", "checkout-api:http-5xx-rate"),
        ("alert_source[one_of]", "01SRC1"),
        ("alert_source[one_of]", "01SRC2"),
        ("created_at[gte]", "2026-11-01"),
        ("created_at[lte]", "2026-11-30"),
    ]


def test_alerts_list_names_the_valid_statuses_and_page_sizes() -> None:
    assert "'firing' or 'resolved'" in rejected("alerts_list", {"status": ["open"]})
    assert "less than or equal to 50" in rejected("alerts_list", {"page_size": 51})
    assert "valid date" in rejected("alerts_list", {"created_after": "last week"})


def test_alerts_show_and_resolve_put_the_id_in_the_path_and_send_no_body() -> None:
    for name in ("alerts_show", "alerts_resolve"):
        request = built(name, {"id": "01ALR"})
        assert (request.path_params, request.query, request.json) == ({"id": "01ALR"}, [], None)


def test_incident_alerts_list_filters_by_incident_or_alert_with_a_page_size() -> None:
    arguments = {"incident_id": "01INC", "alert_id": "01ALR", "page_size": 10, "after": "01IA"}
    assert sets_every_parameter("incident_alerts_list", arguments)
    assert built("incident_alerts_list", arguments).query == [
        ("incident_id", "01INC"),
        ("alert_id", "01ALR"),
        ("page_size", "10"),
        ("after", "01IA"),
    ]
    assert built("incident_alerts_list", {"incident_id": "01INC"}).query == [
        ("incident_id", "01INC"),
        ("page_size", "25"),
    ]


def test_an_alerts_summary_names_its_attribute_values() -> None:
    from incidentio_toolkit.actions.alerts import ALERT, attribute_values

    alert = {
        "id": "01JA1R0000000000000000000A",
        "title": "checkout-api: 5xx",
        "status": "firing",
        "attributes": [
            {"attribute": {"name": "Service"}, "value": {"catalog_entry": {"name": "checkout"}}},
            {"attribute": {"name": "Team"}, "value": {"label": "Payments", "literal": "x"}},
            {
                "attribute": {"name": "Region"},
                "array_value": [{"literal": "eu"}, {"literal": "us"}],
            },
            {"attribute": {"name": "Empty"}, "value": {}},
        ],
    }
    assert attribute_values(alert) == {
        "Service": "checkout",
        "Team": "Payments",
        "Region": ["eu", "us"],
    }
    summary = ALERT.summarize(alert)
    assert summary["attribute_values"]["Team"] == "Payments"
    assert "attributes" not in summary
