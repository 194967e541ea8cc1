import { IdParams } from '../common.ts';
import { AgentDownload } from '../agent-downloads.ts';
import { route } from '../route.ts';

const tags = ['downloads'];
const base = '/api/v1/orgs/:orgId/downloads/agent';

/**
 * The agent as people install it: the single-file build this hub serves. For anyone who may see
 * the organization's server accounts (the people who set up sites).
 */
export const downloadRoutes = {
  getAgentDownload: route({
    method: 'GET',
    path: base,
    tags,
    access: 'servers.read',
    summary: 'The agent this hub offers: version, size, SHA-256 (available: false when not built)',
    params: IdParams,
    answer: AgentDownload,
  }),
  downloadAgent: route({
    method: 'GET',
    path: `${base}/file`,
    tags,
    access: 'servers.read',
    summary: 'Download the single-file agent (crosspoint-agent.mjs; 404 when not built)',
    params: IdParams,
  }),
  downloadAgentExecutable: route({
    method: 'GET',
    path: `${base}/executable`,
    tags,
    access: 'servers.read',
    summary:
      'Download the agent as one executable for Linux x64 with Node inside (crosspoint-agent-linux-x64; 404 when not built)',
    params: IdParams,
  }),
};
