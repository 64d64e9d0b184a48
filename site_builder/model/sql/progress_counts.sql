-- How many indicators and commitments stand in each group (achieved, on_track, behind, no_data): for the whole
-- plan, per indicator category and per chapter. Groups with no member are counted as 0. Of each count, how many
-- rest on an interim value (one from before the target year): those are labelled as interim wherever shown.
WITH subjects AS (
    SELECT p.kind, p.summary, p.latest_value IS NOT NULL AND NOT p.final AS interim, i.category_id, i.chapter_id
    FROM progress AS p JOIN indicators AS i ON p.kind = 'indicator' AND i.id = p.id
    UNION ALL
    SELECT p.kind, p.summary, p.latest_value IS NOT NULL AND NOT p.final, NULL, c.chapter_id
    FROM progress AS p JOIN commitments AS c ON p.kind = 'commitment' AND c.id = p.id
),
groups AS (
    SELECT 'plan' AS scope, 'plan' AS group_id, 0 AS position FROM (SELECT 1)
    UNION ALL SELECT 'category', id, number FROM categories
    UNION ALL SELECT 'chapter', id, number FROM chapters
),
summaries AS (
    SELECT * FROM (VALUES ('achieved', 1), ('on_track', 2), ('behind', 3), ('no_data', 4)) AS s(summary, rank)
),
kinds AS (
    SELECT * FROM (VALUES ('indicator'), ('commitment')) AS k(kind)
)
SELECT g.scope, g.group_id, g.position, k.kind, s.summary, s.rank,
       count(x.kind) AS members, count(x.kind) FILTER (WHERE x.interim) AS interim_members
FROM groups AS g
CROSS JOIN kinds AS k
CROSS JOIN summaries AS s
LEFT JOIN subjects AS x
    ON x.kind = k.kind AND x.summary = s.summary
   AND (g.scope = 'plan'
        OR (g.scope = 'category' AND x.category_id = g.group_id)
        OR (g.scope = 'chapter' AND x.chapter_id = g.group_id))
WHERE NOT (g.scope = 'category' AND k.kind = 'commitment')
GROUP BY g.scope, g.group_id, g.position, k.kind, s.summary, s.rank
ORDER BY CASE g.scope WHEN 'plan' THEN 0 WHEN 'category' THEN 1 ELSE 2 END, g.position, k.kind DESC, s.rank;
