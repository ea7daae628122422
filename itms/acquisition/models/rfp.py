"""제안요청서 (a14.1): the versioned template library, the RFP built from a template, its requirements and the
SW-law self-check (PRACTICE-FACTS §1)."""

from __future__ import annotations

import hashlib
import json

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from itms.core.fields import MoneyField
from itms.core.models import PrimaryModel
from itms.projects.models import Project

from ..choices import RfpState, SelfCheckAnswer
from .common import STATE_LABEL, actor_field, project_unit, stamp_field


class RequirementCategory(PrimaryModel):
    """요구사항 분류 (SFR 기능, PER 성능 …): the 11 standard codes, and any the agency adds."""

    code = models.CharField(_("분류 코드"), max_length=3, unique=True, help_text=_("영문 대문자 3자 (예: SFR)"))
    name = models.CharField(_("분류명"), max_length=50)
    scope_note = models.CharField(_("다루는 내용"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("순서"), default=0)
    is_active = models.BooleanField(_("사용"), default=True)

    class Meta:
        verbose_name = _("요구사항 분류")
        verbose_name_plural = _("요구사항 분류")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def clean(self) -> None:
        if self.code and not (
            len(self.code) == 3 and self.code.isascii() and self.code.isalpha() and self.code.isupper()
        ):
            raise ValidationError({"code": _("분류 코드는 영문 대문자 3자입니다 (예: SFR).")})


class RfpTemplate(PrimaryModel):
    """제안요청서 작성 지침 및 양식 (a14.1 "정보화관리시스템에 등재된"): one version of a named template.

    ``chapters`` is a list of {"number", "title", "body"}; ``{{사업명}}``-style slots in a body are filled with the
    project's data when an RFP is made. A published version is never edited: a change is a new version.
    """

    name = models.CharField(_("양식명"), max_length=100)
    version = models.PositiveSmallIntegerField(_("판"), default=1)
    project_kinds = models.JSONField(_("적용 사업유형"), default=list, blank=True, help_text=_("비워 두면 모든 사업"))
    chapters = models.JSONField(_("장 구성"), default=list)
    note = models.TextField(_("개정 내용"), blank=True)
    published_at = stamp_field(_("등재일시"))
    published_by = actor_field(_("등재한 사람"))

    class Meta:
        verbose_name = _("제안요청서 양식")
        verbose_name_plural = _("제안요청서 양식")
        ordering = ["name", "-version"]
        constraints = [models.UniqueConstraint(fields=["name", "version"], name="rfp_template_version_once")]

    def __str__(self) -> str:
        return f"{self.name} 제{self.version}판"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def clean(self) -> None:
        chapters = self.chapters
        if not isinstance(chapters, list) or not chapters:
            raise ValidationError({"chapters": _("장을 하나 이상 적어야 합니다.")})
        for chapter in chapters:
            if not isinstance(chapter, dict) or not str(chapter.get("title", "")).strip():
                raise ValidationError(
                    {"chapters": _("각 장에는 번호(number), 제목(title), 내용(body)이 있어야 합니다.")}
                )


class Rfp(PrimaryModel):
    """제안요청서: made from a template with the project's data, edited section by section, exported as HWPX/PDF."""

    restrict_scopes = {"own_unit": project_unit()}

    project = models.ForeignKey(Project, verbose_name=_("정보화사업"), on_delete=models.PROTECT, related_name="rfps")
    template = models.ForeignKey(
        RfpTemplate, verbose_name=_("작성 양식"), on_delete=models.PROTECT, related_name="rfps", editable=False
    )
    title = models.CharField(_("제안요청서명"), max_length=200)
    budget = MoneyField(_("사업예산(부가가치세 포함)"))
    period_months = models.PositiveSmallIntegerField(_("사업기간(개월)"))
    contract_method = models.CharField(_("계약방법"), max_length=50, default="협상에 의한 계약")
    technical_weight = models.PositiveSmallIntegerField(
        _("기술 배점(기술:가격)"), help_text=_("기술 점수의 한도 (예: 90 = 기술 90 : 가격 10)")
    )
    state = models.CharField(
        STATE_LABEL, max_length=20, choices=RfpState.choices, default=RfpState.DRAFT, editable=False
    )
    created_by = actor_field(_("작성자"))
    ordered_at = stamp_field(_("발주일시"))

    class Meta:
        verbose_name = _("제안요청서")
        verbose_name_plural = _("제안요청서")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        from ..choices import technical_weights

        if self.technical_weight is not None and int(self.technical_weight) not in dict(technical_weights()):
            choices = ", ".join(str(w) for w in dict(technical_weights()))
            raise ValidationError(
                {"technical_weight": _("기술 배점은 %(choices)s 가운데 하나입니다.") % {"choices": choices}}
            )

    def scope_material(self) -> dict:
        """What the 과업심의위원회 deliberates (a13.3): the period, the amount and every requirement."""
        requirements = [
            [r.category.code, r.seq, r.name, r.definition, r.details]
            for r in self.requirements.select_related("category").order_by("category__code", "seq")
        ]
        return {"budget": self.budget, "period_months": self.period_months, "requirements": requirements}

    def fingerprint(self) -> str:
        """SHA-256 of the scope material: a change of scope, period or amount changes it (a13.3)."""
        text = json.dumps(self.scope_material(), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


class RfpSection(PrimaryModel):
    """One chapter of the RFP (Ⅰ 사업개요 …), edited in the browser."""

    restrict_scopes = {"own_unit": project_unit("rfp__project")}

    rfp = models.ForeignKey(Rfp, verbose_name=_("제안요청서"), on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveSmallIntegerField(_("순서"))
    number = models.CharField(_("장 번호"), max_length=10)
    title = models.CharField(_("제목"), max_length=100)
    body = models.TextField(_("내용"), blank=True)

    class Meta:
        verbose_name = _("제안요청서 장")
        verbose_name_plural = _("제안요청서 장")
        ordering = ["rfp", "order"]
        constraints = [models.UniqueConstraint(fields=["rfp", "order"], name="rfp_section_order_once")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Requirement(PrimaryModel):
    """One requirement with its 7 fields: 분류, 고유번호 (SFR-001), 명칭, 상세설명 (정의 + 세부내용), 산출정보, 관련
    요구사항, 출처."""

    restrict_scopes = {"own_unit": project_unit("rfp__project")}

    rfp = models.ForeignKey(Rfp, verbose_name=_("제안요청서"), on_delete=models.CASCADE, related_name="requirements")
    category = models.ForeignKey(
        RequirementCategory, verbose_name=_("요구사항 분류"), on_delete=models.PROTECT, related_name="+"
    )
    seq = models.PositiveSmallIntegerField(_("일련번호"), editable=False)
    name = models.CharField(_("요구사항 명칭"), max_length=200)
    definition = models.TextField(_("정의"))
    details = models.TextField(_("세부내용"))
    deliverable = models.CharField(_("산출정보"), max_length=300, blank=True)
    related = models.CharField(_("관련 요구사항"), max_length=200, blank=True, help_text=_("예: SFR-002, SER-001"))
    source = models.CharField(_("요구사항 출처"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("요구사항")
        verbose_name_plural = _("요구사항")
        ordering = ["rfp", "category__order", "category__code", "seq"]
        constraints = [models.UniqueConstraint(fields=["rfp", "category", "seq"], name="requirement_number_once")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def save(self, *args, **kwargs):
        if not self.seq and self.rfp_id and self.category_id:
            # The next number of the category in this RFP (SFR-001, SFR-002 …); numbers are never reused.
            last = Requirement.objects.filter(rfp_id=self.rfp_id, category_id=self.category_id).aggregate(
                n=models.Max("seq")
            )["n"]
            self.seq = (last or 0) + 1
        super().save(*args, **kwargs)

    @property
    def code(self) -> str:
        """고유번호: 분류 코드와 분류 안의 세 자리 일련번호 (SFR-001)."""
        return f"{self.category.code}-{self.seq:03d}" if self.category_id and self.seq else ""


class RfpSelfCheck(PrimaryModel):
    """One item of the SW-law self-check of an RFP (PRACTICE-FACTS §1.3: the list MSIT/NIPA send to agencies)."""

    restrict_scopes = {"own_unit": project_unit("rfp__project")}

    rfp = models.ForeignKey(Rfp, verbose_name=_("제안요청서"), on_delete=models.CASCADE, related_name="self_checks")
    code = models.CharField(_("항목 코드"), max_length=40)
    question = models.CharField(_("점검 항목"), max_length=300)
    answer = models.CharField(_("점검 결과"), max_length=20, choices=SelfCheckAnswer.choices, blank=True)
    note = models.CharField(_("비고"), max_length=300, blank=True)
    checked_by = actor_field(_("점검자"))
    checked_at = stamp_field(_("점검일시"))

    class Meta:
        verbose_name = _("SW 법령 자가점검")
        verbose_name_plural = _("SW 법령 자가점검")
        ordering = ["rfp", "pk"]
        constraints = [models.UniqueConstraint(fields=["rfp", "code"], name="rfp_self_check_once")]

    def __str__(self) -> str:
        return f"{self.rfp} — {self.question}"
