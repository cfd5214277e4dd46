{#- The NACE-BEL 2008 hierarchy. One member per subclass of the official list, one
    per well-formed code the source sent that is not in the list (so that such an
    organisation still rolls up to the division and section of its code), and the
    unknown member for an empty or malformed code. -#}
with

subclasses as (
    select * from {{ ref('ref_nace_subclasses') }}
),

classes as (
    select * from {{ ref('ref_nace_classes') }}
),

nace_groups as (
    select * from {{ ref('ref_nace_groups') }}
),

divisions as (
    select * from {{ ref('ref_nace_divisions') }}
),

sections as (
    select * from {{ ref('ref_nace_sections') }}
),

organisation_history as (
    select * from {{ ref('int_organisation_history') }}
),

listed_members as (
    select
        subclass_code as nace_subclass_code,
        subclass_code_dotted as nace_subclass_code_dotted,
        label_nl as nace_subclass_label_nl,
        true as is_official_subclass,
        class_code,
        group_code,
        division_code
    from subclasses
),

delivered_codes as (
    select distinct nace_subclass_code
    from organisation_history
    where nace_subclass_code is not null
),

unlisted_codes as (
    select delivered_codes.nace_subclass_code
    from delivered_codes
    left join subclasses
        on delivered_codes.nace_subclass_code = subclasses.subclass_code
    where
        subclasses.subclass_code is null
        and {{ imw_nace_code_is_well_formed('delivered_codes.nace_subclass_code') }}
),

-- each level from the code's own digits, where that level exists in the list
unlisted_members as (
    select
        unlisted_codes.nace_subclass_code,
        substring(unlisted_codes.nace_subclass_code, 1, 2)
        || '.'
        || substring(unlisted_codes.nace_subclass_code, 3, 3)
            as nace_subclass_code_dotted,
        'Onbekende subklasse '
        || substring(unlisted_codes.nace_subclass_code, 1, 2)
        || '.'
        || substring(unlisted_codes.nace_subclass_code, 3, 3)
        || ' (niet in de NACE-BEL 2008-lijst)' as nace_subclass_label_nl,
        false as is_official_subclass,
        classes.class_code,
        nace_groups.group_code,
        divisions.division_code
    from unlisted_codes
    left join classes
        on substring(unlisted_codes.nace_subclass_code, 1, 4) = classes.class_code
    left join nace_groups
        on substring(unlisted_codes.nace_subclass_code, 1, 3) = nace_groups.group_code
    left join divisions
        on substring(unlisted_codes.nace_subclass_code, 1, 2) = divisions.division_code
),

members as (
    select * from listed_members
    union all
    select * from unlisted_members
),

hierarchy as (
    select
        cast(members.nace_subclass_code as integer) as sector_key,
        members.nace_subclass_code,
        members.nace_subclass_code_dotted,
        members.nace_subclass_label_nl,
        members.is_official_subclass,
        coalesce(classes.class_code, 'ONBEKEND') as nace_class_code,
        coalesce(classes.label_nl, 'Onbekend') as nace_class_label_nl,
        coalesce(nace_groups.group_code, 'ONBEKEND') as nace_group_code,
        coalesce(nace_groups.label_nl, 'Onbekend') as nace_group_label_nl,
        coalesce(divisions.division_code, 'ONBEKEND') as nace_division_code,
        coalesce(divisions.label_nl, 'Onbekend') as nace_division_label_nl,
        coalesce(sections.section_code, 'ONBEKEND') as nace_section_code,
        coalesce(sections.label_nl, 'Onbekend') as nace_section_label_nl
    from members
    left join classes
        on members.class_code = classes.class_code
    left join nace_groups
        on members.group_code = nace_groups.group_code
    left join divisions
        on members.division_code = divisions.division_code
    left join sections
        on divisions.section_code = sections.section_code
),

unknown_member as (
    select
        -1 as sector_key,
        'ONBEKEND' as nace_subclass_code,
        'ONBEKEND' as nace_subclass_code_dotted,
        'Onbekend' as nace_subclass_label_nl,
        false as is_official_subclass,
        'ONBEKEND' as nace_class_code,
        'Onbekend' as nace_class_label_nl,
        'ONBEKEND' as nace_group_code,
        'Onbekend' as nace_group_label_nl,
        'ONBEKEND' as nace_division_code,
        'Onbekend' as nace_division_label_nl,
        'ONBEKEND' as nace_section_code,
        'Onbekend' as nace_section_label_nl
),

final as (
    select * from hierarchy
    union all
    select * from unknown_member
)

select * from final
