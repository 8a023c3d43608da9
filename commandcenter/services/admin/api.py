"""Administration (PRODUCT §11): the first run, accounts, and (as they come)
reference data, territory files and backups.

What other features and layers may use of this feature: everything outside
`services/admin/` imports from here, never from the modules behind it (an
import-linter contract holds this)."""

from commandcenter.services.admin.backup import (
    BackupError,
    Copied,
    backup,
    last_backup,
    restore,
)
from commandcenter.services.admin.events import PAYLOADS as EVENT_PAYLOADS
from commandcenter.services.admin.reference import FIXES, Imported, ReferenceAdmin
from commandcenter.services.admin.setup import set_up
from commandcenter.services.admin.territory_import import TerritoryAdmin
from commandcenter.services.admin.users import (
    ADMIN_ROLES,
    Scope,
    ScopeChoices,
    UserAdmin,
    UserInfo,
    check_username,
    temporary_password,
)
from commandcenter.services.kernel.catalog import District, district_of

__all__ = [
    "ADMIN_ROLES",
    "EVENT_PAYLOADS",
    "FIXES",
    "BackupError",
    "Copied",
    "District",
    "Imported",
    "ReferenceAdmin",
    "Scope",
    "ScopeChoices",
    "TerritoryAdmin",
    "UserAdmin",
    "UserInfo",
    "backup",
    "check_username",
    "district_of",
    "last_backup",
    "restore",
    "set_up",
    "temporary_password",
]
