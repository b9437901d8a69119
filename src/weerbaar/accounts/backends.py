# SPDX-License-Identifier: EUPL-1.2
from django.contrib.auth.backends import ModelBackend


class ActiveUserModelBackend(ModelBackend):
    """Username + password; inactive users are refused (ModelBackend's default, made explicit).

    Django's ModelBackend already runs the password hasher for unknown usernames, so timing does not
    reveal whether an account exists.
    """
