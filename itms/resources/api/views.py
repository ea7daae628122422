"""API endpoints beyond the generic ones — each calling the same action as the screen: bulk create and the file
import as a job (the import's checks), an asset's assignment, return, write-off and verification, the 실사's
checks, unregistered finds, the end-of-visit missing and the resolutions, and the holder's acknowledgement."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from itms.core.action_api import UPLOAD, ActionAPIView, documented
from itms.core.errors import Refused
from itms.core.middleware import get_request_id

from ..actions import assets as asset_actions
from ..actions import audits as audit_actions
from ..actions import imports as import_actions
from ..choices import CheckResult, Resolution
from ..error_codes import ResourcesErrors
from ..importer import AssetImporter
from ..models import Asset

MAX_BULK = 5_000


class AssetBulkCreateView(ActionAPIView):
    """정보자산 일괄 등록: a list of assets, checked as the file import checks them; all are saved or none (a29.3).

    Each item has the form's keys (``tag``, ``name``, ``asset_type`` (code or name), ``org_unit`` (unit code) …) and
    ``attributes`` (the type's attributes by key or name). A refusal answers 400 with every error's row and column.
    """

    label = "resources.asset"
    action = "add"

    @documented({"application/json": {"type": "array", "items": {"type": "object"}}}, 201)
    def post(self, request):
        data = request.data
        records = data if isinstance(data, list) else data.get("assets") if hasattr(data, "get") else None
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


class AuditCheckView(ActionAPIView):
    """실사 확인 결과 기록 (a29.3.2): the asset by its tag, found / differs (with the difference) / missing."""

    label = "resources.inventoryaudit"
    action = "view"

    @documented(CheckInput, 200)
    def post(self, request, pk):
        audit = self.fetch(pk)
        values = self.validated(CheckInput)
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


class DiscrepancyResolveView(ActionAPIView):
    """불일치 처리 (a29.3.2): updated, written off, registered, confirmed, or carried over."""

    label = "resources.auditdiscrepancy"
    action = "view"

    @documented(ResolveInput, 200)
    def post(self, request, pk):
        discrepancy = self.fetch(pk)
        values = self.validated(ResolveInput)
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


class AcknowledgeView(ActionAPIView):
    """지급 자산 수령 확인 (a29.3.4): only the holder."""

    label = "resources.assetassignment"
    action = "view"

    @documented()
    def post(self, request, pk):
        assignment = asset_actions.acknowledge_assignment(assignment=self.fetch(pk), actor=request.user)
        return Response({"id": assignment.pk, "acknowledged_at": assignment.acknowledged_at})


# --- an asset's own steps (a29.3, a29.3.4) ------------------------------------------------------------------------
class AssignInput(serializers.Serializer):
    holder = serializers.CharField(required=False, allow_blank=True, default="", label="사용자 (아이디)")
    holder_unit = serializers.CharField(required=False, allow_blank=True, default="", label="사용 부서 (부서코드)")
    starts_on = serializers.DateField(required=False, allow_null=True, default=None, label="지급일")
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=200, label="비고")

    def validate_holder(self, value):
        from itms.accounts.models import User

        if value and not User.objects.filter(username=value, is_active=True).exists():
            raise serializers.ValidationError(f"'{value}' 사용자가 없습니다.")
        return value

    def validate_holder_unit(self, value):
        from itms.accounts.models import OrgUnit

        if value and not OrgUnit.objects.filter(code=value).exists():
            raise serializers.ValidationError(f"부서코드 '{value}'에 해당하는 부서가 없습니다.")
        return value


class AssetAssignView(ActionAPIView):
    """정보자산 지급 (a29.3.4): to a person (``holder``, their unit unless ``holder_unit`` says) or to a unit; the
    previous assignment ends that day and the person owes an acknowledgement of receipt."""

    label = "resources.asset"

    @documented(AssignInput, 201)
    def post(self, request, pk):
        from itms.accounts.models import OrgUnit, User

        asset = self.fetch(pk)
        values = self.validated(AssignInput)
        assignment = asset_actions.assign_asset(
            asset=asset,
            actor=request.user,
            holder=User.objects.filter(username=values["holder"]).first() if values["holder"] else None,
            holder_unit=OrgUnit.objects.filter(code=values["holder_unit"]).first() if values["holder_unit"] else None,
            starts_on=values["starts_on"],
            note=values["note"],
        )
        return Response(
            {"id": assignment.pk, "holder": assignment.holder_id, "holder_unit": assignment.holder_unit_id},
            status=status.HTTP_201_CREATED,
        )


class AssetReturnView(ActionAPIView):
    """반납: the current assignment ends today; nobody holds the asset."""

    label = "resources.asset"

    @documented()
    def post(self, request, pk):
        ended = asset_actions.return_asset(asset=self.fetch(pk), actor=request.user)
        return Response({"assignment": ended.pk, "ends_on": ended.ends_on})


class DisposeInput(serializers.Serializer):
    reason = serializers.CharField(max_length=300, label="불용 사유")


class AssetDisposeView(ActionAPIView):
    """불용 처리 (a29.3): with its reason; the record is kept, frozen, and leaves the active inventory."""

    label = "resources.asset"

    @documented(DisposeInput, 200)
    def post(self, request, pk):
        asset = self.fetch(pk)
        reason = self.validated(DisposeInput)["reason"]
        asset = asset_actions.dispose_asset(asset=asset, actor=request.user, reason=reason)
        return Response({"id": asset.pk, "status": asset.status, "disposed_on": asset.disposed_on})


class AssetVerifyView(ActionAPIView):
    """현행화 확인 (a29.3): the officer confirms the record is current today."""

    label = "resources.asset"

    @documented()
    def post(self, request, pk):
        asset = asset_actions.verify_asset(asset=self.fetch(pk), actor=request.user)
        return Response({"id": asset.pk, "verified_on": asset.verified_on})


# --- the 실사's other steps (a29.3.2) -------------------------------------------------------------------------------
class NewAssetInput(serializers.Serializer):
    observed_tag = serializers.CharField(required=False, allow_blank=True, default="", max_length=40, label="자산번호")
    observed_name = serializers.CharField(required=False, allow_blank=True, default="", max_length=200, label="자산명")
    observed_serial = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=100, label="일련번호"
    )
    observed_location = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=200, label="현장 위치"
    )
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=300, label="비고")


class AuditNewAssetView(ActionAPIView):
    """미등록 자산 발견 (a29.3.2): what the officer saw; a discrepancy to register it opens."""

    label = "resources.inventoryaudit"
    action = "view"

    @documented(NewAssetInput, 201)
    def post(self, request, pk):
        audit = self.fetch(pk)
        item = audit_actions.record_new_asset(audit=audit, actor=request.user, **self.validated(NewAssetInput))
        return Response({"item": item.pk, "result": item.result}, status=status.HTTP_201_CREATED)


class AuditMarkMissingView(ActionAPIView):
    """미확인 자산 일괄 미발견 (a29.3.2): every asset not checked by the end of the visit; each is a discrepancy."""

    label = "resources.inventoryaudit"
    action = "view"

    @documented()
    def post(self, request, pk):
        marked = audit_actions.mark_remaining_missing(audit=self.fetch(pk), actor=request.user)
        return Response({"marked_missing": marked})


# --- the file import as a job (a29.3) -----------------------------------------------------------------------------
class ImportUploadView(ActionAPIView):
    """정보자산 파일 가져오기: an XLSX or CSV file (``file``, multipart) becomes a job, checked row by row in the
    background; ``GET /api/resources/asset-import-jobs/{id}/`` shows its progress, preview errors and result."""

    label = "resources.asset"
    action = "add"
    parser_classes = [MultiPartParser, FormParser]

    @documented(UPLOAD, 202)
    def post(self, request):
        upload = request.FILES.get("file")
        if upload is None:
            raise ValidationError({"file": "가져올 파일(XLSX 또는 CSV)을 보내십시오."})
        job = import_actions.create_job(upload=upload, actor=request.user)  # FileRefused: 400, nothing stored
        import_actions.start_validation(job=job)
        return Response({"id": job.pk, "status": job.status}, status=status.HTTP_202_ACCEPTED)


class ImportCommitView(ActionAPIView):
    """가져오기 확정: the requester saves a checked file, all rows or none, as a background job."""

    label = "resources.assetimportjob"
    action = "view"

    @documented(answer=202)
    def post(self, request, pk):
        job = import_actions.start_import(job=self.fetch(pk), actor=request.user)
        return Response({"id": job.pk, "status": job.status}, status=status.HTTP_202_ACCEPTED)
