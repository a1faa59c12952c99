"""Which organisation a sandbox starts with: the demo one ("Northwind", a handful of objects with
well-known ids) or the large one ("Globex", generated from a seed at a chosen scale), how a store
gets it, and how a database says which one it holds (its `meta` table)."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from incidentio_toolkit.sandbox._util import JSON
from incidentio_toolkit.sandbox.seed._template import (
    copy_template,
    copy_template_file,
    discard_temporary,
    install_template_file,
    template_file,
)
from incidentio_toolkit.sandbox.seed.demo import write_organisation
from incidentio_toolkit.sandbox.seed.large import (
    LargeOrgSize,
    write_large_organisation,
    write_large_template,
)
from incidentio_toolkit.sandbox.store import Store
from incidentio_toolkit.sandbox.store._migrations import RESOURCE_TABLES

ORG_NAMES = ("demo", "large")
"""The organisations a sandbox can start with; `demo` is the default."""


@dataclass(frozen=True, slots=True)
class Organisation:
    """An organisation to seed: `name` (one of `ORG_NAMES`), and for `large` its `seed` (the same
    seed gives the same data) and `scale` (1.0 is the full size; smaller is quicker)."""

    name: str = "demo"
    seed: int = 0
    scale: float = 1.0

    def __post_init__(self) -> None:
        if self.name not in ORG_NAMES:
            raise ValueError(
                f"unknown organisation {self.name!r}: use one of {', '.join(ORG_NAMES)}"
            )
        if self.name == "demo" and (self.seed != 0 or self.scale != 1.0):
            raise ValueError(
                "a seed and a scale only apply to the large organisation: choose org 'large'"
            )
        if self.seed < 0:
            raise ValueError(
                f"the organisation seed must be a whole number from 0, not {self.seed!r}"
            )
        LargeOrgSize.at_scale(self.scale)
        object.__setattr__(self, "scale", float(self.scale))

    def describe(self) -> JSON:
        """The organisation as `GET /_sandbox/seed` reports it."""
        if self.name == "demo":
            return {"name": "demo"}
        return {"name": self.name, "seed": self.seed, "scale": self.scale}

    def label(self) -> str:
        """The organisation in words, for messages."""
        if self.name == "demo":
            return "the demo organisation"
        return f"the large organisation (seed {self.seed}, scale {self.scale:g})"

    def write(self, store: Store) -> None:
        """Write the organisation through the stores of `store`: the demo one keeps what is
        already there; the large one needs an empty store (a `ValueError` says so)."""
        if self.name == "demo":
            write_organisation(store)
            return
        for table in RESOURCE_TABLES:
            if store.db.query(f"SELECT 1 FROM {table} LIMIT 1"):  # noqa: S608 - fixed names
                raise ValueError(
                    f"{self.label()} can only be added to an empty sandbox, and this one holds "
                    f"{table.replace('_', ' ')}: reset it without seeding first"
                )
        write_large_organisation(store, seed=self.seed, scale=self.scale)

    def copy_into(self, store: Store) -> None:
        """Put the organisation into `store`, whose resource tables must be empty (a fast copy of
        a template: in memory for the demo, a cached file for the large one)."""
        if self.name == "demo":
            copy_template(store, write_organisation)
            return
        template = self._template()
        copy_template_file(template, store)
        discard_temporary(template)

    def install(self, path: Path) -> bool:
        """Create the database file `path` holding the organisation, when a file copy can (the
        large one); False when the organisation is copied into an open store instead."""
        if self.name == "demo":
            return False
        template = self._template()
        install_template_file(template, path)
        discard_temporary(template)
        return True

    def _template(self) -> Path:
        return template_file(f"large-seed{self.seed}-scale{self.scale:g}", self._build)

    def _build(self, path: Path) -> None:
        write_large_template(path, seed=self.seed, scale=self.scale, write_parts=self._write_parts)

    def _write_parts(self, files: list[Path]) -> None:
        """Write the parts of the large organisation in processes of their own (so that the
        server never holds the generator's memory): one per part when the machine has a core
        to spare, else one for all (parallel processes would only share the same core)."""
        cores = os.cpu_count() or 1
        spare = cores - os.getloadavg()[0] >= 1
        groups = [[p] for p in range(len(files))] if spare else [list(range(len(files)))]
        running: list[subprocess.Popen[str]] = []
        for group in groups:
            command = [sys.executable, "-m", "incidentio_toolkit.sandbox.seed.large"]
            command += ["--seed", str(self.seed), "--scale", repr(self.scale)]
            for part in group:
                command += ["--part", str(part), "--out", str(files[part])]
            running.append(
                subprocess.Popen(  # noqa: S603 - our own module
                    command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
                )
            )
        failures = [
            f"exit {process.returncode}: {errors[-1500:]}"
            for process in running
            for _, errors in [process.communicate()]
            if process.returncode != 0
        ]
        if failures:
            for file in files:
                file.unlink(missing_ok=True)
            raise RuntimeError(f"writing {self.label()} failed: " + "\n".join(failures))


def stored_organisation(store: Store) -> Organisation | None:
    """The organisation a database was seeded with (`None` when it was not seeded)."""
    if not store.seeded:
        return None
    if store.db.get_meta("org") != "large":  # databases from before the large organisation
        return Organisation()
    seed = store.db.get_meta("org_seed") or "0"
    scale = store.db.get_meta("org_scale") or "1"
    return Organisation("large", int(seed), float(scale))


def open_seeded_store(
    path: Path | None, organisation: Organisation | None, *, seed: bool = True
) -> tuple[Store, Organisation]:
    """Open the database at `path` (in memory for `None`) and the organisation it serves.

    A new database gets `organisation` (the demo one when `None`) unless `seed` is false. An
    existing one keeps what it holds; asking for another organisation is an error that says
    what the file holds and what to do.
    """
    if seed and path is not None and not path.exists():
        (organisation or Organisation()).install(path)
    store = Store(path)
    if store.is_new:
        chosen = organisation or Organisation()
        if seed:
            chosen.copy_into(store)
        return store, chosen
    stored = stored_organisation(store)
    if organisation is not None and stored != organisation:
        store.close()
        holds = "no seeded organisation" if stored is None else stored.label()
        raise ValueError(
            f"the database {str(path)!r} already holds {holds}, not {organisation.label()}: "
            "start it without choosing an organisation to serve what it holds, or use a new "
            "database file for the organisation you want"
        )
    return store, stored or organisation or Organisation()
