"""Chapter 4's record types pass the generic suites (pages, exports, history, API, Korean errors)."""

import datetime as dt
import itertools
import json

from django.utils import timezone

from itms.accounts.models import Company, OrgUnit, User
from itms.accounts.validators import complete_business_number
from itms.acquisition.models import (
    ConsultationResult,
    Evaluation,
    EvaluationItem,
    EvaluatorDraw,
    Expert,
    ExpertEmployment,
    ExpertExclusion,
    ExpertField,
    OrderingCheck,
    OrderingRequest,
    PreConsultation,
    ProjectRestructuring,
    Proposal,
    Requirement,
    RequirementCategory,
    Rfp,
    RfpSection,
    RfpSelfCheck,
    RfpTemplate,
    SecurityFinding,
    SecurityReview,
    TaskCommitteeScope,
    TaskDeliberation,
)
from itms.governance.models import Body
from itms.projects.factories import ProjectFactory
from itms.testing.suites import ObjectTypeTests

SEQ = itertools.count(1)
CHAPTERS = [{"number": "Ⅰ", "title": "사업개요", "body": "{{사업명}}"}]


def _rfp(project=None) -> Rfp:
    template = RfpTemplate.objects.filter(published_at__isnull=False).first()
    project = project or ProjectFactory()
    return Rfp.objects.create(
        project=project,
        template=template,
        title=f"{project.name} 제안요청서",
        budget=100_000_000,
        period_months=6,
        technical_weight=90,
    )


def _evaluation(project=None) -> Evaluation:
    return Evaluation.objects.create(
        project=project or ProjectFactory(),
        unit=OrgUnit.objects.get(code="KCS-DAT"),
        title=f"시험 평가 {next(SEQ)}",
        evaluation_at=timezone.now() + dt.timedelta(days=30),
        estimated_price=500_000_000,
        technical_weight=90,
        committee_size=5,
    )


class TestPreConsultation(ObjectTypeTests):
    label = "acquisition.preconsultation"

    def make(self, n):
        return [PreConsultation.objects.create(project=ProjectFactory()) for _ in range(n)]

    def update_data(self, obj):
        return {"interlinked_agencies": "국세청", "joint_use_agencies": "", "other_law_note": ""}


class TestConsultationResult(ObjectTypeTests):
    label = "acquisition.consultationresult"

    def make(self, n):
        record = PreConsultation.objects.get(project__code="2027-CLP-004")
        return [
            ConsultationResult.objects.create(consultation=record, number=100 + next(SEQ), finding="결과")
            for _ in range(n)
        ]


class TestSecurityReview(ObjectTypeTests):
    label = "acquisition.securityreview"

    def make(self, n):
        return [SecurityReview.objects.create(project=ProjectFactory(), request_note="신청") for _ in range(n)]

    def update_data(self, obj):
        return {"rfp": "", "request_note": "고친 신청 내용"}


class TestSecurityFinding(ObjectTypeTests):
    label = "acquisition.securityfinding"

    def make(self, n):
        review = SecurityReview.objects.get(project__code="2027-CLP-005")
        return [
            SecurityFinding.objects.create(review=review, number=100 + next(SEQ), source="nis", finding="의견")
            for _ in range(n)
        ]


class TestTaskCommitteeScope(ObjectTypeTests):
    label = "acquisition.taskcommitteescope"

    @staticmethod
    def body():
        return Body.objects.get(name="과업심의위원회 (구축·고도화)")

    def make(self, n):
        return [TaskCommitteeScope.objects.create(body=self.body(), note=f"범위 {next(SEQ)}") for _ in range(n)]

    def create_data(self):
        return {"body": self.body().pk, "project_kinds": ["construction"], "deliberation_kinds": [], "note": "시험"}

    def update_data(self, obj):
        return {
            "body": obj.body_id,
            "project_kinds": ["enhancement"],
            "deliberation_kinds": ["task_change"],
            "note": "수정",
        }

    def invalid_data(self):
        return {"body": "", "note": "위원회 없음"}, "body"


class TestTaskDeliberation(ObjectTypeTests):
    label = "acquisition.taskdeliberation"

    def make(self, n):
        return [
            TaskDeliberation.objects.create(project=ProjectFactory(), kind="task_scope", content="과업내용 확정")
            for _ in range(n)
        ]

    def update_data(self, obj):
        return {"kind": "task_change", "rfp": "", "content": "과업내용 변경", "period_months": 8, "amount": 1000}


class TestRequirementCategory(ObjectTypeTests):
    label = "acquisition.requirementcategory"

    def make(self, n):
        codes = ("".join(c) for c in itertools.product("XYZ", "ABCDEFGHIJ", "KLMNOPQRST"))
        taken = set(RequirementCategory.objects.values_list("code", flat=True))
        free = [c for c in codes if c not in taken]
        return [RequirementCategory.objects.create(code=free[i], name=f"시험 분류 {i}") for i in range(n)]

    def create_data(self):
        return {"code": "ZZZ", "name": "시험 분류", "scope_note": "", "order": 99, "is_active": True}

    def update_data(self, obj):
        return {"code": obj.code, "name": obj.name + " (수정)", "scope_note": "", "order": 1, "is_active": True}

    def invalid_data(self):
        return {"code": "abc", "name": "소문자 코드", "order": 1}, "code"


