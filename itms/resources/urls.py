from itms.core.views import urls_for

app_name = "resources"

urlpatterns = urls_for("resources")
