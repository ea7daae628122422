from django.urls import path

from itms.core.views import urls_for

from . import views

app_name = "documents"

urlpatterns = [
    path("attach/<slug:app_label>/<slug:model_name>/<int:pk>/", views.attach, name="attach"),
    path("documents/<int:pk>/versions/add/", views.new_version, name="version_add"),
    path("versions/<int:pk>/download/", views.download, name="download"),
    *urls_for("documents"),
]
