from django.apps import AppConfig


class GeneratorConfig(AppConfig):
    name = "itms.generator"
    verbose_name = "자료 생성 (데모·대규모 기관)"
