"""Every Chapter 5 record type passes the generic suites (pages, exports, history, API, Korean errors)."""

import datetime as dt

from itms.accounts.models import Company, OrgUnit, User
from itms.execution import actions
from itms.execution import factories as f
from itms.execution.choices import Verdict
from itms.execution.models import Contract, DeliverableType, ExecutionPlan, WeaknessCatalog
from itms.testing.suites import ObjectTypeTests


def _contract_pk():
    return f.ContractFactory().pk


class TestContract(ObjectTypeTests):
    label = "execution.contract"

    def make(self, n):
        return f.ContractFactory.create_batch(n)

    def create_data(self):
        return {
            "project": f.ProjectFactory().pk,
            "number": "C-NEW-001",
            "title": "신규 구축 용역",
            "company": Company.objects.order_by("pk").first().pk,
            "amount": 500_000_000,
            "signed_on": "2026-02-02",
            "start_date": "2026-02-09",
            "end_date": "2026-11-30",
            "defect_liability_months": 12,
            "allowed_file_types": "pdf,hwpx",
            "it_unit": OrgUnit.objects.get(code="KCS-DAT").pk,
        }

    def update_data(self, obj):
        return {"title": obj.title, "defect_liability_months": 12, "allowed_file_types": "pdf,hwpx,xlsx",
                "operation_plan": "운영방안", "it_unit": obj.it_unit_id}  # fmt: skip

    def invalid_data(self):
        # SW진흥법 제45조제2항: more than a year is a 장기계속계약.
        return {**self.create_data(), "number": "C-BAD", "end_date": "2027-06-30"}, "is_multi_year"


class TestContractVersion(ObjectTypeTests):
    label = "execution.contractversion"

    def make(self, n):
        return [f.ContractFactory().versions.get() for _ in range(n)]


class TestExecutionPlan(ObjectTypeTests):
    label = "execution.executionplan"

    def make(self, n):
        return [ExecutionPlan.objects.get(contract=f.ContractFactory()) for _ in range(n)]

    def update_data(self, obj):
        return {"staffing": "PM 1, 개발 3", "schedule": "분석·설계·구현·시험", "quality_plan": "품질검토",
                "deliverable_plan": "단계별 제출"}  # fmt: skip


def _submitted_plan():
    contract = f.ContractFactory()
    plan = ExecutionPlan.objects.get(contract=contract)
    for field in ExecutionPlan.SECTIONS:
        setattr(plan, field, "작성함")
    plan.save()
    admin = User.objects.get(username="admin")
    return ExecutionPlan.workflow.execute(plan, "submit", actor=admin)


class TestPlanReviewItem(ObjectTypeTests):
    label = "execution.planreviewitem"

    def make(self, n):
        items = list(_submitted_plan().review_items.all())
        while len(items) < n:
            items += list(_submitted_plan().review_items.all())
        return items[:n]

    def update_data(self, obj):
        return {"verdict": Verdict.CONFORMS, "comment": "제안서와 같음"}


class TestWorkPackage(ObjectTypeTests):
    label = "execution.workpackage"

    def make(self, n):
        contract = f.ContractFactory()
        return f.WorkPackageFactory.create_batch(n, contract=contract)

    def create_data(self):
        return {"contract": _contract_pk(), "code": "1.1", "name": "요구사항 분석", "planned_start": "2026-03-02",
                "planned_end": "2026-04-30", "weight": 2}  # fmt: skip

    def update_data(self, obj):
        return {"code": obj.code, "name": "이름 변경", "planned_start": "2026-03-02", "planned_end": "2026-05-29",
                "weight": 1}  # fmt: skip

    def invalid_data(self):
        # a19: the plan lies inside the contract period.
        return {**self.create_data(), "planned_end": "2027-01-29"}, "planned_end"


class TestProgressReport(ObjectTypeTests):
    label = "execution.progressreport"

    def make(self, n):
        contract = f.ContractFactory()
        package = f.WorkPackageFactory(contract=contract)
        vendor = User.objects.get(username="admin")
        return [
            actions.report_progress(
                actor=vendor, contract=contract, kind="weekly", period_start=dt.date(2026, 3, 2 + i),
                period_end=dt.date(2026, 3, 2 + i), summary=f"보고 {i}",
                entries=[actions.EntryInput(package, min(100, 5 * (i + 1)))],
            )
            for i in range(n)
        ]  # fmt: skip


