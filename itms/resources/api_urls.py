"""API routes of Chapter 8 beyond the generic ones (config/urls.py includes them before ``/api/``)."""

from django.urls import path

from .api import views

app_name = "resources_api"

urlpatterns = [
    path("assets/bulk/", views.AssetBulkCreateView.as_view(), name="asset_bulk"),
    path("inventory-audits/<int:pk>/check/", views.AuditCheckView.as_view(), name="audit_check"),
    path("audit-discrepancies/<int:pk>/resolve/", views.DiscrepancyResolveView.as_view(), name="discrepancy_resolve"),
    path("asset-assignments/<int:pk>/acknowledge/", views.AcknowledgeView.as_view(), name="assignment_acknowledge"),
]
