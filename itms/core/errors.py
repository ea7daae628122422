"""Refusals the machine can read: a stable code, a Korean message and the clause the refusal enforces.

Each app lists its refusals once, in ``error_codes.py`` (as Saleor lists its error-code enums):

    class PlanningErrors(ErrorCodes):
        namespace = "planning"
        HELD = Code("a8.7", "보류된 사업계획은 보류를 해제하기 전까지 다음 절차를 밟을 수 없습니다.")

and refuses with ``raise Refused(PlanningErrors.HELD)``. ``Refused`` is a ``ValidationError`` and
``Forbidden`` a ``PermissionDenied``, so forms, action views and the generic pages treat them as before;
the API answers ``{code, message, clause}`` (``itms.api.exceptions``) and the coverage report lists every
code under its clause (``ERROR_CODES``). A workflow guard is the same kind of thing and is read the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.core.exceptions import BadRequest, PermissionDenied, ValidationError

from . import exercised

# code → Code, filled as the apps' error_codes modules are imported (itms.core.apps discovers them).
ERROR_CODES: dict[str, Code] = {}


@dataclass(frozen=True)
class Code:
    """One kind of refusal. ``clause`` is the id it enforces ("" when it enforces no clause, e.g. bad input)."""

    clause: str
    message: str
    code: str = ""
    # 400 for bad input, 403 for "not yours to do", 409 for "not in this state".
    status: int = 400

    def text(self, **params) -> str:
        return self.message.format(**params) if params else self.message


class ErrorCodes:
    """Subclass with a ``namespace`` and ``Code`` attributes; each gets the code "<namespace>.<name>"."""

    namespace = ""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if not cls.namespace:
            raise TypeError(f"{cls.__name__}에 namespace가 없습니다.")
        for name, value in list(vars(cls).items()):
            if isinstance(value, Code):
                named = replace(value, code=f"{cls.namespace}.{name.lower()}")
                setattr(cls, name, named)
                ERROR_CODES[named.code] = named


class CodedError:
    """What a coded refusal carries, read by the API, the action views and the tests."""

    @staticmethod
    def _noted(error_code: Code) -> Code:
        exercised.note_from_product("error", error_code.code, depth=3)
        return error_code

    error_code: Code
    message_text: str

    @property
    def clause(self) -> str:
        return self.error_code.clause

    def as_dict(self) -> dict:
        return {"code": self.error_code.code, "message": self.message_text, "clause": self.clause}


class Refused(CodedError, ValidationError):
    """A refusal because of the record's state or the input; nothing was changed."""

    def __init__(self, error_code: Code, message: str | None = None, *, field: str | None = None, **params):
        self.error_code = self._noted(error_code)
        self.message_text = message or error_code.text(**params)
        if field:
            super().__init__({field: ValidationError(self.message_text, code=error_code.code)})
        else:
            super().__init__(self.message_text, code=error_code.code)

    def __reduce__(self):  # pickling for Celery and the test-runner's workers
        return (_rebuild_refused, (self.error_code.code, self.message_text))


class Forbidden(CodedError, PermissionDenied):
    """A refusal because the actor may not do this (says who may)."""

    def __init__(self, error_code: Code, message: str | None = None, **params):
        self.error_code = self._noted(error_code)
        self.message_text = message or error_code.text(**params)
        super().__init__(self.message_text)


class BadParameter(CodedError, BadRequest):
    """A query parameter that is not what the page takes (``?per_page=-1``): a Korean 400, never a 500."""

    def __init__(self, name: str, why: str):
        self.error_code = self._noted(CoreErrors.BAD_PARAMETER)
        self.message_text = CoreErrors.BAD_PARAMETER.text(name=name, why=why)
        super().__init__(self.message_text)


def _rebuild_refused(code: str, message: str) -> Refused:
    return Refused(ERROR_CODES[code], message)


def describe(error: BaseException) -> dict:
    """``{code, message, clause}`` of any refusal (uncoded ones get a generic code and no clause)."""
    if isinstance(error, CodedError):
        return error.as_dict()
    if isinstance(error, ValidationError):
        return {"code": "invalid", "message": " ".join(error.messages), "clause": ""}
    if isinstance(error, PermissionDenied):
        return {"code": "permission_denied", "message": str(error) or "이 작업을 할 권한이 없습니다.", "clause": ""}
    return {"code": "error", "message": str(error), "clause": ""}


class CoreErrors(ErrorCodes):
    namespace = "core"
    OUT_OF_SCOPE = Code("", "이 내용으로는 저장할 권한이 없습니다. 담당 범위(부서)를 확인하십시오.", status=403)
    NOT_PERMITTED = Code("", "이 작업을 할 권한이 없습니다.", status=403)
    NOT_EDITABLE = Code("", "이 단계에서는 수정할 수 없습니다.", status=409)
    NOT_DELETABLE = Code("", "이 단계에서는 삭제할 수 없습니다.", status=409)
    READ_ONLY_FIELD = Code("", "'{label}' 항목은 여기서 바꿀 수 없습니다. {why}")
    PROTECTED = Code("", "다른 자료({what})가 참조하고 있어 삭제할 수 없습니다.", status=409)
    BAD_PARAMETER = Code("", "'{name}' 값이 올바르지 않습니다: {why}")
