{#- Organisation history as validity intervals: one row per organisation per
    period in which its head office (postcode, municipality, country), NACE code,
    maatwerkbedrijf flag and the province of its postcode stayed the same.
    A version starts on the extract date of the first delivery that shows it
    (the first version on 1900-01-01: the first snapshot is the oldest state we
    know) and ends the day before the next version starts (9999-12-31 when
    current). Intervals are also split where the postal-code mapping changes
    (postcode 2070 moved from Antwerpen to Oost-Vlaanderen on 2025-01-01), so the
    province holds for the whole interval. Name and enterprise number are taken
    from the newest delivery of the interval. -#}
with

snapshots as (
    select * from {{ ref('int_organisation_snapshots') }}
),

postal_code_ranges as (
    select * from {{ ref('ref_postal_code_ranges') }}
),

fingerprinted as (
    select
        organisation_id,
        delivery_date,
        {{ dbt.hash(dbt.concat([
            "coalesce(postcode, '~')", "'|'",
            "coalesce(municipality, '~')", "'|'",
            "coalesce(country_code, '~')", "'|'",
            "coalesce(nace_subclass_code, '~')", "'|'",
            "coalesce(" ~ dbt.cast("is_maatwerkbedrijf", dbt.type_string()) ~ ", '~')",
        ])) }} as attribute_hash
    from snapshots
),

-- Most organisations never come back to an earlier state: their versions are
-- their distinct fingerprints, found by one aggregation over the narrow rows.
-- Organisations whose fingerprint spans interleave (A, B, A again) take the
-- gaps-and-islands windows below, over their own rows only.
fingerprint_spans as (
    select
        organisation_id,
        attribute_hash,
        min(delivery_date) as first_delivery_date,
        max(delivery_date) as last_delivery_date
    from fingerprinted
    group by organisation_id, attribute_hash
),

spans_ordered as (
    select
        organisation_id,
        first_delivery_date,
        last_delivery_date,
        lead(first_delivery_date) over (
            partition by organisation_id order by first_delivery_date
        ) as next_first_delivery_date
    from fingerprint_spans
),

interleaved_organisations as (
    select distinct organisation_id
    from spans_ordered
    where next_first_delivery_date < last_delivery_date
),

simple_versions as (
    select
        spans_ordered.organisation_id,
        row_number() over (
            partition by spans_ordered.organisation_id
            order by spans_ordered.first_delivery_date
        ) as attribute_version,
        spans_ordered.first_delivery_date,
        spans_ordered.last_delivery_date
    from spans_ordered
    left join interleaved_organisations
        on spans_ordered.organisation_id = interleaved_organisations.organisation_id
    where interleaved_organisations.organisation_id is null
),

interleaved_rows as (
    select fingerprinted.*
    from fingerprinted
    inner join interleaved_organisations
        on fingerprinted.organisation_id = interleaved_organisations.organisation_id
),

changes_flagged as (
    select
        *,
        case
            when
                lag(attribute_hash) over (
                    partition by organisation_id order by delivery_date
                ) = attribute_hash
                then 0
            else 1
        end as is_new_version
    from interleaved_rows
),

versions_numbered as (
    select
        *,
        sum(is_new_version) over (
            partition by organisation_id
            order by delivery_date
            rows between unbounded preceding and current row
        ) as attribute_version
    from changes_flagged
),

interleaved_versions as (
    select
        organisation_id,
        attribute_version,
        min(delivery_date) as first_delivery_date,
        max(delivery_date) as last_delivery_date
    from versions_numbered
    group by organisation_id, attribute_version
),

versions as (
    select * from simple_versions
    union all
    select * from interleaved_versions
),

version_rows as (
    select
        snapshots.*,
        versions.attribute_version
    from versions
    inner join snapshots
        on
            versions.organisation_id = snapshots.organisation_id
            and versions.last_delivery_date = snapshots.delivery_date
),

version_intervals as (
    select
        version_rows.organisation_id,
        version_rows.attribute_version,
        version_rows.kbo_number,
        version_rows.kbo_is_valid,
        version_rows.foreign_registration_number,
        version_rows.organisation_name,
        version_rows.nace_subclass_code,
        version_rows.is_maatwerkbedrijf,
        version_rows.postcode,
        version_rows.postcode_number,
        version_rows.municipality,
        version_rows.country_code,
        versions.first_delivery_date,
        versions.last_delivery_date,
        case
            when version_rows.attribute_version = 1 then {{ imw_beginning_of_time() }}
            else versions.first_delivery_date
        end as valid_from,
        coalesce(
            cast({{ dbt.dateadd(
                'day', -1,
                'lead(versions.first_delivery_date) over ('
                ~ 'partition by version_rows.organisation_id '
                ~ 'order by version_rows.attribute_version)'
            ) }} as date),
            {{ imw_end_of_time() }}
        ) as valid_to
    from version_rows
    inner join versions
        on
            version_rows.organisation_id = versions.organisation_id
            and version_rows.attribute_version = versions.attribute_version
),

split_by_postal_mapping as (
    select
        version_intervals.*,
        postal_code_ranges.province_nis_code as mapped_province_nis_code,
        case
            when postal_code_ranges.valid_from > version_intervals.valid_from
                then postal_code_ranges.valid_from
            else version_intervals.valid_from
        end as split_valid_from,
        -- an open-ended range (valid_to null) ends with the version
        case
            when postal_code_ranges.valid_to < version_intervals.valid_to
                then postal_code_ranges.valid_to
            else version_intervals.valid_to
        end as split_valid_to
    from version_intervals
    left join postal_code_ranges
        on
            not {{ imw_is_head_office_abroad('version_intervals.country_code') }}
            and {{ imw_postal_code_range_applies(
                'postal_code_ranges',
                'version_intervals.postcode_number',
                'version_intervals.valid_from',
                'version_intervals.valid_to'
            ) }}
),

final as (
    select
        organisation_id,
        row_number() over (
            partition by organisation_id order by split_valid_from
        ) as version_number,
        split_valid_from as valid_from,
        split_valid_to as valid_to,
        split_valid_to = {{ imw_end_of_time() }} as is_current,
        first_delivery_date,
        last_delivery_date,
        kbo_number,
        kbo_is_valid,
        foreign_registration_number,
        organisation_name,
        nace_subclass_code,
        is_maatwerkbedrijf,
        postcode,
        municipality,
        country_code,
        {{ imw_is_head_office_abroad('country_code') }} as is_head_office_abroad,
        case
            when {{ imw_is_head_office_abroad('country_code') }} then 'BUITENLAND'
            else mapped_province_nis_code
        end as province_code
    from split_by_postal_mapping
)

select * from final