class TestIssue(ObjectTypeTests):
    label = "execution.issue"

    def make(self, n):
        return f.IssueFactory.create_batch(n, contract=f.ContractFactory())

    def create_data(self):
        return {"contract": _contract_pk(), "title": "연계 지연", "severity": "high", "raised_on": "2026-05-01"}

    def update_data(self, obj):
        return {"title": obj.title, "severity": "low", "raised_on": "2026-05-01", "resolved_on": "2026-05-20"}

    def invalid_data(self):
        return {**self.create_data(), "resolved_on": "2026-04-01"}, "resolved_on"


class TestDeliverableType(ObjectTypeTests):
    label = "execution.deliverabletype"

    def make(self, n):
        return f.DeliverableTypeFactory.create_batch(n)

    def create_data(self):
        return {"code": "DS-NEW", "phase": "design", "name": "새 설계서", "order": 99}

    def update_data(self, obj):
        return {"code": obj.code, "phase": "test", "name": obj.name, "order": 1}

    def invalid_data(self):
        return {**self.create_data(), "code": "DS-ARCH"}, "code"


class TestDeliverable(ObjectTypeTests):
    label = "execution.deliverable"

    def make(self, n):
        return f.DeliverableFactory.create_batch(n, contract=f.ContractFactory())

    def create_data(self):
        return {"contract": _contract_pk(), "type": DeliverableType.objects.get(code="DS-UI").pk,
                "title": "화면설계서", "required": True, "due_date": "2026-06-30"}  # fmt: skip

    def update_data(self, obj):
        return {"type": obj.type_id, "title": obj.title, "required": True, "due_date": "2026-07-31"}

    def invalid_data(self):
        return {**self.create_data(), "due_date": "2027-03-31"}, "due_date"


class TestTraining(ObjectTypeTests):
    label = "execution.training"

    def make(self, n):
        return f.TrainingFactory.create_batch(n)

    def create_data(self):
        return {
            "title": "산출물 관리 교육",
            "held_on": "2026-05-06",
            "audience": "vendor",
            "topics": "산출물 등록",
            "hours": 2,
        }

    def update_data(self, obj):
        return {"title": obj.title, "held_on": "2026-05-07", "audience": "both", "topics": "변경", "hours": 3}

    def invalid_data(self):
        return {**self.create_data(), "held_on": "아무때나"}, "held_on"


class TestTrainingAttendance(ObjectTypeTests):
    label = "execution.trainingattendance"

    def make(self, n):
        return [f.TrainingAttendanceFactory() for _ in range(n)]

    def create_data(self):
        return {"training": f.TrainingFactory().pk, "user": User.objects.get(username="vendor").pk, "attended": True}

    def update_data(self, obj):
        return {"training": obj.training_id, "user": obj.user_id, "attended": False, "note": "불참"}

    def invalid_data(self):
        return {"training": "", "user": User.objects.get(username="vendor").pk}, "training"


class TestWeaknessCatalog(ObjectTypeTests):
    label = "execution.weaknesscatalog"

    def make(self, n):
        return f.WeaknessCatalogFactory.create_batch(n)

    def create_data(self):
        return {"edition": "2024", "title": "소프트웨어 개발보안 가이드 (2024)", "published_on": "2024-12-30"}

    def update_data(self, obj):
        return {"edition": obj.edition, "title": obj.title, "published_on": "2024-12-31", "is_current": False}

    def invalid_data(self):
        return {**self.create_data(), "edition": "2021"}, "edition"


class TestWeakness(ObjectTypeTests):
    label = "execution.weakness"

    def make(self, n):
        catalog = f.WeaknessCatalogFactory()
        return f.WeaknessFactory.create_batch(n, catalog=catalog)

    def create_data(self):
        return {"catalog": f.WeaknessCatalogFactory().pk, "phase": "design", "category": "보안기능", "seq": 1,
                "name": "인증 대상 및 방식"}  # fmt: skip

    def update_data(self, obj):
        return {"catalog": obj.catalog_id, "phase": obj.phase, "category": "보안기능", "seq": obj.seq, "name": "이름"}

    def invalid_data(self):
        catalog = WeaknessCatalog.objects.get(edition="2021")
        return {"catalog": catalog.pk, "phase": "runtime", "category": "x", "seq": 99, "name": "없는 단계"}, "phase"


