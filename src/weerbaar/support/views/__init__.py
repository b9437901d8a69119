# SPDX-License-Identifier: EUPL-1.2
"""The public "I have been approached" form (``public``) and the trusted contact's desk (``desk``)."""
