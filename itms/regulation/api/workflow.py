"""Workflow API: the transitions of any process object, and taking one."""

from django.core.exceptions import ValidationError
from django.http import Http404
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from itms.core import registry
from itms.core.errors import describe
from itms.regulation.clauses import label as clause_label

from ..workflows import Blocked, TransitionError, workflow_model


def _object(request, app_label, model_name, pk):
    model = workflow_model(app_label, model_name)
    object_type = registry.get(f"{app_label}.{model_name}")
    if model is None or object_type is None:
        raise Http404
    obj = object_type.base_queryset().restrict(request.user, "view").filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


def _guards(guards):
    return [
        {
            "code": g.code,
            "clause_id": g.clause_id,
            "clause": g.clause_id,
            "clause_label": clause_label(g.clause_id),
            "message": g.message,
        }
        for g in guards
    ]


def _state(obj, user):
    workflow = type(obj).workflow
    return {
        "state": workflow.state_of(obj),
        "state_label": workflow.state_label(obj),
        "transitions": [
            {
                "name": s.transition.name,
                "label": s.transition.label,
                "target": s.transition.target,
                "allowed": s.allowed,
                "available": s.available,
                "can_override": s.can_override,
                "clause_ids": list(s.transition.clause_ids),
                "blocked_by": _guards(s.blocking),
            }
            for s in workflow.statuses(obj, user)
        ],
    }


class TransitionRequest(serializers.Serializer):
    data = serializers.DictField(required=False, default=dict, label="입력 값")
    override_reason = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=500, label="예외 사유"
    )


class WorkflowStateView(APIView):
    """진행 상태와 할 수 있는 절차, 막힌 절차와 그 근거."""

    allow_any_authenticated = True

    def get(self, request, app_label, model_name, pk):
        return Response(_state(_object(request, app_label, model_name, pk), request.user))


class WorkflowTransitionView(APIView):
    """절차 진행 (막히면 409와 근거 조항, 권한이 없으면 403)."""

    allow_any_authenticated = True
    serializer_class = TransitionRequest

    def post(self, request, app_label, model_name, pk, name):
        obj = _object(request, app_label, model_name, pk)
        body = TransitionRequest(data=request.data)
        body.is_valid(raise_exception=True)
        workflow = type(obj).workflow
        step = workflow.transitions.get(name)
        if step is None or step.internal:
            raise Http404
        data = body.validated_data["data"]
        if step.form is not None:
            form = step.form(data)
            if not form.is_valid():
                return Response({"detail": "입력 내용을 확인하십시오.", "errors": form.errors}, status=400)
            data = form.cleaned_data
        try:
            obj = workflow.execute(
                obj, name, actor=request.user, data=data, override_reason=body.validated_data["override_reason"]
            )
        except Blocked as error:
            body = {**error.as_dict(), "detail": error.message_text, "blocked_by": _guards(error.guards)}
            return Response(body, status=error.status)
        except TransitionError as error:
            return Response({**error.as_dict(), "detail": error.message_text}, status=error.status)
        except ValidationError as error:
            return Response({**describe(error), "detail": " ".join(error.messages)}, status=400)
        return Response(_state(obj, request.user))
