{#- on-run-start: list the delivery folders of var('extracts_dir') and log a
    warning for every folder without _manifest.json (still being written: it is
    ignored), and the reference date the build reports on. Returns no SQL. -#}
{% macro imw_warn_incomplete_deliveries() %}
    {{ return(adapter.dispatch('imw_warn_incomplete_deliveries', 'imw')()) }}
{% endmacro %}

{% macro default__imw_warn_incomplete_deliveries() %}
    {% if execute and flags.WHICH in ('build', 'run', 'test', 'seed') %}
        {% set extracts_dir = var('extracts_dir') | replace("'", "''") %}
        {% set folders_sql %}
            with

            files as (
                select file
                from glob('{{ extracts_dir }}/*/*')
            ),

            folders as (
                select
                    regexp_extract(file, '([^/\\]+)[/\\][^/\\]+$', 1) as folder_name,
                    max(
                        case
                            when
                                regexp_extract(file, '([^/\\]+)$', 1) = '_manifest.json'
                                then 1
                            else 0
                        end
                    ) as has_manifest
                from files
                group by 1
            )

            select
                folder_name,
                has_manifest
            from folders
            order by folder_name
        {% endset %}
        {% set folders = run_query(folders_sql) %}
        {% set complete = [] %}
        {% for row in folders.rows %}
            {% if row['has_manifest'] == 1 %}
                {% do complete.append(row['folder_name']) %}
            {% else %}
                {% do exceptions.warn(
                    'IMW delivery folder ' ~ extracts_dir ~ '/' ~ row['folder_name']
                    ~ ' has no _manifest.json: incomplete, ignored in this build.'
                ) %}
            {% endif %}
        {% endfor %}
        {% if complete | length == 0 %}
            {% do exceptions.warn(
                'IMW: no complete delivery (folder with _manifest.json) in '
                ~ extracts_dir ~ '.'
            ) %}
        {% else %}
            {% do log(
                'IMW: ' ~ (complete | length) ~ ' complete deliveries in '
                ~ extracts_dir
                ~ '; reference date ' ~ (complete | max) ~ '.',
                info=true
            ) %}
        {% endif %}
    {% endif %}
    {{ return('') }}
{% endmacro %}

{#- Spark: it cannot list `_manifest.json` (Spark hides names that start with `_`),
    so the complete deliveries are var('deliveries'), which the pipeline passes; the
    hook creates the temporary view of every delivery file of the run
    (imw_spark_delivery_readers), which the staging models read. -#}
{% macro spark__imw_warn_incomplete_deliveries() %}
    {% set commands = ('build', 'run', 'test', 'seed', 'compile', 'show') %}
    {% if execute and flags.WHICH in commands %}
        {% set deliveries = imw_delivery_list() %}
        {% if not deliveries %}
            {% do exceptions.raise_compiler_error(
                "IMW on Spark: give the complete deliveries in var('deliveries') "
                ~ "(the pipeline passes those its gate validated: IMW_ENGINE=spark make "
                ~ "build); Spark cannot list the _manifest.json files of "
                ~ var('extracts_dir')
            ) %}
        {% endif %}
        {% set views = [] %}
        {% for node in graph.sources.values() %}
            {% if node.source_name == 'imw' and node.identifier != 'manifests' %}
                {% set fields = imw_source_field_names(node) %}
                {% for delivery in deliveries %}
                    {% do run_query(
                        imw_spark_create_delivery_view(node.identifier, fields, delivery)
                    ) %}
                    {% do views.append(node.identifier) %}
                {% endfor %}
            {% endif %}
        {% endfor %}
        {% do log(
            'IMW: ' ~ (deliveries | length) ~ ' complete deliveries in '
            ~ var('extracts_dir') ~ ' (' ~ (views | length) ~ ' delivery files)'
            ~ '; reference date ' ~ (deliveries | max) ~ '.',
            info=true
        ) %}
    {% endif %}
    {{ return('') }}
{% endmacro %}
