import { IdParams, Ok } from '../common.ts';
import {
  CreateCsUsersAnswer,
  CreateCsUsersRequest,
  CsCallbackQuery,
  CsDashboard,
  CsLinkQuery,
  CsLinks,
  StartCsLinkAnswer,
  StartCsLinkRequest,
} from '../collaborate-space.ts';
import { route } from '../route.ts';

const tags = ['collaborate-space'];
const base = '/api/v1/orgs/:orgId/collaborate-space';

/**
 * COLLABORATE Space (docs/collaborate-space.md): a person's and the organization's links (OAuth2
 * authorization code with PKCE through CS's consent page), the dashboard's CS part, and creating
 * people as CS users. Linking the organization needs `org.update` (checked by the service).
 */
export const collaborateSpaceRoutes = {
  getCollaborateSpaceLinks: route({
    method: 'GET',
    path: base,
    tags,
    access: 'org.read',
    summary: 'The signed-in person’s and the organization’s COLLABORATE Space links',
    params: IdParams,
    answer: CsLinks,
  }),
  startCollaborateSpaceLink: route({
    method: 'POST',
    path: `${base}/links`,
    tags,
    access: 'org.read',
    summary:
      'Start linking to COLLABORATE Space (the person’s own, or the organization’s with org.update): CS’s consent page URL',
    params: IdParams,
    body: StartCsLinkRequest,
    answer: StartCsLinkAnswer,
  }),
  removeCollaborateSpaceLink: route({
    method: 'DELETE',
    path: `${base}/links`,
    tags,
    access: 'org.read',
    summary:
      'Unlink (the person’s own, or the organization’s with org.update): the tokens are revoked at CS (best effort) and removed; no link is no error',
    params: IdParams,
    query: CsLinkQuery,
    answer: Ok,
  }),
  getCollaborateSpaceDashboard: route({
    method: 'GET',
    path: `${base}/dashboard`,
    tags,
    access: 'devices.read',
    summary:
      'The dashboard’s video part: video devices by status, and through the organization’s link CS presence, licenses and calls',
    params: IdParams,
    answer: CsDashboard,
  }),
  createCollaborateSpaceUsers: route({
    method: 'POST',
    path: `${base}/users`,
    tags,
    access: 'users.manage',
    summary: 'Create people as COLLABORATE Space users through the signed-in person’s link (one result each)',
    params: IdParams,
    body: CreateCsUsersRequest,
    answer: CreateCsUsersAnswer,
  }),
  finishCollaborateSpaceLink: route({
    method: 'GET',
    path: '/api/v1/collaborate-space/callback',
    tags,
    access: 'session',
    summary:
      'Where CS sends the browser back: stores the link and redirects to My Account (…?collaborateSpace=linked or error=…&step=…)',
    query: CsCallbackQuery,
    redirect: true,
  }),
};
