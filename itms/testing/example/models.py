"""시험 요청: draft → submitted → approved / returned, with guards, an override and an obligation."""

from django import forms
from django.db import models
from django.db.models import Q
from django.utils import timezone

from itms.accounts.directory import units_of
from itms.accounts.models import OrgUnit
from itms.accounts.roles import Role
from itms.core.fields import MoneyField
from itms.core.models import PrimaryModel
from itms.regulation import legal_calendar
from itms.regulation.obligations import meets, opens
from itms.regulation.rules import param
from itms.regulation.workflows import Guard, Transition, Workflow, register_workflow


def _committee_formed_in_time(request, ctx) -> bool:
    """a15.4: formed at least N days before the evaluation (strict counting)."""
    if request.evaluation_date is None:
        return False
    latest = legal_calendar.backward(request.evaluation_date, int(param("evaluation_committee_lead_days").value))
    return timezone.localdate() <= latest.date


class ReturnForm(forms.Form):
    reason = forms.CharField(label="반려 사유", max_length=200)


class ExampleRequest(PrimaryModel):
    title = models.CharField("사업 내용", max_length=100, blank=True)
    unit = models.ForeignKey(OrgUnit, verbose_name="사업추진부서", on_delete=models.PROTECT, related_name="+")
    amount = MoneyField("예산", default=0)
    evaluation_date = models.DateField("평가일", null=True, blank=True)
    state = models.CharField("상태", max_length=20, default="draft", editable=False)
    return_reason = models.CharField("반려 사유", max_length=200, blank=True, editable=False)

    restrict_scopes = {"own_unit": lambda user, units: Q(unit_id__in=units)}

    workflow = Workflow(
        states={"draft": "작성 중", "submitted": "제출", "approved": "승인", "returned": "반려"},
        transitions=[
            Transition(
                "submit",
                "제출",
                source=("draft",),
                target="submitted",
                roles=(Role.STAFF,),
                may=lambda user, request: request.unit_id in units_of(user),
                guards=(
                    Guard(
                        "a8.1",
                        "사업 내용과 예산을 입력해야 제출할 수 있습니다 (제8조제1항).",
                        lambda request, ctx: bool(request.title.strip()) and request.amount > 0,
                    ),
                ),
                effects=(
                    opens(
                        "example_review",
                        owed_by_role=Role.IT_PLANNING_OFFICER,
                        start=lambda request, ctx: timezone.localdate(),
                    ),
                ),
                clause_ids=("a8.1",),
            ),
            Transition(
                "approve",
                "승인",
                source=("submitted",),
                target="approved",
                roles=(Role.IT_PLANNING_OFFICER,),
                guards=(
                    Guard(
                        "a15.4",
                        "평가일 5일 전까지 평가위원회를 구성해야 합니다.",
                        _committee_formed_in_time,
                        override_roles=(Role.IT_PLANNING_OFFICER,),
                    ),
                ),
                effects=(meets("example_review"),),
                clause_ids=("a8.2",),
            ),
            Transition(
                "return",
                "반려",
                source=("submitted",),
                target="returned",
                roles=(Role.IT_PLANNING_OFFICER,),
                form=ReturnForm,
                effects=(lambda request, ctx: _record_return(request, ctx),),
                clause_ids=("a8.2",),
                button="outline-danger",
            ),
        ],
    )

    class Meta:
        verbose_name = "시험 요청"
        verbose_name_plural = "시험 요청"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title or f"시험 요청 {self.pk}"


def _record_return(request, ctx):
    request.return_reason = ctx["data"]["reason"]
    request.save(update_fields=["return_reason"])


register_workflow(ExampleRequest)
