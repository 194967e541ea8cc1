import { IdParams } from '../common.ts';
import {
  OrgDirectorySettings,
  TestDirectoryUserRequest,
  TestDirectoryUserResult,
  TestOrgDirectoryRequest,
  TestOrgDirectoryResult,
  UpdateOrgDirectoryRequest,
} from '../directory.ts';
import { route } from '../route.ts';

const tags = ['sign-in'];
const base = '/api/v1/orgs/:orgId/directory';

/**
 * An organization's LDAP / Active Directory (docs/ldap.md): its settings (the bind password is
 * sealed, never sent back), "Test connection" and "Test a user". A failed test answers 422
 * DIRECTORY_TEST_FAILED; its message says what failed and `details[0].path` is `/step/<step>`.
 */
export const directoryRoutes = {
  getOrgDirectory: route({
    method: 'GET',
    path: base,
    tags,
    access: 'users.manage',
    summary: 'The organization’s LDAP / Active Directory settings (never the bind password)',
    params: IdParams,
    answer: OrgDirectorySettings,
  }),
  updateOrgDirectory: route({
    method: 'PUT',
    path: base,
    tags,
    access: 'users.manage',
    summary: 'Set up the organization’s LDAP / Active Directory sign-in (the bind password is sealed)',
    params: IdParams,
    body: UpdateOrgDirectoryRequest,
    answer: OrgDirectorySettings,
  }),
  removeOrgDirectory: route({
    method: 'DELETE',
    path: base,
    tags,
    access: 'users.manage',
    summary: 'Remove the directory (its accounts can no longer sign in)',
    params: IdParams,
    answer: OrgDirectorySettings,
  }),
  testOrgDirectory: route({
    method: 'POST',
    path: `${base}/test`,
    tags,
    access: 'users.manage',
    summary: 'Test connection: connect, bind the service account and count people under the base',
    params: IdParams,
    body: TestOrgDirectoryRequest,
    answer: TestOrgDirectoryResult,
  }),
  testOrgDirectoryUser: route({
    method: 'POST',
    path: `${base}/test-user`,
    tags,
    access: 'users.manage',
    summary: 'Test a user with the saved settings: found DN, groups, the role they give, the password',
    params: IdParams,
    body: TestDirectoryUserRequest,
    answer: TestDirectoryUserResult,
  }),
};
