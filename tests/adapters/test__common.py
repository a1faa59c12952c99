from __future__ import annotations

import json
from typing import Any, cast, get_args

import pytest
from jsonschema import Draft202012Validator
from tests.adapters.conftest import RequestLog
from tests.arguments_support import FULL_ARGUMENTS
from tests.pinned_support import pinned

from incidentio_toolkit.actions import ACTIONS, FIELDS_PARAM, TOOLSETS
from incidentio_toolkit.actions.incidents import StatusCategory
from incidentio_toolkit.adapters._common import (
    ToolPolicy,
    context_budget,
    policy_error,
    run_tool,
    run_tool_sync,
    shape_result,
    tool_input_schema,
)
from incidentio_toolkit.adapters.mcp import instructions_for
from incidentio_toolkit.client import AsyncIncidentIO, IncidentIO
from incidentio_toolkit.composites import COMPOSITES, TOOLS

STATUS_CATEGORIES = list(get_args(StatusCategory))

COMPOSITE_ARGUMENTS: dict[str, dict[str, Any]] = {
    "incident_brief": {"incident": "INC-5", "updates": 3},
    "on_call_now": {"team": "Payments", "days": 3},
}

READS = [a.name for a in ACTIONS.values() if a.kind == "read"]
WRITES = [a.name for a in ACTIONS.values() if a.kind == "write"]
DESTRUCTIVE = [a.name for a in ACTIONS.values() if a.kind == "destructive"]
ALL_TOOLS_BUDGET = 14_000
READ_ONLY_BUDGET = 7_000
"""Characters a model reads in tools/list: every tool (every action and the composites), and the
read-only default."""


def names(policy: ToolPolicy) -> list[str]:
    return [action.name for action in policy.enabled_actions()]


def test_default_policy_enables_exactly_the_read_actions() -> None:
    assert names(ToolPolicy()) == READS
    assert READS
    assert all(ACTIONS[name].annotations.read_only for name in READS)


def test_allow_writes_adds_creates_and_updates_but_not_deletes_or_paging() -> None:
    enabled = names(ToolPolicy(allow_writes=True))
    assert set(enabled) == set(READS) | set(WRITES)
    assert "escalations_create" not in enabled
    assert "workflows_delete" not in enabled


def test_allow_destructive_with_writes_enables_every_action() -> None:
    assert names(ToolPolicy(allow_writes=True, allow_destructive=True)) == list(ACTIONS)
    assert ToolPolicy.everything().enabled_actions() == list(ACTIONS.values())
    assert {"escalations_create", "workflows_delete"} <= set(DESTRUCTIVE)


def test_allow_destructive_alone_is_rejected_as_a_second_opt_in() -> None:
    with pytest.raises(ValueError, match="allow_writes"):
        ToolPolicy(allow_destructive=True)


def test_unknown_tool_names_raise_listing_the_valid_ones() -> None:
    with pytest.raises(ValueError, match="incidents_lst") as info:
        ToolPolicy(tools=["incidents_lst"])
    assert "incidents_list" in str(info.value)
    with pytest.raises(ValueError, match="Unknown exclude_tools"):
        ToolPolicy(exclude_tools="nope")


def test_unknown_toolset_raises_listing_the_valid_toolsets() -> None:
    with pytest.raises(ValueError, match="Unknown toolsets") as info:
        ToolPolicy(toolsets=["incident"])
    assert all(toolset in str(info.value) for toolset in TOOLSETS)


def test_allow_list_naming_a_write_tool_without_allow_writes_is_an_error() -> None:
    with pytest.raises(ValueError, match="--allow-writes"):
        ToolPolicy(tools=["incidents_create"])


def test_tools_allow_list_and_comma_string_select_exactly_those_tools() -> None:
    policy = ToolPolicy(allow_writes=True, tools="incidents_list, incidents_create")
    assert names(policy) == ["incidents_list", "incidents_create"]


def test_exclude_tools_removes_tools_from_the_default() -> None:
    enabled = names(ToolPolicy(exclude_tools=["users_list", "users_show"]))
    assert enabled == [n for n in READS if n not in ("users_list", "users_show")]


