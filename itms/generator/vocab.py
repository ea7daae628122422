"""Korean vocabulary for generated data: organisations, departments, people, projects, systems.

Organisations and departments follow the pattern of the demo agency (관세청, 본부세관, 세관, 산하기관);
people's names are drawn from common Korean family and given names (weighted like the population);
project and system names are composed from the vocabulary of public-sector IT projects. Every
generated person, company and project is fictional.
"""

from __future__ import annotations

import random

from itms.core.korean import josa

# --- organisations ------------------------------------------------------------------------------------------
# (code, name, short name, parent code): 세관 under the 본부세관 of the demo agency, then two 산하기관.
CUSTOMS_OFFICES = [
    ("GCH", "천안세관", "천안세관", "SEL"),
    ("GCJ", "청주세관", "청주세관", "SEL"),
    ("GSN", "성남세관", "성남세관", "SEL"),
    ("GPJ", "파주세관", "파주세관", "SEL"),
    ("GSW", "수원세관", "수원세관", "SEL"),
    ("GDJ", "대전세관", "대전세관", "SEL"),
    ("GSC", "속초세관", "속초세관", "SEL"),
    ("GDH", "동해세관", "동해세관", "SEL"),
    ("GYD", "용당세관", "용당세관", "PUS"),
    ("GYS", "양산세관", "양산세관", "PUS"),
    ("GCW", "창원세관", "창원세관", "PUS"),
    ("GMS", "마산세관", "마산세관", "PUS"),
    ("GGN", "경남남부세관", "경남남부세관", "PUS"),
    ("GGP", "김포공항세관", "김포공항세관", "ICH"),
    ("GIP", "인천항세관", "인천항세관", "ICH"),
    ("GPH", "포항세관", "포항세관", "TAE"),
    ("GMP2", "목포세관", "목포세관", "KWJ"),
    ("GYS2", "여수세관", "여수세관", "KWJ"),
    ("GGS", "군산세관", "군산세관", "KWJ"),
    ("GJJ", "제주세관", "제주세관", "KWJ"),
    ("GJU", "전주세관", "전주세관", "KWJ"),
]
PUBLIC_INSTITUTIONS = [
    ("GKTD", "한국관세무역개발원", "관세무역개발원", "KCS"),
    ("GKCA", "한국관세물류협회", "관세물류협회", "KCS"),
]

# --- departments ------------------------------------------------------------------------------------------
# Divisions of a customs office; the first IT one becomes its 정보화부서 (a2.0.9).
OFFICE_DIVISIONS = [
    "세관운영과",
    "통관지원과",
    "수출입통관과",
    "납세심사과",
    "조사과",
    "감시과",
    "화물관리과",
    "여행자통관과",
    "휴대품검사과",
    "특송통관과",
    "관세환급과",
    "FTA지원과",
    "보세산업지원과",
    "심사총괄과",
    "외환조사과",
    "마약조사과",
    "정보분석과",
    "감시종합상황실",
]
OFFICE_IT_DIVISIONS = ["전산정보관리과", "정보화지원팀"]
# Headquarters: more divisions under the demo's bureaus (parent code, name, kind).
HQ_DIVISIONS = [
    ("KCS-CLR", "통관물류정책과", "division"),
    ("KCS-CLR", "특수통관과", "division"),
    ("KCS-CLR", "보세산업과", "division"),
    ("KCS-CLR", "여행자통관과", "division"),
    ("KCS-AUD", "관세평가과", "division"),
    ("KCS-AUD", "기업심사과", "division"),
    ("KCS-AUD", "납세자보호과", "division"),
    ("KCS-INV", "마약조사과", "division"),
    ("KCS-INV", "국제조사과", "division"),
    ("KCS-INV", "정보협력과", "division"),
    ("KCS-INT", "자유무역협정정책과", "division"),
    ("KCS-INT", "원산지지원과", "division"),
    ("KCS-INT", "해외협력과", "division"),
    ("KCS-PCO", "행정관리담당관", "officer"),
    ("KCS-PCO", "규제개혁법무담당관", "officer"),
    ("KCS-IDP", "빅데이터분석팀", "team"),
    ("KCS-IDP", "정보보호팀", "team"),
    ("KCS-IDP", "차세대시스템구축팀", "team"),
    ("KCS-SUP", "인사팀", "team"),
    ("KCS-SUP", "복지팀", "team"),
    ("KCS-ADT", "감찰팀", "team"),
    ("KCS-ADT", "감사팀", "team"),
]
INSTITUTION_UNITS = [
    "경영지원실",
    "정보기획처",
    "시스템운영처",
    "데이터사업처",
    "보안관제센터",
    "고객지원팀",
    "품질관리팀",
]
INSTITUTION_IT_UNITS = {"정보기획처", "시스템운영처", "보안관제센터"}
TEAM_NAMES = [
    "통관지원팀",
    "수입검사팀",
    "화물검사팀",
    "특송검사팀",
    "감시1팀",
    "감시2팀",
    "여행자검사팀",
    "정보분석팀",
    "환급심사팀",
    "기업지원팀",
    "마약수사팀",
    "외환수사팀",
    "위험관리팀",
    "원산지조사팀",
]

