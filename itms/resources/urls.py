from django.urls import path

from itms.core import registry
from itms.core.views import urls_for

from . import views

app_name = "resources"

urlpatterns = [
    # Before the generic pages: the asset list with its label button, and the import as a background job.
    path("assets/", views.AssetListView.as_view(object_type=registry.get("resources.asset")), name="asset_list"),
    path("assets/import/", views.asset_import, name="asset_import"),
    path("assets/attribute-fields/", views.attribute_fields, name="asset_attribute_fields"),
    path("assets/labels.pdf", views.asset_labels, name="asset_labels"),
    path("assets/<int:pk>/assign/", views.asset_assign, name="asset_assign"),
    path("assets/<int:pk>/return/", views.asset_return, name="asset_return"),
    path("assets/<int:pk>/dispose/", views.asset_dispose, name="asset_dispose"),
    path("assets/<int:pk>/verify/", views.asset_verify, name="asset_verify"),
    path("asset-assignments/<int:pk>/acknowledge/", views.assignment_acknowledge, name="assignment_acknowledge"),
    path("asset-import-jobs/<int:pk>/progress/", views.import_job_progress, name="import_job_progress"),
    path("asset-import-jobs/<int:pk>/commit/", views.import_job_commit, name="import_job_commit"),
    path("inventory-audits/<int:pk>/checklist/", views.audit_checklist, name="audit_checklist"),
    path("inventory-audits/<int:pk>/lookup/", views.audit_lookup, name="audit_lookup"),
    path("inventory-audits/<int:pk>/check/", views.audit_check, name="audit_check"),
    path("inventory-audits/<int:pk>/new/", views.audit_new, name="audit_new"),
    path("inventory-audits/<int:pk>/mark-missing/", views.audit_mark_missing, name="audit_mark_missing"),
    path("inventory-audits/<int:pk>/report.<slug:fmt>", views.audit_report, name="audit_report"),
    path("audit-discrepancies/<int:pk>/resolve/", views.discrepancy_resolve, name="discrepancy_resolve"),
    path("currency/", views.currency, name="currency"),
    path("coverage/", views.coverage, name="coverage"),
    *urls_for("resources"),
]
