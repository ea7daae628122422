"""What in the project spine carries out a clause (see regulation.citations)."""

from itms.regulation.citations import implements

implements(
    "itms.projects.models.Project", "정보화사업 (다른 기관 예산으로 추진하는 사업 포함: 재원·예산 부담기관)", "a2.0.12"
)
