import type { AgentBuildService } from '../../services/agent-build.service.ts';
import { agentExecutableFileName, agentFileName } from '../../services/agent-build.service.ts';
import type { ContractRoutes } from '../contract-routes.ts';

/** The agent as people download it from the Downloads screen (docs/agent-install.md). */
export function downloadRoutes(routes: ContractRoutes, d: { agentBuilds: AgentBuildService }): void {
  routes.org('getAgentDownload', (ctx) => d.agentBuilds.describe(ctx));
  routes.org('downloadAgent', async (ctx, { reply }) => {
    const { build, stream } = await d.agentBuilds.open(ctx);
    return reply
      .header('content-type', 'text/javascript; charset=utf-8')
      .header('content-length', String(build.bytes))
      .header('content-disposition', `attachment; filename="${agentFileName}"`)
      .header('x-content-sha256', build.sha256)
      .header('cache-control', 'no-store')
      .send(stream);
  });
  routes.org('downloadAgentExecutable', async (ctx, { reply }) => {
    const exe = await d.agentBuilds.openExecutable(ctx);
    return reply
      .header('content-type', 'application/octet-stream')
      .header('content-length', String(exe.bytes))
      .header('content-disposition', `attachment; filename="${agentExecutableFileName}"`)
      .header('x-content-sha256', exe.sha256)
      .header('cache-control', 'no-store')
      .send(exe.stream);
  });
}