class TestRfpTemplate(ObjectTypeTests):
    label = "acquisition.rfptemplate"

    def make(self, n):
        return [RfpTemplate.objects.create(name=f"시험 양식 {next(SEQ)}", chapters=CHAPTERS) for _ in range(n)]

    def create_data(self):
        return {"name": "새 양식", "version": 1, "project_kinds": "[]", "chapters": json.dumps(CHAPTERS), "note": ""}

    def update_data(self, obj):
        return {
            "name": obj.name,
            "version": obj.version,
            "project_kinds": "[]",
            "chapters": json.dumps(CHAPTERS),
            "note": "개정",
        }

    def invalid_data(self):
        return {"name": "빈 양식", "version": 1, "project_kinds": "[]", "chapters": "[]"}, "chapters"

    def api_data(self, data):
        return {**data, "project_kinds": json.loads(data["project_kinds"]), "chapters": json.loads(data["chapters"])}


class TestRfp(ObjectTypeTests):
    label = "acquisition.rfp"

    def make(self, n):
        return [_rfp() for _ in range(n)]

    def update_data(self, obj):
        return {
            "title": obj.title + " (수정)",
            "budget": 200_000_000,
            "period_months": 9,
            "contract_method": "협상에 의한 계약",
            "technical_weight": 80,
        }


class TestRfpSection(ObjectTypeTests):
    label = "acquisition.rfpsection"

    def make(self, n):
        rfp = _rfp()
        return [
            RfpSection.objects.create(rfp=rfp, order=i + 1, number=str(i + 1), title=f"장 {i}", body="내용")
            for i in range(n)
        ]

    def update_data(self, obj):
        return {"number": obj.number, "title": "고친 장", "body": "고친 내용"}


class TestRequirement(ObjectTypeTests):
    label = "acquisition.requirement"

    @staticmethod
    def sfr():
        return RequirementCategory.objects.get(code="SFR")

    def make(self, n):
        rfp = _rfp()
        return [
            Requirement.objects.create(
                rfp=rfp, category=self.sfr(), name=f"기능 {i}", definition="정의", details="세부"
            )
            for i in range(n)
        ]

    def create_data(self):
        rfp = _rfp()
        return {
            "rfp": rfp.pk,
            "category": self.sfr().pk,
            "name": "조회 기능",
            "definition": "조회한다",
            "details": "조건으로 조회",
            "deliverable": "",
            "related": "",
            "source": "",
        }

    def update_data(self, obj):
        return {
            "name": obj.name + " (수정)",
            "definition": "정의",
            "details": "세부",
            "deliverable": "",
            "related": "",
            "source": "",
        }

    def invalid_data(self):
        data = self.create_data()
        data["name"] = ""
        return data, "name"


class TestRfpSelfCheck(ObjectTypeTests):
    label = "acquisition.rfpselfcheck"

    def make(self, n):
        rfp = _rfp()
        return [RfpSelfCheck.objects.create(rfp=rfp, code=f"c{i}", question=f"점검 {i}") for i in range(n)]


class TestOrderingRequest(ObjectTypeTests):
    label = "acquisition.orderingrequest"

    def make(self, n):
        result = []
        for _ in range(n):
            rfp = _rfp()
            result.append(OrderingRequest.objects.create(project=rfp.project, rfp=rfp))
        return result

    def update_data(self, obj):
        return {"note": "긴급 발주", "urgent": True}


class TestOrderingCheck(ObjectTypeTests):
    label = "acquisition.orderingcheck"

    def make(self, n):
        request = OrderingRequest.objects.get(project__code="2027-CLP-007")
        return [
            OrderingCheck.objects.create(request=request, code=f"x{next(SEQ)}", requirement="요건", basis="법")
            for _ in range(n)
        ]


class TestProjectRestructuring(ObjectTypeTests):
    label = "acquisition.projectrestructuring"

    def make(self, n):
        itdept = User.objects.get(username="itdept")
        return [ProjectRestructuring.objects.create(kind="merge", reason="통합", decided_by=itdept) for _ in range(n)]


class TestExpertField(ObjectTypeTests):
    label = "acquisition.expertfield"

    def make(self, n):
        return [ExpertField.objects.create(code=f"T{next(SEQ)}", name=f"시험 분야 {i}") for i in range(n)]

    def create_data(self):
        return {"code": "ZZ1", "name": "시험 분야"}

    def update_data(self, obj):
        return {"code": obj.code, "name": obj.name + " (수정)"}

    def invalid_data(self):
        return {"code": "", "name": "코드 없음"}, "code"


