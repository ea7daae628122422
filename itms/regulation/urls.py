from django.urls import path

from itms.core.views import urls_for

from . import views

app_name = "regulation"

urlpatterns = [
    path("directive/", views.directive, name="directive"),
    path(
        "workflow/<slug:app_label>/<slug:model_name>/<int:pk>/<slug:name>/",
        views.transition,
        name="transition",
    ),
    path("obligations/<int:pk>/waive/", views.obligation_waive, name="obligation_waive"),
    path("parameters/<int:pk>/change/", views.parameter_change, name="parameter_change"),
    path("calculator/", views.calculator, name="calculator"),
    path("compliance/", views.compliance, name="compliance"),
    path("calendar/", views.calendar, name="calendar"),
    path("calendar/events/", views.calendar_events, name="calendar_events"),
    path("coverage/", views.coverage, name="coverage"),
    *urls_for("regulation"),
]