def test_toolsets_select_whole_resources() -> None:
    enabled = ToolPolicy(toolsets=["incidents", "schedules"]).enabled_actions()
    assert enabled
    assert {a.toolset for a in enabled} == {"incidents", "schedules"}
    assert all(a.kind == "read" for a in enabled)


def test_policy_error_for_a_write_says_how_to_enable_it() -> None:
    error = policy_error("incidents_create", ToolPolicy())
    assert error is not None
    assert error["success"] is False
    assert "--allow-writes" in error["error"]
    assert "Nothing was sent" in error["error"]
    # the refusal has the action's full contract shape
    assert set(error) == set(ACTIONS["incidents_create"].output.model_fields)


def test_policy_error_for_paging_names_the_second_opt_in() -> None:
    error = policy_error("escalations_create", ToolPolicy(allow_writes=True))
    assert error is not None
    assert "pages people" in error["error"]
    assert "--allow-destructive" in error["error"]


def test_policy_error_for_an_unknown_tool_lists_the_enabled_tools() -> None:
    error = policy_error("drop_database", ToolPolicy())
    assert error is not None
    assert "incidents_list" in error["error"]
    assert policy_error("incidents_list", ToolPolicy()) is None


@pytest.mark.anyio
async def test_run_tool_refuses_a_disabled_tool_without_sending_a_request(
    counting_client: AsyncIncidentIO, request_log: RequestLog
) -> None:
    arguments = {"idempotency_key": "k", "severity_id": "s", "visibility": "public"}
    output = await run_tool(counting_client, "incidents_create", arguments, ToolPolicy())
    assert output["success"] is False
    assert "disabled" in output["error"]
    assert request_log.requests == []


@pytest.mark.anyio
async def test_run_tool_rejects_non_object_arguments_without_a_request(
    counting_client: AsyncIncidentIO, request_log: RequestLog
) -> None:
    output = await run_tool(
        counting_client, "incidents_list", cast(Any, ["page_size", 5]), ToolPolicy()
    )
    assert output["success"] is False
    assert "JSON object" in output["error"]
    assert request_log.requests == []


@pytest.mark.anyio
async def test_run_tool_rejects_an_api_key_argument(
    counting_client: AsyncIncidentIO, request_log: RequestLog
) -> None:
    output = await run_tool(counting_client, "severities_list", {"api_key": "x"}, ToolPolicy())
    assert output["success"] is False
    assert "api_key" in output["error"]
    assert request_log.requests == []


@pytest.mark.anyio
async def test_run_tool_sends_an_enabled_call(
    counting_client: AsyncIncidentIO, request_log: RequestLog
) -> None:
    output = await run_tool(counting_client, "severities_list", None, ToolPolicy())
    assert output["success"] is False  # the fake answers 500
    assert [r.url.path for r in request_log.requests] == ["/v1/severities"]


def test_run_tool_sync_refuses_a_destructive_tool_without_a_request(
    sync_counting_client: IncidentIO, request_log: RequestLog
) -> None:
    output = run_tool_sync(
        sync_counting_client, "workflows_delete", {"id": "01ABC"}, ToolPolicy(allow_writes=True)
    )
    assert output["success"] is False
    assert "--allow-destructive" in output["error"]
    assert request_log.requests == []


def _schema_keywords(node: Any, found: set[str]) -> None:
    if isinstance(node, dict):
        mapping = cast(dict[str, Any], node)
        for key, value in mapping.items():
            if key == "properties":
                for prop in cast(dict[str, Any], value).values():
                    _schema_keywords(prop, found)
            else:
                found.add(key)
                _schema_keywords(value, found)
    elif isinstance(node, list):
        for item in cast(list[Any], node):
            _schema_keywords(item, found)


@pytest.mark.parametrize("name", list(ACTIONS))
def test_tool_input_schema_is_flat_compact_and_matches_the_input_model(name: str) -> None:
    action = ACTIONS[name]
    schema = tool_input_schema(action)
    assert schema["type"] == "object"
    assert list(schema["properties"]) == list(action.input.model_fields)
    required = [n for n, f in action.input.model_fields.items() if f.is_required()]
    assert schema.get("required", []) == required
    assert "api_key" not in schema["properties"]
    keywords: set[str] = set()
    _schema_keywords(schema, keywords)
    assert not keywords & {"title", "$defs", "$ref"}, keywords
    assert '"type": "null"' not in json.dumps(schema)


