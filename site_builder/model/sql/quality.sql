-- The numbers of the data-quality page: indicators, how many have no published value since the baseline (and how
-- many of those have no baseline either), how many have a value for the target year, the values found but not
-- used, and the published values whose definition may differ from the plan's.
SELECT
    (SELECT count(*) FROM indicators) AS indicators,
    (SELECT count(*) FROM progress WHERE kind = 'indicator' AND latest_value IS NULL) AS without_value,
    (SELECT count(*) FROM progress WHERE kind = 'indicator' AND latest_value IS NOT NULL AND NOT final) AS interim,
    (SELECT count(*) FROM progress WHERE kind = 'indicator' AND final) AS final,
    (SELECT count(*) FROM excluded_observations) AS excluded,
    (SELECT count(*) FROM observations WHERE coalesce(definition_differs, false)) AS definition_differs,
    (SELECT count(*) FROM observations AS o JOIN indicators AS i ON i.id = o.indicator_id
     WHERE i.baseline_year IS NULL OR o.year > i.baseline_year) AS published_values;
