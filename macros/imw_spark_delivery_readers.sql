{#- Spark's readers of the delivery files (issue 13). Spark has no table function
    that reads a CSV with options, hides `_manifest.json` (a name starting with
    `_`) and ignores the sources' `external_location`; so on Spark the complete
    deliveries are those var('deliveries') names (the pipeline passes the ones its
    gate validated), and the on-run-start hook (spark__imw_warn_incomplete_deliveries)
    creates one temporary view per source file and delivery with the source's read
    options: every column text, `;`, `"` quoting and escaping, a header line,
    records across line breaks (multiLine: a file is then one scan, in file order).
    A temporary view, not a table: nothing is copied, the raw INSZ is not written
    anywhere, and a view lives only as long as the dbt run.

    Spark reads an empty field as null and pads a short row with nulls, so the
    field count cannot come from the nulls as on DuckDB: the view has the
    specification's columns only, and a record with another number of fields is
    kept whole in `__imw_raw_record` (Spark's corrupt-record column), from which
    spark__imw_delivered_fields counts the fields and takes `__extra`. -#}

{#- The temporary view of one delivery's file of a source (identifier = file name
    without .csv). -#}
{% macro imw_spark_delivery_view(identifier, delivery) -%}
    imw_delivery_{{ identifier }}_{{ delivery | replace('-', '') }}
{%- endmacro %}

{#- The path of one delivery's file, as DuckDB's reader gives it in `filename`. -#}
{% macro imw_delivery_file_path(identifier, delivery) -%}
    {{ var('extracts_dir') }}/{{ delivery }}/{{ identifier }}.csv
{%- endmacro %}

{#- The statement that creates the view of one delivery's file. -#}
{% macro imw_spark_create_delivery_view(identifier, fields, delivery) -%}
    {%- set path = imw_delivery_file_path(identifier, delivery)
        | replace("'", "\\'") -%}
    {%- set view = imw_spark_delivery_view(identifier, delivery) -%}
    create or replace temporary view {{ view }} (
        {{ fields | join(' string, ') }} string,
        __imw_raw_record string
    )
    using csv
    options (
        path '{{ path }}',
        header 'true',
        sep ';',
        quote '"',
        escape '"',
        multiLine 'true',
        encoding 'UTF-8',
        mode 'PERMISSIVE',
        columnNameOfCorruptRecord '__imw_raw_record',
        enforceSchema 'true'
    )
{%- endmacro %}
