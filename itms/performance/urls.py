from django.urls import path

from itms.core.views import urls_for

from . import views

app_name = "performance"

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("propose/", views.propose, name="propose"),
    path("rounds/<int:pk>/summary.<slug:fmt>", views.round_summary, name="round_summary"),
    path("targets/<int:pk>/report.pdf", views.target_report, name="target_report"),
    path("diagnoses/<int:pk>/report.pdf", views.diagnosis_report, name="diagnosis_report"),
    *urls_for("performance"),
]
