"""Meta-tests: every registered record type is proven by the generic suites."""

import importlib
import pkgutil

import itms
from itms.core import registry
from itms.testing.suites import SUITES


def _import_all_test_modules():
    for module in pkgutil.walk_packages(itms.__path__, "itms."):
        if ".tests.test_" in module.name:
            importlib.import_module(module.name)


def test_every_registered_type_has_its_generic_suite():
    _import_all_test_modules()
    missing = sorted(set(registry.REGISTRY) - set(SUITES))
    assert not missing, f"일반 시험(ObjectTypeTests)이 없는 자료 종류: {missing}"


def test_every_registered_type_names_its_urls_by_convention():
    for object_type in registry.REGISTRY.values():
        assert object_type.url_name("list") == f"{object_type.app_label}:{object_type.model_name}_list"
        assert object_type.path == object_type.path.lower() and " " not in object_type.path