# Staff positions under a head: (title, grade).
POSITION_TITLES = [
    ("총괄 담당 사무관", "grade_5"),
    ("기획 담당 사무관", "grade_5"),
    ("업무 담당 주무관", "grade_6"),
    ("정보화 담당 주무관", "grade_6"),
    ("예산 담당 주무관", "grade_6"),
    ("민원 담당 주무관", "grade_7"),
    ("통계 담당 주무관", "grade_7"),
    ("서무 담당 주무관", "grade_8"),
    ("심사 담당 주무관", "grade_7"),
    ("분석 담당 주무관", "grade_7"),
    ("현장 담당 주무관", "grade_8"),
    ("지원 담당 주무관", "grade_9"),
]
ACTING_REASONS = [
    "부서장 국외출장",
    "부서장 장기교육 파견",
    "부서장 병가",
    "부서장 육아휴직",
    "직위 공석 (인사발령 대기)",
    "부서장 정부합동 점검반 파견",
]

# --- people ---------------------------------------------------------------------------------------------------
# Family names with rough population weights (통계청 인구주택총조사).
FAMILY_NAMES = [
    ("김", 215),
    ("이", 147),
    ("박", 84),
    ("최", 47),
    ("정", 44),
    ("강", 24),
    ("조", 21),
    ("윤", 21),
    ("장", 20),
    ("임", 17),
    ("한", 15),
    ("오", 15),
    ("서", 15),
    ("신", 15),
    ("권", 14),
    ("황", 14),
    ("안", 13),
    ("송", 13),
    ("전", 11),
    ("홍", 11),
    ("유", 11),
    ("고", 9),
    ("문", 9),
    ("양", 9),
    ("손", 9),
    ("배", 8),
    ("백", 8),
    ("허", 6),
    ("남", 5),
    ("심", 5),
    ("노", 4),
    ("하", 4),
    ("곽", 4),
    ("성", 4),
    ("차", 4),
    ("주", 4),
    ("우", 4),
    ("구", 4),
    ("민", 3),
    ("류", 3),
    ("나", 3),
    ("진", 3),
    ("지", 3),
    ("엄", 3),
    ("채", 2),
    ("원", 2),
    ("천", 2),
    ("방", 2),
    ("공", 2),
    ("현", 2),
    ("함", 1),
    ("변", 1),
    ("염", 1),
    ("여", 1),
    ("추", 1),
    ("도", 1),
    ("석", 1),
    ("선", 1),
    ("설", 1),
    ("마", 1),
    ("길", 1),
    ("연", 1),
    ("위", 1),
    ("표", 1),
    ("명", 1),
    ("기", 1),
    ("반", 1),
    ("왕", 1),
    ("남궁", 1),
    ("제갈", 1),
    ("선우", 1),
    ("황보", 1),
]
# Given names of several generations of officials (born 1965–2000).
GIVEN_NAMES = [
    "영수",
    "영호",
    "영철",
    "영민",
    "성민",
    "성호",
    "성진",
    "성훈",
    "정훈",
    "정호",
    "정민",
    "재훈",
    "재원",
    "재성",
    "재현",
    "상훈",
    "상우",
    "상철",
    "동현",
    "동욱",
    "동훈",
    "준호",
    "준영",
    "준혁",
    "준우",
    "준서",
    "민수",
    "민호",
    "민준",
    "민재",
    "현우",
    "현준",
    "현수",
    "지훈",
    "지호",
    "지환",
    "지원",
    "승현",
    "승우",
    "승민",
    "진우",
    "태현",
    "태호",
    "태윤",
    "우진",
    "도윤",
    "도현",
    "시우",
    "건우",
    "선우",
    "유준",
    "은우",
    "하준",
    "주원",
    "예준",
    "서준",
    "경호",
    "경민",
    "기현",
    "병철",
    "병수",
    "미경",
    "미영",
    "미숙",
    "은정",
    "은영",
    "은주",
    "은희",
    "현정",
    "현주",
    "지영",
    "지은",
    "지현",
    "지혜",
    "지민",
    "수진",
    "수연",
    "수빈",
    "혜진",
    "혜원",
    "선영",
    "선희",
    "정은",
    "정아",
    "소영",
    "소연",
    "유진",
    "유리",
    "예린",
    "서연",
    "서윤",
    "서현",
    "하은",
    "하윤",
    "민서",
    "윤서",
    "채원",
    "수아",
    "다은",
    "예은",
    "가영",
    "나연",
    "보람",
    "아름",
    "한별",
    "다혜",
    "세영",
    "연경",
    "주희",
    "희정",
    "명숙",
    "경희",
    "순자",
    "옥순",
    "정희",
    "영미",
    "영숙",
    "인영",
    "가은",
    "지수",
]

