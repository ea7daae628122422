from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "itms.documents"
    verbose_name = "문서"
