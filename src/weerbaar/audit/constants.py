# SPDX-License-Identifier: EUPL-1.2
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Changed")
    DELETE = "delete", _("Deleted")
    READ = "read", _("Viewed")
    SEARCH = "search", _("Searched")
    EXPORT = "export", _("Exported")
    DISCLOSE = "disclose", _("Disclosed")
    LOGIN = "login", _("Logged in")
    LOGIN_FAILED = "login_failed", _("Log-in failed")
    LOGOUT = "logout", _("Logged out")
    LOGOUT_EVERYWHERE = "logout_everywhere", _("Logged out everywhere")
    MFA_ENROLLED = "mfa_enrolled", _("Second factor set up")
    MFA_RESET = "mfa_reset", _("Second factor reset")
    TOKEN_ISSUED = "token_issued", _("API token issued")
    ACCESS_DENIED = "access_denied", _("Access refused")
    VERIFY = "verify", _("Chain checked")


#: The object type of the events that record a check of the hash chain.
CHAIN_OBJECT_TYPE = "audit.chain"
#: Up to this many events the chain is checked while the page waits; above it, by the task worker.
CHAIN_CHECK_INLINE_LIMIT = 20_000
