"""API endpoints beyond the generic ones: bulk create (the import's checks), the 실사 checks and resolutions, and
the holder's acknowledgement — each calling the same action as the screen."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from rest_framework import serializers, status
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from itms.audit.context import bind_actor
from itms.core import gate, registry
from itms.core.errors import Refused
from itms.core.middleware import get_request_id

from ..actions import assets as asset_actions
from ..actions import audits as audit_actions
from ..choices import CheckResult, Resolution
from ..error_codes import ResourcesErrors
from ..importer import AssetImporter
from ..models import Asset

MAX_BULK = 5_000


class ActionPermission(BasePermission):
    """Signed in, and the policy grants ``view.action`` on the view's record type; the action checks the rest."""

    message = "이 작업을 할 권한이 없습니다."

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and user.has_perm(view.object_type.permission(view.action)))


class _Action(APIView):
    """A write that an action performs; the policy's permission for ``action`` on ``label`` is asked first."""

    label = ""
    action = "change"
    permission_classes = [ActionPermission]

    @property
    def object_type(self):
        return registry.get(self.label)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        bind_actor(request.user)

    def fetch(self, pk, action: str | None = None):
        try:
            return gate.fetch(self.request.user, self.object_type, action or self.action, pk)
        except Http404 as missing:
            from rest_framework.exceptions import NotFound

            raise NotFound("자료를 찾을 수 없습니다.") from missing


class AssetBulkCreateView(_Action):
    """정보자산 일괄 등록: a list of assets, checked as the file import checks them; all are saved or none (a29.3).

    Each item has the form's keys (``tag``, ``name``, ``asset_type`` (code or name), ``org_unit`` (unit code) …) and
    ``attributes`` (the type's attributes by key or name). A refusal answers 400 with every error's row and column.
    """

    label = "resources.asset"
    action = "add"

    def post(self, request):
        records = request.data if isinstance(request.data, list) else request.data.get("assets")
        if not isinstance(records, list) or not records:
            return Response(
                {"code": "invalid", "message": "자산 목록(JSON 배열)을 보내십시오.", "clause": ""},
                status=status.HTTP_400_BAD_REQUEST,
            )
        if len(records) > MAX_BULK:
            message = f"한 번에 {MAX_BULK:,}건까지 등록할 수 있습니다. 더 많으면 파일 가져오기를 쓰십시오."
            return Response({"code": "invalid", "message": message, "clause": ""}, status=status.HTTP_400_BAD_REQUEST)
        importer = AssetImporter(user=request.user)
        plan = importer.check_records(records)
        if not plan.ok:
            return Response(
                {
                    "code": "resources.import_rows",
                    "message": f"오류 {plan.error_count:,}건: 아무것도 저장하지 않았습니다.",
                    "clause": "a29.3",
                    "errors": [e.as_dict() for e in plan.errors],
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        with transaction.atomic():
            importer.write(plan, request_id=get_request_id() or "")
        ids = list(Asset.objects.filter(tag__in=[p.tag for p in plan.rows]).values_list("pk", flat=True))
        return Response({"created": len(ids), "ids": ids}, status=status.HTTP_201_CREATED)


class CheckInput(serializers.Serializer):
    tag = serializers.CharField(max_length=100, label="자산번호")
    result = serializers.ChoiceField(
        choices=[(CheckResult.FOUND, "일치"), (CheckResult.DIFFERS, "불일치"), (CheckResult.MISSING, "미발견")],
        label="확인 결과",
    )
    difference = serializers.CharField(required=False, allow_blank=True, default="", label="차이 내용")
    observed_location = serializers.CharField(required=False, allow_blank=True, default="", label="현장 위치")
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=300, label="비고")


class AuditCheckView(_Action):
    """실사 확인 결과 기록 (a29.3.2): the asset by its tag, found / differs (with the difference) / missing."""

    label = "resources.inventoryaudit"
    action = "view"

    def post(self, request, pk):
        audit = self.fetch(pk)
        data = CheckInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        item, asset = audit_actions.find(audit, values["tag"], request.user)
        if asset is None:
            raise Refused(ResourcesErrors.UNKNOWN_TAG, field="tag", tag=values["tag"])
        item = audit_actions.record_check(
            audit=audit,
            actor=request.user,
            asset=asset,
            result=values["result"],
            difference=values["difference"],
            observed_location=values["observed_location"],
            note=values["note"],
        )
        return Response({"item": item.pk, "asset": asset.pk, "result": item.result})


class ResolveInput(serializers.Serializer):
    resolution = serializers.ChoiceField(choices=[c for c in Resolution.choices if c[0] != "open"], label="처리")
    note = serializers.CharField(required=False, allow_blank=True, default="", label="처리 내용")
    registered_asset = serializers.IntegerField(required=False, allow_null=True, default=None, label="등록한 자산 ID")


class DiscrepancyResolveView(_Action):
    """불일치 처리 (a29.3.2): updated, written off, registered, confirmed, or carried over."""

    label = "resources.auditdiscrepancy"
    action = "view"

    def post(self, request, pk):
        discrepancy = self.fetch(pk)
        data = ResolveInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        registered = None
        if values["registered_asset"]:
            registered = Asset.objects.restrict(request.user, "view").filter(pk=values["registered_asset"]).first()
            if registered is None:
                raise ValidationError({"registered_asset": "자산을 찾을 수 없습니다."})
        discrepancy = audit_actions.resolve_discrepancy(
            discrepancy=discrepancy,
            actor=request.user,
            resolution=values["resolution"],
            note=values["note"],
            registered_asset=registered,
        )
        return Response({"id": discrepancy.pk, "resolution": discrepancy.resolution})


class AcknowledgeView(_Action):
    """지급 자산 수령 확인 (a29.3.4): only the holder."""

    label = "resources.assetassignment"
    action = "view"

    def post(self, request, pk):
        assignment = asset_actions.acknowledge_assignment(assignment=self.fetch(pk), actor=request.user)
        return Response({"id": assignment.pk, "acknowledged_at": assignment.acknowledged_at})
