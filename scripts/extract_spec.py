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
from typing import Any, cast

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from incidentio_toolkit.actions import ACTIONS  # noqa: E402

OPERATIONS = [(action.method.lower(), action.path, action.name) for action in ACTIONS.values()]
USAGE = "usage: python scripts/extract_spec.py PATH/TO/incident-io-openapi.json"
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


class SpecError(Exception):
    """The upstream spec cannot give the registry's part; the message says what is missing."""


def extract(spec: dict[str, Any], source: str) -> tuple[dict[str, Any], int]:
    """The part of `spec` the actions use, and how many schemas it holds. Raises `SpecError`
    naming every operation (or the first schema) `source` lacks."""
    for key in ("openapi", "info", "paths"):
        if key not in spec:
            raise SpecError(f"{source} is not an OpenAPI document: it has no {key!r}")
    missing = [
        f"operation {method.upper()} {path} ({name}) is not in {source}"
        for method, path, name in OPERATIONS
        if method not in spec["paths"].get(path, {})
    ]
    if missing:
        more = f"; and {len(missing) - 3} more" if len(missing) > 3 else ""
        raise SpecError("; ".join(missing[:3]) + more)
    paths: dict[str, dict[str, Any]] = {}
    for method, path, _ in OPERATIONS:
        paths.setdefault(path, {})[method] = spec["paths"][path][method]
        for key in ("parameters",):
            if key in spec["paths"][path]:
                paths[path][key] = spec["paths"][path][key]
    schemas: dict[str, Any] = {}
    known: dict[str, Any] = spec.get("components", {}).get("schemas", {})
    pending: set[str] = set()
    _refs(paths, pending)
    while pending:
        ref = pending.pop()
        name = re.sub(r"^#/components/schemas/", "", ref)
        if name in schemas:
            continue
        if name not in known:
            raise SpecError(f"schema {ref} is not in {source}")
        schemas[name] = known[name]
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
    return subset, len(schemas)


def main(argv: list[str] | None = None) -> int:
    """Write the package's copy from the spec named in `argv`; 2 for a usage error, 1 when the
    spec cannot give it (nothing is written then)."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or args[0].startswith("-"):
        print(USAGE, file=sys.stderr)
        return 2
    source = args[0]
    try:
        spec: Any = json.loads(Path(source).read_text())
    except OSError as exc:
        print(f"extract_spec: cannot read {source}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except ValueError as exc:
        print(f"extract_spec: {source} is not JSON ({exc})", file=sys.stderr)
        return 1
    try:
        if not isinstance(spec, dict):
            raise SpecError(f"{source} is not an OpenAPI document (a JSON object)")
        subset, schema_count = extract(cast(dict[str, Any], spec), source)
    except SpecError as exc:
        print(f"extract_spec: {exc}", file=sys.stderr)
        return 1
    SPEC.parent.mkdir(exist_ok=True)
    SPEC.write_text(json.dumps(subset, indent=1) + "\n")
    print(f"{len(OPERATIONS)} operations, {schema_count} schemas")
    return 0


if __name__ == "__main__":
    sys.exit(main())
