{#- One row: the keyed fingerprint of the pseudonym key this build store was built
    with (imw_pseudonym_key_fingerprint(), an HMAC of a fixed text under the key: it
    identifies the key and reveals nothing of it). The on-run-start hook
    imw_check_pseudonym_key compares it with the key of the environment before an
    incremental run, so pseudonyms of two keys never stand side by side. -#}
with

final as (
    select imw_pseudonym_key_fingerprint() as key_fingerprint
)

select * from final
