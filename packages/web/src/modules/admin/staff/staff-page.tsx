import type { StaffMember } from '@epeople/contracts';
import { Badge, Button, CloseButton, Group, Modal, Table, Text } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client.ts';
import { PageLoader } from '../../../app/guards.tsx';
import { FormAlert, PageHeader } from '../../../app/page.tsx';
import { useSession } from '../../../app/session.tsx';
import { translateProblem } from '../../../lib/form-errors.ts';
import { localName } from '../../../lib/local-name.ts';
import { useUnits } from '../../../lib/reference-data.ts';
import { useLoad } from '../../../lib/use-load.ts';
import { AddRoleForm, CreateStaffForm } from './staff-forms.tsx';

type Dialog = { kind: 'create' } | { kind: 'addRole'; member: StaffMember } | null;

const loadStaff = async () => (await api.get<{ staff: StaffMember[] }>('/admin/staff')).staff;

export function StaffPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const staff = useLoad(loadStaff);
  const units = useUnits();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [actionError, setActionError] = useState<string>();
  const [busyId, setBusyId] = useState<string>();
  const unitName = useCallback(
    (id: string) => {
      const unit = units.data?.find((candidate) => candidate.id === id);
      return unit ? localName(unit.name) : '…';
    },
    [units.data],
  );

  async function act(id: string, action: () => Promise<unknown>) {
    setBusyId(id);
    setActionError(undefined);
    try {
      await action();
      await staff.reload();
    } catch (error) {
      setActionError(translateProblem(error, t));
    } finally {
      setBusyId(undefined);
    }
  }

  async function saved() {
    setDialog(null);
    await staff.reload();
  }

  return (
    <>
      <PageHeader title={t('admin.staff.title')} description={t('admin.staff.description')} />
      <Group mb="md">
        <Button onClick={() => setDialog({ kind: 'create' })}>{t('admin.staff.create')}</Button>
      </Group>
      <FormAlert message={staff.error ?? actionError} />
      {staff.isLoading && !staff.data ? <PageLoader /> : null}
      {staff.data && staff.data.length === 0 ? <Text c="dimmed">{t('admin.staff.empty')}</Text> : null}
      {staff.data && staff.data.length > 0 ? (
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover verticalSpacing="sm">
            <Table.Caption>{t('admin.staff.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('accounts.fields.fullName')}</Table.Th>
                <Table.Th>{t('admin.staff.status')}</Table.Th>
                <Table.Th>{t('admin.staff.roles')}</Table.Th>
                <Table.Th>{t('admin.common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {staff.data.map((member) => (
                <Table.Tr key={member.id}>
                  <Table.Td>
                    <Text fw={600}>{member.fullName}</Text>
                    <Text size="sm" c="dimmed" className="ltr-value">
                      {member.email}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <Badge color={member.isActive ? 'teal' : 'gray'} variant="light">
                        {member.isActive ? t('admin.common.active') : t('admin.common.inactive')}
                      </Badge>
                      <Badge color={member.secondFactorEnrolled ? 'teal' : 'orange'} variant="outline">
                        {member.secondFactorEnrolled ? t('admin.staff.totpOn') : t('admin.staff.totpOff')}
                      </Badge>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {member.roles.map((assignment) => (
                        <Badge
                          key={assignment.id}
                          variant="light"
                          rightSection={
                            <CloseButton
                              size="xs"
                              aria-label={t('admin.staff.removeRole', { role: t(`admin.roles.${assignment.role}`) })}
                              disabled={busyId === member.id}
                              onClick={() =>
                                void act(member.id, () =>
                                  api.delete(`/admin/staff/${member.id}/roles/${assignment.id}`),
                                )
                              }
                            />
                          }
                        >
                          {t(`admin.roles.${assignment.role}`)} · {unitName(assignment.unitId)} ·{' '}
                          {t(`admin.scopes.${assignment.scope}`)}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button size="compact-sm" variant="light" onClick={() => setDialog({ kind: 'addRole', member })}>
                        {t('admin.staff.addRole')}
                      </Button>
                      {member.id !== user?.id ? (
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          color={member.isActive ? 'red' : 'teal'}
                          loading={busyId === member.id}
                          onClick={() =>
                            void act(member.id, () =>
                              api.patch(`/admin/staff/${member.id}`, { isActive: !member.isActive }),
                            )
                          }
                        >
                          {member.isActive ? t('admin.staff.deactivate') : t('admin.staff.reactivate')}
                        </Button>
                      ) : null}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      <Modal
        opened={dialog !== null}
        onClose={() => setDialog(null)}
        title={dialog?.kind === 'addRole' ? t('admin.staff.addRoleTitle') : t('admin.staff.createTitle')}
        size="lg"
      >
        {dialog?.kind === 'create' ? (
          <CreateStaffForm units={units.data ?? []} onSaved={() => void saved()} onCancel={() => setDialog(null)} />
        ) : null}
        {dialog?.kind === 'addRole' ? (
          <AddRoleForm
            member={dialog.member}
            units={units.data ?? []}
            onSaved={() => void saved()}
            onCancel={() => setDialog(null)}
          />
        ) : null}
      </Modal>
    </>
  );
}
