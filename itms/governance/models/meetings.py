"""Meetings, agenda items, attendance, recusals, votes, resolutions and minutes."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from itms.core.errors import Refused
from itms.core.fields import MoneyField
from itms.core.models import PrimaryModel

from ..choices import (
    AGENDA_KINDS,
    AgendaItemState,
    AttendanceStatus,
    BodyKind,
    CommitteeAgendaKind,
    CouncilAgendaKind,
    EvaluationAgendaKind,
    MeetingMode,
    MeetingState,
    MinutesState,
    RecusalKind,
    ResolutionEffect,
    ResolutionOutcome,
    TaskAgendaKind,
    VoteChoice,
)
from ..error_codes import GovernanceErrors as E
from .bodies import Body, Membership

ALL_AGENDA_KINDS = [
    *CommitteeAgendaKind.choices,
    *CouncilAgendaKind.choices,
    *TaskAgendaKind.choices,
    *EvaluationAgendaKind.choices,
]


def _member_bodies(user):
    return Membership.objects.filter(user=user).values("body_id")


class Meeting(PrimaryModel):
    restrict_scopes = {"member": lambda user, units: models.Q(body_id__in=_member_bodies(user))}

    body = models.ForeignKey(Body, verbose_name=_("위원회·협의회"), on_delete=models.PROTECT, related_name="meetings")
    number = models.PositiveIntegerField(_("회차"))
    title = models.CharField(_("회의명"), max_length=200)
    mode = models.CharField(_("방식"), max_length=20, choices=MeetingMode.choices, default=MeetingMode.IN_PERSON)
    scheduled_at = models.DateTimeField(_("개최 일시"))
    place = models.CharField(_("장소"), max_length=200, blank=True)
    state = models.CharField(
        _("상태"), max_length=20, choices=MeetingState.choices, default=MeetingState.CONVENED, editable=False
    )
    convened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("소집자 (위원장)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("소집한 위원장(직무대행 기간에는 직무대행자) (제4조제6항, 제5조제6항)"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("소집 처리자"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        help_text=_("위원장을 대신하여 소집을 처리한 간사"),
    )
    on_members_request = models.BooleanField(_("위원 요구로 소집"), default=False, help_text=_("제4조제6항"))
    convening_demand = models.OneToOneField(
        "ConveningDemand",
        verbose_name=_("위원의 소집 요구"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meeting",
        editable=False,
        help_text=_("제4조제6항"),
    )
    request_note = models.CharField(_("소집 요구 내용"), max_length=300, blank=True)
    agenda_distributed_at = models.DateTimeField(_("안건 배포일시"), null=True, blank=True, editable=False)
    agenda_distribution_late = models.BooleanField(
        _("안건 배포 지연"), default=False, editable=False, help_text=_("제4조제10항의 기한을 넘겨 배포함")
    )
    agenda_late_reason = models.CharField(
        _("안건 배포 지연 사유"), max_length=300, blank=True, editable=False, help_text=_("제4조제10항")
    )
    # 서면 심의·의결 (a4.11, a5.9)
    written_reason = models.CharField(_("서면 심의 사유"), max_length=300, blank=True)
    voting_closes_at = models.DateTimeField(_("서면 의결 마감"), null=True, blank=True)
    acting_chair = models.ForeignKey(
        Membership,
        verbose_name=_("위원장 직무대행"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("제4조제7항"),
    )
    opened_at = models.DateTimeField(_("개회일시"), null=True, blank=True, editable=False)
    early_open_reason = models.CharField(
        _("예정일 전 개회 사유"), max_length=300, blank=True, editable=False, help_text=_("제4조제6항·제10항")
    )
    closed_at = models.DateTimeField(_("종료일시"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("회의")
        verbose_name_plural = _("회의")
        ordering = ["-scheduled_at"]
        constraints = [models.UniqueConstraint(fields=["body", "number"], name="meeting_unique_number")]

    def __str__(self) -> str:
        return f"{self.body.name} 제{self.number}차 {self.get_mode_display() if self.is_written else '회의'}"

    def clean(self) -> None:
        if self.mode == MeetingMode.WRITTEN and not self.written_reason:
            raise Refused(E.WRITTEN_REASON, field="written_reason")

    @property
    def is_written(self) -> bool:
        return self.mode == MeetingMode.WRITTEN

    @property
    def meeting_date(self):
        return timezone.localtime(self.scheduled_at).date()

    def registered_memberships(self):
        """재적위원: the members actually appointed on the meeting date — voting seats with a holder that day —
        or, for the council, those of them the chair chose for this meeting (a4.8, a5.6, a5.8).

        A vacant seat (a position nobody holds that day) is not a member: it is neither registered nor present.
        A person who holds two seats (겸직) is one member: their first seat (the chair's, else the oldest) counts.
        """
        among = self.participants.values("membership_id") if self.participants.exists() else None
        seats = self.body.sitting_seats(self.meeting_date, among)
        return self.body.memberships.filter(pk__in=[seat.pk for seat in seats])


class MeetingParticipant(models.Model):
    """The members the chair chose for this meeting (a5.6); they are its registered members."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participants")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("참석 범위")
        constraints = [models.UniqueConstraint(fields=["meeting", "membership"], name="participant_once")]

    def __str__(self) -> str:
        return str(self.membership)


