"""Thin request handlers: parse the request, call a store, serialize the
answer. One module per resource, named like the modules of `incidentio_toolkit.actions`;
`_common.py` holds request parsing and response building, `_admin.py` the `/_sandbox/` endpoints."""