def test_tool_input_schema_keeps_a_parameter_named_title() -> None:
    schema = tool_input_schema(ACTIONS["escalations_create"])
    assert "title" in schema["properties"]
    assert "title" in schema["required"]


def test_tools_list_fits_the_context_budgets() -> None:
    everything = ToolPolicy.everything().enabled_tools()
    read_only = ToolPolicy().enabled_tools()
    all_chars, read_only_chars = context_budget(everything), context_budget(read_only)
    print(
        f"\ncontext budget: all {len(everything)} tools {all_chars} chars (budget "
        f"{ALL_TOOLS_BUDGET}); read-only default {len(read_only)} tools {read_only_chars} chars "
        f"(budget {READ_ONLY_BUDGET})"
    )
    for cost, name in sorted(((context_budget([t]), t.name) for t in everything), reverse=True)[:8]:
        print(f"  {name}: {cost} chars")
    assert len(everything) == len(TOOLS)
    assert all_chars <= ALL_TOOLS_BUDGET
    assert read_only_chars <= READ_ONLY_BUDGET


def test_context_budget_counts_name_description_and_compact_schema() -> None:
    tool = TOOLS["incidents_show"]
    schema = json.dumps(tool_input_schema(tool), separators=(",", ":"), ensure_ascii=False)
    assert context_budget([tool]) == len(tool.name) + len(tool.description) + len(schema)
    assert "fields" in schema


def test_compact_schemas_drop_defaults_titles_and_bounds_only() -> None:
    schema = tool_input_schema(TOOLS["on_call_now"])
    days = schema["properties"]["days"]
    assert days == {"description": days["description"], "type": "integer"}
    listing = tool_input_schema(ACTIONS["incidents_list"])["properties"]
    assert listing["page_size"] == {"type": "integer"}
    assert listing["status_ids"] == {"items": {}, "type": "array"}
    assert listing["status_category"] == {"items": {"enum": STATUS_CATEGORIES}, "type": "array"}
    assert listing["created_after"] == {"type": "string"}  # dates: said once, in the instructions
    assert "dates YYYY-MM-DD" in instructions_for(ToolPolicy())
    keywords: set[str] = set()
    for tool in TOOLS.values():
        _schema_keywords(tool_input_schema(tool), keywords)
    assert not keywords & {"default", "title", "minLength", "maximum", "maxLength", "format"}
    assert {"enum", "items", "required", "description", "anyOf"} <= keywords


def test_fields_is_an_open_schema_on_every_list_and_show_tool() -> None:
    taking = [tool for tool in TOOLS.values() if FIELDS_PARAM in tool.input.model_fields]
    assert {tool.name for tool in taking} == {
        action.name for action in ACTIONS.values() if action.verb in ("list", "show")
    } - {"postmortem_documents_content"}
    for tool in taking:
        assert tool_input_schema(tool)["properties"][FIELDS_PARAM] == {}, tool.name


def _validate(schema: dict[str, Any], instance: dict[str, Any]) -> None:
    validator: Any = Draft202012Validator(schema)
    validator.validate(instance)


def test_a_replace_shows_only_the_types_of_what_its_create_describes() -> None:
    replaces = [a for a in ACTIONS.values() if a.input.described_by is not None]
    assert {a.name for a in replaces} >= {"workflows_update", "schedules_update"}
    for action in replaces:
        described = action.input.described_by
        assert described is not None
        (create,) = [a for a in ACTIONS.values() if a.input is described]
        assert create.name in action.description
        properties = tool_input_schema(action)["properties"]
        shared = properties.keys() & described.model_fields.keys()
        assert shared
        for name in shared:
            assert set(properties[name]) <= {"type", "items", "anyOf"}, (action.name, name)
    update = tool_input_schema(ACTIONS["workflows_update"])["properties"]
    create = tool_input_schema(ACTIONS["workflows_create"])["properties"]
    assert update["state"] == {"type": "string"}
    assert create["state"] == {"enum": ["active", "disabled", "draft", "error"]}
    assert update["runs_on_incident_modes"] == {"type": "array", "items": {}}
    assert create["steps"]["description"].startswith("[{id")


