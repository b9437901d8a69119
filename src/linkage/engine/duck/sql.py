# SPDX-License-Identifier: EUPL-1.2
"""The model as DuckDB SQL: the blocking keys of `blocking.block_keys` and the levels of `scoring.compare`."""

from __future__ import annotations

from ..scoring import GIVEN_JW, JW_TOLERANCE, SURNAME_JW, SURNAME_JW_LOW

# The blocking keys of `blocking.block_keys` over the normalised table: one row per record and key, the
# key as (kind, parts) instead of one string, which DuckDB groups faster. The parts have fixed widths or
# cannot contain each other's separators, so these keys group records exactly as the key strings do.
_KEYS_SQL = """
    WITH d AS (
        SELECT idx, given, surname, surname_key AS sk, birth_date AS birth, postcode, house_number, street, city,
            address_ok, {identifiers}
            date_ok, given[1] AS initial, substr(birth_date, 1, 4) AS year, substr(birth_date, 6, 2) AS month,
            substr(birth_date, 9, 2) AS day
        FROM r
    )
    SELECT idx, 1::TINYINT AS kind, postcode AS k1, house_number AS k2, NULL::VARCHAR AS k3 FROM d
        WHERE address_ok AND postcode <> '' AND house_number <> ''
    UNION ALL SELECT idx, 2, initial, birth, NULL FROM d WHERE initial <> '' AND birth <> '' AND date_ok
    UNION ALL SELECT idx, 3, least(given, surname), greatest(given, surname), year FROM d
        WHERE given <> '' AND surname <> '' AND birth <> ''
    UNION ALL SELECT idx, 4, sk, birth, NULL FROM d WHERE sk <> '' AND birth <> '' AND date_ok
    UNION ALL SELECT idx, unnest([5, 6, 7, 8]::TINYINT[]), sk, initial,
            unnest([month || day, year || month, year || day, year || least(month, day) || greatest(month, day)])
        FROM d WHERE sk <> '' AND initial <> '' AND birth <> ''
    UNION ALL SELECT idx, 9, given, sk, NULL FROM d WHERE sk <> '' AND given <> ''
    UNION ALL SELECT idx, 10, sk, initial, postcode FROM d WHERE sk <> '' AND initial <> '' AND postcode <> ''
    UNION ALL SELECT idx, 11, sk, initial, street FROM d WHERE sk <> '' AND initial <> '' AND street <> ''
    UNION ALL SELECT idx, 12, sk, initial, city FROM d WHERE sk <> '' AND initial <> '' AND city <> ''
    UNION ALL SELECT idx, 13, birth, postcode, NULL FROM d WHERE birth <> '' AND date_ok AND postcode <> ''
    UNION ALL SELECT idx, 14, birth, street, NULL FROM d WHERE birth <> '' AND date_ok AND street <> ''
    UNION ALL SELECT idx, 15, street, house_number, surname[1] FROM d
        WHERE address_ok AND street <> '' AND house_number <> '' AND surname <> ''
    UNION ALL SELECT idx, 16, given, street, NULL FROM d WHERE given <> '' AND street <> ''
"""


def keys_sql(n_identifiers: int = 0) -> list[str]:
    """`_KEYS_SQL` as one query per kind of key (the four narrow surname keys together), and a key on
    the exact value of each of ``n_identifiers`` identifier columns. Blocking runs them one after the
    other, so only one kind's keys are held at a time."""
    head, _, body = _KEYS_SQL.format(identifiers="".join(f"ident_{k}, " for k in range(n_identifiers))).partition(
        "\n    )\n"
    )
    head += "\n    )\n"
    selects = [part.strip() for part in body.split("UNION ALL") if part.strip()]
    selects += [
        f"SELECT idx, {17 + k}, ident_{k}, NULL, NULL FROM d WHERE ident_{k} <> ''"  # noqa: S608 - our names
        for k in range(n_identifiers)
    ]
    # Every query with the columns and types of the first (a SELECT takes its names from the first of a union).
    typed = "SELECT NULL::INTEGER AS idx, NULL::TINYINT AS kind, NULL::VARCHAR AS k1, NULL::VARCHAR AS k2, "
    typed += "NULL::VARCHAR AS k3 WHERE false UNION ALL "
    return [f"{head}SELECT * FROM ({typed}{select})" for select in selects]  # noqa: S608 - constant SQL


