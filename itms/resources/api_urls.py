"""API routes of Chapter 8 beyond the generic ones (config/urls.py includes them before ``/api/``)."""

from django.urls import path

from .api import views

app_name = "resources_api"

urlpatterns = [
    path("assets/bulk/", views.AssetBulkCreateView.as_view(), name="asset_bulk"),
    path("assets/<int:pk>/assign/", views.AssetAssignView.as_view(), name="asset_assign"),
    path("assets/<int:pk>/return/", views.AssetReturnView.as_view(), name="asset_return"),
    path("assets/<int:pk>/dispose/", views.AssetDisposeView.as_view(), name="asset_dispose"),
    path("assets/<int:pk>/verify/", views.AssetVerifyView.as_view(), name="asset_verify"),
    path("asset-import-jobs/upload/", views.ImportUploadView.as_view(), name="import_upload"),
    path("asset-import-jobs/<int:pk>/commit/", views.ImportCommitView.as_view(), name="import_commit"),
    path("inventory-audits/<int:pk>/check/", views.AuditCheckView.as_view(), name="audit_check"),
    path("inventory-audits/<int:pk>/new/", views.AuditNewAssetView.as_view(), name="audit_new"),
    path("inventory-audits/<int:pk>/mark-missing/", views.AuditMarkMissingView.as_view(), name="audit_mark_missing"),
    path("audit-discrepancies/<int:pk>/resolve/", views.DiscrepancyResolveView.as_view(), name="discrepancy_resolve"),
    path("asset-assignments/<int:pk>/acknowledge/", views.AcknowledgeView.as_view(), name="assignment_acknowledge"),
]
