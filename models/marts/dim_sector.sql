with

subclasses as (
    select * from {{ ref('ref_nace_subclasses') }}
),

divisions as (
    select * from {{ ref('ref_nace_divisions') }}
),

sections as (
    select * from {{ ref('ref_nace_sections') }}
),

hierarchy as (
    select
        cast(
            row_number() over (order by subclasses.subclass_code) as integer
        ) as sector_key,
        subclasses.subclass_code as nace_subclass_code,
        subclasses.subclass_code_dotted as nace_subclass_code_dotted,
        subclasses.label_nl as nace_subclass_label_nl,
        subclasses.is_verified as is_label_verified,
        divisions.division_code as nace_division_code,
        divisions.label_nl as nace_division_label_nl,
        sections.section_code as nace_section_code,
        sections.label_nl as nace_section_label_nl
    from subclasses
    left join divisions
        on subclasses.division_code = divisions.division_code
    left join sections
        on divisions.section_code = sections.section_code
),

unknown_member as (
    select
        -1 as sector_key,
        'ONBEKEND' as nace_subclass_code,
        'ONBEKEND' as nace_subclass_code_dotted,
        'Onbekend' as nace_subclass_label_nl,
        false as is_label_verified,
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
