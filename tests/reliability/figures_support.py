"""The figures the reliability tests measure, gathered for the end of the pytest summary.

A test keeps a figure with `record_figure`; tests that make up one figure together (the fault
matrix's cells, one test per fault) add their counts with `add_to_figure`, because pytest-xdist may
run them on different workers. Each worker hands what it kept to the controller when it finishes
(`config.workeroutput`); the controller, or the one process of a run without workers, adds the
counts up, prints every figure in a "reliability figures" section and, when
`INCIDENTIO_FIGURES_FILE` names a file, writes them there as JSON. The hooks that call these live in
tests/conftest.py, which the controller loads (it collects no tests, so never this folder's).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, cast

import pytest

FIGURES_FILE_ENV_VAR = "INCIDENTIO_FIGURES_FILE"
_WORKER_OUTPUT_KEY = "reliability_figures"


@dataclass
class Tally:
    """Counts several tests add to, shown as `template` filled with them."""

    template: str
    sums: dict[str, int] = field(default_factory=dict[str, int])
    maxima: dict[str, int] = field(default_factory=dict[str, int])

    def add(self, sums: dict[str, int], maxima: dict[str, int]) -> None:
        for name, count in sums.items():
            self.sums[name] = self.sums.get(name, 0) + count
        for name, count in maxima.items():
            self.maxima[name] = max(self.maxima.get(name, count), count)

    def text(self) -> str:
        return self.template.format(**self.sums, **self.maxima)


FIGURES: dict[str, Any] = {}
TALLIES: dict[str, Tally] = {}


def record_figure(name: str, value: Any) -> None:
    """Keep a measured figure for the summary (docs/reliability.md quotes them)."""
    FIGURES[name] = value
    print(f"\nFIGURE {name}: {value}")


def add_to_figure(
    name: str,
    template: str,
    sums: dict[str, int],
    maxima: dict[str, int] | None = None,
) -> None:
    """Add one test's counts to a figure that several tests make up: the summary shows `template`
    (`str.format` fields named like the counts) with `sums` added up and the largest `maxima`."""
    TALLIES.setdefault(name, Tally(template)).add(sums, maxima or {})


def is_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


def hand_to_controller(config: pytest.Config) -> None:
    """On a worker: send what this worker kept with the output it reports at the end."""
    if is_worker(config):
        output = cast(dict[str, Any], config.workeroutput)  # pyright: ignore[reportAttributeAccessIssue, reportUnknownMemberType]
        output[_WORKER_OUTPUT_KEY] = {
            "figures": dict(FIGURES),
            "tallies": {name: asdict(tally) for name, tally in TALLIES.items()},
        }


def take_from_worker(node: Any) -> None:
    """On the controller: keep what a finished worker sent (nothing if it crashed)."""
    output: dict[str, Any] = getattr(node, "workeroutput", None) or {}
    sent: dict[str, Any] = output.get(_WORKER_OUTPUT_KEY) or {}
    FIGURES.update(sent.get("figures") or {})
    tallies: dict[str, dict[str, Any]] = sent.get("tallies") or {}
    for name, tally in tallies.items():
        TALLIES.setdefault(name, Tally(tally["template"])).add(tally["sums"], tally["maxima"])


def report(terminalreporter: Any) -> None:
    """Print every figure and write the file; only where the summary is shown (not on a worker)."""
    figures = FIGURES | {name: tally.text() for name, tally in TALLIES.items()}
    if not figures or is_worker(terminalreporter.config):
        return
    terminalreporter.section("reliability figures")
    for name in sorted(figures):
        terminalreporter.write_line(f"{name}: {figures[name]}")
    target = os.environ.get(FIGURES_FILE_ENV_VAR)
    if target:
        Path(target).write_text(json.dumps(figures, indent=1, sort_keys=True) + "\n")
