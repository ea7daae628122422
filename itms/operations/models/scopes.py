"""Who sees which records of Chapter 6: the IT department that operates the system (a24.1), the business department
that asked (a25.1), and the O&M vendor — only the systems of its own contracts (a24.3, a17.3)."""

from __future__ import annotations

from django.db.models import Q


def vendor_systems(user):
    """The systems covered by the maintenance contracts of the vendor's company."""
    from itms.resources.models import InformationSystem

    if not getattr(user, "company_id", None):
        return InformationSystem.objects.none().values("pk")
    return InformationSystem.objects.filter(maintenance_contracts__supplier_id=user.company_id).values("pk")


def by_system(path: str = "system") -> dict:
    return {
        "own_unit": lambda user, units: Q(**{f"{path}__operating_unit_id__in": units}),
        "own_company": lambda user, units: Q(**{f"{path}_id__in": vendor_systems(user)}),
    }


def by_contract(path: str = "contract") -> dict:
    return {
        "own_unit": lambda user, units: Q(**{f"{path}__managing_unit_id__in": units}),
        "own_company": lambda user, units: Q(**{f"{path}__supplier_id": user.company_id or 0}),
    }
