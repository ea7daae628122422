"""Chapter 6's part of the demo agency: how the systems are run, a year of service desk records and SLA months, and
maintenance requests at every step.

* UNI-PASS subsystems are run by 시스템운영팀 (``security``, 정보화부서장) under the O&M contract <year>-UP-OM-01 with
  the company of ``vendor`` (a24.3), with a signed SLA measured every month of the year so far (a26.2): the last month
  reported to the vendor, the one before disputed by the vendor, the rest confirmed; a diagnosis with findings (a26.1).
* 관세 빅데이터 분석 플랫폼 and APIS are run in house by 데이터담당관 (``itdept``); APIS was taken over from 행정안전부,
  built with the 전자정부지원사업 budget (a24.2).
* 통관기획과 (``sponsor``, head ``sponsor_head``) has asked for changes to 수입통관: a draft, one with its head, one
  forwarded to the IT department (its review shows the duplicate suggestions), three accepted in the queue, one
  rejected, one in adjustment with a proposal to make it a project, one turned into a project (a25).

Run twice, it changes nothing: it stops if the SLA already exists.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from itms.accounts.models import OrgUnit, User
from itms.resources.models import InformationSystem, MaintenanceContract, SystemFunction

from . import actions
from .choices import IncidentCause, IndicatorKind, OperationMode, Severity, TakeoverBudget, Urgency
from .models import (
    DiagnosisFinding,
    Incident,
    MaintenanceRequest,
    MaintenanceWindow,
    OperationArrangement,
    ServiceLevelAgreement,
    ServiceLevelDiagnosis,
    ServiceRequest,
    SystemTakeover,
)

TITLES = {
    Severity.S1: ["수입신고 접수 서비스 중단", "DB 서버 응답 없음", "전자신고 창구 접속 불가"],
    Severity.S2: ["수리 통보 지연", "세액 계산 오류", "화물 추적 조회 실패"],
    Severity.S3: ["보고서 출력 오류", "일부 화면 응답 지연", "배치 작업 지연"],
    Severity.S4: ["화면 문구 오류", "조회 정렬 오류"],
}
HOURS = {Severity.S1: (0.5, 3.5), Severity.S2: (1, 6), Severity.S3: (2, 12), Severity.S4: (4, 30)}
REQUESTS = [
    # title, description, reason, functions, state to reach, extra
    ("수입신고 심사 화면에 위험도 점수 표시", "수입신고 심사 화면에 위험관리 모형의 위험도 점수를 함께 보여 준다.",
     "심사자가 위험관리 시스템을 따로 열어 확인하느라 심사 시간이 늘었다.", ["수입신고 심사"], "accepted", 6),
    ("통관 보류 사유 코드 추가", "통관 보류 사유에 '원산지 확인 중' 코드를 추가한다.",
     "원산지 검증 보류가 '기타'로 분류되어 통계가 맞지 않는다.", ["통관 보류 관리"], "accepted", 2),
    ("검사 대상 선별 결과 엑셀 내려받기", "검사 대상 선별 결과를 엑셀로 내려받는 기능을 추가한다.",
     "검사 계획 수립 때 결과를 손으로 옮겨 적고 있다.", ["검사 대상 선별"], "accepted", 3),
    ("수입신고 수리 통보 문자 발송", "수입신고가 수리되면 신고인에게 문자로 알린다.",
     "민원인이 수리 여부를 전화로 문의하는 일이 많다.", ["수입신고 수리"], "rejected", 4),
    ("수입신고 접수·심사·수리 전 과정 재설계", "접수·심사·수리·보류 관리를 하나의 업무 흐름으로 다시 만든다.",
     "단계마다 화면이 나뉘어 처리 기간이 길다.", ["수입신고 접수", "수입신고 심사", "수입신고 수리", "통관 보류 관리"],
     "adjusting", 120),
    ("인공지능 기반 검사 대상 자동 선별", "검사 대상 선별에 인공지능 모형을 도입해 자동으로 선별한다.",
     "선별 기준을 사람이 정해 우범 화물을 놓치는 일이 있다.", ["검사 대상 선별", "수입신고 심사", "통관 보류 관리"],
     "converted", 200),
    ("수입신고 접수 화면 입력 항목 순서 변경", "접수 화면의 입력 순서를 신고서 양식과 같게 바꾼다.",
     "양식과 순서가 달라 입력 오류가 잦다.", ["수입신고 접수"], "forwarded", None),
    ("통관 보류 해제 알림", "보류가 해제되면 담당자에게 알린다.", "해제된 건을 늦게 처리하는 일이 있다.",
     ["통관 보류 관리"], "submitted", None),
    ("수입신고 심사 메모 기능", "심사자가 신고 건에 메모를 남기는 기능을 추가한다.", "인수인계 때 심사 경과가 전해지지 않는다.",
     ["수입신고 심사"], "draft", None),
]  # fmt: skip


def _aware(day: dt.date, hour: float) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min)) + dt.timedelta(hours=hour)


@transaction.atomic
def build_demo_operations(today: dt.date | None = None) -> None:
    today = today or timezone.localdate()
    year = today.year
    contract = MaintenanceContract.objects.filter(number=f"{year}-UP-OM-01").first()
    if contract is None or ServiceLevelAgreement.objects.filter(contract=contract).exists():
        return
    sot, dat = OrgUnit.objects.get(code="KCS-SOT"), OrgUnit.objects.get(code="KCS-DAT")
    users = {
        u.username: u
        for u in User.objects.filter(
            username__in=["security", "itdept", "sponsor", "sponsor_head", "vendor", "council"]
        )
    }
    systems = {s.code: s for s in InformationSystem.objects.all()}
    _arrangements(contract, systems, sot, dat, year)
    _service_desk(contract, systems, today)
    _sla(contract, users, today)
    _diagnosis(contract, sot, today)
    _requests(systems["UP-IMP"], users, today)


def _arrangements(contract, systems, sot, dat, year) -> None:
    start = dt.date(year, 1, 1)
    for system in contract.systems.all():
        OperationArrangement.objects.create(
            system=system,
            mode=OperationMode.OUTSOURCED,
            contract=contract,
            unit=sot,
            starts_on=start,
            ends_on=contract.ends_on,
            staff_count=3,
        )
    for code in ("BIGDATA", "UP-APIS"):
        if code in systems:
            OperationArrangement.objects.create(
                system=systems[code],
                mode=OperationMode.IN_HOUSE,
                unit=dat,
                starts_on=start,
                staff_count=2,
                note="자체 인력으로 운영 (유지관리 계약 종료 후 자체 운영으로 전환)" if code == "BIGDATA" else "",
            )
    if "UP-APIS" in systems:
        SystemTakeover.objects.create(
            system=systems["UP-APIS"], budget=TakeoverBudget.E_GOVERNMENT, built_by="행정안전부",
            project_name="범정부 출입국 승객정보 연계 구축사업", taken_over_on=dt.date(2019, 12, 20), receiving_unit=dat,
            note="구축 산출물과 운영자 매뉴얼을 함께 인수, 하자담보 1년",
        )  # fmt: skip


def _service_desk(contract, systems, today) -> None:
    rng = random.Random(2426)  # noqa: S311 - demo data
    covered = [s for s in contract.systems.order_by("code") if s.code != "UNIPASS"]
    start = contract.starts_on
    day = start
    number = 0
    first_by_system: dict[int, Incident] = {}
    incidents = []
    while day < today:
        for _ in range(rng.randint(0, 1) if day.weekday() < 5 else 0):
            number += 1
            system = rng.choice(covered)
            severity = rng.choices(list(HOURS), weights=[1, 3, 6, 4])[0]
            begin = _aware(day, rng.uniform(0, 23))
            low, high = HOURS[severity]
            restored = begin + dt.timedelta(hours=rng.uniform(low, high))
            previous = first_by_system.get(system.pk)
            incident = Incident(
                number=f"INC-{day.year}-{number:05d}",
                system=system,
                contract=contract,
                title=rng.choice(TITLES[severity]),
                severity=severity,
                started_at=begin,
                detected_at=begin + dt.timedelta(minutes=rng.randint(1, 20)),
                restored_at=restored if restored < timezone.now() else None,
                service_down=severity in (Severity.S1, Severity.S2),
                cause=rng.choice([c for c in IncidentCause.values if c != IncidentCause.UNKNOWN]),
                cause_detail="원인 분석 후 조치 완료",
                recurrence_of=previous if previous and rng.random() < 0.08 else None,
            )
            incidents.append(incident)
            first_by_system.setdefault(system.pk, incident)
            if previous is None:
                incident.save()
        day += dt.timedelta(days=1)
    Incident.objects.bulk_create([i for i in incidents if i.pk is None])
    # One major incident this year, restored and analysed (전자정부법 제56조의5).
    major_day = start + dt.timedelta(days=130)
    major = Incident(
        number=f"INC-{start.year}-MAJOR-01", system=systems["UP-IMP"], contract=contract,
        title="수입통관 전면 중단 (스토리지 장애)", severity=Severity.S1, started_at=_aware(major_day, 9),
        detected_at=_aware(major_day, 9.1), restored_at=_aware(major_day, 12.5), cause=IncidentCause.HARDWARE,
        cause_detail="스토리지 컨트롤러 고장, 예비 컨트롤러로 전환", is_major=True,
        analysis_submitted_on=major_day + dt.timedelta(days=20),
    )  # fmt: skip
    major.save()
    # A monthly planned window on the 2nd Sunday night, and service requests with due dates.
    month = start
    requests = []
    n = 0
    while month <= today:
        sunday = month + dt.timedelta(days=(6 - month.weekday()) % 7 + 7)
        if sunday < today:
            MaintenanceWindow.objects.create(
                system=systems["UP-IMP"],
                title=f"{month.month}월 정기 점검·패치",
                starts_at=_aware(sunday, 2),
                ends_at=_aware(sunday, 5),
            )
        for _ in range(12):
            n += 1
            requested = _aware(month + dt.timedelta(days=rng.randint(0, 26)), rng.uniform(9, 17))
            if requested.date() >= today:
                continue
            due = requested + dt.timedelta(days=3)
            late = rng.random() < 0.06
            done = requested + dt.timedelta(days=4 if late else rng.uniform(0.2, 2.5))
            requests.append(
                ServiceRequest(
                    number=f"SR-{month.year}-{n:05d}", system=rng.choice(covered), contract=contract,
                    title=rng.choice(["사용자 계정 발급", "권한 변경", "자료 추출 요청", "코드 값 추가", "보고서 양식 변경"]),
                    requester="통관기획과", requested_at=requested, due_at=due,
                    completed_at=done if done < timezone.now() else None,
                )
            )  # fmt: skip
        month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    ServiceRequest.objects.bulk_create(requests)


MANUAL = {
    IndicatorKind.BACKUP: Decimal(100),
    IndicatorKind.KEY_STAFF: Decimal("92.00"),
    IndicatorKind.SATISFACTION: Decimal("84.0"),
}


def _sla(contract, users, today) -> None:
    it_head, vendor = users["security"], users["vendor"]
    sla = actions.start_sla(contract, title=f"{contract.name} 서비스수준협약")
    sla.signed_on = contract.starts_on
    sla.save(update_fields=["signed_on"])
    ServiceLevelAgreement.workflow.execute(sla, "sign", actor=it_head)
    month = contract.starts_on.replace(day=1)
    last = today.replace(day=1)
    measured = []
    while month < last:
        values = {i.pk: MANUAL[i.kind] for i in sla.indicators.all() if i.kind in MANUAL}
        measured.append(actions.compute_month(sla, month, actor=it_head, values=values))
        month = (month + dt.timedelta(days=32)).replace(day=1)
    for index, record in enumerate(measured):
        record = record.__class__.workflow.execute(record, "report", actor=it_head)
        if index == len(measured) - 2:
            record.__class__.workflow.execute(
                record, "dispute", actor=vendor,
                data={"reason": "장애 INC 중 1건은 행정망 회선 장애(외부 원인)로 비계획 장애시간에서 빼야 합니다."},
            )  # fmt: skip
        elif index < len(measured) - 2:
            record.__class__.workflow.execute(record, "confirm", actor=it_head)


def _diagnosis(contract, unit, today) -> None:
    diagnosis = ServiceLevelDiagnosis.objects.create(
        contract=contract, diagnosed_on=contract.starts_on + dt.timedelta(days=180),
        period_start=contract.starts_on, period_end=contract.starts_on + dt.timedelta(days=179), diagnosing_unit=unit,
        method="ISO/IEC 20000-1의 서비스수준·장애·서비스 요청·변경 관리 프로세스 점검, 담당자 면담",
        summary="장애 처리 절차는 정착되었으나 변경 관리 기록과 재발 장애 분석이 부족하다.",
    )  # fmt: skip
    closed = DiagnosisFinding.objects.create(
        diagnosis=diagnosis, finding="변경 요청과 배포 기록이 연결되지 않는다.", action="변경 요청 번호를 배포 기록에 적는다.",
        due_on=diagnosis.diagnosed_on + dt.timedelta(days=60),
    )  # fmt: skip
    DiagnosisFinding.workflow.execute(
        closed, "close", actor=User.objects.get(username="security"),
        data={"result": "배포 기록 양식에 변경 요청 번호 칸을 두었다.", "closed_on": diagnosis.diagnosed_on + dt.timedelta(days=40)},
    )  # fmt: skip
    DiagnosisFinding.objects.create(
        diagnosis=diagnosis, finding="재발 장애의 근본 원인 분석이 없다.", action="재발 장애마다 문제 관리 기록을 만든다.",
        due_on=today + dt.timedelta(days=30),
    )  # fmt: skip


def _requests(system, users, today) -> None:
    flow = MaintenanceRequest.workflow
    unit = OrgUnit.objects.get(code="KCS-CLP")
    # Whoever heads 통관기획과 today: its acting head while the 직무대행 runs (a4.7).
    sponsor, head, it_head = users["sponsor"], actions.common.head_users(unit)[0], users["security"]
    functions = {f.name: f for f in SystemFunction.objects.filter(system=system)}
    for title, description, reason, names, target, workload in REQUESTS:
        request = MaintenanceRequest.objects.create(
            title=title, description=description, reason=reason, system=system, requesting_unit=unit,
            urgency=Urgency.HIGH if workload and workload < 5 else Urgency.NORMAL,
        )  # fmt: skip
        request.functions.set([functions[n] for n in names if n in functions])
        if target == "draft":
            continue
        request = flow.execute(request, "submit", actor=sponsor)
        if target == "submitted":
            continue
        request = flow.execute(request, "forward", actor=head, data={"opinion": "업무상 필요하여 요청합니다."})
        if target == "forwarded":
            continue
        big = workload >= 100
        request = flow.execute(
            request, "review", actor=it_head,
            data={
                "overlap_note": "기존 기능과 겹치지 않음 (중복 검토 제안 확인)" if not big else "기존 4개 기능을 대체",
                "change_scope": "수입통관 서브시스템 화면·서비스" + (" 전면 재설계" if big else " 일부"),
                "workload_days": workload, "interlinked_functions": len(names), "exceeds_scope": big,
            },
        )  # fmt: skip
        if target == "accepted":
            flow.execute(request, "accept", actor=it_head)
        elif target == "rejected":
            flow.execute(
                request, "reject", actor=it_head,
                data={"reason": "전자통관 포털의 알림 기능(인터넷통관포털 민원 처리)과 중복되어 그 기능으로 안내합니다."},
            )  # fmt: skip
        else:
            request = flow.execute(
                request, "adjust", actor=it_head,
                data={"proposal": "convert", "reason": "개발 업무량이 유지관리 범위를 넘어 내년도 정보화사업으로 추진할 것을 제안합니다."},
            )  # fmt: skip
            if target == "converted":
                flow.execute(request, "agree_conversion", actor=head)
