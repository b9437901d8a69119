# SPDX-License-Identifier: EUPL-1.2
"""One figure as the API gives it: the same suppressed texts as the page and the CSV file."""

from typing import Any

from rest_framework import serializers


class LabelSerializer(serializers.Serializer[Any]):
    code = serializers.CharField(read_only=True)
    naam = serializers.CharField(read_only=True)


class RowSerializer(serializers.Serializer[Any]):
    code = serializers.CharField(read_only=True)
    naam = serializers.CharField(read_only=True)
    cellen = serializers.ListField(child=serializers.CharField(), read_only=True)
    aandeel = serializers.CharField(read_only=True, allow_null=True)


class FigureSummarySerializer(serializers.Serializer[Any]):
    naam = serializers.CharField(read_only=True)
    titel = serializers.CharField(read_only=True)
    definitie = serializers.CharField(read_only=True)


class FigureSerializer(FigureSummarySerializer):
    publiek = serializers.CharField(read_only=True, help_text="internal, partners, council of public.")
    kolommen = LabelSerializer(many=True, read_only=True)
    rijen = RowSerializer(many=True, read_only=True)
    totalen = serializers.ListField(child=serializers.CharField(), read_only=True)
    weggelatenCellen = serializers.IntegerField(read_only=True)  # noqa: N815 - the API's camelCase
    drempel = serializers.IntegerField(
        read_only=True, help_text="The smallest cell counted: 5, or 10 for figures of an organisation's staff."
    )
    weggelatenDominantie = serializers.IntegerField(  # noqa: N815 - the API's camelCase
        read_only=True,
        help_text="Of the cells left out, how many because one amount was more than the audience's share of its sum.",
    )
    bijgewerktOp = serializers.DateTimeField(read_only=True, allow_null=True)  # noqa: N815 - the API's camelCase
