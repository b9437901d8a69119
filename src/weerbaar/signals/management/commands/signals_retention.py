# SPDX-License-Identifier: EUPL-1.2
"""The former name of ``retention_run``, kept so existing cron lines go on working."""

from weerbaar.core.management.commands.retention_run import Command as RetentionRunCommand


class Command(RetentionRunCommand):
    help = "Old name of retention_run (every registered retention policy, signals included)."
