# SPDX-License-Identifier: EUPL-1.2
"""Reports of the situational picture: a PDF made in the background from the same figures, scope and
disclosure rules as the dashboard, with the analyst's own text; every making kept as a version."""
