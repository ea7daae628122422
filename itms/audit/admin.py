from django.contrib import admin

from .chain import verify_chain
from .models import LegalEvent


@admin.register(LegalEvent)
class LegalEventAdmin(admin.ModelAdmin):
    """Read-only; the changelist shows the result of verifying the whole chain."""

    list_display = ("seq", "occurred_at", "kind", "actor_name", "summary")
    list_filter = ("kind",)
    search_fields = ("summary", "subject_repr")
    ordering = ("-seq",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        result = verify_chain()
        self.message_user(request, result.message, level="SUCCESS" if result.ok else "ERROR")
        return super().changelist_view(request, extra_context)
