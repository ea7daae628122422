"""Refusals of the document register (a29.1: records of the project kept in the system)."""

from itms.core.errors import Code, ErrorCodes


class DocumentErrors(ErrorCodes):
    namespace = "documents"
    ATTACH_WHO = Code(
        "a29.1", "이 자료에 문서를 등록할 권한이 없습니다. 자료를 수정할 수 있는 사람이 등록합니다.", status=403
    )
    VERSION_WHO = Code("a29.1", "이 문서에 새 판을 등록할 권한이 없습니다.", status=403)
    SAME_CONTENT = Code("a29.1", "같은 내용의 파일이 이미 이 문서의 판으로 등록되어 있습니다.", status=409)
    OWN_FORM = Code(
        "a29.1",
        "이 자료의 파일은 {form}에서만 등록합니다. 그곳에서 받는 형식과 같은 파일의 중복 여부를 확인합니다.",
        status=409,
    )