def _sql_levels(a: str, b: str) -> str:
    """SQL for the four comparison levels of aliases a and b; mirrors `scoring.compare`.

    The plain form of the levels, one CASE per feature, for reading and for porting to other SQL engines;
    the engine runs `_levels_sql`, the same levels computed in stages (a test keeps the two equal).
    Thresholds are lowered by `scoring.JW_TOLERANCE` exactly as `scoring.at_least` does.
    """
    jw = "jaro_winkler_similarity"
    given_jw, surname_jw, surname_low = (repr(t - JW_TOLERANCE) for t in (GIVEN_JW, SURNAME_JW, SURNAME_JW_LOW))
    swapped = (
        f"({a}.given <> '' AND {a}.surname <> '' AND {b}.given <> '' AND {b}.surname <> '' "
        f"AND {jw}({a}.given, {b}.given) < {given_jw} AND {jw}({a}.surname, {b}.surname) < {surname_jw} "
        f"AND {jw}({a}.given, {b}.surname) >= {surname_jw} AND {jw}({a}.surname, {b}.given) >= {surname_jw})"
    )
    return f"""
        {swapped} AS swapped,
        {a}.given AS gl, CASE WHEN swapped THEN {b}.surname ELSE {b}.given END AS gr,
        {a}.surname AS sl, CASE WHEN swapped THEN {b}.given ELSE {b}.surname END AS sr,
        {a}.surname_key AS kl, CASE WHEN swapped THEN {b}.given_key ELSE {b}.surname_key END AS kr,
        CASE WHEN gl = '' OR gr = '' THEN -1 WHEN gl = gr THEN 3
             WHEN length(gl) = 1 OR length(gr) = 1 THEN CASE WHEN gl[1] = gr[1] THEN 1 ELSE 0 END
             WHEN {jw}(gl, gr) >= {given_jw} THEN 2 WHEN gl[1] = gr[1] THEN 1 ELSE 0 END AS l_given,
        CASE WHEN sl = '' OR sr = '' THEN -1 WHEN sl = sr THEN 3
             WHEN {jw}(sl, sr) >= {surname_jw} OR kl = kr THEN 2
             WHEN {jw}(sl, sr) >= {surname_low} THEN 1 ELSE 0 END AS l_surname,
        CASE WHEN NOT ({a}.date_ok AND {b}.date_ok) OR {a}.birth_date = '' OR {b}.birth_date = '' THEN -1
             WHEN {a}.birth_date = {b}.birth_date THEN 3
             WHEN hamming({a}.birth_date, {b}.birth_date) <= 1
               OR (substr({a}.birth_date, 1, 4) = substr({b}.birth_date, 1, 4)
                   AND substr({a}.birth_date, 6, 2) = substr({b}.birth_date, 9, 2)
                   AND substr({a}.birth_date, 9, 2) = substr({b}.birth_date, 6, 2)) THEN 2
             WHEN substr({a}.birth_date, 1, 4) = substr({b}.birth_date, 1, 4) THEN 1 ELSE 0 END AS l_birth_date,
        CASE WHEN NOT (({a}.address_ok OR {a}.address_crowded) AND ({b}.address_ok OR {b}.address_crowded)) THEN -1
             WHEN ({a}.postcode = '' AND {a}.street = '' AND {a}.city = '')
               OR ({b}.postcode = '' AND {b}.street = '' AND {b}.city = '') THEN -1
             WHEN {a}.house_number <> '' AND {a}.house_number = {b}.house_number
               AND (({a}.postcode <> '' AND {a}.postcode = {b}.postcode)
                    OR ({a}.street <> '' AND {a}.street = {b}.street AND {a}.city <> '' AND {a}.city = {b}.city))
               THEN CASE WHEN {a}.address_crowded OR {b}.address_crowded THEN 1 ELSE 3 END
             WHEN {a}.postcode <> '' AND {a}.postcode = {b}.postcode THEN 2
             WHEN ({a}.city <> '' AND {a}.city = {b}.city)
               OR ({a}.postcode <> '' AND substr({a}.postcode, 1, 4) = substr({b}.postcode, 1, 4)) THEN 1
             ELSE 0 END AS l_address
    """


_LEVEL_COLUMNS = "l_given, l_surname, l_birth_date, l_address"


def level_columns(n_identifiers: int = 0) -> str:
    """The level columns of `_levels_sql`: those of `_LEVEL_COLUMNS`, then ``l_id0``, ``l_id1``..."""
    return _LEVEL_COLUMNS + "".join(f", l_id{k}" for k in range(n_identifiers))


