import { LOCK_ENDPOINTS, OUTCOMES_BY_TYPE, STAFF_ACTION_ENDPOINTS, type StaffCase } from '@epeople/contracts';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/call.ts';
import { useSession } from '../../app/session.tsx';
import type { TranslationKey } from '../../i18n/keys.ts';
import { translateProblem } from '../../lib/form-errors.ts';
import { useUnits } from '../../lib/reference-data.ts';
import { treeOptions } from '../../lib/tree.ts';
import type { ActionSpec } from '../cases/action-modal.tsx';
import { type LockAction, loadAnswerTemplates, loadAssignees, loadStaffCase, type StaffAction } from './inbox-api.ts';
import { staffActionSpec } from './staff-actions.ts';

const LOCK_DONE: Record<LockAction, TranslationKey> = {
  take: 'inbox.case.lockTaken',
  release: 'inbox.case.lockReleased',
  break_lock: 'inbox.case.lockBroken',
} as const;

/**
 * A case in the back office as data: loaded, reloaded when the window regains focus (another
 * official may have acted), and changed by the lock and the staff actions, with the message each
 * leaves (a notice on success, an error otherwise).
 */
export function useStaffCase(id: string) {
  const { t } = useTranslation();
  const { user } = useSession();
  const [theCase, setCase] = useState<StaffCase>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [open, setOpen] = useState<{ action: StaffAction; spec: ActionSpec }>();
  const [preparing, setPreparing] = useState<StaffAction>();
  const units = useUnits();
  const unitOptions = useMemo(() => treeOptions(units.data ?? []), [units.data]);

  const load = useCallback(async () => {
    try {
      setCase(await loadStaffCase(id));
      setError(undefined);
    } catch (caught) {
      setError(translateProblem(caught, t));
    }
  }, [id, t]);

  useEffect(() => {
    void load();
    const onFocus = () => void load();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [load]);

  /** Opens an action's dialog, first fetching what its form offers (assignees, answer templates). */
  async function openAction(action: StaffAction) {
    if (!theCase) return;
    setError(undefined);
    setPreparing(action);
    try {
      let assignees: { value: string; label: string }[] = [];
      let templates: { value: string; label: string; fills: Record<string, unknown> }[] = [];
      if (action === 'assign') {
        assignees = (await loadAssignees(id)).map((member) => ({
          value: member.id,
          label: member.id === user?.id ? t('inbox.case.me', { name: member.name }) : member.name,
        }));
      }
      if (action === 'save_draft' || action === 'submit_draft') {
        // Templates only help: without them (none written, or the list unavailable) the dialog still works.
        templates = await loadAnswerTemplates(theCase.unit.id, theCase.type)
          .then((list) =>
            list.templates
              .filter((template) => template.isActive)
              .map((template) => ({
                value: template.id,
                label: template.title,
                // The text in the case's language, and the outcome when the template names one.
                fills: {
                  body: template.body[theCase.language] ?? template.body.ar,
                  ...(template.outcome &&
                  (OUTCOMES_BY_TYPE[theCase.type] as readonly string[]).includes(template.outcome)
                    ? { outcome: template.outcome }
                    : {}),
                },
              })),
          )
          .catch(() => []);
      }
      setOpen({
        action,
        spec: staffActionSpec(action, { theCase, assignees, units: unitOptions, templates }, t),
      });
    } catch (caught) {
      setError(translateProblem(caught, t));
    } finally {
      setPreparing(undefined);
    }
  }

  async function takeLockAction(action: LockAction) {
    setError(undefined);
    try {
      // The lock's answer is the lock alone: the page reloads the case, whose actions depend on it.
      await call(LOCK_ENDPOINTS[action], { params: { id }, body: {} });
      await load();
      setNotice(t(LOCK_DONE[action]));
    } catch (caught) {
      setError(translateProblem(caught, t));
      await load();
    }
  }

  /** The open dialog's submission; a failure stays in the dialog, which shows it. */
  async function submitAction(body: Record<string, unknown>) {
    if (!open) return;
    // Every action answers the case page as it now is (STAFF_ACTION_ENDPOINTS in the contracts).
    setCase(await call(STAFF_ACTION_ENDPOINTS[open.action], { params: { id }, body: body as never }));
    setNotice(t(`inbox.actions.${open.action}.done`));
    setOpen(undefined);
  }

  return {
    theCase,
    error,
    notice,
    dismissNotice: () => setNotice(undefined),
    preparing,
    openSpec: open?.spec,
    openAction,
    closeAction: () => setOpen(undefined),
    submitAction,
    takeLockAction,
  };
}
