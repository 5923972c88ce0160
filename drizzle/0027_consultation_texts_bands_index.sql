-- The band keys of a consultation text (the first 32 values of its MinHash signature,
-- consultations/analysis/minhash.ts) mixed with its consultation and question: the placing job
-- finds a new text's candidates, the texts of the same question sharing a band key, through a GIN
-- index over these keys alone. A signature without band keys (a short text) has none.
CREATE FUNCTION "consultations_band_keys"(consultation_id bigint, question_id text, signature integer[]) RETURNS integer[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(k # hashtext(consultation_id::text || ':' || question_id)), '{}')
  FROM unnest(signature[1:32]) AS k
$$;
--> statement-breakpoint
CREATE INDEX "consultations_texts_bands_idx" ON "consultations_texts" USING gin (consultations_band_keys("consultation_id", "question_id", "signature")) WITH (fastupdate=false) WHERE "consultations_texts"."placed_at" is not null;