def _levels_sql(pairs: str, n_identifiers: int = 0) -> str:
    """``SELECT i, j, l_given, l_surname, l_birth_date, l_address`` for the pairs ``(i, j)`` of table ``pairs``.

    The same levels as `_sql_levels`, computed in stages so that DuckDB evaluates each Jaro-Winkler
    similarity once per pair (an alias used in several CASEs is evaluated again in each), and carrying
    only the columns the levels need. About three times cheaper on a million records. With
    ``n_identifiers`` the levels of the identifier columns follow (`scoring.identifier_level`).
    """
    idents = "".join(f", a.ident_{k} AS ai{k}, b.ident_{k} AS bi{k}" for k in range(n_identifiers))
    ident_levels = "".join(
        f""",
            CASE WHEN ai{k} = '' OR bi{k} = '' THEN -1 WHEN ai{k} = bi{k} THEN 3
                 WHEN damerau_levenshtein(ai{k}, bi{k}) <= 1 THEN 2 ELSE 0 END AS l_id{k}"""
        for k in range(n_identifiers)
    )
    jw = "jaro_winkler_similarity"
    given_jw, surname_jw, surname_low = (repr(t - JW_TOLERANCE) for t in (GIVEN_JW, SURNAME_JW, SURNAME_JW_LOW))
    return f"""
        WITH joined AS (
            SELECT p.i, p.j, a.given AS ag, b.given AS bg, a.surname AS asn, b.surname AS bsn,
                a.surname_key AS ak, b.surname_key AS bk, b.given_key AS bgk,
                a.birth_date AS ad, b.birth_date AS bd, a.date_ok AND b.date_ok AS date_ok,
                (a.address_ok OR a.address_crowded) AND (b.address_ok OR b.address_crowded) AS address_ok,
                a.address_crowded OR b.address_crowded AS crowded, a.postcode AS apc, b.postcode AS bpc,
                a.house_number AS ahn, b.house_number AS bhn, a.street AS ast, b.street AS bst,
                a.city AS aci, b.city AS bci{idents}
            FROM {pairs} p JOIN r a ON a.idx = p.i JOIN r b ON b.idx = p.j
        ), similarity AS (
            SELECT *,
                CASE WHEN ag = '' OR bg = '' THEN 0.0 WHEN ag = bg THEN 1.0 ELSE {jw}(ag, bg) END AS jgg,
                CASE WHEN asn = '' OR bsn = '' THEN 0.0 WHEN asn = bsn THEN 1.0 ELSE {jw}(asn, bsn) END AS jss
            FROM joined
        ), swap AS MATERIALIZED (
            -- Materialised: otherwise DuckDB inlines `swapped` (four similarities) into every expression that
            -- uses it, which costs 20 % more on candidate pairs and six times as much on random pairs.
            SELECT *,
                CASE WHEN ag <> '' AND asn <> '' AND bg <> '' AND bsn <> '' AND jgg < {given_jw} AND jss < {surname_jw}
                     THEN {jw}(ag, bsn) >= {surname_jw} AND {jw}(asn, bg) >= {surname_jw} ELSE false END AS swapped
            FROM similarity
        ), names AS (
            SELECT *,
                CASE WHEN swapped THEN bsn ELSE bg END AS gr, CASE WHEN swapped THEN bg ELSE bsn END AS sr,
                CASE WHEN swapped THEN bgk ELSE bk END AS kr,
                CASE WHEN swapped THEN {jw}(ag, bsn) ELSE jgg END AS jg,
                CASE WHEN swapped THEN {jw}(asn, bg) ELSE jss END AS js
            FROM swap
        )
        SELECT i, j,
            CASE WHEN ag = '' OR gr = '' THEN -1 WHEN ag = gr THEN 3
                 WHEN length(ag) = 1 OR length(gr) = 1 THEN CASE WHEN ag[1] = gr[1] THEN 1 ELSE 0 END
                 WHEN jg >= {given_jw} THEN 2 WHEN ag[1] = gr[1] THEN 1 ELSE 0 END AS l_given,
            CASE WHEN asn = '' OR sr = '' THEN -1 WHEN asn = sr THEN 3
                 WHEN js >= {surname_jw} OR ak = kr THEN 2 WHEN js >= {surname_low} THEN 1 ELSE 0 END AS l_surname,
            CASE WHEN NOT date_ok OR ad = '' OR bd = '' THEN -1 WHEN ad = bd THEN 3
                 WHEN hamming(ad, bd) <= 1 OR (substr(ad, 1, 4) = substr(bd, 1, 4)
                      AND substr(ad, 6, 2) = substr(bd, 9, 2) AND substr(ad, 9, 2) = substr(bd, 6, 2)) THEN 2
                 WHEN substr(ad, 1, 4) = substr(bd, 1, 4) THEN 1 ELSE 0 END AS l_birth_date,
            CASE WHEN NOT address_ok THEN -1
                 WHEN (apc = '' AND ast = '' AND aci = '') OR (bpc = '' AND bst = '' AND bci = '') THEN -1
                 WHEN ahn <> '' AND ahn = bhn
                      AND ((apc <> '' AND apc = bpc) OR (ast <> '' AND ast = bst AND aci <> '' AND aci = bci))
                      THEN CASE WHEN crowded THEN 1 ELSE 3 END
                 WHEN apc <> '' AND apc = bpc THEN 2
                 WHEN (aci <> '' AND aci = bci) OR (apc <> '' AND substr(apc, 1, 4) = substr(bpc, 1, 4)) THEN 1
                 ELSE 0 END AS l_address{ident_levels}
        FROM names
    """  # noqa: S608 - built from constants and our own table names
