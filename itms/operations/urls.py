from django.urls import path

from itms.core.views import urls_for

from . import views

app_name = "operations"

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("systems/", views.systems, name="systems"),
    path("systems/<int:pk>/", views.system_detail, name="system"),
    path("queue/", views.queue, name="queue"),
    path("queue/<int:pk>/move/", views.queue_move, name="queue_move"),
    path("service-level-agreements/<int:pk>/measure/", views.sla_measure, name="sla_measure"),
    path("service-level-agreements/<int:pk>/year/<int:year>/", views.sla_year, name="sla_year"),
    path("service-level-agreements/<int:pk>/year/<int:year>.<slug:fmt>", views.sla_year_export, name="sla_year_export"),
    *urls_for("operations"),
]
