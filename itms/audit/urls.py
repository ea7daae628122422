from django.urls import path

from itms.core.views import urls_for

from . import views

app_name = "audit"

urlpatterns = [
    path("verify/", views.verify, name="verify"),
    *urls_for("audit"),
]
