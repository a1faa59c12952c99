"""The synchronous client shares the async code path and never holds the interpreter open."""

from __future__ import annotations

import subprocess
import sys

import httpx2

from incidentio_toolkit import IncidentIO

KEY = "sync-test-key-0123456789"


def _users_pages(request: httpx2.Request) -> httpx2.Response:
    after = request.url.params.get("after")
    page = {None: 1, "c1": 2, "c2": 3}[after]
    meta = {"page_size": 2, "after": f"c{page}"} if page < 3 else {"page_size": 2}
    users = [{"id": f"{page}a"}, {"id": f"{page}b"}]
    return httpx2.Response(200, json={"users": users, "pagination_meta": meta})


def test_sync_paginate_follows_cursors_and_stops_at_max_items() -> None:
    with IncidentIO(KEY, transport=httpx2.MockTransport(_users_pages), pacing=None) as io:
        everything = [user["id"] for user in io.paginate("users_list", {"page_size": 2})]
        capped = [user["id"] for user in io.paginate("users_list", max_items=3)]
    assert everything == ["1a", "1b", "2a", "2b", "3a", "3b"]
    assert capped == ["1a", "1b", "2a"]


def test_sync_typed_method_and_call_return_the_same_contract_output() -> None:
    with IncidentIO(KEY, transport=httpx2.MockTransport(_users_pages), pacing=None) as io:
        typed = io.users_list(page_size=2)
        raw = io.call("users_list", {"page_size": 2})
    assert typed.model_dump(mode="json") == raw
    assert raw["success"] is True


def test_sync_client_left_open_does_not_block_interpreter_exit() -> None:
    code = (
        "import httpx2\n"
        "from incidentio_toolkit import IncidentIO\n"
        "io = IncidentIO('k' * 20, transport=httpx2.MockTransport("
        "lambda r: httpx2.Response(200, json={'severities': []})))\n"
        "print(io.severities_list().success)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=30, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_sync_repr_names_the_class_and_hides_the_key() -> None:
    io = IncidentIO(KEY)
    assert repr(io) == "IncidentIO(base_url='https://api.incident.io', api_key=set)"
    assert KEY not in repr(io)


def test_sync_pages_yield_each_page_and_stop_at_max_pages() -> None:
    with IncidentIO(KEY, transport=httpx2.MockTransport(_users_pages), pacing=None) as io:
        pages = [[u["id"] for u in page["users"]] for page in io.pages("users_list")]
        first_two = list(io.pages("users_list", max_pages=2))
        nothing = list(io.paginate("users_list", max_items=0))
    assert pages == [["1a", "1b"], ["2a", "2b"], ["3a", "3b"]]
    assert [page["pagination_meta"]["after"] for page in first_two] == ["c1", "c2"]
    assert nothing == []


def test_sync_client_has_the_async_clients_public_surface() -> None:
    from incidentio_toolkit import AsyncIncidentIO

    def public(cls: type) -> set[str]:
        return {n for n in dir(cls) if not n.startswith("_")} - {"aclose", "close"}

    assert public(IncidentIO) == public(AsyncIncidentIO)


def test_sync_prepare_resolves_a_user_email_to_its_id() -> None:
    def users(request: httpx2.Request) -> httpx2.Response:
        found = [{"id": "01HKM4TXQS6NV5BVA84NGRHJH9", "email": request.url.params.get("email")}]
        return httpx2.Response(200, json={"users": found})

    arguments = {"idempotency_key": "k", "title": "t", "user_ids": ["liam@example.com"]}
    with IncidentIO(KEY, transport=httpx2.MockTransport(users), pacing=None) as io:
        prepared = io.prepare("escalations_create", arguments)
    assert prepared.model_dump()["user_ids"] == ["01HKM4TXQS6NV5BVA84NGRHJH9"]
