{#- The figure book: every figure of deck-figures.md for the reference date of
    the newest delivery, one row per value, computed from the marts only. -#}
with

snapshot_dates as (
    select * from {{ ref('dim_snapshot_date') }}
),

reference_date as (
    select snapshot_date as reference_date
    from snapshot_dates
    where is_reference_date
),

quarters as (
    select * from {{ ref('dim_quarter') }}
),

applications as (
    select * from {{ ref('fact_application') }}
),

active_premiums as (
    select * from {{ ref('fact_active_premium') }}
),

sectors as (
    select * from {{ ref('dim_sector') }}
),

coaching as (
    select * from {{ ref('fact_coaching') }}
),

providers as (
    select * from {{ ref('dim_provider') }}
),

settlements as (
    select * from {{ ref('fact_settlement') }}
),

mails as (
    select * from {{ ref('fact_mail') }}
),

-- F1: submitted applications (status other than ONONTVANKELIJK) by quarter of
-- ingediend_op, F2: approved applications by quarter of beslist_op; each by quarter
-- and premium type, by year and in total (quarter and year ONBEKEND when the date
-- is empty)
{%- set counted_figures = [
    {
        'figure_id': 'F1',
        'quarter_key': 'submitted_quarter_key',
        'condition': 'applications.counts_as_submitted',
    },
    {
        'figure_id': 'F2',
        'quarter_key': 'decided_quarter_key',
        'condition': "applications.status_code = 'GOEDGEKEURD'",
    },
] %}
counted_applications as (
    {%- for figure in counted_figures %}
        select
            '{{ figure.figure_id }}' as figure_id,
            {{ imw_figure_quarter_label('quarters') }} as quarter_label,
            {{ imw_figure_year_label('quarters') }} as year_label,
            applications.premium_type_code
        from applications
        inner join quarters
            on applications.{{ figure.quarter_key }} = quarters.quarter_key
        where {{ figure.condition }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

application_figures as (
    select
        figure_id,
        quarter_label || '|' || premium_type_code as figure_key,
        count(*) as figure_value
    from counted_applications
    group by figure_id, quarter_label, premium_type_code
    union all
    select
        figure_id,
        year_label as figure_key,
        count(*) as figure_value
    from counted_applications
    group by figure_id, year_label
    {%- for figure in counted_figures %}
        union all
        select
            '{{ figure.figure_id }}' as figure_id,
            'total' as figure_key,
            count(*) as figure_value
        from counted_applications
        where figure_id = '{{ figure.figure_id }}'
    {%- endfor %}
),

-- F3: active premiums on the reference date by type, shares in %
active_on_reference_date as (
    select * from active_premiums
    where is_reference_date
),

active_total as (
    select count(*) as premium_count from active_on_reference_date
),

f3 as (
    select
        'F3' as figure_id,
        premium_type_code as figure_key,
        count(*) as figure_value
    from active_on_reference_date
    group by premium_type_code
    union all
    select
        'F3' as figure_id,
        'LP|foreign' as figure_key,
        count(*) as figure_value
    from active_on_reference_date
    where premium_type_code = 'LP' and is_head_office_abroad
    union all
    select
        'F3' as figure_id,
        'total' as figure_key,
        premium_count as figure_value
    from active_total
    union all
    select
        'F3' as figure_id,
        'share|' || active_on_reference_date.premium_type_code as figure_key,
        100.0 * count(*) / max(active_total.premium_count) as figure_value
    from active_on_reference_date
    cross join active_total
    group by active_on_reference_date.premium_type_code
),

-- F4: active premiums on every snapshot date by type
f4 as (
    select
        'F4' as figure_id,
        cast(snapshot_date as {{ dbt.type_string() }}) || '|' || premium_type_code
            as figure_key,
        count(*) as figure_value
    from active_premiums
    group by snapshot_date, premium_type_code
),

-- F5 / F6: by province of the head office on the reference date
f5 as (
    select
        'F5' as figure_id,
        province_code || '|' || premium_type_code as figure_key,
        count(*) as figure_value
    from active_on_reference_date
    group by province_code, premium_type_code
),

f6 as (
    select
        'F6' as figure_id,
        province_code as figure_key,
        count(distinct organisation_id) as figure_value
    from active_on_reference_date
    group by province_code
),

-- F7: organisations with an active wage premium (LP, LPBP) by NACE division,
-- as % of those organisations. The division is dim_sector's: the first two digits
-- of the code, also for a well-formed code the official list lacks; ONBEKEND for an
-- empty or malformed code or a division that does not exist
wage_premium_organisations as (
    select distinct
        active_on_reference_date.organisation_id,
        sectors.nace_division_code
    from active_on_reference_date
    inner join sectors
        on active_on_reference_date.sector_key = sectors.sector_key
    where active_on_reference_date.premium_type_code in ('LP', 'LPBP')
),

wage_premium_organisation_total as (
    select count(distinct organisation_id) as organisation_count
    from wage_premium_organisations
),

f7 as (
    select
        'F7' as figure_id,
        'organisations' as figure_key,
        organisation_count as figure_value
    from wage_premium_organisation_total
    union all
    select
        'F7' as figure_id,
        'division|' || wage_premium_organisations.nace_division_code as figure_key,
        100.0 * count(distinct wage_premium_organisations.organisation_id)
        / max(wage_premium_organisation_total.organisation_count) as figure_value
    from wage_premium_organisations
    cross join wage_premium_organisation_total
    group by wage_premium_organisations.nace_division_code
),

-- F8: organisations with an active LPBP premium by NACE subclass, recognised
-- maatwerkbedrijven as one class; a well-formed code the official list lacks
-- counts under that code (its own dim_sector member), an empty or malformed one
-- under ONBEKEND
coaching_premium_organisations as (
    select distinct
        active_on_reference_date.organisation_id,
        case
            when active_on_reference_date.is_maatwerkbedrijf then 'MAATWERKBEDRIJF'
            else sectors.nace_subclass_code
        end as sector_class
    from active_on_reference_date
    inner join sectors
        on active_on_reference_date.sector_key = sectors.sector_key
    where active_on_reference_date.premium_type_code = 'LPBP'
),

f8 as (
    select
        'F8' as figure_id,
        'organisations' as figure_key,
        count(distinct organisation_id) as figure_value
    from coaching_premium_organisations
    union all
    select
        'F8' as figure_id,
        'class|' || sector_class as figure_key,
        count(distinct organisation_id) as figure_value
    from coaching_premium_organisations
    group by sector_class
),

-- F9: coaching on the reference date
active_coaching as (
    select * from coaching
    where is_active_on_reference_date
),

providers_on_reference_date as (
    select providers.*
    from providers
    cross join reference_date
    where
        {{ imw_is_active_on(
            'providers.recognised_from',
            'providers.recognised_to',
            none,
            'reference_date.reference_date'
        ) }}
),

{#- F9: one value per entry, each a count over the active coaching or the providers
    recognised on the reference date -#}
{%- set coaching_figures = [
    ('extern|trajectories', 'count(*)', 'active_coaching', 'coaching_form_code', 'EXTERN'),
    (
        'extern|providers',
        'count(distinct provider_id)',
        'active_coaching',
        'coaching_form_code',
        'EXTERN',
    ),
    (
        'recognised_providers',
        'count(*)',
        'providers_on_reference_date',
        'provider_kind_code',
        'ERKEND',
    ),
    ('intern|trajectories', 'count(*)', 'active_coaching', 'coaching_form_code', 'INTERN'),
    (
        'intern|organisations',
        'count(distinct organisation_id)',
        'active_coaching',
        'coaching_form_code',
        'INTERN',
    ),
    (
        'temp_agencies',
        'count(*)',
        'providers_on_reference_date',
        'provider_kind_code',
        'UITZEND',
    ),
    ('uitzend|trajectories', 'count(*)', 'active_coaching', 'coaching_form_code', 'UITZEND'),
] %}

f9 as (
    {%- for figure_key, measure, relation, code_column, code in coaching_figures %}
        select
            'F9' as figure_id,
            '{{ figure_key }}' as figure_key,
            {{ measure }} as figure_value
        from {{ relation }}
        where {{ code_column }} = '{{ code }}'
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

-- F10: net expenditure (corrections included) by quarter of geboekt_op
booked_settlements as (
    select
        quarters.quarter_label,
        quarters.year_number,
        settlements.component_code,
        settlements.amount
    from settlements
    inner join quarters
        on settlements.booking_quarter_key = quarters.quarter_key
),

f10 as (
    select
        'F10' as figure_id,
        quarter_label || '|' || component_code as figure_key,
        sum(amount) as figure_value
    from booked_settlements
    group by quarter_label, component_code
    union all
    select
        'F10' as figure_id,
        quarter_label as figure_key,
        sum(amount) as figure_value
    from booked_settlements
    group by quarter_label
    union all
    select
        'F10' as figure_id,
        cast(year_number as {{ dbt.type_string() }}) as figure_key,
        sum(amount) as figure_value
    from booked_settlements
    group by year_number
),

-- F11: average processing time of new applications decided on their merits,
-- submitted in the reference period
f11 as (
    select
        'F11' as figure_id,
        'average_days' as figure_key,
        avg(applications.processing_days) as figure_value
    from applications
    cross join reference_date
    where
        applications.application_kind_code = 'NIEUW'
        and applications.status_code in ('GOEDGEKEURD', 'GEWEIGERD')
        and applications.submitted_on
        between cast('{{ var("reporting_period_start") }}' as date)
        and reference_date.reference_date
),

-- F12: handled mails of the functional mailbox per month of the reference
-- period, and their average handling time in days
handled_mails as (
    select mails.*
    from mails
    cross join reference_date
    where
        mails.is_functional_mailbox
        and mails.is_handled
        and mails.handled_on
        between cast('{{ var("reporting_period_start") }}' as date)
        and reference_date.reference_date
),

reference_months as (
    select
        {{ dbt.datediff(
            "cast('" ~ var('reporting_period_start') ~ "' as date)",
            'reference_date',
            'month'
        ) }} + 1 as month_count
    from reference_date
),

f12 as (
    select
        'F12' as figure_id,
        'mails_per_month' as figure_key,
        1.0 * count(handled_mails.mail_id)
        / nullif(greatest(max(reference_months.month_count), 0), 0)
            as figure_value
    from reference_months
    left join handled_mails
        on true
    union all
    select
        'F12' as figure_id,
        'average_handling_days' as figure_key,
        avg(handling_days) as figure_value
    from handled_mails
),

{%- set figure_relations = [
    'application_figures', 'f3', 'f4', 'f5', 'f6', 'f7', 'f8', 'f9', 'f10', 'f11', 'f12',
] %}

all_figures as (
    {%- for figures in figure_relations %}
        select
            figure_id,
            figure_key,
            cast(figure_value as decimal(38, 6)) as figure_value
        from {{ figures }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

final as (
    select
        reference_date.reference_date,
        cast(all_figures.figure_id as {{ dbt.type_string() }}) as figure_id,
        cast(all_figures.figure_key as {{ dbt.type_string() }}) as key,
        cast(round(all_figures.figure_value, 2) as decimal(18, 2)) as value
    from all_figures
    cross join reference_date
    where all_figures.figure_value is not null
)

select * from final
