"""Chapter 8 (정보자원): the register of information systems and the inventory of information assets."""

from .assets import (
    Asset,
    AssetAssignment,
    AssetAttributeValue,
    AssetRelation,
    AssetType,
    AttributeDefinition,
    Licence,
    Location,
    MaintenanceContract,
)
from .audits import AuditDiscrepancy, InventoryAudit, InventoryAuditItem
from .imports import AssetImportJob
from .systems import InformationSystem, SystemFunction, SystemGrade, SystemInterface, SystemStatus

__all__ = [
    "Asset",
    "AssetAssignment",
    "AssetAttributeValue",
    "AssetImportJob",
    "AssetRelation",
    "AssetType",
    "AttributeDefinition",
    "AuditDiscrepancy",
    "InformationSystem",
    "InventoryAudit",
    "InventoryAuditItem",
    "Licence",
    "Location",
    "MaintenanceContract",
    "SystemFunction",
    "SystemGrade",
    "SystemInterface",
    "SystemStatus",
]
