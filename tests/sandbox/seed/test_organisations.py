"""Which organisation a sandbox serves: `create_app(org=...)`, a database that already holds one,
reset and seed, and what `GET /_sandbox/seed` reports."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import httpx2
import pytest
from tests.sandbox.conftest import SMALL_SCALE
from tests.sandbox.large_org_support import copy_database, read_only, table_digests

from incidentio_toolkit.defaults import SANDBOX_CACHE_DIR_ENV_VAR
from incidentio_toolkit.sandbox import DEMO_API_KEY, SandboxApp, create_app
from incidentio_toolkit.sandbox import seed as demo
from incidentio_toolkit.sandbox.seed import Organisation, open_seeded_store, stored_organisation
from incidentio_toolkit.sandbox.seed.large import PARTS
from incidentio_toolkit.sandbox.store import Store
from incidentio_toolkit.sandbox.testing import SpecChecker

pytestmark = pytest.mark.anyio


def small_app() -> SandboxApp:
    """An in-memory sandbox serving the large organisation at the tests' small scale."""
    return create_app(org="large", org_scale=SMALL_SCALE)


def client(app: SandboxApp, checker: SpecChecker) -> httpx2.AsyncClient:
    return httpx2.AsyncClient(
        transport=httpx2.ASGITransport(app=app),
        base_url="http://sandbox",
        headers={"Authorization": f"Bearer {DEMO_API_KEY}"},
        event_hooks={"response": [checker.hook]},
    )


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"name": "huge"}, "unknown organisation 'huge': use one of demo, large"),
        ({"seed": 2}, "a seed and a scale only apply to the large organisation"),
        ({"name": "large", "seed": -1}, "seed must be a whole number from 0"),
        ({"name": "large", "scale": 0}, "scale must be above 0 and at most 5"),
    ],
)
def test_a_bad_organisation_is_refused_with_what_to_choose(
    options: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        Organisation(**options)  # type: ignore[arg-type]


def test_create_app_refuses_a_seed_or_scale_without_the_large_organisation() -> None:
    with pytest.raises(ValueError, match="pass org='large'"):
        create_app(org_seed=3)


async def test_the_demo_organisation_stays_the_default(checker: SpecChecker) -> None:
    app = create_app()
    async with client(app, checker) as http:
        body = (await http.get("/_sandbox/seed")).json()
        assert body["org"] == {"name": "demo"}
        assert body["ids"] == demo.seed_ids()
    app.close()


async def test_create_app_serves_the_large_organisation_and_reports_it(
    checker: SpecChecker,
) -> None:
    app = small_app()
    async with client(app, checker) as http:
        body = (await http.get("/_sandbox/seed")).json()
        assert body == {
            "seeded": True,
            "org": {"name": "large", "seed": 0, "scale": SMALL_SCALE},
            "ids": {},
        }
        listed = (await http.get("/v2/incidents", params={"page_size": 1})).json()
        assert listed["pagination_meta"]["total_record_count"] > 400
        assert (await http.get(f"/v2/incidents/{demo.INCIDENT_CHECKOUT_ID}")).status_code == 404
    app.close()


async def test_reset_brings_back_the_large_organisation(checker: SpecChecker) -> None:
    app = small_app()
    before = table_digests(app.store.db.conn)
    content = table_digests(app.store.db.conn, with_seq=False)
    async with client(app, checker) as http:
        created = await http.post(
            "/v2/incidents", json={"idempotency_key": "extra", "visibility": "public"}
        )
        assert created.status_code == 200
        assert (await http.post("/_sandbox/reset")).json() == {"reset": True, "seeded": True}
        assert table_digests(app.store.db.conn) == before
        await http.post("/_sandbox/reset", json={"seed": False})
        assert (await http.get("/_sandbox/seed")).json()["seeded"] is False
        applied = await http.post("/_sandbox/seed")
        assert applied.json() == {"seeded": True, "created": True}
    written = table_digests(app.store.db.conn, with_seq=False)
    assert written == content  # written through the stores: the same organisation
    app.close()


def test_an_existing_file_serves_what_it_holds(small_org_file: Path, tmp_path: Path) -> None:
    path = copy_database(small_org_file, tmp_path / "large.db")
    app = create_app(db_path=path)
    assert app.sandbox.organisation == Organisation("large", 0, SMALL_SCALE)
    app.close()
    again = create_app(db_path=path, org="large", org_scale=SMALL_SCALE)
    assert again.sandbox.organisation.name == "large"
    again.close()


@pytest.mark.parametrize(
    ("holds", "asked", "message"),
    [
        ("demo", {"org": "large"}, "holds the demo organisation, not the large organisation"),
        (
            "large",
            {"org": "demo"},
            "holds the large organisation (seed 0, scale 0.05), not the demo",
        ),
        (
            "large",
            {"org": "large", "org_seed": 1, "org_scale": SMALL_SCALE},
            "not the large organisation (seed 1",
        ),
        ("empty", {"org": "demo"}, "holds no seeded organisation, not the demo organisation"),
    ],
)
def test_asking_an_existing_file_for_another_organisation_names_both_and_the_fix(
    small_org_file: Path, tmp_path: Path, holds: str, asked: dict[str, object], message: str
) -> None:
    path = tmp_path / "existing.db"
    if holds == "large":
        copy_database(small_org_file, path)
    else:
        create_app(db_path=path, seed=holds == "demo").close()
    with pytest.raises(ValueError, match="use a new database file") as raised:
        create_app(db_path=path, **asked)  # type: ignore[arg-type]
    assert message in str(raised.value)
    served = create_app(db_path=path)  # the file is left as it was
    assert served.sandbox.organisation.name == ("large" if holds == "large" else "demo")
    served.close()


def test_a_new_file_of_the_large_organisation_is_a_copy_of_the_template(
    small_org_file: Path, tmp_path: Path
) -> None:
    store, organisation = open_seeded_store(
        tmp_path / "new.db", Organisation("large", 0, SMALL_SCALE)
    )
    assert organisation.name == "large"
    assert not store.is_new
    assert table_digests(store.db.conn) == table_digests(read_only(small_org_file))
    store.close()


def test_a_database_seeded_before_organisations_had_names_holds_the_demo_one() -> None:
    store = Store(None)
    demo.write_organisation(store)
    store.db.execute("DELETE FROM meta WHERE key = 'org'")
    assert stored_organisation(store) == Organisation()
    store.db.wipe()
    assert stored_organisation(store) is None
    store.close()


async def test_seeding_the_large_organisation_needs_an_empty_sandbox(checker: SpecChecker) -> None:
    app = small_app()
    async with client(app, checker) as http:
        await http.post("/_sandbox/reset", json={"seed": False})
        role = {"name": "Scribe", "shortform": "scribe", "description": "d", "instructions": "i"}
        kept = await http.post("/v2/incident_roles", json=role)
        refused = await http.post("/_sandbox/seed")
        assert refused.status_code == 422
        message = refused.json()["errors"][0]["message"]
        assert "can only be added to an empty sandbox, and this one holds incident roles" in message
        assert "reset it without seeding first" in message
        kept_id = kept.json()["incident_role"]["id"]
        assert (await http.get(f"/v2/incident_roles/{kept_id}")).status_code == 200
    app.close()


@pytest.mark.parametrize("load", [0.0, 99.0])
def test_the_parts_are_written_at_once_or_in_turn_and_give_the_same_organisation(
    small_org_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, load: float
) -> None:
    monkeypatch.setattr(os, "getloadavg", lambda: (load, load, load))
    started: list[list[str]] = []
    popen = subprocess.Popen

    def recording(command: list[str], **options: Any) -> subprocess.Popen[str]:
        started.append(command)
        return popen(command, **options)

    monkeypatch.setattr(subprocess, "Popen", recording)
    monkeypatch.setenv(SANDBOX_CACHE_DIR_ENV_VAR, str(tmp_path / "cache"))
    store, _ = open_seeded_store(tmp_path / "new.db", Organisation("large", 0, SMALL_SCALE))
    assert len(started) == (PARTS if load == 0.0 else 1)
    assert sum(command.count("--part") for command in started) == PARTS
    assert table_digests(store.db.conn) == table_digests(read_only(small_org_file))
    store.close()