COMPANY_PREFIXES = [
    "한국",
    "대한",
    "미래",
    "새한",
    "동방",
    "한빛",
    "누리",
    "가온",
    "다온",
    "세종",
    "한결",
    "온누리",
    "나래",
    "빛가람",
    "해솔",
    "제일",
    "우리",
    "하나",
    "태평양",
    "아라",
]
COMPANY_SUFFIXES = [
    "정보기술",
    "데이터시스템",
    "소프트",
    "아이티",
    "정보통신",
    "시스템즈",
    "테크",
    "솔루션",
    "씨앤씨",
    "네트웍스",
    "디지털",
    "인포텍",
]
COMPANY_CITIES = [
    "서울특별시 구로구",
    "서울특별시 금천구",
    "서울특별시 강남구",
    "경기도 성남시 분당구",
    "대전광역시 유성구",
]
EXPERT_AFFILIATIONS = [
    "한국대학교 컴퓨터공학과",
    "미래대학교 산업공학과",
    "세종과학기술대학교 정보보호학과",
    "동방대학교 경영정보학과",
    "한빛대학교 데이터사이언스학과",
    "정보통신정책연구소",
    "공공데이터연구원",
    "(사)공공SW사업자협회",
    "한국IT감리협회",
    "정보시스템 감리법인 (주)가온감리",
    "소프트웨어품질연구원",
    "국가보안기술연구원 출신",
]
EXPERT_FIELDS = [
    "소프트웨어공학·요구공학",
    "데이터베이스·데이터 품질",
    "정보보호·개인정보",
    "인공지능·기계학습",
    "정보시스템 감리",
    "공공SW 사업관리",
    "클라우드·인프라",
    "전자정부·행정정보",
    "물류·공급망 정보",
    "사용자경험(UX)",
]

# --- projects --------------------------------------------------------------------------------------------------
PROJECT_DOMAINS = [
    "수입통관",
    "수출통관",
    "화물관리",
    "여행자 통관",
    "전자상거래 통관",
    "특송화물 통관",
    "관세 징수",
    "관세 환급",
    "사후심사",
    "관세조사",
    "국경감시",
    "위험관리",
    "FTA 원산지",
    "관세평가",
    "품목분류",
    "보세구역 관리",
    "수출입 물류",
    "마약 단속",
    "외환 조사",
    "관세행정 빅데이터",
    "민원 서비스",
    "행정 업무",
    "인사·복무",
    "예산·회계",
    "정보보호",
    "통합 인프라",
]
PROJECT_TECH = [
    "AI 기반",
    "빅데이터 기반",
    "클라우드 전환",
    "모바일",
    "지능형",
    "차세대",
    "실시간",
    "영상분석",
    "블록체인 기반",
    "데이터 연계",
    "",
    "",
    "",
]
PROJECT_OBJECTS = [
    "시스템",
    "플랫폼",
    "포털",
    "분석 체계",
    "통합 관리시스템",
    "선별 시스템",
    "정보 시스템",
    "서비스",
]
# Project kind → how its name ends.
KIND_SUFFIX = {
    "construction": "구축",
    "enhancement": "고도화",
    "operation": "운영·유지관리",
    "isp": "정보화전략계획(ISP) 수립",
    "bpr": "업무재설계(BPR)",
    "research": "기술검증(PoC)",
    "audit": "정보시스템 감리",
    "pmo": "사업관리(PMO) 위탁",
}
SUMMARY_GOALS = [
    "업무 처리시간을 단축하고 담당자의 반복 작업을 줄인다",
    "수출입 기업과 국민의 민원 처리 편의를 높인다",
    "위험 화물과 여행자 선별의 정확도를 높인다",
    "노후 장비를 교체하고 서비스 중단 위험을 줄인다",
    "기관 간 자료 연계를 표준화한다",
    "개인정보 보호와 정보보안 수준을 강화한다",
    "데이터에 기반한 정책 결정을 지원한다",
    "관련 법령 개정에 따른 기능을 반영한다",
]

