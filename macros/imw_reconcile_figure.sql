{#- Body of a reconciliation test: compares the figure book
    (reporting.deck_figures) to the published_figures seed for one figure,
    following the seed's `comparison`: exact, round_1, round_0 and
    round_nearest_10 (the computed value rounded so, within `tolerance` of the
    published value) and rank (the key at rank n by value descending, among the
    figure's division|* or class|* keys, must be published_key). Rows with
    comparison `none` (the deck's unreconcilable anomalies) are not tested.
    Returns one row per failing value with a failure_reason. -#}
{% macro imw_reconcile_figure(figure_id) %}

with

published as (
    select * from {{ ref('published_figures') }}
    where figure_id = '{{ figure_id }}' and comparison <> 'none'
),

computed as (
    select
        key,
        value
    from {{ ref('deck_figures') }}
    where figure_id = '{{ figure_id }}'
),

ranked as (
    select
        key,
        value,
        row_number() over (order by value desc, key) as value_rank
    from computed
    where key like 'division|%' or key like 'class|%'
),

value_checks as (
    select
        published.figure_id,
        published.key,
        published.comparison,
        published.tolerance,
        published.published_value,
        published.published_key,
        computed.value as computed_value,
        cast(
            case published.comparison
                when 'exact' then computed.value
                when 'round_1' then round(computed.value, 1)
                when 'round_0' then round(computed.value, 0)
                when 'round_nearest_10' then round(computed.value / 10, 0) * 10
            end as decimal(18, 2)
        ) as compared_value
    from published
    left join computed
        on published.key = computed.key
    where published.comparison <> 'rank'
),

value_failures as (
    select
        figure_id,
        key,
        comparison,
        published_value,
        published_key,
        computed_value,
        cast(null as {{ dbt.type_string() }}) as computed_key,
        case
            when computed_value is null
                then 'key missing from reporting.deck_figures'
            else
                'computed ' || cast(computed_value as {{ dbt.type_string() }}) || ' (compared as '
                || cast(compared_value as {{ dbt.type_string() }}) || ') differs from published '
                || cast(published_value as {{ dbt.type_string() }}) || ' by more than '
                || cast(tolerance as {{ dbt.type_string() }})
        end as failure_reason
    from value_checks
    where
        compared_value is null
        or abs(compared_value - published_value) > tolerance
),

rank_checks as (
    select
        published.figure_id,
        published.key,
        published.comparison,
        published.published_value,
        published.published_key,
        ranked.value as computed_value,
        ranked.key as computed_key
    from published
    left join ranked
        on published.key = 'rank|' || cast(ranked.value_rank as {{ dbt.type_string() }})
    where published.comparison = 'rank'
),

rank_failures as (
    select
        figure_id,
        key,
        comparison,
        published_value,
        published_key,
        computed_value,
        computed_key,
        'expected ' || published_key || ' at ' || key || ', found '
        || coalesce(computed_key, 'nothing') as failure_reason
    from rank_checks
    where computed_key is null or computed_key <> published_key
),

final as (
    select * from value_failures
    union all
    select * from rank_failures
)

select * from final

{% endmacro %}
