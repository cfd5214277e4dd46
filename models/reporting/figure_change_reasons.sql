{{
    config(
        on_schema_change='fail',
        **imw_incremental_config('per_edition'),
    )
}}
{#- Why F1, F2, F3 and F10 changed between two consecutive editions: the
    applications and bookings behind each difference, with a reason code
    (ref_figure_change_reasons). value_change is +1 or -1 for an application that
    enters or leaves a count's key, the amount of a booking for F10: summed per
    edition, figure and key it is value - previous_value (figure_changes; tested).
    F3's shares are not counts and get no rows. Incremental: a run adds the pairs
    of the editions newer than those it holds (normally its own), as
    figure_changes does; a full refresh gives the same rows. -#}
with

application_editions as (
    select * from {{ ref('fact_application_edition') }}
),

settlement_editions as (
    select * from {{ ref('fact_settlement_edition') }}
),

reasons as (
    select
        reason_code,
        label_nl
    from {{ ref('ref_figure_change_reasons') }}
),

new_pairs as (
    {{ imw_new_edition_pairs(ref('fact_application_edition')) }}
),

{%- set compared_columns = [
    'counts_as_submitted', 'is_approved', 'is_active_on_reference_date',
    'is_head_office_abroad', 'premium_type_code', 'submitted_on', 'decided_on',
    'premium_start_on', 'premium_end_on', 'premium_stopped_on',
    'submitted_quarter_label', 'submitted_year_label', 'decided_quarter_label',
    'decided_year_label',
] %}

current_rows as (
    select
        new_pairs.previous_reference_date,
        application_editions.*
    from new_pairs
    inner join application_editions
        on new_pairs.reference_date = application_editions.reference_date
),

previous_rows as (
    select
        new_pairs.reference_date as pair_reference_date,
        application_editions.*
    from new_pairs
    inner join application_editions
        on new_pairs.previous_reference_date = application_editions.reference_date
),

-- each application of either edition of a pair, as both editions saw it (an
-- application absent from an edition has nulls there: it counts nowhere)
compared as (
    select
        coalesce(current_rows.reference_date, previous_rows.pair_reference_date)
            as reference_date,
        coalesce(current_rows.previous_reference_date, previous_rows.reference_date)
            as previous_reference_date,
        coalesce(current_rows.application_id, previous_rows.application_id)
            as application_id,
        {%- for column in compared_columns %}
            current_rows.{{ column }} as current_{{ column }},
            previous_rows.{{ column }} as previous_{{ column }},
        {%- endfor %}
        current_rows.application_id is not null as in_current,
        previous_rows.application_id is not null as in_previous
    from current_rows
    full outer join previous_rows
        on
            current_rows.reference_date = previous_rows.pair_reference_date
            and current_rows.application_id = previous_rows.application_id
),

{#- Per figure: the reason (one per application and pair) and its keys, each a
    membership condition and a key over one edition's columns (`{e}` is current or
    previous). An application changes a key when it counts there in one edition
    and not (or under another key) in the other. -#}
{%- set application_figures = [
    {
        'figure_id': 'F1',
        'keys': [
            ('{e}_counts_as_submitted', "{e}_submitted_quarter_label || '|' || {e}_premium_type_code"),
            ('{e}_counts_as_submitted', '{e}_submitted_year_label'),
            ('{e}_counts_as_submitted', "'total'"),
        ],
        'reason': "
            case
                when not in_previous then
                    case
                        when current_submitted_on > previous_reference_date
                            then 'new_submission'
                        else 'late_delivery'
                    end
                when not in_current then 'removed'
                when current_counts_as_submitted != previous_counts_as_submitted
                    then 'status_changed'
                when current_premium_type_code != previous_premium_type_code
                    then 'type_changed'
                else 'date_changed'
            end",
    },
    {
        'figure_id': 'F2',
        'keys': [
            ('{e}_is_approved', "{e}_decided_quarter_label || '|' || {e}_premium_type_code"),
            ('{e}_is_approved', '{e}_decided_year_label'),
            ('{e}_is_approved', "'total'"),
        ],
        'reason': "
            case
                when not in_previous then
                    case
                        when current_decided_on > previous_reference_date
                            then 'newly_decided'
                        else 'late_delivery'
                    end
                when not in_current then 'removed'
                when current_is_approved and not previous_is_approved then
                    case
                        when current_decided_on > previous_reference_date
                            then 'newly_decided'
                        else 'decided_later'
                    end
                when current_is_approved != previous_is_approved then 'status_changed'
                when current_premium_type_code != previous_premium_type_code
                    then 'type_changed'
                else 'date_changed'
            end",
    },
    {
        'figure_id': 'F3',
        'keys': [
            ('{e}_is_active_on_reference_date', '{e}_premium_type_code'),
            (
                "{e}_is_active_on_reference_date and {e}_premium_type_code = 'LP'"
                ~ ' and {e}_is_head_office_abroad',
                "'LP|foreign'",
            ),
            ('{e}_is_active_on_reference_date', "'total'"),
        ],
        'reason': "
            case
                when not in_previous then
                    case
                        when current_premium_start_on > previous_reference_date
                            or current_submitted_on > previous_reference_date
                            then 'premium_started'
                        else 'late_delivery'
                    end
                when not in_current then 'removed'
                when current_is_active_on_reference_date
                    and not previous_is_active_on_reference_date then
                    case
                        when current_premium_start_on > previous_reference_date
                            then 'premium_started'
                        when not previous_is_approved then 'decided_later'
                        else 'date_changed'
                    end
                when previous_is_active_on_reference_date
                    and not current_is_active_on_reference_date then
                    case
                        when not current_is_approved then 'status_changed'
                        when current_premium_stopped_on <= reference_date
                            then 'premium_stopped'
                        when current_premium_end_on < reference_date then 'premium_ended'
                        else 'date_changed'
                    end
                when current_premium_type_code != previous_premium_type_code
                    then 'type_changed'
                else 'head_office_moved'
            end",
    },
] %}

{%- set application_branches = [] %}
{%- for figure in application_figures %}
    {%- for membership, key in figure['keys'] %}
        {%- set sides = [('previous', 'current', -1), ('current', 'previous', 1)] %}
        {%- for side, other, change in sides %}
            {%- do application_branches.append({
                'figure': figure,
                'key': key.replace('{e}', side),
                'other_key': key.replace('{e}', other),
                'member': membership.replace('{e}', side),
                'other_member': membership.replace('{e}', other),
                'change': change,
            }) %}
        {%- endfor %}
    {%- endfor %}
{%- endfor %}

application_changes as (
    {%- for branch in application_branches %}
        select
            reference_date,
            previous_reference_date,
            '{{ branch.figure.figure_id }}' as figure_id,
            {{ branch.key }} as key,
            'application' as member_kind,
            application_id as member_id,
            {{ branch.figure.reason }} as reason_code,
            {{ branch.change }} as value_change
        from compared
        where
            coalesce({{ branch.member }}, false)
            and (
                not coalesce({{ branch.other_member }}, false)
                or {{ branch.key }} != {{ branch.other_key }}
            )
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

-- F10: the bookings an edition counts for the first time, under each of their keys
new_bookings as (
    select
        new_pairs.reference_date,
        new_pairs.previous_reference_date,
        settlement_editions.settlement_id,
        settlement_editions.booking_quarter_label,
        cast(settlement_editions.booking_year_number as {{ dbt.type_string() }})
            as booking_year_label,
        settlement_editions.component_code,
        settlement_editions.amount,
        case
            when settlement_editions.is_correction then 'correction_booked'
            when settlement_editions.booked_on > new_pairs.previous_reference_date
                then 'new_booking'
            else 'late_delivery'
        end as reason_code
    from new_pairs
    inner join settlement_editions
        on new_pairs.reference_date = settlement_editions.first_reference_date
),

settlement_changes as (
    {%- for key in [
        "booking_quarter_label || '|' || component_code",
        'booking_quarter_label',
        'booking_year_label',
    ] %}
        select
            reference_date,
            previous_reference_date,
            'F10' as figure_id,
            {{ key }} as key,
            'settlement' as member_kind,
            settlement_id as member_id,
            reason_code,
            amount as value_change
        from new_bookings
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

all_changes as (
    select * from application_changes
    union all
    select * from settlement_changes
),

final as (
    select
        all_changes.reference_date,
        all_changes.previous_reference_date,
        cast(all_changes.figure_id as {{ dbt.type_string() }}) as figure_id,
        cast(all_changes.key as {{ dbt.type_string() }}) as key,
        cast(all_changes.member_kind as {{ dbt.type_string() }}) as member_kind,
        cast(all_changes.member_id as {{ dbt.type_string() }}) as member_id,
        cast(all_changes.reason_code as {{ dbt.type_string() }}) as reason_code,
        reasons.label_nl as reason_label,
        cast(all_changes.value_change as decimal(18, 2)) as value_change
    from all_changes
    left join reasons
        on all_changes.reason_code = reasons.reason_code
)

select * from final
