from django.urls import path

from itms.core.views import urls_for

from . import views

app_name = "planning"

urlpatterns = [
    path("cycles/open/", views.open_cycle, name="cycle_open"),
    path("cycles/<int:pk>/start/<slug:what>/", views.start, name="cycle_start"),
    path("cycles/<int:pk>/notify-deadline/", views.notify_deadline, name="cycle_notify_deadline"),
    path("cycles/<int:pk>/national-plan.<slug:fmt>", views.national_plan, name="national_plan"),
    path("detailed-plans/<int:pk>/adjust/", views.adjust, name="detailed_plan_adjust"),
    path("strategic-plans/<int:pk>/opinion-round/", views.opinion_round, name="opinion_round"),
    path("opinion-requests/<int:pk>/answer/", views.opinion_answer, name="opinion_answer"),
    path("portfolio/", views.portfolio, name="portfolio"),
    *urls_for("planning"),
]
