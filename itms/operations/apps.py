from django.apps import AppConfig
from django.db.models.signals import post_save


class OperationsConfig(AppConfig):
    name = "itms.operations"
    verbose_name = "운영·유지관리"

    def ready(self) -> None:
        from .actions.service import follow_diagnosis, follow_incident
        from .models import Incident, ServiceLevelDiagnosis

        # A major incident owes its analysis however it was recorded (form, import, API): 전자정부법 제56조의5.
        post_save.connect(follow_incident, sender=Incident, dispatch_uid="operations_major_incident")
        # A diagnosis however recorded meets the periodic one owed and opens the next (a26.1).
        post_save.connect(follow_diagnosis, sender=ServiceLevelDiagnosis, dispatch_uid="operations_diagnosis")
