-- Fewer index entries per booking and per delivered event. The sweeps look only at held
-- reservations (lapsed holds) and confirmed ones (no-shows), so their indexes hold only those; a
-- confirmed booking no longer enters the holds' index. A person's reservations are found through (user_id, idempotency_key),
-- whose leading column is the person: the index on (user_id, created_at) only saved sorting a
-- person's few rows.
DROP INDEX reservations_holds;
DROP INDEX reservations_ended;
DROP INDEX reservations_user;
CREATE INDEX reservations_holds ON reservations (hold_expires_at) WHERE status = 'held';
CREATE INDEX reservations_ended ON reservations (slot_ends_at) WHERE status = 'confirmed';

-- The outbox's pending events only: delivery reads them in order, and a delivered event leaves
-- the index instead of staying in it for every later read to step over.
DROP INDEX outbox_pending;
CREATE INDEX outbox_pending ON outbox (seq) WHERE dispatched_at IS NULL;
