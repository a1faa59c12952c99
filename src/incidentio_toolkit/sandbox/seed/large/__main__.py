"""`python -m incidentio_toolkit.sandbox.seed.large --seed N --scale X --out FILE`: write the large
organisation into a new SQLite file (how the sandbox builds its cached template, in a process of
its own so that the server never holds the generator's memory)."""

from __future__ import annotations

import argparse
from functools import partial
from pathlib import Path

from incidentio_toolkit.sandbox.seed._template import write_template_file
from incidentio_toolkit.sandbox.seed.large import write_large_organisation


def main(argv: list[str] | None = None) -> None:
    """Parse the arguments and write the file."""
    parser = argparse.ArgumentParser(prog="python -m incidentio_toolkit.sandbox.seed.large")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    write = partial(write_large_organisation, seed=args.seed, scale=args.scale)
    write_template_file(args.out, write)


if __name__ == "__main__":
    main()
