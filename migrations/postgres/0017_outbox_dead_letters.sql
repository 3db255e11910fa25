-- An event no handler could take after many tries (or that this version cannot read at all) is
-- set aside as a dead letter: kept for an operator, no longer in the way of the events after it.
ALTER TABLE outbox ADD COLUMN dead_at BIGINT;
