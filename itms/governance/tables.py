import django_tables2 as tables

from itms.core.tables import BooleanColumn, DateColumn, ItmsTable, MoneyColumn, ObjectColumn

from .models import Body, CIORequest, Meeting, Membership, Minutes, Resolution


class BodyTable(ItmsTable):
    name = tables.Column(linkify=True)
    chair_position = tables.Column()
    is_active = BooleanColumn()

    class Meta(ItmsTable.Meta):
        model = Body
        fields = ("name", "kind", "chair_position", "secretary_position", "formed_on", "is_active")


class MembershipTable(ItmsTable):
    seat = ObjectColumn(verbose_name="위원")
    body = tables.Column(linkify=True)
    start_date = DateColumn()
    end_date = DateColumn()
    is_chair = BooleanColumn()
    is_external = BooleanColumn()

    class Meta(ItmsTable.Meta):
        model = Membership
        fields = ("seat", "body", "basis", "is_chair", "is_external", "start_date", "end_date")


class MeetingTable(ItmsTable):
    meeting = ObjectColumn(verbose_name="회의")
    scheduled_at = DateColumn()
    agenda_distribution_late = BooleanColumn(verbose_name="안건 배포 지연")

    class Meta(ItmsTable.Meta):
        model = Meeting
        fields = ("meeting", "title", "mode", "scheduled_at", "place", "state", "agenda_distribution_late")


class ResolutionTable(ItmsTable):
    resolution = ObjectColumn(verbose_name="안건")
    decided_at = DateColumn()
    adjusted_budget = MoneyColumn()

    class Meta(ItmsTable.Meta):
        model = Resolution
        fields = ("resolution", "outcome", "effect", "priority_rank", "adjusted_budget", "decided_at", "pack_version")


class MinutesTable(ItmsTable):
    minutes = ObjectColumn(verbose_name="회의록")
    confirmed_at = DateColumn()
    locked_at = DateColumn()

    class Meta(ItmsTable.Meta):
        model = Minutes
        fields = ("minutes", "state", "confirmed_at", "locked_at", "sha256")


class CIORequestTable(ItmsTable):
    title = tables.Column(linkify=True)
    due_date = DateColumn()
    requested_at = DateColumn()

    class Meta(ItmsTable.Meta):
        model = CIORequest
        fields = ("title", "due_date", "requested_at")