class TestSecurityDiagnosis(ObjectTypeTests):
    label = "execution.securitydiagnosis"

    def make(self, n):
        return f.SecurityDiagnosisFactory.create_batch(n, contract=f.ContractFactory())

    def create_data(self):
        return {"contract": _contract_pk(), "catalog": f.catalog_2021().pk, "phase": "implementation",
                "diagnosed_on": "2026-10-01", "tool": "정적분석"}  # fmt: skip

    def update_data(self, obj):
        return {
            "contract": obj.contract_id,
            "catalog": obj.catalog_id,
            "phase": obj.phase,
            "diagnosed_on": "2026-10-02",
        }

    def invalid_data(self):
        return {**self.create_data(), "phase": "runtime"}, "phase"


class TestSecurityFinding(ObjectTypeTests):
    label = "execution.securityfinding"

    def make(self, n):
        diagnosis = f.SecurityDiagnosisFactory()
        return f.SecurityFindingFactory.create_batch(n, diagnosis=diagnosis)

    def create_data(self):
        return {"diagnosis": f.SecurityDiagnosisFactory().pk,
                "weakness": f.catalog_2021().weaknesses.get(phase="implementation", seq=4).pk,
                "severity": "high", "location": "PGM-001", "count": 2}  # fmt: skip

    def update_data(self, obj):
        return {"diagnosis": obj.diagnosis_id, "weakness": obj.weakness_id, "severity": obj.severity, "count": 1,
                "remediation": "입력값 검증 추가", "remediated_on": "2026-10-10"}  # fmt: skip

    def invalid_data(self):
        # A remediation date needs what was done.
        return {**self.create_data(), "remediated_on": "2026-10-10"}, "remediation"


class TestRequirement(ObjectTypeTests):
    label = "execution.requirement"

    def make(self, n):
        return f.RequirementFactory.create_batch(n, contract=f.ContractFactory())

    def create_data(self):
        return {"contract": _contract_pk(), "code": "REQ-F-100", "title": "통관 현황 조회", "category": "functional",
                "source": "rfp"}  # fmt: skip

    def update_data(self, obj):
        return {"code": obj.code, "title": obj.title, "category": "performance", "source": "rfp", "is_active": True,
                "design_refs": "UI-01"}  # fmt: skip

    def invalid_data(self):
        return {**self.create_data(), "category": "없는 분류"}, "category"


class TestTestCase(ObjectTypeTests):
    label = "execution.testcase"

    def make(self, n):
        return f.TestCaseFactory.create_batch(n, contract=f.ContractFactory())

    def create_data(self):
        requirement = f.RequirementFactory()
        return {"contract": requirement.contract_id, "code": "TC-100", "title": "조회 시험", "level": "integration",
                "requirements": [requirement.pk], "result": "not_run"}  # fmt: skip

    def update_data(self, obj):
        requirement = f.RequirementFactory(contract=obj.contract)
        return {"code": obj.code, "title": obj.title, "level": "integration", "result": "passed",
                "executed_on": "2026-11-03", "requirements": [requirement.pk]}  # fmt: skip

    def invalid_data(self):
        return {**self.create_data(), "result": "failed", "executed_on": "2026-11-03"}, "defect"


class TestTestRun(ObjectTypeTests):
    label = "execution.testrun"

    def make(self, n):
        return f.TestRunFactory.create_batch(n, contract=f.ContractFactory())

    def create_data(self):
        return {"contract": _contract_pk(), "kind": "user", "started_on": "2026-11-16", "ended_on": "2026-11-20",
                "passed": True, "summary": "현업 테스트 통과"}  # fmt: skip

    def update_data(self, obj):
        return {
            "kind": obj.kind,
            "started_on": "2026-11-02",
            "ended_on": "2026-11-20",
            "passed": True,
            "summary": "수정",
        }

    def invalid_data(self):
        # a20.2: the tests happen inside the contract period.
        return {**self.create_data(), "ended_on": "2027-01-15"}, "ended_on"


