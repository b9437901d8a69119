# SPDX-License-Identifier: EUPL-1.2
"""The workflow kit every app with a status machine builds on (see docs/workflow.md).

- :mod:`.history`: the append-only status history (an abstract model each app subclasses with its FK);
- :mod:`.transitions`: the table of legal moves and its check;
- :mod:`.versioning`: optimistic locking (``version``, the row lock, ``StaleVersionError``);
- :mod:`.forms`: the hidden version field and putting a service's refusal on a form;
- :mod:`.views`: the one shape of a versioned action (form, version check, service, redirect).

Import from the submodules: this package is imported by models, so it must not import models itself.
"""
