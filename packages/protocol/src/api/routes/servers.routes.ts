import { IdParams, Ok } from '../common.ts';
import {
  CreateServerRequest,
  RotateServerPasswordRequest,
  ServerListQuery,
  ServerPage,
  ServerParams,
  ServerRow,
  UpdateServerRequest,
} from '../servers.ts';
import { route } from '../route.ts';

const tags = ['servers'];
const base = '/api/v1/orgs/:orgId/servers';

/** Agent server accounts: the logins site agents connect with. */
export const serverRoutes = {
  listServers: route({
    method: 'GET',
    path: base,
    tags,
    access: 'servers.read',
    summary: 'Agent server accounts',
    params: IdParams,
    query: ServerListQuery,
    answer: ServerPage,
  }),
  createServer: route({
    method: 'POST',
    path: base,
    tags,
    access: 'servers.manage',
    summary: 'Add an agent server account',
    params: IdParams,
    body: CreateServerRequest,
    answer: ServerRow,
    status: 201,
  }),
  updateServer: route({
    method: 'PATCH',
    path: `${base}/:serverId`,
    tags,
    access: 'servers.manage',
    summary: 'Rename, disable/enable or move a server account',
    params: ServerParams,
    body: UpdateServerRequest,
    answer: ServerRow,
  }),
  rotateServerPassword: route({
    method: 'PUT',
    path: `${base}/:serverId/password`,
    tags,
    access: 'servers.manage',
    summary: 'Rotate the server account’s password',
    params: ServerParams,
    body: RotateServerPasswordRequest,
    answer: Ok,
  }),
  updateServerAgent: route({
    method: 'POST',
    path: `${base}/:serverId/agent-update`,
    tags,
    access: 'servers.manage',
    summary: 'Tell the connected agent to install the build this hub offers now',
    description:
      'For an agent set to update manually (or one that refused or rolled back a build): it downloads the build, checks its SHA-256 and release signature, swaps it in and restarts. 409 AGENT_UPDATE_UNAVAILABLE when it is not connected, already runs that build or cannot update itself.',
    params: ServerParams,
    answer: Ok,
    status: 202,
  }),
  deleteServer: route({
    method: 'DELETE',
    path: `${base}/:serverId`,
    tags,
    access: 'servers.manage',
    summary: 'Delete a server account',
    params: ServerParams,
    answer: Ok,
  }),
};
