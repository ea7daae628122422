"""Validators with Korean messages."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def business_number_check_digit(nine_digits: str) -> int:
    """The 국세청 check digit of a 사업자등록번호."""
    weights = [1, 3, 7, 1, 3, 7, 1, 3, 5]
    total = sum(int(d) * w for d, w in zip(nine_digits, weights, strict=True)) + int(nine_digits[8]) * 5 // 10
    return (10 - total % 10) % 10


def complete_business_number(nine_digits: str) -> str:
    """123456789 → 123-45-6789X with the right check digit (demo and test data)."""
    digits = nine_digits + str(business_number_check_digit(nine_digits))
    return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}"


def validate_business_number(value: str) -> None:
    """사업자등록번호: 10 digits with the 국세청 check digit."""
    digits = re.sub(r"[^0-9]", "", value or "")
    if len(digits) != 10:
        raise ValidationError(_("사업자등록번호는 숫자 10자리여야 합니다 (예: 123-45-67890)."), code="length")
    if business_number_check_digit(digits[:9]) != int(digits[9]):
        raise ValidationError(_("사업자등록번호의 검증번호가 맞지 않습니다."), code="checksum")


class CharacterClassValidator:
    """At least three of: upper-case, lower-case, digits, symbols (행정기관 비밀번호 작성 기준)."""

    def __init__(self, min_classes: int = 3):
        self.min_classes = min_classes

    def validate(self, password: str, user=None) -> None:
        classes = [
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        ]
        if sum(classes) < self.min_classes:
            raise ValidationError(
                _("비밀번호는 영문 대문자·소문자·숫자·특수문자 중 %(n)d종류 이상을 섞어야 합니다."),
                code="password_too_simple",
                params={"n": self.min_classes},
            )

    def get_help_text(self) -> str:
        return _("영문 대문자·소문자·숫자·특수문자 중 %(n)d종류 이상을 섞으십시오.") % {"n": self.min_classes}
