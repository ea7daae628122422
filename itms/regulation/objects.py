"""Record types of the regulation engine, and its other pages in the menu."""

from itms.core.menu import add_menu_item
from itms.core.registry import register

from . import filtersets, forms, tables
from .api import serializers
from .models import CalendarException, Obligation, Parameter, RulePack
from .views import obligation_detail_context, parameter_detail_context, rulepack_detail_context

add_menu_item("compliance", "훈령 조문", "regulation:directive")
# Deadlines are opened and closed by the processes (itms.regulation.obligations), never by a form.
register(
    Obligation,
    table=tables.ObligationTable,
    filterset=filtersets.ObligationFilterSet,
    serializer=serializers.ObligationSerializer,
    menu=("compliance", "법정 기한"),
    select_related=("owed_by_unit", "owed_by_user", "owed_to_unit", "subject_type", "closed_by"),
    can_add=False,
    can_edit=False,
    can_delete=False,
    detail_fields=["title"],  # the page builds its own rows (status, clauses, subject link)
    detail_template="regulation/obligation_detail.html",
    detail_context=obligation_detail_context,
)
add_menu_item("compliance", "준수현황", "regulation:compliance", "regulation.view_obligation", staff_only=True)
add_menu_item("compliance", "기한 달력", "regulation:calendar", "regulation.view_obligation", staff_only=True)
add_menu_item("compliance", "법정기한 계산기", "regulation:calculator", staff_only=True)
add_menu_item("compliance", "조항별 이행 현황", "regulation:coverage", staff_only=True)
# The rule pack is loaded from the directive text; its values change only through "값 변경" (actions).
register(
    RulePack,
    table=tables.RulePackTable,
    filterset=filtersets.RulePackFilterSet,
    serializer=serializers.RulePackSerializer,
    menu=("compliance", "규정 버전"),
    path="rule-packs",
    can_add=False,
    can_edit=False,
    can_delete=False,
    detail_fields=["number"],  # not the whole source text; the page builds its own rows
    detail_template="regulation/rulepack_detail.html",
    detail_context=rulepack_detail_context,
)
register(
    Parameter,
    table=tables.ParameterTable,
    filterset=filtersets.ParameterFilterSet,
    serializer=serializers.ParameterSerializer,
    menu=("compliance", "규정 값"),
    select_related=("pack",),
    prefetch_related=("values",),
    can_add=False,
    can_edit=False,
    can_delete=False,
    detail_fields=["name"],
    detail_template="regulation/parameter_detail.html",
    detail_context=parameter_detail_context,
)
register(
    CalendarException,
    table=tables.CalendarExceptionTable,
    filterset=filtersets.CalendarExceptionFilterSet,
    form=forms.CalendarExceptionForm,
    serializer=serializers.CalendarExceptionSerializer,
    menu=("admin", "휴일 예외(임시공휴일)"),
    path="calendar-exceptions",
)
