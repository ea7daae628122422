"""Filters of the regulation pages: deadlines by status (incl. due soon / overdue), owner, clause, date."""

from __future__ import annotations

import django_filters
from django.db.models import F, Q

from itms.accounts.models import OrgUnit
from itms.accounts.roles import Role
from itms.core.filtersets import ItmsFilterSet

from .models import CalendarException, DisplayStatus, Obligation, ObligationStatus, Parameter, RulePack

NO_ROLE = "none"
ALL = "전체"

# The status badge's own labels (DisplayStatus); "진행 중" here also takes in the due-soon and overdue ones.
STATUS_CHOICES = [
    (status.value, f"{status.label}(전체)" if status == DisplayStatus.OPEN else str(status.label))
    for status in DisplayStatus
]


def _kind_choices():
    from .obligations import OBLIGATION_TYPES

    return sorted(((t.key, t.title) for t in OBLIGATION_TYPES.values()), key=lambda choice: choice[1])


def _subject_type_choices():
    # Obligations are opened on registered records (workflow subjects, projects, meetings …): the registry names
    # every type there can be, without a SELECT DISTINCT over the obligations (100,000 rows at scale).
    from itms.core.registry import REGISTRY

    return sorted(((t.label, t.verbose_name) for t in REGISTRY.values()), key=lambda choice: choice[1])


class ObligationFilterSet(ItmsFilterSet):
    search_fields = ("title", "subject_repr")
    status = django_filters.ChoiceFilter(label="상태", choices=STATUS_CHOICES, method="filter_status", empty_label=ALL)
    mine = django_filters.ChoiceFilter(
        label="내가 지는 의무", choices=[("true", "예"), ("false", "아니요")], method="filter_mine", empty_label=ALL
    )
    kind = django_filters.ChoiceFilter(label="의무 종류", choices=_kind_choices, empty_label=ALL)
    owed_by_unit = django_filters.ModelChoiceFilter(
        label="의무 부서",
        queryset=OrgUnit.objects.order_by("sort_order", "name"),
        null_label="부서 없음",
        empty_label=ALL,
    )
    owed_by_role = django_filters.ChoiceFilter(
        label="의무 역할",
        choices=[*Role.choices, (NO_ROLE, "역할 없음(개인 지정)")],
        method="filter_role",
        empty_label=ALL,
    )
    clause = django_filters.CharFilter(label="근거 조항 ID", method="filter_clause")
    subject_type = django_filters.ChoiceFilter(
        label="대상 종류", choices=_subject_type_choices, method="filter_subject", empty_label=ALL
    )
    due_after = django_filters.DateFilter(field_name="due_date", lookup_expr="gte", label="기한 시작")
    due_before = django_filters.DateFilter(field_name="due_date", lookup_expr="lte", label="기한 끝")

    class Meta:
        model = Obligation
        fields = (
            "q",
            "status",
            "mine",
            "kind",
            "owed_by_unit",
            "owed_by_role",
            "clause",
            "subject_type",
            "due_after",
            "due_before",
        )

    def filter_status(self, queryset, name, value):
        # Due soon and overdue follow from the day asked about: the queryset methods decide them.
        if value == "open":
            return queryset.open()
        if value == "due_soon":
            return queryset.due_soon()
        if value == "overdue":
            return queryset.overdue()
        if value == "met":
            return queryset.filter(status=ObligationStatus.MET).exclude(closed_at__date__gt=F("due_date"))
        if value == "met_late":
            return queryset.filter(status=ObligationStatus.MET, closed_at__date__gt=F("due_date"))
        if value == "waived":
            return queryset.filter(status=ObligationStatus.WAIVED)
        return queryset

    def filter_mine(self, queryset, name, value):
        if value not in ("true", "false") or self.request is None:
            return queryset
        owed = Q(pk__in=Obligation.objects.owed_by(self.request.user).values("pk"))
        return queryset.filter(owed) if value == "true" else queryset.exclude(owed)

    def filter_role(self, queryset, name, value):
        return queryset.filter(owed_by_role="" if value == NO_ROLE else value)

    def filter_clause(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        # clause_ids is a JSON list: match the quoted id, so "a8.5" does not also match "a8.51".
        return queryset.filter(clause_ids__icontains=f'"{value}"')

    def filter_subject(self, queryset, name, value):
        app_label, _, model = value.partition(".")
        return queryset.filter(subject_type__app_label=app_label, subject_type__model=model)


class RulePackFilterSet(ItmsFilterSet):
    search_fields = ("title",)

    class Meta:
        model = RulePack
        fields = ("q",)


class ParameterFilterSet(ItmsFilterSet):
    search_fields = ("name", "key", "description", "source")
    clause = django_filters.CharFilter(label="근거 조항 ID", method="filter_clause")

    class Meta:
        model = Parameter
        fields = ("q", "pack", "unit", "confidence", "clause")

    def filter_clause(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(clause_ids__icontains=f'"{value}"') if value else queryset


class CalendarExceptionFilterSet(ItmsFilterSet):
    search_fields = ("name", "reason")
    # The date's year lookup builds dates from the value: 0 or 10000 would be a 500 (finding F3).
    year = django_filters.NumberFilter(field_name="date", lookup_expr="year", label="연도", min_value=1, max_value=9999)

    class Meta:
        model = CalendarException
        fields = ("q", "year", "kind")
