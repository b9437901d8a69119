# SPDX-License-Identifier: EUPL-1.2
import gc
import os
from importlib import import_module

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.db import connections
from django.utils import translation

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
application = get_wsgi_application()

# Import every view (through the URLconf) and load the message catalogues now, not on a worker's first
# request: under `gunicorn --preload` this happens once in the master, before the port opens, so a
# (re)started server takes no connection it cannot answer and its forked workers start warm.
import_module(settings.ROOT_URLCONF)
for code, _name in settings.LANGUAGES:
    translation.activate(code)
translation.deactivate()
# Loading should not touch the database; if anything did, the forked workers must not share that connection.
connections.close_all()
# Everything loaded so far lives as long as the process. Frozen, the garbage collector no longer walks it,
# and so no longer writes to those pages: under `--preload` the forked workers keep sharing them with the
# master instead of each copying them on its first collection.
gc.collect()
gc.freeze()
