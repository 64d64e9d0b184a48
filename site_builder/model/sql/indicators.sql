-- Every indicator with its absolute target and its latest observation after the baseline year (if any).
-- A "reduce by N% from the baseline" target becomes an absolute value here, once, for every page and chart.
WITH latest AS (
    SELECT o.indicator_id, o.year, o.value, o.source_id,
           row_number() OVER (PARTITION BY o.indicator_id ORDER BY o.year DESC) AS recency
    FROM observations AS o
    JOIN indicators AS i ON i.id = o.indicator_id
    WHERE i.baseline_year IS NULL OR o.year > i.baseline_year
)
SELECT
    i.*,
    CASE i.target_basis
        WHEN 'change_from_baseline_pct' THEN i.baseline_value * (1 + i.target_value / 100)
        ELSE i.target_value
    END AS target_absolute,
    l.year AS latest_year,
    l.value AS latest_value,
    l.source_id AS latest_source_id
FROM indicators AS i
LEFT JOIN latest AS l ON l.indicator_id = i.id AND l.recency = 1
ORDER BY i.number;
