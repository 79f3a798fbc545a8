import { performStaffAction, type StaffActionArgs } from './perform-staff-action.ts';

/** An internal note: staff only, never on the citizen's timeline. */
export function addNote(args: StaffActionArgs & { body: string }) {
  return performStaffAction({
    ...args,
    action: 'add_note',
    decide: () => ({ events: [{ type: 'NOTE_ADDED', data: { body: args.body } }] }),
  });
}
