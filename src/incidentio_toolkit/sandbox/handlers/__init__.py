"""Thin request handlers: parse the request, call a store, serialize the answer."""
