"""API routes of Chapter 5 beyond the generic ones (config/urls.py includes them before ``/api/``)."""

from django.urls import path

from .api import views

app_name = "execution_api"

urlpatterns = [
    path("contracts/<int:pk>/progress-reports/", views.ProgressReportView.as_view(), name="progress_report"),
    path("deliverables/<int:pk>/upload/", views.DeliverableUploadView.as_view(), name="deliverable_upload"),
    path("defects/<int:pk>/to-maintenance-request/", views.DefectToRequestView.as_view(), name="defect_to_request"),
]
