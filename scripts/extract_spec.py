"""Copy the part of the official incident.io OpenAPI spec that the actions use into the package
(`src/incidentio_toolkit/sandbox/spec/`, where `sandbox.testing.load_spec` reads it, also from an
installed wheel), and the contract's actions.json into spec/.

Run by a maintainer when the upstream spec changes:
    python scripts/extract_spec.py PATH/TO/incident-io-openapi.json PATH/TO/actions.json
The repo never reads the upstream copy at build or test time.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "src" / "incidentio_toolkit" / "sandbox" / "spec" / "incident-io-openapi.json"

# (method, path) of every operation behind the 46 actions, as in the contract's ACTIONS.md.
OPERATIONS = [
    ("get", "/v2/incidents"),
    ("post", "/v2/incidents"),
    ("get", "/v2/incidents/{id}"),
    ("post", "/v2/incidents/{id}/actions/edit"),
    ("get", "/v2/actions"),
    ("get", "/v2/actions/{id}"),
    ("get", "/v2/follow_ups"),
    ("get", "/v2/follow_ups/{id}"),
    ("get", "/v2/users"),
    ("get", "/v2/users/{id}"),
    ("get", "/v2/workflows"),
    ("post", "/v2/workflows"),
    ("get", "/v2/workflows/{id}"),
    ("put", "/v2/workflows/{id}"),
    ("delete", "/v2/workflows/{id}"),
    ("get", "/v2/schedules"),
    ("post", "/v2/schedules"),
    ("get", "/v2/schedules/{id}"),
    ("put", "/v2/schedules/{id}"),
    ("delete", "/v2/schedules/{id}"),
    ("get", "/v2/escalations"),
    ("post", "/v2/escalations"),
    ("get", "/v2/escalations/{id}"),
    ("get", "/v2/custom_fields"),
    ("post", "/v2/custom_fields"),
    ("get", "/v2/custom_fields/{id}"),
    ("put", "/v2/custom_fields/{id}"),
    ("delete", "/v2/custom_fields/{id}"),
    ("get", "/v1/severities"),
    ("get", "/v1/incident_statuses"),
    ("get", "/v1/incident_types"),
    ("get", "/v2/incident_roles"),
    ("post", "/v2/incident_roles"),
    ("get", "/v2/incident_roles/{id}"),
    ("put", "/v2/incident_roles/{id}"),
    ("delete", "/v2/incident_roles/{id}"),
    ("get", "/v2/incident_timestamps"),
    ("get", "/v2/incident_timestamps/{id}"),
    ("get", "/v2/incident_updates"),
    ("get", "/v2/schedule_entries"),
    ("post", "/v2/schedule_overrides"),
    ("get", "/v2/escalation_paths"),
    ("post", "/v2/escalation_paths"),
    ("get", "/v2/escalation_paths/{id}"),
    ("put", "/v2/escalation_paths/{id}"),
    ("delete", "/v2/escalation_paths/{id}"),
]


def _refs(node: Any, found: set[str]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                found.add(value)
            else:
                _refs(value, found)
    elif isinstance(node, list):
        for item in node:
            _refs(item, found)


def main(spec_path: str, actions_path: str) -> None:
    spec = json.loads(Path(spec_path).read_text())
    paths: dict[str, dict[str, Any]] = {}
    for method, path in OPERATIONS:
        paths.setdefault(path, {})[method] = spec["paths"][path][method]
        for key in ("parameters",):
            if key in spec["paths"][path]:
                paths[path][key] = spec["paths"][path][key]
    schemas: dict[str, Any] = {}
    pending: set[str] = set()
    _refs(paths, pending)
    while pending:
        ref = pending.pop()
        name = re.sub(r"^#/components/schemas/", "", ref)
        if name in schemas:
            continue
        schemas[name] = spec["components"]["schemas"][name]
        found: set[str] = set()
        _refs(schemas[name], found)
        pending |= found
    subset = {
        "openapi": spec["openapi"],
        "info": spec["info"],
        "servers": spec.get("servers", []),
        "paths": paths,
        "components": {"schemas": dict(sorted(schemas.items()))},
    }
    (ROOT / "spec").mkdir(exist_ok=True)
    SPEC.parent.mkdir(exist_ok=True)
    SPEC.write_text(json.dumps(subset, indent=1) + "\n")
    shutil.copyfile(actions_path, ROOT / "spec" / "actions.json")
    print(f"{len(OPERATIONS)} operations, {len(schemas)} schemas")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
