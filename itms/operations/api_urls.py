"""API routes of Chapter 6 beyond the generic ones (config/urls.py includes them before ``/api/``)."""

from django.urls import path

from .api import views

app_name = "operations_api"

urlpatterns = [
    path("service-level-agreements/<int:pk>/measure/", views.SlaMeasureView.as_view(), name="sla_measure"),
]
