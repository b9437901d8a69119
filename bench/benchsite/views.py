# SPDX-License-Identifier: EUPL-1.2
"""The smallest useful Django views on the same stack (middleware, gunicorn, PostgreSQL).

One inserts a row in a transaction, one reads a row by primary key, both on the table ``bench_row`` that
the benchmark creates. No authentication, no audit, no serializer.
"""

import json

from django.db import connection, transaction
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from weerbaar.core.policy import PUBLIC, access


@access(PUBLIC)
@csrf_exempt
@require_POST
def row_insert(request: HttpRequest) -> JsonResponse:
    body = json.loads(request.body or b"{}")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_row (body) VALUES (%s) RETURNING id", [json.dumps(body)])
        (pk,) = cursor.fetchone()
    return JsonResponse({"id": pk}, status=201)


@access(PUBLIC)
@require_GET
def row_read(request: HttpRequest, pk: int) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM bench_row WHERE id = %s", [pk])
        row = cursor.fetchone()
    if row is None:
        return JsonResponse({"status": 404}, status=404)
    return JsonResponse({"id": pk, "body": json.loads(row[0])})
