from django.urls import path

from itms.core.views import urls_for

from . import views

app_name = "similarity"

urlpatterns = [
    path("", views.search, name="search"),
    path("judge/<slug:app_label>/<slug:model_name>/<int:pk>/", views.judge, name="judge"),
    *urls_for("similarity"),
]
