"""Reference data a new installation starts with: requirement categories, expert fields, the first RFP template,
the SW-law self-check and the legal ordering checklist (PRACTICE-FACTS §1, EXTERNAL-RULES §2, §5).

Loaded after ``migrate`` into empty tables only (``ensure_reference_data``): from then on they are the agency's data.
"""

from __future__ import annotations

from django.db import transaction

# (code, 분류, what it covers) — PRACTICE-FACTS §1.2, the de-facto 전자정부 SI set, in RFP order.
REQUIREMENT_CATEGORIES = [
    ("ECR", "시스템 장비 구성 요구사항", "공급할 HW·SW·네트워크의 규격·수량·설치·라이선스, 상용SW 직접구매 구분"),
    ("SFR", "기능 요구사항", "업무 기능별 입력·처리·출력, 사용자 역할, 화면"),
    ("PER", "성능 요구사항", "응답시간, 처리량(TPS), 동시 사용자, 배치 처리 시간, 자원 사용률"),
    ("SIR", "인터페이스 요구사항", "다른 시스템과의 연계(API·파일·DB), 사용자 인터페이스·웹 접근성"),
    ("DAR", "데이터 요구사항", "데이터 모델, DB 표준화, 데이터 전환·검증, 품질, 보존"),
    ("TER", "테스트 요구사항", "단위·통합·시스템·성능·인수 시험의 방법·기준·결과"),
    ("SER", "보안 요구사항", "개인정보, 접근통제, 암호화, 시큐어코딩·보안약점 제거, 보안성 검토 반영"),
    ("QUR", "품질 요구사항", "신뢰성, 사용성, 유지보수성, 이식성, 웹 표준·접근성·호환성"),
    ("COR", "제약사항", "법·제도·기술 제약: 표준(전자정부 표준프레임워크 등), 플랫폼, 작업 장소"),
    ("PMR", "프로젝트 관리 요구사항", "사업수행계획, 일정·위험·이슈·형상·품질관리, 보고, 인력 관리, 산출물 관리"),
    ("PSR", "프로젝트 지원 요구사항", "교육훈련, 기술지원·이전, 시험운영·안정화, 하자보수, 유지관리 인계, 비상대책"),
]

EXPERT_FIELDS = [
    ("SWE", "소프트웨어공학·요구공학"),
    ("ARC", "정보시스템 아키텍처"),
    ("DBA", "데이터베이스·데이터 품질"),
    ("SEC", "정보보호"),
    ("NET", "네트워크·인프라"),
    ("AI", "인공지능·데이터 분석"),
    ("PMO", "사업관리·감리"),
    ("CUS", "관세·통관 업무"),
]

# 제안요청서 표준 목차 (PRACTICE-FACTS §1.1). {{…}} slots are filled with the project's data.
STANDARD_CHAPTERS = [
    {
        "number": "Ⅰ",
        "title": "사업개요",
        "body": "사업명: {{사업명}}\n사업기간: 계약일부터 {{사업기간}}개월\n사업예산: {{사업예산}} (부가가치세 포함)\n"
        "계약방법: {{계약방법}}\n사업추진부서: {{사업추진부서}}\n\n추진배경 및 필요성\n{{사업개요}}\n\n사업범위\n\n기대효과\n",
    },
    {"number": "Ⅱ", "title": "사업 추진계획", "body": "추진목표\n\n추진전략\n\n추진체계\n\n추진일정\n"},
    {
        "number": "Ⅲ",
        "title": "제안요청 내용",
        "body": "목표시스템 개념도\n\n제안요청 일반사항\n\n요구사항 총괄표와 상세 요구사항은 이 장 뒤에 붙입니다.\n\n"
        "기타 유의사항 (소프트웨어 진흥법 준수사항)\n",
    },
    {"number": "Ⅳ", "title": "계약 특수조건", "body": "산출물의 귀속\n\n하자보수\n\n보안\n\n투입인력\n"},
    {"number": "Ⅴ", "title": "제안서 작성요령", "body": "제안서의 효력\n\n작성 지침\n\n제안서 목차 (평가항목 순서)\n"},
    {
        "number": "Ⅵ",
        "title": "제안 안내사항",
        "body": "입찰참가자격\n\n사업자 선정방식: {{계약방법}}, 기술·가격 배점 {{기술가격비율}}\n\n제안서 평가방법: "
        "기술평가 점수가 기술 배점 한도의 {{협상적격기준}}% 이상인 자를 협상적격자로 하고, 기술·가격 점수를 합산한 "
        "종합점수가 높은 순으로 협상합니다.\n\n계약상대자는 과업내용 변경 등에 관하여 과업심의위원회의 개최를 요청할 수 "
        "있습니다 (소프트웨어 진흥법 제50조).\n\n제출서류, 제출 일정·방법, 유의사항\n",
    },
    {"number": "Ⅶ", "title": "기타", "body": ""},
    {"number": "Ⅷ", "title": "서식", "body": "별지 서식\n"},
    {
        "number": "Ⅸ",
        "title": "별첨",
        "body": "과업심의 결과서\n\nSW사업 영향평가 결과서\n\n적정 사업기간 종합산정서\n",
    },
]