class AgendaItem(PrimaryModel):
    meeting = models.ForeignKey(Meeting, verbose_name=_("회의"), on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField(_("안건 번호"))
    kind = models.CharField(_("안건 구분"), max_length=20, choices=ALL_AGENDA_KINDS)
    title = models.CharField(_("안건명"), max_length=200)
    description = models.TextField(_("안건 내용"), blank=True)
    proposing_unit = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("제안 부서"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    subject_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    escalated_from = models.ForeignKey(
        "self",
        verbose_name=_("실무협의회 원안건"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="escalations",
        help_text=_("제5조제5항"),
    )
    state = models.CharField(
        _("상태"), max_length=20, choices=AgendaItemState.choices, default=AgendaItemState.PENDING, editable=False
    )
    state_reason = models.CharField(_("철회·표결 중지 사유"), max_length=300, blank=True, editable=False)

    class Meta:
        verbose_name = _("안건")
        verbose_name_plural = _("안건")
        ordering = ["meeting", "number"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="agenda_unique_number")]
        indexes = [models.Index(fields=["state"], name="agenda_item_state")]  # the work list's filter

    def __str__(self) -> str:
        return f"제{self.number}호 {self.title}"

    def clean(self) -> None:
        allowed = AGENDA_KINDS.get(self.meeting.body.kind) if self.meeting_id else None
        if allowed is not None and self.kind not in allowed.values:
            code = E.COUNCIL_AGENDA_KIND if self.meeting.body.kind == BodyKind.COUNCIL else E.AGENDA_KIND
            raise Refused(code, field="kind", body=self.meeting.body.get_kind_display())

    @property
    def voting_open(self) -> bool:
        """표결 중: derived from the item's workflow state (kept for templates and callers that asked it)."""
        return self.state == AgendaItemState.VOTING

    @property
    def is_decided(self) -> bool:
        return hasattr(self, "resolution")


class Attendance(PrimaryModel):
    meeting = models.ForeignKey(Meeting, verbose_name=_("회의"), on_delete=models.CASCADE, related_name="attendance")
    membership = models.ForeignKey(Membership, verbose_name=_("위원"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("출석"), max_length=10, choices=AttendanceStatus.choices)
    attendee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("출석자"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("대리 출석이면 대리인 (제4조제7항, 제5조제3항)"),
    )
    note = models.CharField(_("비고"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("출석")
        verbose_name_plural = _("출석")
        constraints = [models.UniqueConstraint(fields=["meeting", "membership"], name="attendance_once")]

    def __str__(self) -> str:
        return f"{self.membership.holder_label()} — {self.get_status_display()}"


class Recusal(PrimaryModel):
    item = models.ForeignKey(AgendaItem, verbose_name=_("안건"), on_delete=models.CASCADE, related_name="recusals")
    membership = models.ForeignKey(Membership, verbose_name=_("위원"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("구분"), max_length=20, choices=RecusalKind.choices)
    reason = models.CharField(_("사유"), max_length=300)

    class Meta:
        verbose_name = _("제척·기피·회피")
        verbose_name_plural = _("제척·기피·회피")
        constraints = [models.UniqueConstraint(fields=["item", "membership"], name="recusal_once")]

    def __str__(self) -> str:
        return f"{self.item} — {self.membership.holder_label()} ({self.get_kind_display()})"


class Vote(models.Model):
    """One member's vote on one item. Cast only through governance.actions.cast_vote (chained)."""

    item = models.ForeignKey(AgendaItem, verbose_name=_("안건"), on_delete=models.CASCADE, related_name="votes")
    membership = models.ForeignKey(Membership, verbose_name=_("위원"), on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(_("표결"), max_length=10, choices=VoteChoice.choices)
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("투표자"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("위원 본인, 대리인, 또는 간사(대면 회의의 기록)"),
    )
    cast_at = models.DateTimeField(_("투표일시"), default=timezone.now)
    written = models.BooleanField(_("서면 표결"), default=False)

    class Meta:
        verbose_name = _("표결")
        verbose_name_plural = _("표결")
        constraints = [models.UniqueConstraint(fields=["item", "membership"], name="vote_once_per_member")]

    def __str__(self) -> str:
        return f"{self.item} — {self.membership.holder_label()}: {self.get_choice_display()}"


class Resolution(PrimaryModel):
    """의결: the outcome of an item, fixed with its arithmetic and the rule-pack version used."""

    restrict_scopes = {"member": lambda user, units: models.Q(item__meeting__body_id__in=_member_bodies(user))}

    item = models.OneToOneField(AgendaItem, verbose_name=_("안건"), on_delete=models.PROTECT, related_name="resolution")
    outcome = models.CharField(_("결과"), max_length=10, choices=ResolutionOutcome.choices)
    effect = models.CharField(_("의결 내용"), max_length=20, choices=ResolutionEffect.choices)
    priority_rank = models.PositiveSmallIntegerField(_("우선순위"), null=True, blank=True, help_text=_("제8조제8항"))
    adjusted_budget = MoneyField(_("조정 예산"), null=True, blank=True, help_text=_("제8조제8항"))
    remarks = models.TextField(_("의결 요지"), blank=True)
    tally = models.JSONField(_("정족수·표결 계산"), default=dict)
    explanation = models.CharField(_("계산 설명"), max_length=500)
    pack_version = models.CharField(_("규정 버전"), max_length=40)
    decided_at = models.DateTimeField(_("의결일시"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("기록자"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("의결")
        verbose_name_plural = _("의결")
        ordering = ["-decided_at"]
        indexes = [models.Index(fields=["decided_at"], name="resolution_decided_at")]  # the list's order

    def __str__(self) -> str:
        return f"{self.item} — {self.get_outcome_display()} ({self.get_effect_display()})"


class Minutes(PrimaryModel):
    restrict_scopes = {"member": lambda user, units: models.Q(meeting__body_id__in=_member_bodies(user))}

    meeting = models.OneToOneField(Meeting, verbose_name=_("회의"), on_delete=models.PROTECT, related_name="minutes")
    state = models.CharField(_("상태"), max_length=10, choices=MinutesState.choices, default=MinutesState.DRAFT)
    content = models.JSONField(_("기록 내용"), default=dict)
    hwpx = models.FileField(_("회의록 (HWPX)"), upload_to="minutes/%Y/", blank=True)
    pdf = models.FileField(_("회의록 (PDF)"), upload_to="minutes/%Y/", blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("확인한 위원장"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("확인일시"), null=True, blank=True)
    locked_at = models.DateTimeField(_("확정일시"), null=True, blank=True)

    class Meta:
        verbose_name = _("회의록")
        verbose_name_plural = _("회의록")
        ordering = ["-meeting__scheduled_at"]

    def __str__(self) -> str:
        return f"{self.meeting} 회의록"


class ConveningDemand(PrimaryModel):
    """위원의 소집 요구 (a4.6): members of the 정보화추진위원회 demand a meeting; the chair then owes a convocation.

    The demand takes effect once as many members as the rule pack requires have joined it
    (``committee_convening_demand_percent``; the directive names no number, so one member suffices). It then
    opens an obligation of the chair (the CIO) to convene; the meeting convened on it records it.
    """

    restrict_scopes = {"member": lambda user, units: models.Q(body_id__in=_member_bodies(user))}

    body = models.ForeignKey(
        Body, verbose_name=_("위원회·협의회"), on_delete=models.PROTECT, related_name="convening_demands"
    )
    purpose = models.TextField(_("요구 사유·심의할 사항"))
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("요구한 위원"), on_delete=models.PROTECT, related_name="+"
    )
    filed_at = models.DateTimeField(_("요구일시"), default=timezone.now)
    effective_at = models.DateTimeField(
        _("요구 성립일시"), null=True, blank=True, help_text=_("필요한 수의 위원이 요구에 참여한 때")
    )

    class Meta:
        verbose_name = _("위원의 소집 요구")
        verbose_name_plural = _("위원의 소집 요구")
        ordering = ["-filed_at"]

    def __str__(self) -> str:
        return f"{self.body.name} 소집 요구 ({timezone.localtime(self.filed_at):%Y-%m-%d})"

    @property
    def is_effective(self) -> bool:
        return self.effective_at is not None


class ConveningDemandSigner(models.Model):
    """A member who joined a convening demand, with the seat they hold (one per seat)."""

    demand = models.ForeignKey(ConveningDemand, on_delete=models.CASCADE, related_name="signers")
    membership = models.ForeignKey(Membership, verbose_name=_("위원"), on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("요구한 위원"), on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(_("참여일시"), default=timezone.now)

    class Meta:
        verbose_name = _("소집 요구 참여 위원")
        constraints = [models.UniqueConstraint(fields=["demand", "membership"], name="demand_signer_once")]

    def __str__(self) -> str:
        return f"{self.demand} — {self.user}"
