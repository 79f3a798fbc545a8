/**
 * The filing baseline for pgbench: the rows one filing writes (the case with its reference from
 * the type's sequence, CASE_SUBMITTED and CASE_ROUTED events, the audit record, the
 * acknowledgement in the notification outbox), inserted in one transaction with no application
 * in between. Mirrors modules/cases/filing/file-case.ts; keep them in step. (pgbench reads
 * `:name` as a variable, so JSON literals keep a space after each colon.)
 */
export function filingTransactionScript({ unitId, description }: { unitId: string; description: string }): string {
  const text = description.replaceAll("'", "''");
  return `BEGIN;
SELECT nextval('case_reference_petition_seq') AS seq \\gset
INSERT INTO cases (reference, type, state, title, description, governorate, language, publish_consent,
  guest_name, guest_email, is_anonymous, access_code_hash, unit_id, is_triage, deadline_measure,
  clock_started_at, due_at, allotted_ms, submitter_key, created_at, updated_at)
VALUES ('PGB-' || :seq || '-' || :client_id, 'petition', 'submitted', 'Water cut in our street since Monday',
  '${text}', 'TN-61', 'ar', false, 'Bench Guest', 'bench@example.tn', false,
  md5(random()::text), '${unitId}', false, 'working_days', now(), now() + interval '20 days', 453600000,
  'guest', now(), now())
RETURNING id AS case_id \\gset
INSERT INTO case_events (case_id, type, visibility, actor_kind, actor_id, data) VALUES
  (:case_id, 'CASE_SUBMITTED', 'public', 'guest', NULL, '{"type": "petition", "channel": "guest", "attachments": 0}'),
  (:case_id, 'CASE_ROUTED', 'public', 'system', NULL, '{"isTriage": false, "chosenByCitizen": false}');
INSERT INTO audit_log (actor_id, actor_kind, action, subject_type, subject_id, request_id, data)
VALUES (NULL, 'guest', 'cases.filed', 'case', :case_id, md5(random()::text), '{"type": "petition", "channel": "guest"}');
INSERT INTO case_notifications (case_id, channel, recipient, language, template, data)
VALUES (:case_id, 'email', 'bench@example.tn', 'ar', 'case_acknowledgement', '{"reference": "x"}');
COMMIT;
`;
}
