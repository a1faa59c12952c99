"""Names and references into ids, before a request is built; the reference data cached per client.

The parameters that accept names are declared on the input models (`Resolves` markers, see
`incidentio_toolkit.actions._references`). For each marked value:

1. a ULID is an id and is kept as given;
2. for incidents, a reference (`INC-123`, `123`, `#inc-123`) becomes the id with one
   `incidents_show` call (remembered for the client's life: a reference never changes);
3. a value shaped like a catalog's lookup (a user's email or Slack id) is answered by one
   filtered list call;
4. anything else is matched, case-insensitively, against the catalog's full listing.

It must name exactly one object; otherwise the call fails with the closest candidates and the
action is not sent. Listings and lookups are reads through the same client (validated, paced,
retried) and are cached for `reference_ttl` seconds; a successful write empties the cache.
"""

from __future__ import annotations

import difflib
import re
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, cast

import anyio
from pydantic import BaseModel

from incidentio_toolkit.actions import (
    ACTIONS,
    ActionInput,
    Catalog,
    Lookup,
    incident_number,
    is_id,
    resolves,
)
from incidentio_toolkit.client._errors import (
    IncidentIOError,
    InvalidArgumentsError,
    NameLookupError,
)

if TYPE_CHECKING:
    from incidentio_toolkit.client._async import AsyncIncidentIO

Item = dict[str, Any]
MAX_LISTED = 10_000
"""Objects of one catalog read at most (incident.io organisations have far fewer users); a
catalog with more is never matched by name, as a match could not be known to be the only one."""
REMEMBERED_INCIDENTS = 1_000
MAX_CANDIDATES = 5


def _same(value: Any, text: str) -> bool:
    return isinstance(value, str) and value.strip().casefold() == text.casefold()


def _largest_page(action: str) -> dict[str, int]:
    """The `page_size` argument asking `action` for its largest page, if it takes one."""
    field = ACTIONS[action].input.model_fields.get("page_size")
    if field is None:
        return {}
    bounds = [int(meta.le) for meta in field.metadata if getattr(meta, "le", None) is not None]
    return {"page_size": bounds[0]} if bounds else {}


