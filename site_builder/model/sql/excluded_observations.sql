-- Values found in published sources but not used as observations, each with its source and the reason, per
-- indicator in the order of table 2-1, oldest period first.
SELECT e.*
FROM excluded_observations AS e
JOIN indicators AS i ON i.id = e.indicator_id
ORDER BY i.number, e.period, e.source_url;
