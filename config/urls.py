from django.apps import apps
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("itms.ui.urls")),
    path("accounts/", include("itms.accounts.urls")),
    path("audit/", include("itms.audit.urls")),
    path("regulation/", include("itms.regulation.urls")),
    path("notifications/", include("itms.notifications.urls")),
    path("projects/", include("itms.projects.urls")),
    path("resources/", include("itms.resources.urls")),
    path("governance/", include("itms.governance.urls")),
    path("planning/", include("itms.planning.urls")),
    path("acquisition/", include("itms.acquisition.urls")),
    path("execution/", include("itms.execution.urls")),
    path("operations/", include("itms.operations.urls")),
    path("performance/", include("itms.performance.urls")),
    path("documents/", include("itms.documents.urls")),
    path("similarity/", include("itms.similarity.urls")),
    path("api/similarity/", include("itms.similarity.api_urls")),  # before the generic API's /api/<app>/…
    path("api/resources/", include("itms.resources.api_urls")),  # bulk create, 실사 checks; then the generic API
    path("api/operations/", include("itms.operations.api_urls")),  # SLA month measuring; then the generic API
    path("api/execution/", include("itms.execution.api_urls")),  # progress reports, deliverable files; then generic
    path("api/", include("itms.api.urls")),
    path("django-admin/", admin.site.urls),
]

if apps.is_installed("itms.testing.example"):  # the test-only example process
    urlpatterns.append(path("example/", include("itms.testing.example.urls")))

handler400 = "itms.ui.errors.bad_request"
handler403 = "itms.ui.errors.forbidden"
handler404 = "itms.ui.errors.not_found"
