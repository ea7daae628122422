from django.urls import include, path
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from itms.core import registry
from itms.regulation.api import WorkflowStateView, WorkflowTransitionView

from .auth import ObtainTokenView
from .schema import SchemaView
from .viewsets import viewset_for

app_name = "api"


class ApiRoot(DefaultRouter.APIRootView):
    """정보화관리시스템 API: 등록된 자료 종류별 목록."""

    allow_any_authenticated = True


router = DefaultRouter()
router.APIRootView = ApiRoot
for object_type in registry.REGISTRY.values():
    if object_type.serializer is not None:
        router.register(
            f"{object_type.app_label}/{object_type.path}",
            viewset_for(object_type),
            basename=f"{object_type.app_label}-{object_type.model_name}",
        )

urlpatterns = [
    path("workflow/<slug:app_label>/<slug:model_name>/<int:pk>/", WorkflowStateView.as_view(), name="workflow_state"),
    path(
        "workflow/<slug:app_label>/<slug:model_name>/<int:pk>/<slug:name>/",
        WorkflowTransitionView.as_view(),
        name="workflow_transition",
    ),
    path("auth/token/", ObtainTokenView.as_view(), name="token"),
    path("schema/", SchemaView.as_view(), name="schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api:schema", template_name="api/swagger_ui.html"),
        name="docs",
    ),
    path("", include(router.urls)),
]
