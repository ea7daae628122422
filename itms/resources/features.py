"""What in the register of information systems carries out a clause (see regulation.citations)."""

from itms.regulation.citations import implements

implements("itms.resources.models.InformationSystem", "정보시스템 등록부 (목적·운영부서·등급·연계·기능)", "a2.0.1")
implements("itms.resources.models.InformationSystem.parent", "소속·산하기관 서브시스템 등록·관리", "a24.4")
