{#- on-run-start: before an incremental `dbt build`/`dbt run`, compare the keyed
    fingerprint of the pseudonym key recorded in the build store
    (int_pseudonym_key) with the key of the environment, and stop with a clear
    error when they differ: the incremental models hold pseudonyms of the recorded
    key, and adding rows with another would mix two keys. A first build or
    --full-refresh rebuilds every pseudonym and needs no check. (The pipeline
    detects a changed key itself and rebuilds from nothing.) Returns no SQL. -#}
{% macro imw_check_pseudonym_key() %}
    {% if execute and flags.WHICH in ('build', 'run') and not flags.FULL_REFRESH %}
        {% set recorded_relation = adapter.get_relation(
            database=target.database,
            schema=generate_schema_name('intermediate', none),
            identifier='int_pseudonym_key',
        ) %}
        {% if recorded_relation is not none %}
            {% set comparison = (
                'select recorded.key_fingerprint as recorded_fingerprint, '
                ~ 'imw_pseudonym_key_fingerprint() as current_fingerprint '
                ~ 'from ' ~ recorded_relation ~ ' as recorded'
            ) %}
            {% set fingerprints = run_query(comparison) %}
            {% for row in fingerprints.rows %}
                {% if row['recorded_fingerprint'] != row['current_fingerprint'] %}
                    {% do exceptions.raise_compiler_error(
                        'IMW: the pseudonym key (env IMW_PSEUDONYM_KEY) differs from the '
                        ~ 'key this database was built with (fingerprint '
                        ~ row['recorded_fingerprint'] ~ ', now '
                        ~ row['current_fingerprint'] ~ '). An incremental run would '
                        ~ 'mix pseudonyms of two keys: run with --full-refresh, or '
                        ~ 'set the old key again.'
                    ) %}
                {% endif %}
            {% endfor %}
        {% endif %}
    {% endif %}
    {{ return('') }}
{% endmacro %}