class TestAcceptanceTest(ObjectTypeTests):
    label = "execution.acceptancetest"

    def make(self, n):
        sponsor = User.objects.get(username="sponsor")
        unit = OrgUnit.objects.get(code="KCS-DAT")
        return [
            actions.request_acceptance_test(actor=sponsor, contract=f.ContractFactory(), it_unit=unit,
                                            inspection_due=dt.date(2026, 12, 31), scope="시나리오")
            for _ in range(n)
        ]  # fmt: skip


class TestSystemAudit(ObjectTypeTests):
    label = "execution.systemaudit"

    def make(self, n):
        return f.SystemAuditFactory.create_batch(n)

    def create_data(self):
        return {"contract": _contract_pk(), "serves_public": True, "mode": "three_stage"}

    def update_data(self, obj):
        return {"serves_public": False, "mode": "two_stage"}

    def invalid_data(self):
        return {**self.create_data(), "mode": "four_stage"}, "mode"


class TestAuditStage(ObjectTypeTests):
    label = "execution.auditstage"

    def make(self, n):
        stages = []
        while len(stages) < n:
            stages += list(f.SystemAuditFactory().stages.all())
        return stages[:n]

    def update_data(self, obj):
        return {"planned_on": "2026-07-01", "performed_on": "2026-07-03", "report_received_on": "2026-07-17"}


class TestAuditFinding(ObjectTypeTests):
    label = "execution.auditfinding"

    def make(self, n):
        stage = f.SystemAuditFactory().stages.get(kind="final")
        return f.AuditFindingFactory.create_batch(n, stage=stage)

    def create_data(self):
        return {
            "stage": f.SystemAuditFactory().stages.get(kind="design").pk,
            "title": "설계서 누락",
            "severity": "high",
        }

    def update_data(self, obj):
        return {"title": obj.title, "severity": "high", "corrective_action": "보완", "corrected_on": "2026-08-01"}

    def invalid_data(self):
        # Confirmed before it was corrected.
        return {**self.create_data(), "confirmed_on": "2026-08-01"}, "confirmed_on"


class TestChangeRequest(ObjectTypeTests):
    label = "execution.changerequest"

    def make(self, n):
        return f.ChangeRequestFactory.create_batch(n, contract=f.ContractFactory())

    def create_data(self):
        return {"contract": _contract_pk(), "title": "화면 추가", "reason": "고시 개정", "scope_change": "화면 2종",
                "requirement_changes": "REQ-200 | 신고서 출력"}  # fmt: skip

    def update_data(self, obj):
        return {"title": obj.title, "reason": "변경 사유", "scope_change": "화면 3종", "new_amount": 800_000_000}

    def invalid_data(self):
        return {**self.create_data(), "requirement_changes": "이 줄은 읽을 수 없음"}, "requirement_changes"


def _open_round():
    contract = f.ContractFactory()
    f.RequirementFactory(contract=contract)
    return actions.open_round(contract)


class TestInspectionRound(ObjectTypeTests):
    label = "execution.inspectionround"

    def make(self, n):
        return [_open_round() for _ in range(n)]

    def update_data(self, obj):
        return {"inspector": User.objects.get(username="sponsor").pk, "remarks": "검사 중"}


class TestInspectionItem(ObjectTypeTests):
    label = "execution.inspectionitem"

    def make(self, n):
        items = []
        while len(items) < n:
            items += list(_open_round().items.all())
        return items[:n]

    def update_data(self, obj):
        return {"verdict": "done", "note": ""}


class TestDefect(ObjectTypeTests):
    label = "execution.defect"

    def make(self, n):
        return f.DefectFactory.create_batch(n)

    def create_data(self):
        contract = Contract.objects.get(number="C-2025-0044")
        return {"contract": contract.pk, "title": "면세 한도 계산 오류", "kind": "defect",
                "requirement": contract.requirements.get(code="REQ-002").pk, "severity": "high",
                "reported_on": contract.handed_over_on.isoformat()}  # fmt: skip

    def update_data(self, obj):
        return {"title": obj.title, "kind": "change", "severity": "low", "reported_on": obj.reported_on.isoformat()}

    def invalid_data(self):
        # A 하자 names the agreed requirement it fails; a new function is a change, not a defect.
        return {**self.create_data(), "requirement": ""}, "requirement"
