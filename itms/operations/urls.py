from itms.core.views import urls_for

app_name = "operations"

urlpatterns = [
    *urls_for("operations"),
]
