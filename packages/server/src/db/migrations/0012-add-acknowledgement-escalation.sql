-- A notice is acknowledged within a short deadline (DESIGN.md §3, acknowledge_due_at, migration
-- 0007): acknowledging it is leaving 'submitted'. When that deadline passes first, the deadline
-- work escalates it once to the unit's supervisors and the central office, and marks it here.
ALTER TABLE cases ADD COLUMN acknowledge_escalated_at timestamptz;

-- The deadline scan's read: notices still waiting to be acknowledged and not yet escalated.
CREATE INDEX cases_acknowledge_due ON cases (acknowledge_due_at)
  WHERE state = 'submitted' AND acknowledge_due_at IS NOT NULL AND acknowledge_escalated_at IS NULL;
