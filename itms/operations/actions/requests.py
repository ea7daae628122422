"""Maintenance requests outside their transitions: the IT department's priority queue (a25.4) and the conversion of
a request into an 정보화사업 that keeps its lineage (a25.3)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max

from itms.core.errors import Forbidden, Refused

from ..choices import RequestState
from ..error_codes import OperationsErrors as E
from ..models import MaintenanceRequest
from .common import it_head, today


def queue_of(unit):
    """The accepted requests of the systems an IT department operates, in the order it set (a25.4)."""
    return (
        MaintenanceRequest.objects.filter(state=RequestState.ACCEPTED, system__operating_unit=unit)
        .select_related("system", "requesting_unit")
        .order_by("priority", "pk")
    )


def add_to_queue(request: MaintenanceRequest) -> None:
    """An accepted request joins the end of its IT department's queue."""
    last = (
        MaintenanceRequest.objects.filter(
            state=RequestState.ACCEPTED, system__operating_unit_id=request.system.operating_unit_id
        )
        .exclude(pk=request.pk)
        .aggregate(n=Max("priority"))["n"]
    )
    request.priority = (last or 0) + 1
    request.save(update_fields=["priority", "updated_at"])


def _renumber(unit) -> list[MaintenanceRequest]:
    queue = list(queue_of(unit).select_for_update(of=("self",)))
    for position, item in enumerate(queue, start=1):
        if item.priority != position:
            item.priority = position
            item.save(update_fields=["priority", "updated_at"])
    return queue


@transaction.atomic
def move_in_queue(request: MaintenanceRequest, position: int, *, actor) -> list[MaintenanceRequest]:
    """Puts the request at ``position`` (1 = first) of its IT department's queue; the others follow (a25.4)."""
    request = MaintenanceRequest.objects.select_related("system__operating_unit").get(pk=request.pk)
    unit = request.system.operating_unit
    if not it_head(actor, unit):
        raise Forbidden(E.QUEUE_WHO)
    if request.state != RequestState.ACCEPTED:
        raise Refused(E.QUEUE_STATE)
    queue = [item for item in _renumber(unit) if item.pk != request.pk]
    position = max(1, min(position, len(queue) + 1))
    queue.insert(position - 1, request)
    for number, item in enumerate(queue, start=1):
        if item.priority != number or item.pk == request.pk:
            item.priority = number
            item.save(update_fields=["priority", "updated_at"])
    return queue


def remove_from_queue(request: MaintenanceRequest) -> None:
    request.priority = None
    request.save(update_fields=["priority", "updated_at"])
    _renumber(request.system.operating_unit)


def convert_to_project(request: MaintenanceRequest, *, actor):
    """The request becomes an 정보화사업 of the requesting department, at the idea stage, for next year; the project
    names the request it came from and the request keeps the project (a25.3)."""
    from itms.projects.choices import ProjectKind
    from itms.projects.models import Project

    year = today().year + 1
    unit = request.requesting_unit
    suffix = unit.code.split("-")[-1]
    project = Project(
        name=request.title,
        code=f"{year}-{suffix}-MR{request.pk}",
        organization=unit.organization,
        sponsor_unit=unit,
        kind=ProjectKind.ENHANCEMENT,
        start_year=year,
        end_year=year,
        summary=(
            f"유지관리 요청 '{request.title}'(요청 #{request.pk})에서 전환한 사업입니다 (제25조제3항).\n\n"
            f"요청 내용: {request.description}\n요청 사유: {request.reason}\n"
            f"정보화부서 검토: 변경 범위 {request.change_scope}; 업무량 {request.workload_days or '-'}인일"
        ),
    )
    project.full_clean()
    project.save()
    project.related_systems.add(request.system)
    request.converted_project = project
    request.save(update_fields=["converted_project", "updated_at"])
    return project
