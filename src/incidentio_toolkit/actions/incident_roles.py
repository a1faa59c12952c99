"""TODO."""

from incidentio_toolkit.actions._base import Action

ACTIONS: tuple[Action, ...] = ()
