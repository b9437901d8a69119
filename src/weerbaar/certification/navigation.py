# SPDX-License-Identifier: EUPL-1.2
from weerbaar.accounts.constants import Perm
from weerbaar.certification.start import start_context
from weerbaar.core.navigation import StartSection, register_start_section

register_start_section(
    StartSection("certification", "certification/_start.html", start_context, Perm.PARTNERSHIPS_VIEW, order=11)
)
