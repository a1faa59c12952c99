"""The incident-response tasks of `bench_agent_tasks.py`, from their modules: incidents
(`_agent_tasks_incidents.py`), declaring (`_agent_tasks_declaring.py`), on-call
(`_agent_tasks_on_call.py`) and paging (`_agent_tasks_paging.py`). What they share is in
`_agent_kit.py`."""

from __future__ import annotations

from _agent_kit import Env, Task, waiting_for
from _agent_tasks_declaring import TASKS as DECLARING_TASKS
from _agent_tasks_incidents import TASKS as INCIDENT_TASKS
from _agent_tasks_on_call import TASKS as ON_CALL_TASKS
from _agent_tasks_paging import TASKS as PAGING_TASKS

TASKS: tuple[Task, ...] = (*INCIDENT_TASKS, *DECLARING_TASKS, *ON_CALL_TASKS, *PAGING_TASKS)

__all__ = ["TASKS", "Env", "Task", "waiting_for"]
