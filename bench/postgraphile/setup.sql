-- For the benchmark database only (run by bench/national.ts before PostGraphile starts; idempotent).
-- Gives PostGraphile's Hospital type an `adoption(fromPeriod, toPeriod, codes)` field with Yardstick's read rule:
-- per indicator and month, the latest revision reported by now. A STABLE SQL function, so PostgreSQL inlines it.
CREATE OR REPLACE FUNCTION public.hospital_adoption(h public.hospital, from_period date, to_period date, codes text[] DEFAULT NULL)
RETURNS SETOF public.adoption_report LANGUAGE sql STABLE AS $$
  SELECT DISTINCT ON (r.indicator_code, r.period) r.*
    FROM public.adoption_report r
   WHERE r.unit_id = h.id AND r.period BETWEEN from_period AND to_period AND r.reported_at <= now()
     AND (codes IS NULL OR r.indicator_code = ANY (codes))
   ORDER BY r.indicator_code, r.period, r.revision DESC
$$;
COMMENT ON FUNCTION public.hospital_adoption(public.hospital, date, date, text[]) IS E'@fieldName adoption\n@sortable';
