-- Cells that only mean something together: the 2035 vision's year and value, and a target computed from the
-- baseline (target_basis change_from_baseline_pct) with its baseline value. `filled` is there, `empty` is not.
SELECT _row, 'vision_year' AS filled, 'vision_value' AS empty FROM indicators
WHERE vision_year IS NOT NULL AND vision_value IS NULL
UNION ALL
SELECT _row, 'vision_value', 'vision_year' FROM indicators WHERE vision_value IS NOT NULL AND vision_year IS NULL
UNION ALL
SELECT _row, 'target_basis', 'baseline_value' FROM indicators
WHERE target_basis = 'change_from_baseline_pct' AND baseline_value IS NULL
ORDER BY 1, 2;
