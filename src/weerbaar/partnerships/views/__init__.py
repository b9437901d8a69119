# SPDX-License-Identifier: EUPL-1.2
"""Pages of area A. Each declares the class of data it shows (``_shared.partnership_page`` / ``shows``)."""
