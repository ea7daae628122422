from django.apps import AppConfig


class ExampleConfig(AppConfig):
    """A small process used only by the tests to prove the workflow and obligation engine."""

    name = "itms.testing.example"
    label = "example"
    verbose_name = "예시 절차 (시험용)"
