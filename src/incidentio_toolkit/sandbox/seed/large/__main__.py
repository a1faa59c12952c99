"""`python -m incidentio_toolkit.sandbox.seed.large --seed N --scale X --part P --out FILE ...`:
write parts of the large organisation into new SQLite files, one `--part`/`--out` pair each, one
after another (the sandbox runs this in processes of its own, then merges the files into its
cached template)."""

from __future__ import annotations

import argparse
from functools import partial
from pathlib import Path

from incidentio_toolkit.sandbox.seed._template import write_template_file
from incidentio_toolkit.sandbox.seed.large import PARTS, write_large_part


def main(argv: list[str] | None = None) -> None:
    """Parse the arguments and write the files."""
    parser = argparse.ArgumentParser(prog="python -m incidentio_toolkit.sandbox.seed.large")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--part", type=int, choices=range(PARTS), action="append", required=True)
    parser.add_argument("--out", type=Path, action="append", required=True)
    args = parser.parse_args(argv)
    if len(args.part) != len(args.out):
        parser.error("give one --out for each --part")
    for part, out in zip(args.part, args.out, strict=True):
        write = partial(write_large_part, seed=args.seed, scale=args.scale, part=part)
        write_template_file(out, write)


if __name__ == "__main__":
    main()