class TestExpert(ObjectTypeTests):
    label = "acquisition.expert"

    def make(self, n):
        return [Expert.objects.create(name=f"시험 전문가 {i}", affiliation="한국대학교") for i in range(n)]

    def data(self, name):
        return {
            "name": name,
            "user": "",
            "affiliation": "미래대학교",
            "title": "교수",
            "specialties": [ExpertField.objects.get(code="SWE").pk],
            "email": "",
            "phone": "",
            "is_available": True,
            "unavailable_until": "",
            "confirmed_on": "2026-12-01",
            "note": "",
        }

    def create_data(self):
        return self.data("새 전문가")

    def update_data(self, obj):
        return self.data(obj.name + " (수정)")

    def invalid_data(self):
        return self.data(""), "name"

    def api_data(self, data):
        return {k: v for k, v in data.items() if v != ""}


class TestExpertEmployment(ObjectTypeTests):
    label = "acquisition.expertemployment"

    def data(self, end="2022-12-31"):
        return {
            "expert": Expert.objects.first().pk,
            "company": "",
            "company_name": "시험 회사",
            "start_date": "2020-01-01",
            "end_date": end,
        }

    def make(self, n):
        expert = Expert.objects.first()
        return [
            ExpertEmployment.objects.create(expert=expert, company_name=f"회사 {i}", start_date=dt.date(2020, 1, 1))
            for i in range(n)
        ]

    def create_data(self):
        return self.data()

    def update_data(self, obj):
        return {**self.data(), "expert": obj.expert_id}

    def invalid_data(self):
        return self.data(end="2019-01-01"), "end_date"

    def api_data(self, data):
        return {k: v for k, v in data.items() if v != ""}


class TestExpertExclusion(ObjectTypeTests):
    label = "acquisition.expertexclusion"

    def data(self, end="2027-06-30"):
        return {
            "expert": Expert.objects.first().pk,
            "kind": "suspension",
            "reason": "제재",
            "start_date": "2026-12-01",
            "end_date": end,
        }

    def make(self, n):
        expert = Expert.objects.first()
        return [
            ExpertExclusion.objects.create(
                expert=expert, kind="other", reason=f"사유 {i}", start_date=dt.date(2026, 1, 1)
            )
            for i in range(n)
        ]

    def create_data(self):
        return self.data()

    def update_data(self, obj):
        return {**self.data(), "expert": obj.expert_id}

    def invalid_data(self):
        return self.data(end="2026-01-01"), "end_date"


class TestEvaluation(ObjectTypeTests):
    label = "acquisition.evaluation"

    def make(self, n):
        return [_evaluation() for _ in range(n)]

    def update_data(self, obj):
        return {
            "title": obj.title + " (수정)",
            "evaluation_at": "2027-02-01T10:00",
            "place": "평가장",
            "estimated_price": 600_000_000,
            "planned_price": "",
            "price_basis": "estimated_vat",
            "committee_size": 7,
            "required_fields": [],
            "pass_rule": "threshold",
        }

    def api_data(self, data):
        return {k: v for k, v in data.items() if v != ""}


class TestEvaluationItem(ObjectTypeTests):
    label = "acquisition.evaluationitem"

    def make(self, n):
        evaluation = _evaluation()
        return [
            EvaluationItem.objects.create(
                evaluation=evaluation, order=i + 1, area="부문", name=f"항목 {i}", kind="qualitative", points=5
            )
            for i in range(n)
        ]

    def create_data(self):
        return {
            "evaluation": _evaluation().pk,
            "order": 1,
            "area": "기타",
            "name": "시험 항목",
            "kind": "qualitative",
            "points": "5",
            "evidence": "",
        }

    def update_data(self, obj):
        return {
            "order": obj.order,
            "area": obj.area,
            "name": obj.name + " (수정)",
            "kind": obj.kind,
            "points": "4.5",
            "evidence": "",
        }

    def invalid_data(self):
        return {**self.create_data(), "points": "다섯"}, "points"


class TestProposal(ObjectTypeTests):
    label = "acquisition.proposal"

    @staticmethod
    def company():
        digits = f"{700000000 + next(SEQ):09d}"
        return Company.objects.create(name=f"시험 업체 {digits}", business_number=complete_business_number(digits))

    def make(self, n):
        evaluation = _evaluation()
        return [
            Proposal.objects.create(
                evaluation=evaluation, company=self.company(), bid_price=100, submitted_on=dt.date(2026, 12, 1)
            )
            for _ in range(n)
        ]

    def create_data(self):
        return {
            "evaluation": _evaluation().pk,
            "company": self.company().pk,
            "bid_price": 450_000_000,
            "submitted_on": "2026-12-01",
            "representatives": [],
        }

    def update_data(self, obj):
        return {
            "company": obj.company_id,
            "bid_price": 400_000_000,
            "submitted_on": "2026-12-02",
            "representatives": [],
        }

    def invalid_data(self):
        return {**self.create_data(), "bid_price": -1}, "bid_price"


class TestEvaluatorDraw(ObjectTypeTests):
    label = "acquisition.evaluatordraw"

    def make(self, n):
        evaluation = _evaluation()
        return [
            EvaluatorDraw.objects.create(
                evaluation=evaluation, number=i + 1, reason="최초 선정", needed=3, algorithm="itms-draw-v1"
            )
            for i in range(n)
        ]
