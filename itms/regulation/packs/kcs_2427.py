"""The parameters of 훈령 제2427호: every number of the directive, and the external defaults it points to.

External values come from ../shared/directive/EXTERNAL-RULES.md with its confidence tags
([V] statute read, [S] secondary sources, [U] unverified); check them before relying on them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models.parameters import Confidence as C
from ..models.parameters import ParameterUnit as U


@dataclass(frozen=True)
class Spec:
    key: str
    name: str
    value: object
    unit: str
    clause_ids: tuple[str, ...]
    description: str
    confidence: str = C.DIRECTIVE
    source: str = "관세행정 정보화 추진에 관한 훈령 제2427호"
    choices: tuple[str, ...] = ()


COUNTING = ("strict", "lenient")  # "N일 전까지": N clear days between (strict) or D − N (lenient)
EXT = "EXTERNAL-RULES.md"

PARAMETERS = [
    # --- Ch.3 planning cycle -------------------------------------------------------------------------
    Spec(
        "pre_review_due",
        "사전검토 의뢰 기한",
        "01-31",
        U.MONTH_DAY,
        ("a8.1",),
        "사업개시 전년도 1월 31일까지 정보기획담당관에게 사전검토를 의뢰한다.",
    ),
    Spec(
        "plan_due",
        "정보화 사업계획서 제출 기한",
        "04-30",
        U.MONTH_DAY,
        ("a8.3",),
        "사업개시 전년도 4월 말까지 사업계획서를 제출한다.",
    ),
    Spec(
        "detailed_plan_due",
        "세부 사업계획 제출 기한",
        "12-31",
        U.MONTH_DAY,
        ("a9.1",),
        "사업개시 전년도 12월 말까지 (정보기획담당관이 따로 통보한 기한이 있으면 그에 따른다).",
    ),
    Spec(
        "pre_review_result_days",
        "사전검토 결과 통보 기간",
        30,
        U.DAYS,
        ("a8.2", "a8.3"),
        "훈령은 정보기획담당관이 사전검토 결과를 언제까지 통보할지 정하지 않았다. 사업추진부서가 그 결과를 반영하여 "
        "사업개시 전년도 4월 말까지 사업계획서를 내야 하므로(제8조제3항), 시스템 기본값으로 의뢰를 받은 날부터 30일 "
        "이내(민법 제157조 초일 불산입, 제161조 말일 순연)를 정보기획담당관의 할 일로 등록한다.",
        confidence=C.SYSTEM,
        source="시스템 기본값 (훈령에 기한 없음)",
    ),
    Spec(
        "cycle_opening_months_before",
        "다음연도 계획 주기 자동 개시 시점(사전검토 의뢰 기한 몇 달 전)",
        1,
        U.MONTHS,
        ("a8.1",),
        "사업연도 Y의 계획 주기는 사전검토 의뢰 기한(Y−1년 1월 31일, 제8조제1항)이 든 달의 이 값만큼 앞선 달 1일에 "
        "시스템이 스스로 연다 (1이면 Y−2년 12월 1일, 0이면 Y−1년 1월 1일). 사업추진부서가 기한 전에 사전검토 의뢰서를 "
        "준비할 수 있게 한다.",
        confidence=C.SYSTEM,
        source="시스템 기본값 (훈령에 개시일 없음)",
    ),
    Spec(
        "impact_review_days",
        "영향도 검토 회신 기간",
        14,
        U.DAYS,
        ("a8.5",),
        "영향도 검토 요청을 받은 날로부터 14일 이내 회신 (민법 제157조 초일 불산입, 제161조 말일 순연).",
    ),
    Spec(
        "bpr_isp_threshold",
        "업무재설계·정보화전략계획 검토 대상 사업규모",
        1_000_000_000,
        U.WON,
        ("a8.6.4",),
        "사업규모 10억원 이상인 시스템 구축사업은 BPR·ISP 수립에 관한 사항을 검토한다.",
    ),
    # --- Ch.2 committees -------------------------------------------------------------------------------
    Spec(
        "committee_size",
        "정보화추진위원회 내부위원 수(내외)",
        10,
        U.COUNT,
        ("a4.2",),
        "위원장을 포함하여 10인 내외의 내부위원으로 구성한다.",
    ),
    Spec(
        "agenda_distribution_days",
        "회의 안건 배포 기한",
        7,
        U.DAYS,
        ("a4.10",),
        "간사는 위원회 개최 7일 전까지 회의 안건을 작성하여 배포한다.",
    ),
    Spec(
        "agenda_distribution_counting",
        "안건 배포 기한 계산 방식",
        "strict",
        U.CHOICE,
        ("a4.10",),
        "strict: 배포일과 회의일 사이에 7일을 둔다 (D−8일까지), lenient: D−7일까지.",
        choices=COUNTING,
    ),
    Spec(
        "committee_convening_demand_percent",
        "위원회 소집 요구에 필요한 위원 비율(재적위원 대비)",
        0,
        U.PERCENT,
        ("a4.6",),
        "위원의 소집 요구로 위원장이 소집한다. 훈령은 요구할 위원 수를 정하지 않았으므로 위원 한 명의 요구로 "
        "족하다(0% = 1명). 기관이 '재적위원 3분의 1 이상' 등으로 정하면 그 백분율(이상, 예: 33.3)을 적는다.",
    ),
    Spec(
        "convening_demand_days",
        "소집 요구에 따른 소집 기한",
        14,
        U.DAYS,
        ("a4.6",),
        "훈령은 소집 요구를 받은 위원장이 언제까지 소집할지 정하지 않았다. 시스템 기본값으로 요구가 성립한 날부터 "
        "14일 이내(민법 제157조 초일 불산입, 제161조 말일 순연)를 위원장의 할 일로 등록한다.",
        confidence=C.SYSTEM,
        source="시스템 기본값 (훈령에 기한 없음)",
    ),
    Spec(
        "committee_quorum",
        "위원회 의사정족수",
        "1/2",
        U.RATIO,
        ("a4.8",),
        "위원장을 포함한 재적위원 과반수(1/2 초과)의 출석으로 회의를 시작한다.",
    ),
    Spec(
        "committee_majority",
        "위원회 의결정족수",
        "1/2",
        U.RATIO,
        ("a4.8",),
        "출석위원 과반수(1/2 초과)의 찬성으로 의결한다.",
    ),
    Spec(
        "council_quorum",
        "실무협의회 의사정족수",
        "1/2",
        U.RATIO,
        ("a5.8",),
        "위원장을 포함한 재적위원 과반수(1/2 초과)의 출석으로 회의를 시작한다.",
    ),
    Spec(
        "council_majority",
        "실무협의회 의결정족수",
        "1/2",
        U.RATIO,
        ("a5.8",),
        "출석위원 과반수(1/2 초과)의 찬성으로 의결한다.",
    ),
    # --- Ch.4 acquisition --------------------------------------------------------------------------------
    Spec(
        "evaluation_committee_lead_days",
        "기술평가위원회 구성 기한",
        5,
        U.DAYS,
        ("a15.4",),
        "기술평가일부터 5일 전까지 평가위원회를 구성한다 (긴급성·보안·특수성 사유가 있으면 예외).",
    ),
    Spec(
        "evaluation_committee_counting",
        "평가위원회 구성 기한 계산 방식",
        "strict",
        U.CHOICE,
        ("a15.4",),
        "strict: 구성일과 평가일 사이에 5일을 둔다, lenient: 평가일−5일까지.",
        choices=COUNTING,
    ),
    Spec(
        "evaluation_quorum",
        "평가위원회 회의개최 정족수",
        "2/3",
        U.RATIO,
        ("a15.5",),
        "평가인원의 3분의 2 이상 (미달 시 연기하고 위원을 새로 선정).",
    ),
    Spec(
        "expert_pool_minimum",
        "전문가명부 최소 인원",
        50,
        U.COUNT,
        ("a15.7",),
        "정보기획담당관은 50명 이상의 전문가명부를 작성·관리한다.",
    ),
    # --- Ch.5 execution --------------------------------------------------------------------------------
    Spec(
        "acceptance_test_lead_days",
        "인수테스트 요청 기한",
        14,
        U.DAYS,
        ("a20.3",),
        "검사를 완료하기 최소 14일 전까지 정보화부서장에게 인수테스트를 요청한다.",
    ),
    Spec(
        "acceptance_test_counting",
        "인수테스트 요청 기한 계산 방식",
        "strict",
        U.CHOICE,
        ("a20.3",),
        "strict: 요청일과 검사 완료일 사이에 14일을 둔다, lenient: 검사 완료일−14일까지.",
        choices=COUNTING,
    ),
    # Ch.5 execution (itms/execution, issue 15): kickoff, progress, inspection, defects, audit, changes of scope
    Spec(
        "kickoff_days",
        "착수계·사업수행계획서 제출 기간",
        10,
        U.DAYS,
        ("a18.1",),
        "계약 후 10일 이내에 착수계와 사업수행계획서를 제출받는다 (계약일 다음 날부터, 민법 제157조·제161조).",
        C.SECONDARY,
        "PRACTICE-FACTS.md §4.2 (착수계 10일, 용역계약 관행)",
    ),
    Spec(
        "progress_delay_tolerance_percent",
        "진도 지연 판단 기준",
        5,
        U.PERCENT,
        ("a19.0.2",),
        "작업의 실적 진척률이 계획 진척률보다 이만큼(%p) 넘게 뒤지거나 계획 종료일이 지났는데 끝나지 않았으면 지연으로 본다.",
        C.SYSTEM,
        "시스템 기본값 (훈령에 기준 없음)",
    ),
    Spec(
        "multi_year_contract_months",
        "장기계속계약 의무 사업기간(초과)",
        12,
        U.MONTHS,
        ("a17.1",),
        "사업기간이 1년을 넘는 소프트웨어사업은 장기계속계약으로 한다.",
        C.VERIFIED,
        "소프트웨어 진흥법 제45조제2항 (" + EXT + " 부록)",
    ),
    Spec(
        "inspection_days",
        "검사 기한 (완료 통지부터)",
        14,
        U.DAYS,
        ("a22",),
        "계약상대자의 완료 통지(완료계)를 받은 날부터 14일 이내에 검사를 마친다.",
        C.VERIFIED,
        "국가를 당사자로 하는 계약에 관한 법률 시행령 제55조제1항 (" + EXT + " 부록)",
    ),
    Spec(
        "defect_liability_months",
        "하자담보책임 기간",
        12,
        U.MONTHS,
        ("a22", "a23.2"),
        "최종 산출물을 인도한 날(시험·검사 후)부터 1년 동안 계약상대자가 하자담보책임을 진다.",
        C.VERIFIED,
        "소프트웨어 진흥법 제60조 (" + EXT + " 부록)",
    ),
    Spec(
        "task_change_reply_days",
        "계약상대자 과업심의 요청 결과 통보 기간",
        14,
        U.DAYS,
        ("a13.3",),
        "계약상대자가 과업내용 변경 심의를 요청하면 요청을 받은 날부터 14일 이내에 심의 결과와 조치계획을 알린다.",
        C.VERIFIED,
        "소프트웨어 진흥법 제50조, 시행령 제47조 (" + EXT + " §5)",
    ),
    Spec(
        "audit_two_stage_budget",
        "2단계 감리 가능 사업비(미만)",
        2_000_000_000,
        U.WON,
        ("a21.2",),
        "사업비가 이보다 작거나 사업기간이 짧은 사업은 요구정의 단계를 빼고 2단계(설계·종료)로 감리할 수 있다.",
        C.SECONDARY,
        "「정보시스템 감리기준」 관행 (PRACTICE-FACTS.md §3)",
    ),
    Spec(
        "audit_two_stage_months",
        "2단계 감리 가능 사업기간(미만)",
        6,
        U.MONTHS,
        ("a21.2",),
        "사업기간이 6개월 미만인 사업은 2단계(설계·종료)로 감리할 수 있다.",
        C.SECONDARY,
        "「정보시스템 감리기준」 관행 (PRACTICE-FACTS.md §3)",
    ),
    # --- Ch.6 operations --------------------------------------------------------------------------------
    Spec(
        "interlinked_functions_threshold",
        "아키텍처 표준 적용 대상 연계 기능 수",
        3,
        U.COUNT,
        ("a25.5",),
        "3개 이상 상호 연계된 기능을 유지관리로 개선·신규개발하면 아키텍처 표준을 지키고 산출물을 등록한다.",
    ),
    # --- Ch.8 information resources (a29) --------------------------------------------------------------------
    Spec(
        "asset_verification_months",
        "정보자산 현행화 확인 주기",
        12,
        U.MONTHS,
        ("a29.3",),
        "정보자산 담당자는 장비별 목록을 현행화하여 관리한다(제29조제3항). 훈령은 주기를 정하지 않았으므로 시스템 "
        "기본값으로 실사나 담당자의 확인이 이 기간 없었던 자산을 '현행화 필요'로 보고 담당자에게 알린다.",
        confidence=C.SYSTEM,
        source="시스템 기본값 (훈령에 주기 없음)",
    ),
    Spec(
        "asset_currency_update_days",
        "현행화 필요 자산의 정비 기간",
        30,
        U.DAYS,
        ("a29.3",),
        "현행화 확인 주기를 넘긴 자산이 있으면 그 범위의 정보자산 담당자에게 알린 날부터 30일 이내(민법 제157조 초일 "
        "불산입, 제161조 말일 순연)에 확인·정비하도록 할 일로 등록한다.",
        confidence=C.SYSTEM,
        source="시스템 기본값 (훈령에 기한 없음)",
    ),
    Spec(
        "inventory_audit_report_days",
        "정보자산 실사 결과 통보 기한(실사 종료일부터)",
        14,
        U.DAYS,
        ("a29.3.3",),
        "정보자산 담당자는 운영·유지관리 대상 식별과 방문 실사의 결과를 정보기획담당관에게 통보한다(제29조제3항제3호). "
        "훈령은 기한을 정하지 않았으므로 시스템 기본값으로 실사 종료일부터 14일 이내를 할 일로 등록한다.",
        confidence=C.SYSTEM,
        source="시스템 기본값 (훈령에 기한 없음)",
    ),
    Spec(
        "asset_acknowledgement_days",
        "지급 자산 수령 확인 기간",
        7,
        U.DAYS,
        ("a29.3.4",),
        "PC·단말기 등 정보자산을 지급받은 사람이 지급일부터 7일 이내에 수령을 확인한다 (시스템 기본값).",
        confidence=C.SYSTEM,
        source="시스템 기본값 (훈령에 기한 없음)",
    ),
    Spec(
        "asset_support_warning_days",
        "기술지원 종료 임박 기준",
        180,
        U.DAYS,
        ("a29.3.1",),
        "운영·유지관리 대상 식별(제29조제3항제1호) 보고서에서 기술지원 종료일이 이 기간 안에 드는 자산을 '종료 임박'으로 "
        "표시한다 (시스템 기본값).",
        confidence=C.SYSTEM,
        source="시스템 기본값",
    ),
    Spec(
        "asset_useful_life_years",
        "정보자산 내용연수(분류별)",
        [
            {"kind": "server", "name": "서버", "years": 6},
            {"kind": "storage", "name": "스토리지·백업", "years": 6},
            {"kind": "network", "name": "네트워크 장비", "years": 6},
            {"kind": "security", "name": "정보보호 장비", "years": 6},
            {"kind": "terminal", "name": "PC·단말기", "years": 5},
            {"kind": "hw_other", "name": "기타 하드웨어", "years": 6},
        ],
        U.TABLE,
        ("a29.3.1",),
        "자산 유형에 내용연수를 따로 적지 않으면 이 표의 분류별 연수로 내용연수 만료일을 계산한다. 조달청 「내용연수」 "
        "고시(물품관리법 제16조의2)는 2025. 1. 1. 시행 개정에서 정보화 장비의 내용연수를 1~2년 줄였으나 품목별 연수는 "
        "확인하지 못했다. 고시 원문을 확인하여 고치십시오.",
        C.UNVERIFIED,
        "조달청 내용연수 고시 (" + EXT + " §9)",
    ),
    # --- external defaults (EXTERNAL-RULES.md) -----------------------------------------------------------
    Spec(
        "audit_public_minimum",
        "대국민·공동이용 사업 감리 면제 가능 사업비(미만)",
        100_000_000,
        U.WON,
        ("a21.1",),
        "대국민 서비스·공동이용 시스템은 감리 대상; 단순 HW·SW 구매비를 뺀 사업비 1억원 미만이면 면제 가능.",
        C.VERIFIED,
        "전자정부법 시행령 제71조제1항제1호 (" + EXT + " §3)",
    ),
    Spec(
        "audit_construction_threshold",
        "구축사업 감리 의무 사업비(이상)",
        500_000_000,
        U.WON,
        ("a21.1",),
        "사업비(단순 HW·SW 구매비 제외) 5억원 이상인 구축사업은 감리 대상.",
        C.VERIFIED,
        "전자정부법 시행령 제71조제1항제2호 (" + EXT + " §3)",
    ),
    Spec(
        "audit_pmo_exemption_months",
        "사업관리 위탁 시 감리 면제 사업기간(미만)",
        5,
        U.MONTHS,
        ("a21.1",),
        "전자정부사업관리 위탁 사업 중 사업기간 5개월 미만 구축사업은 감리 면제 가능.",
        C.VERIFIED,
        "전자정부법 시행령 제71조제2항 (" + EXT + " §3)",
    ),
    Spec(
        "technical_weight_percent",
        "기술평가 배점 비율(SW사업)",
        90,
        U.PERCENT,
        ("a15.9",),
        "협상에 의한 계약의 기술:가격 = 90:10 (SW사업). 일반용역은 80:20 또는 70:30을 사업별로 선택.",
        C.SECONDARY,
        "소프트웨어 기술성 평가기준, SPRI 2018 (" + EXT + " §2)",
    ),
    Spec(
        "negotiation_eligibility_percent",
        "협상적격자 기술점수 기준",
        85,
        U.PERCENT,
        ("a15.9",),
        "기술평가 점수가 기술 배점 한도의 85% 이상인 자를 협상적격자로 한다.",
        C.SECONDARY,
        "조달청 협상에 의한 계약 제안서평가 세부기준 (" + EXT + " §2)",
    ),
    Spec(
        "score_trimming",
        "정성평가 점수 산정 방식",
        "drop_highest_and_lowest",
        U.CHOICE,
        ("a15.9",),
        "정성평가는 평가위원 점수 중 최고·최저 점수를 각 1개 제외한 산술평균.",
        C.SECONDARY,
        "조달청 세부기준 관행 (" + EXT + " §2)",
        ("drop_highest_and_lowest", "plain_mean"),
    ),
    Spec(
        "suitability_pass_percent",
        "적합성평가 적합 기준",
        85,
        U.PERCENT,
        ("a16",),
        "단독응찰 제안서는 기술점수가 배점 한도의 85% 이상이면 적합 (관행; 기관에 따라 다수결).",
        C.UNVERIFIED,
        EXT + " §2",
    ),
    Spec(
        "evaluator_count_table",
        "사업규모별 제안서 평가위원 수",
        [],
        U.TABLE,
        ("a15.2",),
        "행정안전부 고시의 사업규모별 평가위원 수 표 — 원문을 확인하여 채워야 한다 (비어 있으면 경고).",
        C.UNVERIFIED,
        "행정기관 및 공공기관 정보시스템 구축ㆍ운영 지침 (" + EXT + " §1)",
    ),
    Spec(
        "task_committee_min_members",
        "과업심의위원회 최소 위원 수",
        5,
        U.COUNT,
        ("a13.1",),
        "위원장 포함 5명 이상 10명 이하.",
        C.VERIFIED,
        "소프트웨어 진흥법 시행령 제46조 (" + EXT + " §5)",
    ),
    Spec(
        "task_committee_max_members",
        "과업심의위원회 최대 위원 수",
        10,
        U.COUNT,
        ("a13.1",),
        "위원장 포함 5명 이상 10명 이하.",
        C.VERIFIED,
        "소프트웨어 진흥법 시행령 제46조 (" + EXT + " §5)",
    ),
    Spec(
        "task_committee_external_share",
        "과업심의위원회 외부위원 비율(초과)",
        "1/2",
        U.RATIO,
        ("a13.1",),
        "위원의 과반수는 해당 기관 소속이 아닌 사람이어야 한다.",
        C.VERIFIED,
        "소프트웨어 진흥법 시행령 제46조 (" + EXT + " §5)",
    ),
    Spec(
        "task_committee_term_years",
        "과업심의위원회 위촉위원 임기",
        2,
        U.YEARS,
        ("a13.1",),
        "위촉위원의 임기는 2년, 한 차례 연임 가능.",
        C.VERIFIED,
        "소프트웨어 진흥법 시행령 제46조 (" + EXT + " §5)",
    ),
    # --- system defaults -----------------------------------------------------------------------------
    Spec(
        "due_soon_working_days",
        "기한 임박 알림 시점",
        3,
        U.WORKING_DAYS,
        ("a2.0.7",),
        "기한까지 남은 근무일이 이 값 이하이면 '기한 임박'으로 알린다.",
        C.SYSTEM,
        "정보화관리시스템 기본값",
    ),
]
