import type { ReadinessResponse, SystemInfo } from '@crosspoint/protocol';
import type { InstallationRecord } from '../repositories/installation.repository.ts';

export interface Dependency {
  name: string;
  ping(): Promise<void>;
}

export interface SystemServiceDeps {
  version: string;
  startedAt: Date;
  installation: InstallationRecord;
  database: SystemInfo['database'];
  bus: SystemInfo['bus'];
  dependencies: Dependency[];
  now?: () => number;
}

/** What the hub is and whether it can serve: liveness, readiness and identity. */
export class SystemService {
  private readonly now: () => number;
  constructor(private readonly deps: SystemServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  uptimeSeconds(): number {
    return Math.round((this.now() - this.deps.startedAt.getTime()) / 1000);
  }

  info(): SystemInfo {
    return {
      product: 'Crosspoint',
      version: this.deps.version,
      installationId: this.deps.installation.id,
      installedAt: this.deps.installation.createdAt.toISOString(),
      database: this.deps.database,
      bus: this.deps.bus,
      startedAt: this.deps.startedAt.toISOString(),
    };
  }

  /** Pings every dependency with a time limit; ready only when all answer. */
  async readiness(timeoutMs = 2000): Promise<ReadinessResponse> {
    const checks = await Promise.all(
      this.deps.dependencies.map(async (d) => {
        const start = this.now();
        let timer: NodeJS.Timeout | undefined;
        try {
          await Promise.race([
            d.ping(),
            new Promise((_, reject) => {
              timer = setTimeout(() => {
                reject(new Error(`no answer within ${timeoutMs} ms`));
              }, timeoutMs);
            }),
          ]);
          return { name: d.name, ok: true, latencyMs: this.now() - start };
        } catch (e) {
          return { name: d.name, ok: false, detail: (e as Error).message, latencyMs: this.now() - start };
        } finally {
          clearTimeout(timer);
        }
      }),
    );
    return { ready: checks.every((c) => c.ok), checks };
  }
}
