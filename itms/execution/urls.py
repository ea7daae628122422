from django.urls import path

from itms.core.views import urls_for

from . import views

app_name = "execution"

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("missing-deliverables/", views.missing_deliverables, name="missing_deliverables"),
    path("portal/", views.portal, name="portal"),
    path("portal/<int:pk>/", views.portal_contract, name="portal_contract"),
    path("contracts/<int:pk>/progress/", views.progress_report, name="progress_report"),
    path("contracts/<int:pk>/acceptance-test/", views.acceptance_request, name="acceptance_request"),
    path("contracts/<int:pk>/access/", views.grant_access, name="grant_access"),
    path("contracts/<int:pk>/traceability/", views.traceability, name="traceability"),
    path("inspections/<int:pk>/check/", views.inspection_check, name="inspection_check"),
    path("defects/<int:pk>/to-request/", views.defect_to_request, name="defect_to_request"),
    path("plans/<int:pk>/review/", views.plan_review, name="plan_review"),
    path("deliverables/<int:pk>/upload/", views.deliverable_upload, name="deliverable_upload"),
    path("inspections/<int:pk>/report.<slug:fmt>", views.inspection_report, name="inspection_report"),
    *urls_for("execution"),
]