TEMPLATE_NAME = "정보시스템 구축·고도화 제안요청서 표준양식"

# SW 법령 준수 자가점검 (PRACTICE-FACTS §1.3: the checklist MSIT/NIPA send to agencies after 사전규격).
SELF_CHECK = [
    ("task_deliberation", "과업심의위원회의 심의를 거쳐 과업내용을 확정했는가 (소프트웨어 진흥법 제50조)"),
    ("commercial_sw", "상용SW 직접구매(분리발주) 대상을 구분하고 필요하면 성능시험(BMT)을 하는가"),
    ("sme_participation", "중소기업 참여 지원·대기업 참여제한을 지켰는가 (제48조)"),
    ("subcontract", "하도급 제한(하도급 비율, 재하도급 승인)을 제안요청서에 적었는가 (제51조)"),
    ("work_place", "작업장소를 제안사가 제안하게 했는가 (유지·관리 사업은 제외, 제49조제3항)"),
    ("deliverable_use", "산출물 활용 보장(반출·지식재산권)을 적었는가 (제59조)"),
    ("joint_use", "공동활용 가능한 자원·산출물을 명시했는가"),
    ("defect", "하자담보 기간과 범위가 법령과 맞는가 (제60조)"),
    ("no_brand", "특정 규격·상표를 지정하지 않았는가"),
    ("negotiation", "협상에 의한 계약 방식과 평가 방법을 밝혔는가"),
    ("technical_weight", "기술능력평가 비중(SW사업 기술 90%)을 지켰는가"),
    ("sw_criteria", "「소프트웨어 기술성 평가기준」에 따른 평가 항목·배점을 붙였는가"),
    ("proposal_compensation", "제안서 보상 대상·기준을 밝혔는가 (제52조)"),
    ("no_staff_demand", "투입인력을 특정하여 요구하거나 관리하지 않는가"),
    ("requirement_detail", "요구사항을 사업규모를 산정할 수 있을 만큼 상세히 적었는가 (제44조)"),
    ("period", "적정 사업기간 산정 기준에 따라 사업기간을 정했는가 (제45조)"),
]


@transaction.atomic
def ensure_reference_data(**kwargs) -> None:
    from .models import ExpertField, RequirementCategory, RfpTemplate

    if not RequirementCategory.objects.exists():
        for order, (code, name, note) in enumerate(REQUIREMENT_CATEGORIES, start=1):
            RequirementCategory.objects.create(code=code, name=name, scope_note=note, order=order)
    if not ExpertField.objects.exists():
        for code, name in EXPERT_FIELDS:
            ExpertField.objects.create(code=code, name=name)
    if not RfpTemplate.objects.exists():
        from django.utils import timezone

        RfpTemplate.objects.create(
            name=TEMPLATE_NAME,
            version=1,
            chapters=STANDARD_CHAPTERS,
            note="표준 목차 (사업개요 ~ 별첨)와 요구사항 11개 분류",
            published_at=timezone.now(),
        )
