-- Progress of every indicator and every commitment: one status each, from the baseline, the target and the
-- latest sourced value. This is the method the site uses; anyone can run it on the CSV files of this package.
--
-- Run it in DuckDB after loading the CSV files as tables named after their resources
-- (indicators, observations, commitments, commitment_progress), binding $as_of_year (the year of the
-- assessment; after a target year has passed, a value from before it can only be interim):
--     duckdb -c "CREATE TABLE indicators AS FROM 'indicators.csv'; ..." then run this with $as_of_year = 2026.
--
-- The method, step by step (the site's method page explains it with examples):
--   latest value   the newest value published for a year after the baseline year
--   satisfied      latest >= target (>=), > (>), <= (<=), < (<); "=" within half a unit of the last decimal
--                  shown; "about" (左右) within 10% of the target
--   expected share (latest year - baseline year) / (target year - baseline year): how far along the path
--                  from baseline to target time has gone
--   actual share   (latest value - baseline value) / (target - baseline value): how far along it the value
--                  has gone (negative: moving away). A target equal to its baseline ("hold at 100") that is
--                  no longer met counts as moving away.
--   status         no value since the baseline: no_data (for an indicator, or a commitment it measures, without
--                  a baseline: not_assessable);
--                  latest year >= target year: met or not_met;
--                  otherwise achieved (already satisfied), or by actual / expected share:
--                  >= 0.95 on_track, >= 0.5 needs_acceleration, else off_track; not_assessable when there is
--                  no baseline to measure the pace from. After the target year those become awaiting_final,
--                  with the interim status kept beside it.
--   final          true only when the latest value is for the target year (or later): met and not_met are
--                  final; every other status rests on an interim value (or on none).
--   outcome        what a final assessment counts: met or not_met (a value for the target year or later); else,
--                  once the target year has come ($as_of_year >= target year), awaiting_final (only earlier
--                  values: the target year's value is not yet published) or no_data (no value since the
--                  baseline); before the target year, not_due.
--   commitments    a commitment measured by a table 2-1 indicator (commitments.indicator_id) takes that
--                  indicator's baseline, decimals and published values (observations), and is judged by the
--                  same steps against its own target and deadline: where these are the indicator's, its status
--                  is the indicator's. Other commitments have no baseline and use commitment_progress.
WITH subjects AS (
    SELECT 'indicator' AS kind, id, number, baseline_year, baseline_value, target_year,
           target_comparator AS comparator,
           CASE target_basis
               WHEN 'change_from_baseline_pct' THEN baseline_value * (1 + target_value / 100)
               ELSE target_value
           END AS target,
           decimals, true AS from_indicator
    FROM indicators
    UNION ALL
    SELECT 'commitment', c.id, c.number, i.baseline_year, i.baseline_value, c.deadline_year, c.comparator,
           c.target_value, coalesce(i.decimals, 0), i.id IS NOT NULL
    FROM commitments AS c LEFT JOIN indicators AS i ON i.id = c.indicator_id
),
reported AS (
    SELECT 'indicator' AS kind, o.indicator_id AS id, o.year, o.value
    FROM observations AS o JOIN indicators AS i ON i.id = o.indicator_id
    WHERE i.baseline_year IS NULL OR o.year > i.baseline_year
    UNION ALL
    SELECT 'commitment', p.commitment_id, p.year, p.value
    FROM commitment_progress AS p JOIN commitments AS c ON c.id = p.commitment_id
    WHERE c.indicator_id IS NULL
    UNION ALL
    SELECT 'commitment', c.id, o.year, o.value
    FROM commitments AS c
    JOIN indicators AS i ON i.id = c.indicator_id
    JOIN observations AS o ON o.indicator_id = i.id
    WHERE i.baseline_year IS NULL OR o.year > i.baseline_year
),
latest AS (
    SELECT kind, id, year, value
    FROM reported
    QUALIFY row_number() OVER (PARTITION BY kind, id ORDER BY year DESC) = 1
),
judged AS (
    SELECT s.*, l.year AS latest_year, l.value AS latest_value,
           CASE s.comparator
               WHEN '>=' THEN l.value >= s.target
               WHEN '>' THEN l.value > s.target
               WHEN '<=' THEN l.value <= s.target
               WHEN '<' THEN l.value < s.target
               WHEN 'equal' THEN abs(l.value - s.target) <= 0.5 * pow(10.0, -s.decimals)
               ELSE abs(l.value - s.target) <= 0.10 * abs(s.target)
           END AS satisfied,
           s.baseline_value IS NOT NULL AND s.baseline_year IS NOT NULL
               AND l.year > s.baseline_year AND s.target_year > s.baseline_year AS measurable
    FROM subjects AS s
    LEFT JOIN latest AS l ON l.kind = s.kind AND l.id = s.id
),
shares AS (
    SELECT j.*,
           CASE WHEN j.measurable AND NOT j.satisfied AND j.latest_year < j.target_year
               THEN CAST(j.latest_year - j.baseline_year AS DOUBLE) / CAST(j.target_year - j.baseline_year AS DOUBLE)
           END AS expected_share,
           CASE WHEN j.measurable AND NOT j.satisfied AND j.latest_year < j.target_year
               THEN CASE WHEN j.target - j.baseline_value <> 0
                   THEN (j.latest_value - j.baseline_value) / (j.target - j.baseline_value)
                   ELSE -1.0 END
           END AS actual_share
    FROM judged AS j
),
paced AS (
    SELECT sh.*,
           CASE
               WHEN sh.latest_value IS NULL OR sh.latest_year >= sh.target_year THEN NULL
               WHEN sh.satisfied THEN 'achieved'
               WHEN NOT sh.measurable THEN 'not_assessable'
               WHEN sh.actual_share / sh.expected_share >= 0.95 THEN 'on_track'
               WHEN sh.actual_share / sh.expected_share >= 0.5 THEN 'needs_acceleration'
               ELSE 'off_track'
           END AS pace
    FROM shares AS sh
)
SELECT
    kind, id, number, baseline_year, baseline_value, target_year, comparator, target, decimals,
    latest_year, latest_value, expected_share, actual_share,
    CASE
        WHEN latest_value IS NULL THEN
            CASE WHEN from_indicator AND baseline_value IS NULL THEN 'not_assessable' ELSE 'no_data' END
        WHEN latest_year >= target_year THEN CASE WHEN satisfied THEN 'met' ELSE 'not_met' END
        WHEN $as_of_year > target_year THEN 'awaiting_final'
        ELSE pace
    END AS status,
    CASE WHEN latest_value IS NOT NULL AND latest_year < target_year AND $as_of_year > target_year
        THEN pace END AS interim,
    coalesce(latest_year >= target_year, false) AS final,
    CASE
        WHEN latest_value IS NULL THEN 'no_data'
        WHEN latest_year >= target_year THEN CASE WHEN satisfied THEN 'achieved' ELSE 'behind' END
        WHEN pace = 'achieved' THEN 'achieved'
        WHEN pace = 'on_track' THEN 'on_track'
        WHEN pace = 'not_assessable' THEN 'no_data'
        ELSE 'behind'
    END AS summary,
    CASE
        WHEN latest_year >= target_year THEN CASE WHEN satisfied THEN 'met' ELSE 'not_met' END
        WHEN $as_of_year < target_year THEN 'not_due'
        WHEN latest_value IS NULL THEN 'no_data'
        ELSE 'awaiting_final'
    END AS outcome
FROM paced
ORDER BY kind DESC, number;
