import incidentio_toolkit
import incidentio_toolkit.client


def test_public_all_is_sorted_and_complete() -> None:
    for module in (incidentio_toolkit, incidentio_toolkit.client):
        assert module.__all__ == sorted(module.__all__)
        for name in module.__all__:
            assert hasattr(module, name), name


def test_public_api_names_the_issue_promises() -> None:
    for name in ("ACTIONS", "AsyncIncidentIO", "IncidentIO"):
        assert name in incidentio_toolkit.__all__
