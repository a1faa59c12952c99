"""Copy the part of the official incident.io OpenAPI spec that the registry's actions use into the
package (`src/incidentio_toolkit/sandbox/spec/`, where `sandbox.testing.load_spec` reads it, also
from an installed wheel).

Run by a maintainer when the upstream spec changes, or after adding an action whose operation is
not in the copy yet:
    python scripts/extract_spec.py PATH/TO/incident-io-openapi.json
The operations are the (method, path) of every action in `ACTIONS`; the repo never reads the
upstream copy at build or test time.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from incidentio_toolkit.actions import ACTIONS  # noqa: E402

OPERATIONS = [(action.method.lower(), action.path) for action in ACTIONS.values()]
SPEC = ROOT / "src" / "incidentio_toolkit" / "sandbox" / "spec" / "incident-io-openapi.json"


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


def main(spec_path: str) -> None:
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
    print(f"{len(OPERATIONS)} operations, {len(schemas)} schemas")


if __name__ == "__main__":
    main(sys.argv[1])
