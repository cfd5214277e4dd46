"""When the warehouse is built: a sensor on the extracts folder, a monthly fallback.

A delivery is complete when its folder holds `_manifest.json` (the source system writes
the manifest last). Processed: published already (the build store's state names it) or
requested by this sensor before (its cursor, the newest delivery it requested). One run
request covers every new delivery at once (a build takes them all); its run key is the
newest one's date, so Dagster never starts two runs for the same delivery.
"""

from pathlib import Path
from typing import Any

import dagster as dg
from dagster import ScheduleEvaluationContext, SensorEvaluationContext

from imw import pipeline, publish
from imw.gate.structure import list_deliveries

SENSOR_INTERVAL_SECONDS = 60


def new_deliveries(extracts: Path, stores: publish.Stores, cursor: str | None) -> list[str]:
    """Complete deliveries that are neither published nor requested before (newer than
    the cursor), sorted."""
    complete, _incomplete = list_deliveries(extracts)
    state = publish.read_state(stores)
    published = set(state["deliveries"]) if state else set()
    return [
        folder.name
        for folder in complete
        if folder.name not in published and (cursor is None or folder.name > cursor)
    ]


def _run_request(deliveries: list[str], trigger: str) -> dg.RunRequest:
    newest = max(deliveries)
    return dg.RunRequest(
        run_key=newest,
        tags={
            "imw/delivery": newest,
            "imw/deliveries": ",".join(deliveries),
            "imw/trigger": trigger,
        },
    )


def new_delivery_sensor(job: Any) -> dg.SensorDefinition:
    @dg.sensor(
        name="new_delivery",
        job=job,
        minimum_interval_seconds=SENSOR_INTERVAL_SECONDS,
        default_status=dg.DefaultSensorStatus.RUNNING,
        description="Starts a run when a complete delivery (a folder with _manifest.json) "
        "appears in IMW_EXTRACTS_DIR; run key: the delivery's date.",
    )
    def new_delivery(context: SensorEvaluationContext) -> dg.SensorResult | dg.SkipReason:
        stores, extracts, _reports = pipeline.locations()
        found = new_deliveries(extracts, stores, context.cursor)
        if not found:
            return dg.SkipReason(f"no new complete delivery in {extracts}")
        return dg.SensorResult(run_requests=[_run_request(found, "sensor")], cursor=max(found))

    return new_delivery


def monthly_schedule(job: Any) -> dg.ScheduleDefinition:
    @dg.schedule(
        name="monthly_fallback",
        job=job,
        cron_schedule="0 7 3 * *",
        execution_timezone="Europe/Brussels",
        description="On the 3rd of every month at 07:00 Brussels time: a run when a complete "
        "delivery is not published yet (the sensor's fallback), otherwise skipped.",
    )
    def monthly_fallback(context: ScheduleEvaluationContext) -> dg.RunRequest | dg.SkipReason:
        stores, extracts, _reports = pipeline.locations()
        found = new_deliveries(extracts, stores, cursor=None)
        if not found:
            return dg.SkipReason("every complete delivery is published")
        return _run_request(found, "schedule")

    return monthly_fallback
