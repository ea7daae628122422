from django import forms
from django.db.models import Q

from itms.accounts.directory import unit_with_descendants, units_of
from itms.accounts.models import OrgUnit
from itms.core.forms import ItmsForm, ItmsModelForm
from itms.core.widgets import search_large_choices
from itms.projects.models import Project

from .models import (
    DetailedPlan,
    EAReview,
    PlanningCycle,
    PreReview,
    ProjectPlan,
    StrategicGoal,
    StrategicPlan,
    StrategicTask,
)

TEXTAREA = {"widget": forms.Textarea(attrs={"rows": 3})}


class StrategicPlanForm(ItmsModelForm):
    class Meta:
        model = StrategicPlan
        fields = ("title", "start_year", "end_year", "vision")


class StrategicGoalForm(ItmsModelForm):
    class Meta:
        model = StrategicGoal
        fields = ("plan", "number", "title")


class StrategicTaskForm(ItmsModelForm):
    class Meta:
        model = StrategicTask
        fields = ("goal", "number", "title", "description")


class PlanningCycleForm(ItmsModelForm):
    class Meta:
        model = PlanningCycle
        fields = ("year",)


class PreReviewForm(ItmsModelForm):
    class Meta:
        model = PreReview
        fields = PreReview.SECTIONS  # the cycle and the project are fixed when the submission is started
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in PreReview.SECTIONS}


class ProjectPlanForm(ItmsModelForm):
    class Meta:
        model = ProjectPlan
        fields = ("changes_systems", *ProjectPlan.SECTIONS)
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in ProjectPlan.SECTIONS}


class EAReviewForm(ItmsModelForm):
    class Meta:
        model = EAReview
        fields = ("effectiveness", "duplication", "feasibility_budget", "bpr_isp", "new_tech_justification")
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields}


class DetailedPlanForm(ItmsModelForm):
    class Meta:
        model = DetailedPlan
        fields = ("cycle", "project")


class StartForm(ItmsForm):
    """Starting a submission for a project of the cycle."""

    project = forms.ModelChoiceField(label="정보화사업", queryset=Project.objects.none())

    def __init__(self, *args, cycle: PlanningCycle, projects, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects.filter(start_year=cycle.year)
        # Hundreds of projects start in a year: a search box, not a select of all of them — but the projects of
        # the user's own departments (those they would start) are listed before any typing.
        search_large_choices(self.fields, user=user, suggested={"project": own_projects(user, cycle)})


def own_projects(user, cycle: PlanningCycle):
    """The projects of the cycle's year sponsored or co-performed by the user's units (and the units below them)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return Project.objects.none()
    mine = unit_with_descendants(units_of(user))
    return Project.objects.filter(start_year=cycle.year).filter(Q(sponsor_unit__in=mine) | Q(co_units__in=mine))


class DetailedStartForm(StartForm):
    budget = forms.IntegerField(label="사업비(원)", min_value=0)
    start_date = forms.DateField(label="사업 시작일", widget=forms.DateInput())
    end_date = forms.DateField(label="사업 종료일", widget=forms.DateInput())
    scope = forms.CharField(label="과업 범위", **TEXTAREA)
    targets = forms.CharField(label="성과목표", required=False, **TEXTAREA)

    def clean(self):
        data = super().clean()
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", "사업 종료일은 시작일보다 빠를 수 없습니다.")
        return data


class AdjustForm(ItmsForm):
    budget = forms.IntegerField(label="사업비(원)", min_value=0)
    start_date = forms.DateField(label="사업 시작일", widget=forms.DateInput())
    end_date = forms.DateField(label="사업 종료일", widget=forms.DateInput())
    scope = forms.CharField(label="과업 범위", **TEXTAREA)
    targets = forms.CharField(label="성과목표", required=False, **TEXTAREA)
    reason = forms.CharField(label="조정 사유 (사업추진부서와 협의한 내용)", max_length=300)

    def clean(self):
        data = super().clean()
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", "사업 종료일은 시작일보다 빠를 수 없습니다.")
        return data


class DeadlineNoticeForm(ItmsForm):
    due = forms.DateField(label="세부계획 제출 기한", widget=forms.DateInput())
    notice = forms.CharField(label="작성내용·작성지침 통보", **TEXTAREA)


class OpinionRoundForm(ItmsForm):
    units = forms.ModelMultipleChoiceField(
        label="의견을 들을 국·실 및 소속기관",
        widget=forms.CheckboxSelectMultiple,
        queryset=OrgUnit.objects.filter(parent__isnull=True).select_related("organization"),
    )
    due_date = forms.DateField(label="제출 기한", widget=forms.DateInput())


class OpinionForm(ItmsForm):
    opinion = forms.CharField(label="의견", **TEXTAREA)
