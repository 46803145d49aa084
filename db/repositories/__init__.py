"""The one write path: every insert, update, archive and delete, each in one transaction with its audit row."""

from db.repositories.base import (
    FIRST_DATE,
    LAST_DATE,
    MAX_GROSS_G,
    MAX_LINE_CHARS,
    MAX_LOT_G,
    MAX_PAYMENT_FEN,
    MAX_PRICE,
    MAX_TRUCK_NET_G,
    Reference,
    Repository,
)
from db.repositories.certificates import AuditRepository, CertificateRepository
from db.repositories.masters import (
    BuyerRepository,
    CropRepository,
    MarketRepository,
    OperatorRepository,
    PlotRepository,
)
from db.repositories.store import Store
from db.repositories.trade import HarvestRepository, PaymentRepository, ShipmentRepository

__all__ = [
    "FIRST_DATE",
    "LAST_DATE",
    "MAX_GROSS_G",
    "MAX_LINE_CHARS",
    "MAX_LOT_G",
    "MAX_PAYMENT_FEN",
    "MAX_PRICE",
    "MAX_TRUCK_NET_G",
    "AuditRepository",
    "BuyerRepository",
    "CertificateRepository",
    "CropRepository",
    "HarvestRepository",
    "MarketRepository",
    "OperatorRepository",
    "PaymentRepository",
    "PlotRepository",
    "Reference",
    "Repository",
    "ShipmentRepository",
    "Store",
]
