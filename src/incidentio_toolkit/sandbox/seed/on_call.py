"""The demo organisation's on-call setup: two schedules (one with a holiday override) and two
escalation paths, each owned by a team (`seed/teams.py`)."""

from __future__ import annotations

import incidentio_toolkit.sandbox.seed.ids as ids
from incidentio_toolkit.sandbox._util import JSON
from incidentio_toolkit.sandbox._validate import Fields
from incidentio_toolkit.sandbox.seed.settings import ORG_CREATED
from incidentio_toolkit.sandbox.store import Store


def seed_on_call(store: Store) -> None:
    """Schedules and escalation paths."""
    weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday"]
    primary: JSON = {
        "schedule": {
            "name": "Primary On-call",
            "timezone": "Europe/London",
            "team_ids": [ids.TEAM_PAYMENTS_ID],
            "config": {
                "rotations": [
                    {
                        "id": ids.ROTATION_PRIMARY_ID,
                        "name": "Primary",
                        "handover_start_at": "2024-01-01T09:00:00Z",
                        "handovers": [{"interval": 1, "interval_type": "weekly"}],
                        "layers": [
                            {"id": ids.LAYER_PRIMARY_ID, "name": "Primary"},
                            {"id": ids.LAYER_SECONDARY_ID, "name": "Secondary"},
                        ],
                        "users": [
                            {"id": ids.USER_SOFIA_ID},
                            {"id": ids.USER_KENJI_ID},
                            {"id": ids.USER_AMARA_ID},
                            {"id": ids.USER_LIAM_ID},
                        ],
                    }
                ]
            },
        }
    }
    platform = {
        "schedule": {
            "name": "Platform Support",
            "timezone": "America/New_York",
            "team_ids": [ids.TEAM_PLATFORM_ID],
            "config": {
                "rotations": [
                    {
                        "id": ids.ROTATION_FOLLOW_THE_SUN_ID,
                        "name": "Follow the sun",
                        "handover_start_at": "2024-01-01T08:00:00Z",
                        "handovers": [{"interval": 12, "interval_type": "hourly"}],
                        "layers": [{"id": ids.LAYER_FOLLOW_THE_SUN_ID, "name": "On call"}],
                        "users": [
                            {"id": ids.USER_HANNAH_ID},
                            {"id": ids.USER_CHLOE_ID},
                            {"id": ids.USER_MARCUS_ID},
                        ],
                    },
                    {
                        "id": ids.ROTATION_BUSINESS_HOURS_ID,
                        "name": "Business hours backup",
                        "handover_start_at": "2024-01-01T14:00:00Z",
                        "handovers": [{"interval": 1, "interval_type": "daily"}],
                        "layers": [{"id": ids.LAYER_BUSINESS_HOURS_ID, "name": "Backup"}],
                        "users": [{"id": ids.USER_PRIYA_ID}, {"id": ids.USER_MARCUS_ID}],
                        "working_intervals": [
                            {"weekday": day, "start_time": "09:00", "end_time": "17:00"}
                            for day in weekdays
                        ],
                    },
                ]
            },
        }
    }
    store.schedules.create(Fields(primary), ORG_CREATED, id=ids.SCHEDULE_PRIMARY_ID)
    store.schedules.create(Fields(platform), ORG_CREATED, id=ids.SCHEDULE_PLATFORM_ID)
    holiday_cover = {
        "schedule_id": ids.SCHEDULE_PRIMARY_ID,
        "rotation_id": ids.ROTATION_PRIMARY_ID,
        "layer_id": ids.LAYER_PRIMARY_ID,
        "start_at": "2025-12-24T09:00:00Z",
        "end_at": "2025-12-27T09:00:00Z",
        "user": {"id": ids.USER_HANNAH_ID},
    }
    store.schedule_overrides.create(
        Fields(holiday_cover), ORG_CREATED, id=ids.OVERRIDE_HOLIDAY_COVER_ID
    )
    urgent = {
        "name": "Urgent Support",
        "team_ids": [ids.TEAM_PAYMENTS_ID],
        "path": [
            {
                "id": "level-1",
                "type": "level",
                "level": {
                    "targets": [
                        {
                            "id": ids.SCHEDULE_PRIMARY_ID,
                            "type": "schedule",
                            "urgency": "high",
                            "schedule_mode": "currently_on_call",
                        }
                    ],
                    "time_to_ack_seconds": 300,
                    "ack_mode": "first",
                },
            },
            {
                "id": "level-2",
                "type": "level",
                "level": {
                    "targets": [{"id": ids.USER_MARCUS_ID, "type": "user", "urgency": "high"}],
                    "time_to_ack_seconds": 600,
                },
            },
            {
                "id": "repeat-1",
                "type": "repeat",
                "repeat": {"to_node": "level-1", "repeat_times": 2},
            },
        ],
    }
    platform_path = {
        "name": "Platform (business hours)",
        "team_ids": [ids.TEAM_PLATFORM_ID],
        "working_hours": [
            {
                "id": "office-hours",
                "name": "Office hours",
                "timezone": "America/New_York",
                "weekday_intervals": [
                    {"weekday": day, "start_time": "09:00", "end_time": "17:00"} for day in weekdays
                ],
            }
        ],
        "path": [
            {
                "id": "level-1",
                "type": "level",
                "level": {
                    "targets": [
                        {
                            "id": ids.SCHEDULE_PLATFORM_ID,
                            "type": "schedule",
                            "urgency": "low",
                            "schedule_mode": "currently_on_call",
                        }
                    ],
                    "time_to_ack_seconds": 900,
                    "time_to_ack_interval_condition": "active",
                    "time_to_ack_weekday_interval_config_id": "office-hours",
                },
            },
            {
                "id": "notify-1",
                "type": "notify_channel",
                "notify_channel": {
                    "targets": [{"id": "C04PLATFORM", "type": "slack_channel", "urgency": "low"}]
                },
            },
        ],
        "repeat_config": {"repeat_after_seconds": 1800, "delay_repeat_on_activity": True},
    }
    store.escalation_paths.create(Fields(urgent), ORG_CREATED, id=ids.ESCALATION_PATH_URGENT_ID)
    store.escalation_paths.create(
        Fields(platform_path), ORG_CREATED, id=ids.ESCALATION_PATH_PLATFORM_ID
    )
