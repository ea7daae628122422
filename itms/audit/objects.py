from itms.core.menu import add_menu_item
from itms.core.registry import register

from .filtersets import LegalEventFilterSet
from .models import LegalEvent
from .serializers import LegalEventSerializer
from .tables import LegalEventTable

# The chain is append-only: no forms, no edits, no deletes — through any surface.
register(
    LegalEvent,
    table=LegalEventTable,
    filterset=LegalEventFilterSet,
    serializer=LegalEventSerializer,
    menu=("admin", "법정 이벤트(감사 체인)"),
    can_add=False,
    can_edit=False,
    can_delete=False,
    detail_fields=[
        "seq",
        "occurred_at",
        "kind",
        "actor",
        "subject_type",
        "subject_id",
        "subject_repr",
        "summary",
        "payload",
        "clause_ids",
        "pack_version",
        "request_id",
        "prev_hash",
        "hash",
    ],
)
add_menu_item("admin", "감사 체인 검증", "audit:verify", "audit.view_legalevent")
