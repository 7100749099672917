CREATE TABLE "article_stats" (
	"article_slug" text PRIMARY KEY NOT NULL,
	"favourites" integer DEFAULT 0 NOT NULL,
	"ratings" integer DEFAULT 0 NOT NULL,
	"stars" bigint DEFAULT 0 NOT NULL,
	"approved_comments" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
-- Hand-written from here: triggers are not expressible in lib/db/schema.ts.
-- Statement-level triggers with transition tables: one upsert per statement and
-- article however many rows it touched (a bulk insert or an account deletion's
-- cascade adds its rows in one go), and the counter rows are taken in slug order,
-- so two statements never lock two articles' rows in opposite orders. Each branch
-- names only the transition table its event has (an INSERT has no old rows).
CREATE FUNCTION article_stats_favourites() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO article_stats AS s (article_slug, favourites)
    SELECT article_slug, count(*) FROM new_rows GROUP BY article_slug ORDER BY article_slug
    ON CONFLICT (article_slug) DO UPDATE SET favourites = s.favourites + excluded.favourites;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO article_stats AS s (article_slug, favourites)
    SELECT article_slug, -count(*) FROM old_rows GROUP BY article_slug ORDER BY article_slug
    ON CONFLICT (article_slug) DO UPDATE SET favourites = s.favourites + excluded.favourites;
  ELSE
    INSERT INTO article_stats AS s (article_slug, favourites)
    SELECT article_slug, sum(n) FROM (
      SELECT article_slug, 1 AS n FROM new_rows UNION ALL SELECT article_slug, -1 FROM old_rows
    ) d GROUP BY article_slug HAVING sum(n) <> 0 ORDER BY article_slug
    ON CONFLICT (article_slug) DO UPDATE SET favourites = s.favourites + excluded.favourites;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION article_stats_ratings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO article_stats AS s (article_slug, ratings, stars)
    SELECT article_slug, count(*), sum(stars) FROM new_rows GROUP BY article_slug ORDER BY article_slug
    ON CONFLICT (article_slug) DO UPDATE SET ratings = s.ratings + excluded.ratings, stars = s.stars + excluded.stars;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO article_stats AS s (article_slug, ratings, stars)
    SELECT article_slug, -count(*), -sum(stars) FROM old_rows GROUP BY article_slug ORDER BY article_slug
    ON CONFLICT (article_slug) DO UPDATE SET ratings = s.ratings + excluded.ratings, stars = s.stars + excluded.stars;
  ELSE
    -- A changed rating (the usual update) moves only the stars.
    INSERT INTO article_stats AS s (article_slug, ratings, stars)
    SELECT article_slug, sum(n), sum(st) FROM (
      SELECT article_slug, 1 AS n, stars::bigint AS st FROM new_rows UNION ALL SELECT article_slug, -1, -stars::bigint FROM old_rows
    ) d GROUP BY article_slug HAVING sum(n) <> 0 OR sum(st) <> 0 ORDER BY article_slug
    ON CONFLICT (article_slug) DO UPDATE SET ratings = s.ratings + excluded.ratings, stars = s.stars + excluded.stars;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Comments count while approved and not hidden (what the article shows): approving,
-- hiding after reports, restoring, rejecting, removing and deleting all move it.
CREATE FUNCTION article_stats_comments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO article_stats AS s (article_slug, approved_comments)
    SELECT article_slug, count(*) FROM new_rows WHERE status = 'approved' AND NOT hidden GROUP BY article_slug ORDER BY article_slug
    ON CONFLICT (article_slug) DO UPDATE SET approved_comments = s.approved_comments + excluded.approved_comments;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO article_stats AS s (article_slug, approved_comments)
    SELECT article_slug, -count(*) FROM old_rows WHERE status = 'approved' AND NOT hidden GROUP BY article_slug ORDER BY article_slug
    ON CONFLICT (article_slug) DO UPDATE SET approved_comments = s.approved_comments + excluded.approved_comments;
  ELSE
    INSERT INTO article_stats AS s (article_slug, approved_comments)
    SELECT article_slug, sum(n) FROM (
      SELECT article_slug, 1 AS n FROM new_rows WHERE status = 'approved' AND NOT hidden
      UNION ALL SELECT article_slug, -1 FROM old_rows WHERE status = 'approved' AND NOT hidden
    ) d GROUP BY article_slug HAVING sum(n) <> 0 ORDER BY article_slug
    ON CONFLICT (article_slug) DO UPDATE SET approved_comments = s.approved_comments + excluded.approved_comments;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Created before the backfill, in the migration's one transaction: CREATE TRIGGER
-- blocks writes to the table until the migration commits, so no row is counted
-- twice or missed by an instance still serving the old build.
CREATE TRIGGER favourites_stats_insert AFTER INSERT ON favourites REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION article_stats_favourites();--> statement-breakpoint
CREATE TRIGGER favourites_stats_update AFTER UPDATE ON favourites REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION article_stats_favourites();--> statement-breakpoint
CREATE TRIGGER favourites_stats_delete AFTER DELETE ON favourites REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION article_stats_favourites();--> statement-breakpoint
CREATE TRIGGER ratings_stats_insert AFTER INSERT ON ratings REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION article_stats_ratings();--> statement-breakpoint
CREATE TRIGGER ratings_stats_update AFTER UPDATE ON ratings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION article_stats_ratings();--> statement-breakpoint
CREATE TRIGGER ratings_stats_delete AFTER DELETE ON ratings REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION article_stats_ratings();--> statement-breakpoint
CREATE TRIGGER comments_stats_insert AFTER INSERT ON comments REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION article_stats_comments();--> statement-breakpoint
CREATE TRIGGER comments_stats_update AFTER UPDATE ON comments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION article_stats_comments();--> statement-breakpoint
CREATE TRIGGER comments_stats_delete AFTER DELETE ON comments REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION article_stats_comments();--> statement-breakpoint
INSERT INTO article_stats (article_slug, favourites, ratings, stars, approved_comments)
SELECT article_slug, sum(f), sum(r), sum(st), sum(c) FROM (
  SELECT article_slug, count(*) AS f, 0 AS r, 0 AS st, 0 AS c FROM favourites GROUP BY article_slug
  UNION ALL SELECT article_slug, 0, count(*), sum(stars), 0 FROM ratings GROUP BY article_slug
  UNION ALL SELECT article_slug, 0, 0, 0, count(*) FROM comments WHERE status = 'approved' AND NOT hidden GROUP BY article_slug
) t GROUP BY article_slug;