@pytest.mark.parametrize("name", list(TOOLS))
def test_the_compact_schema_accepts_what_the_input_model_accepts(name: str) -> None:
    tool = TOOLS[name]
    given = FULL_ARGUMENTS[name] if name in FULL_ARGUMENTS else COMPOSITE_ARGUMENTS[name]
    canonical = tool.input.model_validate(given).model_dump(mode="json", exclude_none=True)
    _validate(tool.input.model_json_schema(), canonical)
    _validate(tool_input_schema(tool), canonical)
    if FIELDS_PARAM in tool.input.model_fields:
        as_text = {
            **canonical,
            FIELDS_PARAM: "id,name",
        }  # also accepted: one comma-separated string
        _validate(tool_input_schema(tool), as_text)


def test_importing_the_core_cli_and_adapters_loads_no_agent_framework() -> None:
    import subprocess
    import sys

    code = (
        "import sys, incidentio_toolkit, incidentio_toolkit.cli, incidentio_toolkit.adapters, "
        "incidentio_toolkit.adapters.openai, incidentio_toolkit.adapters.mcp; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'langchain_core', 'openai', 'rich', "
        "'uvicorn'}), [m for m in sys.modules if m.startswith('incidentio_toolkit.sandbox')])"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[] []"


def test_enabled_tools_are_the_enabled_actions_then_the_composites() -> None:
    default = ToolPolicy().enabled_tools()
    assert [t.name for t in default] == [*READS, *COMPOSITES]
    only = ToolPolicy(tools="on_call_now, schedules_list")
    assert [t.name for t in only.enabled_tools()] == ["schedules_list", "on_call_now"]
    assert [a.name for a in only.enabled_actions()] == ["schedules_list"]
    assert "incident_brief" not in names_of(ToolPolicy(exclude_tools=["incident_brief"]))
    assert "on_call_now" not in names_of(ToolPolicy(toolsets=["incidents"]))
    assert "incident_brief" in names_of(ToolPolicy(toolsets=["incidents"]))


def names_of(policy: ToolPolicy) -> list[str]:
    return [t.name for t in policy.enabled_tools()]


def test_shape_result_summarises_unless_fields_full_objects_or_a_dry_run() -> None:
    full = {
        "success": True,
        "error": None,
        "severities": [{"id": "01S", "name": "Major", "rank": 2, "created_at": "T"}],
    }
    summary = {**full, "severities": [{"id": "01S", "name": "Major", "rank": 2}]}
    assert shape_result("severities_list", {}, full, ToolPolicy()) == summary
    assert shape_result("severities_list", None, full, ToolPolicy()) == summary
    assert shape_result("severities_list", {"fields": ["*"]}, full, ToolPolicy()) == full
    assert shape_result("severities_list", {}, full, ToolPolicy(full_objects=True)) == full
    draft: dict[str, Any] = {
        "success": True,
        "error": None,
        "escalation": {"dry_run": True, "would_page": []},
    }
    assert shape_result("escalations_create", {"dry_run": True}, draft, ToolPolicy()) == draft
    brief = {"success": True, "error": None, "brief": {"reference": "INC-1"}}
    assert shape_result("incident_brief", {}, brief, ToolPolicy()) == brief


@pytest.mark.anyio
async def test_run_tool_answers_a_composite_and_summaries_from_the_sandbox() -> None:
    async with pinned() as sandbox:
        answer = await run_tool(
            sandbox.client, "on_call_now", {"schedule": "Primary On-call"}, ToolPolicy()
        )
        listed = await run_tool(sandbox.client, "incidents_list", {}, ToolPolicy())
    assert answer["success"] is True
    assert answer["on_call"]["schedule"] == "Primary On-call"
    incident = listed["incidents"][0]
    assert "custom_field_entries" not in incident
    assert incident["incident_status"]["name"]


def test_full_objects_is_part_of_the_policy_and_its_repr() -> None:
    assert ToolPolicy(full_objects=True).full_objects is True
    assert ToolPolicy().full_objects is False
    assert "full_objects=True" in repr(ToolPolicy(full_objects=True))
