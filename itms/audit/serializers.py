from itms.core.serializers import ItmsModelSerializer

from .models import LegalEvent


class LegalEventSerializer(ItmsModelSerializer):
    class Meta:
        model = LegalEvent
        fields = (
            "id",
            "display",
            "url",
            "seq",
            "occurred_at",
            "kind",
            "actor",
            "actor_name",
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
        )
