from itms.core.views import urls_for

app_name = "projects"

urlpatterns = urls_for("projects")