class Resolver:
    """One client's name resolution and its cache of reference data."""

    def __init__(self, client: AsyncIncidentIO, ttl: float, clock: Callable[[], float]) -> None:
        self._client = client
        self._ttl = ttl
        self._clock = clock
        self._cached: dict[tuple[str, ...], tuple[float, list[Item]]] = {}
        self._locks: dict[str, anyio.Lock] = {}
        self._incidents: OrderedDict[str, str] = OrderedDict()

    def forget(self) -> None:
        """Drop the cached listings and lookups (after a write, which may have changed them)."""
        self._cached.clear()

    async def resolve(self, arguments: ActionInput) -> ActionInput:
        """`arguments` with every marked name or reference replaced by its id, in nested models
        too (a level's targets, a rotation's users)."""
        return cast(ActionInput, await self._model(arguments, ""))

    async def _model(self, model: BaseModel, where: str) -> BaseModel:
        """`model` with its marked values resolved, and its nested models' (errors name the
        value's place: `path[1].targets[0].user_id`)."""
        updates: dict[str, Any] = {}
        for name, field in type(model).model_fields.items():
            value = getattr(model, name)
            if value is None:
                continue
            place = f"{where}.{name}" if where else name
            marker = resolves(field)
            if marker is None:
                resolved = await self._nested(value, place)
            elif isinstance(value, list):
                texts = cast(list[str], value)
                resolved = [await self.one(marker.catalog, place, text) for text in texts]
            else:
                resolved = await self.one(marker.catalog, place, str(value))
            if resolved is not value and resolved != value:
                updates[name] = resolved
        return model.model_copy(update=updates) if updates else model

    async def _nested(self, value: Any, place: str) -> Any:
        """A model, or a list holding models, with their marked values resolved; anything else
        as it is."""
        if isinstance(value, BaseModel):
            return await self._model(value, place)
        if not isinstance(value, list):
            return value
        items = cast(list[Any], value)
        if not any(isinstance(item, BaseModel | list) for item in items):
            return items
        return [await self._nested(item, f"{place}[{index}]") for index, item in enumerate(items)]

    async def one(self, catalog: Catalog, parameter: str, value: str) -> str:
        """The id that `value` names in `catalog`; raises when it names none or several."""
        text = value.strip()
        if is_id(text):
            return text
        if catalog.show_action is not None:
            return await self._incident(catalog, parameter, text)
        for lookup in catalog.lookups:
            if re.fullmatch(lookup.pattern, text):
                found = await self._lookup(catalog, lookup, parameter, text)
                matches = [item for item in found if _same(item.get(lookup.key), text)]
                return self._only(catalog, parameter, value, matches, found)
        if catalog.list_action is None:
            raise InvalidArgumentsError(
                f"{parameter}: {value!r} is not a {catalog.noun} id. Nothing was sent."
            )
        listed = await self.listing(catalog, parameter, text)
        matches = [item for item in listed if any(_same(item.get(k), text) for k in catalog.names)]
        return self._only(catalog, parameter, value, matches, listed)

    async def listing(self, catalog: Catalog, parameter: str = "", value: str = "") -> list[Item]:
        """Every object of `catalog` (cached for `reference_ttl` seconds)."""
        action = catalog.list_action
        if action is None:
            raise InvalidArgumentsError(f"{catalog.noun}s cannot be listed by name.")

        arguments = _largest_page(action) if catalog.full_pages else {}

        async def fetch() -> list[Item]:
            listed = self._client.paginate(action, arguments, max_items=MAX_LISTED + 1)
            items = [item async for item in listed]
            if len(items) > MAX_LISTED:
                raise InvalidArgumentsError(
                    f"{action} lists more than {MAX_LISTED:,} {catalog.noun}s, too many to match "
                    f"a name against: give the {catalog.noun}'s id."
                )
            return items

        what = f"{catalog.noun} {value!r} for {parameter}" if parameter else f"{catalog.noun}s"
        return await self._cache(("listing", catalog.noun), fetch, what)

    async def _lookup(
        self, catalog: Catalog, lookup: Lookup, parameter: str, value: str
    ) -> list[Item]:
        action = str(catalog.list_action)

        async def fetch() -> list[Item]:
            output = await self._client.execute(action, {lookup.parameter: value})
            return ACTIONS[action].page_items(dict(output))

        key = ("lookup", catalog.noun, lookup.parameter, value.casefold())
        return await self._cache(key, fetch, f"{catalog.noun} {value!r} for {parameter}")

    async def _cache(self, key: tuple[str, ...], fetch: Callable[[], Any], what: str) -> list[Item]:
        # One read per catalog at a time: concurrent calls naming the same things share it.
        async with self._locks.setdefault(key[1], anyio.Lock()):
            now = self._clock()
            hit = self._cached.get(key)
            if hit is not None and hit[0] > now:
                return hit[1]
            try:
                items: list[Item] = await fetch()
            except IncidentIOError as exc:
                raise NameLookupError(what, exc) from exc
            if self._ttl > 0:
                for stale in [k for k, (until, _) in self._cached.items() if until <= now]:
                    del self._cached[stale]
                self._cached[key] = (self._clock() + self._ttl, items)
            return items

    async def _incident(self, catalog: Catalog, parameter: str, text: str) -> str:
        number = incident_number(text)
        if number is None:
            raise InvalidArgumentsError(
                f"{parameter}: {text!r} is not an incident id or reference such as INC-123. "
                "Nothing was sent."
            )
        known = self._incidents.get(number)
        if known is not None:
            return known
        try:
            output = await self._client.execute(str(catalog.show_action), {"id": number})
        except IncidentIOError as exc:
            raise NameLookupError(f"incident INC-{number} for {parameter}", exc) from exc
        incident = cast(Mapping[str, Any], getattr(output, "incident", None) or {})
        found = str(incident.get("id") or "")
        if not is_id(found):
            raise NameLookupError(
                f"incident INC-{number} for {parameter}",
                IncidentIOError("incidents_show answered without an incident id"),
            )
        self._incidents[number] = found
        while len(self._incidents) > REMEMBERED_INCIDENTS:
            self._incidents.popitem(last=False)
        return found

    def _only(
        self,
        catalog: Catalog,
        parameter: str,
        value: str,
        matches: list[Item],
        candidates: list[Item],
    ) -> str:
        ids = list(dict.fromkeys(str(item.get("id")) for item in matches if item.get("id")))
        if len(ids) == 1:
            return ids[0]
        where = f"({catalog.list_action} lists them)" if catalog.list_action else ""
        if ids:
            named = "; ".join(self._label(catalog, item) for item in matches[:MAX_CANDIDATES])
            raise InvalidArgumentsError(
                f"{parameter}: {value!r} names {len(ids)} {catalog.noun}s: {named}. Give the id "
                f"(or a unique {' or '.join(catalog.names)}). Nothing was sent."
            )
        closest = self._closest(catalog, value, candidates)
        hint = f" Closest: {closest}." if closest else ""
        raise InvalidArgumentsError(
            f"{parameter}: no {catalog.noun} matches {value!r}.{hint} Give a "
            f"{catalog.describe()} {where}. Nothing was sent."
        )

    @staticmethod
    def _label(catalog: Catalog, item: Mapping[str, Any]) -> str:
        parts = [str(item[key]) for key in ("name", *catalog.names) if item.get(key)]
        return f"{' / '.join(dict.fromkeys(parts))} (id {item.get('id')})"

    @staticmethod
    def _closest(catalog: Catalog, value: str, candidates: list[Item]) -> str:
        names: dict[str, str] = {}
        for item in candidates:
            for key in catalog.names:
                text = item.get(key)
                if isinstance(text, str) and text:
                    names.setdefault(text.casefold(), text)
        wanted = value.strip().casefold()
        close = difflib.get_close_matches(wanted, list(names), n=MAX_CANDIDATES, cutoff=0.5)
        close += [name for name in names if wanted in name and name not in close]
        if not close and len(names) <= MAX_CANDIDATES:
            close = list(names)
        return ", ".join(repr(names[name]) for name in close[:MAX_CANDIDATES])
