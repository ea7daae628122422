from itms.core.views import urls_for

app_name = "example"

urlpatterns = urls_for("example")
