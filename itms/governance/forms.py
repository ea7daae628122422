from django import forms

from itms.accounts.models import OrgUnit, User, UserKind
from itms.core.forms import ItmsForm, ItmsModelForm
from itms.core.widgets import search_large_choices

from .choices import AGENDA_KINDS, AttendanceStatus, BodyKind, MeetingMode, RecusalKind, ResolutionEffect, VoteChoice
from .models import Body, ConveningDemand, Membership


class BodyForm(ItmsModelForm):
    class Meta:
        model = Body
        fields = ("kind", "name", "scope", "parent", "chair_position", "secretary_position", "formed_on", "is_active")


class MembershipForm(ItmsModelForm):
    class Meta:
        model = Membership
        fields = ("body", "basis", "position", "user", "is_chair", "is_external", "start_date", "end_date", "note")


class ConveneForm(ItmsForm):
    title = forms.CharField(label="회의명", max_length=200, required=False, help_text="비우면 '제N차 회의'")
    mode = forms.ChoiceField(label="방식", choices=MeetingMode.choices, initial=MeetingMode.IN_PERSON)
    scheduled_at = forms.DateTimeField(
        label="개최 일시 (서면은 기준일)", widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    place = forms.CharField(label="장소", max_length=200, required=False)
    demand = forms.ModelChoiceField(
        label="위원의 소집 요구에 따른 소집 (제4조제6항)",
        queryset=ConveningDemand.objects.none(),
        required=False,
        empty_label="(위원장이 스스로 소집)",
    )
    written_reason = forms.CharField(label="서면 심의 사유 (긴급·부득이, 제4조제11항)", max_length=300, required=False)

    def __init__(self, *args, body: Body, **kwargs):
        super().__init__(*args, **kwargs)
        # Demands that oblige the chair and are not yet answered by a meeting (only the committee has them).
        self.fields["demand"].queryset = ConveningDemand.objects.filter(
            body=body, effective_at__isnull=False, meeting__isnull=True
        ).select_related("body")
        if body.kind != BodyKind.COMMITTEE:
            del self.fields["demand"]


class ConveningDemandForm(ItmsForm):
    purpose = forms.CharField(
        label="소집을 요구하는 사유·심의할 사항 (제4조제6항)", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class AgendaItemForm(ItmsForm):
    kind = forms.ChoiceField(label="안건 구분")
    title = forms.CharField(label="안건명", max_length=200)
    description = forms.CharField(label="안건 내용", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    project = forms.ModelChoiceField(label="대상 정보화사업", queryset=None, required=False)
    proposing_unit = forms.ModelChoiceField(label="제안 부서", queryset=OrgUnit.objects.all(), required=False)
    late_reason = forms.CharField(
        label="늦어진 사유 (배포 기한이 지난 뒤 추가할 때, 제4조제10항)", max_length=300, required=False
    )

    def __init__(self, *args, body: Body, **kwargs):
        super().__init__(*args, **kwargs)
        from itms.projects.models import Project

        self.fields["kind"].choices = AGENDA_KINDS[body.kind].choices
        from django.utils import timezone

        # Agendas concern current and coming projects; older ones are reached from their own pages.
        self.fields["project"].queryset = Project.objects.filter(end_year__gte=timezone.localdate().year - 1).order_by(
            "-start_year", "name"
        )
        # Hundreds of projects and units: a search box and the chosen option, not a select of every row.
        search_large_choices(self.fields)


class AttendanceForm(ItmsForm):
    status = forms.ChoiceField(label="출석", choices=AttendanceStatus.choices)
    attendee = forms.ModelChoiceField(
        label="대리 출석자", queryset=User.objects.filter(kind=UserKind.STAFF, is_active=True), required=False
    )
    note = forms.CharField(label="비고", max_length=200, required=False)


class ParticipantsForm(ItmsForm):
    memberships = forms.ModelMultipleChoiceField(
        label="참석 위원 (제5조제6항)", queryset=Membership.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        from .actions.meetings import sitting_seats

        seats = [seat.pk for seat in sitting_seats(meeting.body, meeting.meeting_date)]
        self.fields["memberships"].queryset = Membership.objects.filter(pk__in=seats).select_related(
            "body", "position", "user"
        )


class ActingChairForm(ItmsForm):
    membership = forms.ModelChoiceField(
        label="직무대행 위원 (제4조제7항)", queryset=Membership.objects.none(), required=False
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        # Another member who sits on the meeting date: not the chair's own seat, not a vacant one.
        self.fields["membership"].queryset = (
            meeting.registered_memberships()
            .exclude(is_chair=True)
            .exclude(position_id=meeting.body.chair_position_id or 0)
            .select_related("body", "position", "user")
        )


class RecusalForm(ItmsForm):
    membership = forms.ModelChoiceField(label="위원", queryset=Membership.objects.none())
    kind = forms.ChoiceField(label="구분", choices=RecusalKind.choices)
    reason = forms.CharField(label="사유", max_length=300)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = meeting.registered_memberships().select_related("body", "position", "user")


class VoteForm(ItmsForm):
    membership = forms.ModelChoiceField(label="위원", queryset=Membership.objects.all())
    choice = forms.ChoiceField(label="표결", choices=VoteChoice.choices, widget=forms.RadioSelect)


class ReasonForm(ItmsForm):
    reason = forms.CharField(label="사유", max_length=300)


class CloseVoteForm(ItmsForm):
    effect = forms.ChoiceField(
        label="의결 내용",
        choices=[("", "표결 결과대로 (가결=원안, 부결=불승인)"), *ResolutionEffect.choices],
        required=False,
    )
    priority_rank = forms.IntegerField(label="우선순위", min_value=1, required=False)
    adjusted_budget = forms.IntegerField(label="조정 예산(원)", min_value=0, required=False)
    remarks = forms.CharField(label="의결 요지", widget=forms.Textarea(attrs={"rows": 2}), required=False)


class EscalateForm(ItmsForm):
    meeting = forms.ModelChoiceField(label="상정할 위원회 회의", queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .choices import BodyKind, MeetingState
        from .models import Meeting

        self.fields["meeting"].queryset = Meeting.objects.filter(
            body__kind=BodyKind.COMMITTEE, state__in=(MeetingState.CONVENED, MeetingState.DISTRIBUTED)
        ).select_related("body")


class CIORequestForm(ItmsForm):
    title = forms.CharField(label="요구 사항", max_length=200)
    content = forms.CharField(label="요구 내용", widget=forms.Textarea(attrs={"rows": 4}))
    due_date = forms.DateField(label="조치 기한", widget=forms.DateInput())
    units = forms.ModelMultipleChoiceField(
        label="받는 국·실 또는 소속·산하기관",
        queryset=OrgUnit.objects.filter(parent__isnull=True).select_related("organization"),
        widget=forms.CheckboxSelectMultiple,
    )


class AnswerForm(ItmsForm):
    response = forms.CharField(label="조치 결과", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    special_reason = forms.CharField(
        label="따르지 못하는 특별한 사유 (제3조제4항)", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
