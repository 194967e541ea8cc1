import { IdParams, Ok } from '../common.ts';
import {
  ChangeRoleRequest,
  InviteUsersRequest,
  InviteUsersResult,
  UserListQuery,
  UserPage,
  UserParams,
  UserRow,
} from '../users.ts';
import { route } from '../route.ts';

const tags = ['users'];
const base = '/api/v1/orgs/:orgId/users';

/** The organization's users: list, invite, change role, remove. */
export const userRoutes = {
  listUsers: route({
    method: 'GET',
    path: base,
    tags,
    access: 'users.read',
    summary: 'Users of the organization',
    params: IdParams,
    query: UserListQuery,
    answer: UserPage,
  }),
  inviteUsers: route({
    method: 'POST',
    path: `${base}/invitations`,
    tags,
    access: 'users.manage',
    summary: 'Invite one or many users by email',
    params: IdParams,
    body: InviteUsersRequest,
    answer: InviteUsersResult,
  }),
  resendInvitation: route({
    method: 'POST',
    path: `${base}/:userId/resend-invitation`,
    tags,
    access: 'users.manage',
    summary: 'Send the invitation again',
    params: UserParams,
    answer: Ok,
  }),
  changeUserRole: route({
    method: 'PATCH',
    path: `${base}/:userId`,
    tags,
    access: 'users.manage',
    summary: 'Change a user’s role',
    params: UserParams,
    body: ChangeRoleRequest,
    answer: UserRow,
  }),
  removeUser: route({
    method: 'DELETE',
    path: `${base}/:userId`,
    tags,
    access: 'users.manage',
    summary: 'Remove a user from the organization',
    params: UserParams,
    answer: Ok,
  }),
};
