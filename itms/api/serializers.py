"""The serializer base lives in core (``itms.core.serializers``), where domain apps import it from."""

from itms.core.serializers import GatedFields, ItmsModelSerializer

__all__ = ["GatedFields", "ItmsModelSerializer"]
