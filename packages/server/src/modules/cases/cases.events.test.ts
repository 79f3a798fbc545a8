import { describe, expect, it } from 'vitest';
import { checkedAuditData } from './cases.audit.ts';
import { CASE_EVENT_VISIBILITY, type CaseEventInput, checkedEventData } from './cases.events.ts';

describe('case event and audit payloads', () => {
  it('keeps a payload that fits its event type as it is', () => {
    expect(checkedEventData({ type: 'LOCK_BROKEN', data: { previousHolderId: null } })).toEqual({
      previousHolderId: null,
    });
  });

  it('refuses an event payload with a field its schema does not list', () => {
    const drifted = { type: 'CASE_CLOSED', data: { automatic: true, closedBy: 'someone' } } as CaseEventInput;
    expect(() => checkedEventData(drifted)).toThrow();
  });

  it('refuses an event payload that misses a required field', () => {
    expect(() => checkedEventData({ type: 'ANSWER_SIGNED' } as CaseEventInput)).toThrow();
  });

  it('lists the two back-office events as internal', () => {
    expect(CASE_EVENT_VISIBILITY.CONTRIBUTION_ADDED).toBe('internal');
    expect(CASE_EVENT_VISIBILITY.LOCK_BROKEN).toBe('internal');
  });

  it('refuses audit data that does not fit its action, e.g. a message body on a message', () => {
    const base = { reference: 'PET-2026-000001', from: 'in_progress', to: 'in_progress' };
    expect(checkedAuditData('cases.send_message', base)).toEqual(base);
    expect(() => checkedAuditData('cases.send_message', { ...base, body: 'hello' })).toThrow();
  });
});
