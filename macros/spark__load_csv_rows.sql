{#- Seeds on Spark: dbt-spark's own loader pastes each value into the statement as
    it is (`'` unescaped, None as the text 'None'), so a label such as
    "Associations pour l'environnement" breaks the insert and an empty date is
    loaded as 'None'. This loader writes every value as an escaped literal, an empty
    value as null, in batches of dbt's seed batch size. -#}
{% macro spark__load_csv_rows(model, agate_table) %}
    {%- set column_override = model['config'].get('column_types', {}) -%}
    {%- set types = [] -%}
    {%- for col_name in agate_table.column_names -%}
        {%- set inferred_type = adapter.convert_type(agate_table, loop.index0) -%}
        {%- do types.append(column_override.get(col_name, inferred_type)) -%}
    {%- endfor -%}
    {%- set statements = [] -%}
    {%- for chunk in agate_table.rows | batch(get_batch_size()) -%}
        {%- set tuples = [] -%}
        {%- for row in chunk -%}
            {%- set values = [] -%}
            {%- for value in row -%}
                {%- set type = types[loop.index0] -%}
                {%- if value is none -%}
                    {%- do values.append('cast(null as ' ~ type ~ ')') -%}
                {%- else -%}
                    {%- set text = value | string
                        | replace('\\', '\\\\') | replace("'", "\\'") -%}
                    {%- do values.append("cast('" ~ text ~ "' as " ~ type ~ ")") -%}
                {%- endif -%}
            {%- endfor -%}
            {%- do tuples.append('(' ~ values | join(', ') ~ ')') -%}
        {%- endfor -%}
        {%- set sql = 'insert into ' ~ this.render() ~ ' values\n'
            ~ tuples | join(',\n') -%}
        {%- do adapter.add_query(sql, abridge_sql_log=True) -%}
        {%- if loop.first -%}
            {%- do statements.append(sql) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(statements[0] if statements else '') }}
{% endmacro %}
