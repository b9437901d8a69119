# SPDX-License-Identifier: EUPL-1.2
"""Browser tests: Playwright in Debian's chromium, axe-core on every page (WCAG 2.1 AA)."""
