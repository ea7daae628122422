"""System check: every clause id cited in code exists in the directive in force."""

from django.core.checks import Error, register

from .citations import CITED
from .clauses import exists


@register()
def check_cited_clause_ids(app_configs=None, **kwargs):
    from itms.accounts.roles import ROLE_INFO

    cited = list(CITED)  # the apps' features.py (imported at start-up) cite their clauses too
    from .packs import PACK_PARAMETERS

    cited += [(clause_id, f"역할 {info.role.label}") for info in ROLE_INFO.values() for clause_id in info.clause_ids]
    cited += [
        (clause_id, f"규정 값 {spec.key}")
        for specs in PACK_PARAMETERS.values()
        for spec in specs
        for clause_id in spec.clause_ids
    ]
    from itms.core.errors import ERROR_CODES

    cited += [(code.clause, f"거절 코드 {code.code}") for code in ERROR_CODES.values() if code.clause]
    return [
        Error(
            f"알 수 없는 조항 ID '{clause_id}' ({where})",
            hint="조항 ID는 directive/CLAUSES.md의 형식(a8.5, a2.0.9 …)으로 현행 훈령에 있는 것이어야 합니다.",
            id="regulation.E001",
        )
        for clause_id, where in cited
        if not exists(clause_id)
    ]