# --- information systems -----------------------------------------------------------------------------------
SYSTEM_SUFFIXES = ["시스템", "관리시스템", "지원시스템", "포털", "통합플랫폼", "정보시스템"]
FUNCTION_OBJECTS = [
    "신고서",
    "심사 결과",
    "통계",
    "사용자",
    "권한",
    "공통 코드",
    "연계 전문",
    "첨부 문서",
    "처리 이력",
    "알림",
    "보고서",
    "대시보드",
    "배치 작업",
    "접속 기록",
    "결재 문서",
    "민원",
    "위험 지표",
    "선별 기준",
    "화물 정보",
    "세액",
    "환급금",
    "검사 결과",
    "영상 판독 기록",
    "업체 정보",
]
FUNCTION_VERBS = [
    "등록",
    "조회",
    "수정",
    "승인",
    "반려",
    "출력",
    "내려받기",
    "송수신",
    "모니터링",
    "분석",
    "관리",
    "검증",
]

# --- committees ------------------------------------------------------------------------------------------------
TASK_BODY_AREAS = [
    "통관·물류",
    "심사·조사",
    "데이터·AI",
    "인프라·보안",
    "민원·대국민서비스",
    "행정지원",
    "서울본부세관 권역",
    "부산본부세관 권역",
    "인천본부세관 권역",
    "대구본부세관 권역",
    "광주본부세관 권역",
    "인천공항본부세관 권역",
]
MEETING_PLACES = [
    "정부대전청사 관세청 대회의실",
    "정부대전청사 관세청 소회의실",
    "정보데이터정책관실 회의실",
    "서울본부세관 7층 회의실",
    "부산본부세관 대회의실",
    "인천공항본부세관 회의실",
    "영상회의 (온나라 영상회의)",
]
WRITTEN_REASONS = [
    "예산 편성 일정상 긴급히 의결이 필요함",
    "감염병 확산으로 대면 회의가 곤란함",
    "경미한 과업 변경으로 서면 심의가 적절함",
]
CIO_REQUEST_TOPICS = [
    ("정보시스템 취약점 점검 결과 조치", "정보보호 취약점 점검에서 지적된 사항을 조치하고 결과를 회신하십시오."),
    ("노후 정보자원 현황 제출", "내용연수가 지난 정보자원의 현황과 교체 계획을 제출하십시오."),
    ("개인정보 처리시스템 접속기록 점검", "개인정보 처리시스템의 접속기록을 점검하고 결과를 회신하십시오."),
    ("정보화사업 성과지표 보완", "정보화사업 성과지표를 보완하여 제출하십시오."),
    ("클라우드 전환 대상 시스템 검토", "클라우드 전환 대상 시스템을 검토하여 의견을 제출하십시오."),
    ("유지관리 계약 현황 제출", "정보시스템 유지관리 계약 현황을 제출하십시오."),
]


class Names:
    """Deterministic Korean names: a weighted family name and a given name."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self._families = [name for name, _ in FAMILY_NAMES]
        self._weights = [weight for _, weight in FAMILY_NAMES]

    def person(self) -> str:
        family = self.rng.choices(self._families, self._weights)[0]
        return family + self.rng.choice(GIVEN_NAMES)


def project_name(rng: random.Random, kind: str, year: int, system_name: str | None = None) -> str:
    suffix = KIND_SUFFIX[kind]
    if kind == "operation":
        return f"{year}년 {system_name or rng.choice(PROJECT_DOMAINS) + ' 시스템'} {suffix}"
    if kind == "audit":
        return f"{system_name or rng.choice(PROJECT_DOMAINS) + ' 시스템'} 구축사업 {suffix}"
    domain = rng.choice(PROJECT_DOMAINS)
    tech = rng.choice(PROJECT_TECH)
    thing = rng.choice(PROJECT_OBJECTS)
    return " ".join(part for part in (tech, domain, thing, suffix) if part)


def project_summary(rng: random.Random, name: str) -> str:
    first, second = rng.sample(SUMMARY_GOALS, 2)
    return f"{josa(name, '을/를')} 통해 {first}. 아울러 {second}."
