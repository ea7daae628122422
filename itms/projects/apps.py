from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "itms.projects"
    verbose_name = "정보화사업"
