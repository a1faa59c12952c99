"""`python -m incidentio_toolkit.cli` runs the `incidentio` command."""

from incidentio_toolkit.cli import main

main()
