from itms.core.menu import add_menu_item
from itms.core.registry import Condition, register

from . import filtersets, forms, tables
from .api import serializers
from .error_codes import GovernanceErrors
from .models import Body, CIORequest, Meeting, Membership, Minutes, Resolution
from .models.bodies import sitting_meeting

# Composition is governed data (a4.1, a4.3, a4.8): no change while one of the body's meetings sits, and a seat that
# is part of a held meeting's record is ended, never deleted. The models refuse the same (clean/save/delete);
# these conditions let every surface (pages, API, links) say so before anything is tried.
BODY_NOT_SITTING = Condition(lambda body: sitting_meeting(body.pk) is None, GovernanceErrors.SITTING)
SEAT_NOT_SITTING = Condition(lambda seat: sitting_meeting(seat.body_id) is None, GovernanceErrors.SITTING)
SEAT_NEVER_HELD = Condition(
    lambda seat: sitting_meeting(seat.body_id) is None and seat.held_meeting() is None,
    GovernanceErrors.HELD_SEAT_DELETE,
)


def _body_context(body, request):
    from .views import body_context

    return body_context(body, request)


def _meeting_context(meeting, request):
    from .views import meeting_context

    return meeting_context(meeting, request)


def _cio_request_context(cio_request, request):
    from .views import cio_request_context

    return cio_request_context(cio_request, request)


register(
    Body,
    table=tables.BodyTable,
    filterset=filtersets.BodyFilterSet,
    form=forms.BodyForm,
    serializer=serializers.BodySerializer,
    menu=("governance", "위원회·협의회"),
    # Position.__str__ names its unit: without the units, the list ran two queries a row.
    select_related=("chair_position__unit", "secretary_position__unit"),
    conditions={"change": BODY_NOT_SITTING, "delete": BODY_NOT_SITTING},
    detail_template="governance/body_detail.html",
    detail_context=_body_context,
)
register(
    Membership,
    table=tables.MembershipTable,
    filterset=filtersets.MembershipFilterSet,
    form=forms.MembershipForm,
    serializer=serializers.MembershipSerializer,
    menu=("governance", "위원"),
    select_related=("body", "position", "user"),
    conditions={"change": SEAT_NOT_SITTING, "delete": SEAT_NEVER_HELD},
)
# Meetings change only through their actions and transitions (governance.actions, governance.workflows).
register(
    Meeting,
    documents=True,
    table=tables.MeetingTable,
    filterset=filtersets.MeetingFilterSet,
    serializer=serializers.MeetingSerializer,
    menu=("governance", "회의"),
    can_add=False,
    can_edit=False,
    can_delete=False,
    select_related=("body",),
    detail_template="governance/meeting_workspace.html",
    detail_context=_meeting_context,
)
register(
    Resolution,
    table=tables.ResolutionTable,
    filterset=filtersets.ResolutionFilterSet,
    serializer=serializers.ResolutionSerializer,
    menu=("governance", "의결 현황"),
    can_add=False,
    can_edit=False,
    can_delete=False,
    select_related=("item__meeting__body",),
)
register(
    Minutes,
    detail_template="governance/minutes_detail.html",
    table=tables.MinutesTable,
    filterset=filtersets.MinutesFilterSet,
    serializer=serializers.MinutesSerializer,
    menu=("governance", "회의록"),
    can_add=False,
    can_edit=False,
    can_delete=False,
    path="minutes",
    select_related=("meeting__body",),
)
register(
    CIORequest,
    table=tables.CIORequestTable,
    filterset=filtersets.CIORequestFilterSet,
    serializer=serializers.CIORequestSerializer,
    menu=("governance", "지능정보화책임관 조치 요구"),
    can_add=False,
    can_edit=False,
    can_delete=False,
    path="cio-requests",
    detail_template="governance/cio_request_detail.html",
    detail_context=_cio_request_context,
)
add_menu_item("governance", "내 회의", "governance:my_meetings")
add_menu_item("governance", "조치 요구 작성", "governance:cio_request_new", "governance.add_ciorequest")
