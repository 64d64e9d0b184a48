-- How many indicators and commitments stand in each group: for the whole plan, per indicator category and per
-- chapter, in two schemes. "progress" groups them by summary (achieved, on_track, behind, no_data), as the
-- progress page shows them; "final" by outcome (met, not_met, awaiting_final, no_data, not_due), as a final
-- assessment counts them. Both columns come from the progress table: nothing is judged here. Groups with no member
-- are counted as 0. Of each count, how many rest on an interim value (one from before the target year): those are
-- labelled as interim wherever shown.
WITH subjects AS (
    SELECT p.kind, p.summary, p.outcome, p.latest_value IS NOT NULL AND NOT p.final AS interim,
           i.category_id, i.chapter_id
    FROM progress AS p JOIN indicators AS i ON p.kind = 'indicator' AND i.id = p.id
    UNION ALL
    SELECT p.kind, p.summary, p.outcome, p.latest_value IS NOT NULL AND NOT p.final, NULL, c.chapter_id
    FROM progress AS p JOIN commitments AS c ON p.kind = 'commitment' AND c.id = p.id
),
grouped AS (
    SELECT kind, 'progress' AS scheme, summary AS grouping, interim, category_id, chapter_id FROM subjects
    UNION ALL
    SELECT kind, 'final', outcome, interim, category_id, chapter_id FROM subjects
),
groups AS (
    SELECT 'plan' AS scope, 'plan' AS group_id, 0 AS position FROM (SELECT 1)
    UNION ALL SELECT 'category', id, number FROM categories
    UNION ALL SELECT 'chapter', id, number FROM chapters
),
summaries AS (
    SELECT * FROM (
        VALUES ('progress', 'achieved', 1), ('progress', 'on_track', 2), ('progress', 'behind', 3),
               ('progress', 'no_data', 4),
               ('final', 'met', 1), ('final', 'not_met', 2), ('final', 'awaiting_final', 3), ('final', 'no_data', 4),
               ('final', 'not_due', 5)
    ) AS s(scheme, summary, rank)
),
kinds AS (
    SELECT * FROM (VALUES ('indicator'), ('commitment')) AS k(kind)
)
SELECT g.scope, g.group_id, g.position, k.kind, s.scheme, s.summary, s.rank,
       count(x.kind) AS members, count(x.kind) FILTER (WHERE x.interim) AS interim_members
FROM groups AS g
CROSS JOIN kinds AS k
CROSS JOIN summaries AS s
LEFT JOIN grouped AS x
    ON x.kind = k.kind AND x.scheme = s.scheme AND x.grouping = s.summary
   AND (g.scope = 'plan'
        OR (g.scope = 'category' AND x.category_id = g.group_id)
        OR (g.scope = 'chapter' AND x.chapter_id = g.group_id))
WHERE NOT (g.scope = 'category' AND k.kind = 'commitment')
GROUP BY g.scope, g.group_id, g.position, k.kind, s.scheme, s.summary, s.rank
ORDER BY CASE g.scope WHEN 'plan' THEN 0 WHEN 'category' THEN 1 ELSE 2 END, g.position, k.kind DESC, s.scheme DESC,
         s.rank;
