"""The sandbox's pure domain rules: computations over stored objects, with no table, no SQL and no
HTTP of their own.

- `on_call`: who is on call, computed from a schedule's rotations, layers, handovers and
  overrides (used by the schedules and on-call stores and by escalation paths' responders).
- `workflow_engine`: incident.io's "engine" shapes (conditions, bindings, expressions, steps),
  turned from request strings into response objects (used by workflows and escalation paths).

They live here rather than beside one store because more than one store uses each, and so they can
be tested without a database.
"""
