"""API endpoints of Chapter 5 beyond the generic ones, each calling the screen's action: the vendor's progress
report (a19), a deliverable's file (a17.2) and a 요구변경 passed to maintenance (a23.1, a25.1)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from itms.core.action_api import UPLOAD, ActionAPIView, documented

from .. import actions
from ..choices import ReportKind


class EntryInput(serializers.Serializer):
    work_package = serializers.IntegerField(label="WBS 항목 ID")
    percent = serializers.IntegerField(label="진척률(%)")
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=300, label="사유")


class ProgressInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ReportKind.choices, label="구분")
    period_start = serializers.DateField(label="보고 기간 시작")
    period_end = serializers.DateField(label="보고 기간 끝")
    summary = serializers.CharField(label="요약")
    problems = serializers.CharField(required=False, allow_blank=True, default="", label="문제점")
    next_plan = serializers.CharField(required=False, allow_blank=True, default="", label="다음 계획")
    entries = EntryInput(many=True, label="WBS 항목별 진척")


class ProgressReportView(ActionAPIView):
    """주간·월간 진척 보고 (a19): per WBS item the new %, never above 100, never lower than before without a reason;
    a delayed item carries its reason (a19.0.2). All or nothing; the sponsor is told."""

    label = "execution.contract"
    action = "view"

    @documented(ProgressInput, 201)
    def post(self, request, pk):
        contract = self.fetch(pk)
        values = self.validated(ProgressInput)
        packages = contract.work_packages.in_bulk([e["work_package"] for e in values["entries"]])
        entries = []
        for entry in values.pop("entries"):
            package = packages.get(entry["work_package"])
            if package is None:
                raise ValidationError({"entries": f"이 계약의 WBS 항목이 아닙니다: {entry['work_package']}"})
            entries.append(actions.EntryInput(package, entry["percent"], entry["reason"]))
        report = actions.report_progress(actor=request.user, contract=contract, entries=entries, **values)
        return Response(
            {"id": report.pk, "planned_percent": report.planned_percent, "actual_percent": report.actual_percent},
            status=status.HTTP_201_CREATED,
        )


class DeliverableUploadView(ActionAPIView):
    """산출물 파일 등록 (a17.2): ``file`` (multipart) and ``note``; a type the contract allows, never the same file
    twice in the project (SHA-256). The first file makes the document, later ones its versions; it goes to review."""

    label = "execution.deliverable"
    action = "view"
    parser_classes = [MultiPartParser, FormParser]

    @documented(UPLOAD, 201)
    def post(self, request, pk):
        deliverable = self.fetch(pk)
        upload = request.FILES.get("file")
        if upload is None:
            raise ValidationError({"file": "등록할 산출물 파일을 보내십시오."})
        note = str(request.data.get("note", ""))[:300]
        version = actions.upload_deliverable(actor=request.user, deliverable=deliverable, upload=upload, note=note)
        return Response(
            {"deliverable": deliverable.pk, "version": version.number, "sha256": version.sha256},
            status=status.HTTP_201_CREATED,
        )


class DefectToRequestView(ActionAPIView):
    """요구변경 → 유지관리 요청 (a23.1, a25.1): a change taken in during the defect period is not a 하자; the
    sponsoring department files it as a draft maintenance request for the handed-over system. No body."""

    label = "execution.defect"
    action = "view"

    @documented(None, 201)
    def post(self, request, pk):
        made = actions.defects.to_maintenance_request(actor=request.user, defect=self.fetch(pk))
        return Response({"maintenance_request": made.pk, "state": made.state}, status=status.HTTP_201_CREATED)
