# SPDX-License-Identifier: EUPL-1.2
"""The certification cycle declares no permission codes of its own: it is part of an area partnership, so
its pages use the partnerships' codes and the partnerships' policy with the data class each page shows
(``partnerships.permissions.Shows``). Running the cycle is ``partnerships.manage`` on the partnership;
updating a measure's status and evidence is decided per measure by ``scopes.measure_updatable`` (its
managers and the representatives of its owner or executor). See docs/certification.md."""
