"""The intake API's services (Open311): its keys and its requests.

What other features and layers may use of this feature: everything outside
`services/intake/` imports from here, never from the modules behind it (an
import-linter contract holds this)."""

from commandcenter.services.cases.api import MAX_URL
from commandcenter.services.intake.events import PAYLOADS as EVENT_PAYLOADS
from commandcenter.services.intake.keys import (
    KEY_PREFIX,
    ApiClient,
    ApiKeys,
    KeyInfo,
    KeySource,
)
from commandcenter.services.intake.requests import (
    MAX_PHOTO_BYTES,
    Filed,
    Intake,
    IntakeReport,
    ServiceInfo,
    photo_of,
)

__all__ = [
    "EVENT_PAYLOADS",
    "KEY_PREFIX",
    "MAX_PHOTO_BYTES",
    "MAX_URL",
    "ApiClient",
    "ApiKeys",
    "Filed",
    "Intake",
    "IntakeReport",
    "KeyInfo",
    "KeySource",
    "ServiceInfo",
    "photo_of",
]
