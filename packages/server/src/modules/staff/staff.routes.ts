import {
  createStaffRequestSchema,
  idParamsSchema,
  newRoleAssignmentSchema,
  roleAssignmentParamsSchema,
  roleAssignmentSchema,
  staffListSchema,
  staffMemberSchema,
  updateStaffRequestSchema,
} from '@epeople/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.ts';
import { toStaffMemberDto } from './staff.presenter.ts';
import { createStaff, grantRole, listStaff, revokeRole, updateStaff } from './staff.usecases.ts';

const noContent = z.null().describe('No content');

/** /admin/staff: the staff an administrator may see and manage, and their role assignments. */
export async function staffRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['staff'];
  const db = ctx.database.db;

  typed.get(
    '/admin/staff',
    {
      schema: {
        openapi: { problems: ['common.forbidden', 'common.unauthenticated'] },
        tags,
        summary: 'Staff the caller may see',
        response: { 200: staffListSchema },
      },
    },
    async (request) => ({ staff: (await listStaff({ db, actor: request.actor })).map(toStaffMemberDto) }),
  );

  typed.post(
    '/admin/staff',
    {
      schema: {
        openapi: { problems: ['common.forbidden', 'common.unauthenticated', 'staff.unit_not_found'] },
        tags,
        summary: 'Create a staff account with its roles; the person is invited by e-mail',
        body: createStaffRequestSchema,
        response: { 201: staffMemberSchema },
      },
    },
    async (request, reply) => {
      const member = await createStaff({ ctx, actor: request.actor, requestId: request.id, input: request.body });
      return reply.status(201).send(toStaffMemberDto(member));
    },
  );

  typed.patch(
    '/admin/staff/:id',
    {
      schema: {
        openapi: { problems: ['common.forbidden', 'common.unauthenticated', 'staff.not_found'] },
        tags,
        summary: 'Edit or (de)activate a staff member',
        params: idParamsSchema,
        body: updateStaffRequestSchema,
        response: { 200: staffMemberSchema },
      },
    },
    async (request) => {
      const member = await updateStaff({
        db,
        actor: request.actor,
        now: ctx.now(),
        requestId: request.id,
        id: request.params.id,
        input: request.body,
      });
      return toStaffMemberDto(member);
    },
  );

  typed.post(
    '/admin/staff/:id/roles',
    {
      schema: {
        openapi: {
          problems: [
            'common.forbidden',
            'common.unauthenticated',
            'staff.not_found',
            'staff.unit_not_found',
            'staff.role_assignment_exists',
            'staff.cannot_grant_self',
          ],
        },
        tags,
        summary: 'Grant a role',
        description: 'Grants the staff member a role at a unit, with its reach (the unit, its subtree, or all units).',
        params: idParamsSchema,
        body: newRoleAssignmentSchema,
        response: { 201: roleAssignmentSchema },
      },
    },
    async (request, reply) => {
      const assignment = await grantRole({
        db,
        actor: request.actor,
        requestId: request.id,
        id: request.params.id,
        input: request.body,
      });
      return reply.status(201).send(assignment);
    },
  );

  typed.delete(
    '/admin/staff/:id/roles/:assignmentId',
    {
      schema: {
        openapi: {
          problems: [
            'common.forbidden',
            'common.unauthenticated',
            'staff.not_found',
            'staff.role_assignment_not_found',
            'staff.cannot_remove_own_admin_role',
          ],
        },
        tags,
        summary: 'Revoke a role',
        params: roleAssignmentParamsSchema,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await revokeRole({
        db,
        actor: request.actor,
        requestId: request.id,
        id: request.params.id,
        assignmentId: request.params.assignmentId,
      });
      return reply.status(204).send(null);
    },
  );
}
