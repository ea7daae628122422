"""Refusals about accounts and credentials (no directive clause: they protect the system itself)."""

from itms.core.errors import Code, ErrorCodes


class AccountErrors(ErrorCodes):
    namespace = "accounts"
    MORE_PRIVILEGED = Code(
        "",
        "권한이 더 큰 계정의 비밀번호·2단계 인증·잠금·사용 여부는 바꿀 수 없습니다. "
        "슈퍼유저 계정은 슈퍼유저만 관리합니다.",
        status=403,
    )
    CURRENT_CODE_REQUIRED = Code(
        "",
        "이미 2단계 인증을 쓰고 있습니다. 새 기기로 바꾸려면 지금 쓰는 OTP 앱의 코드를 함께 입력하십시오. "
        "기기를 잃어버렸으면 시스템 관리자에게 초기화를 요청하십시오.",
        status=403,
    )
    LOCKED_OUT = Code(
        "",
        "로그인에 여러 번 실패하여 잠시 잠겼습니다. {minutes}분 뒤에 다시 시도하거나 시스템 관리자에게 "
        "잠금 해제를 요청하십시오.",
        status=429,
    )
