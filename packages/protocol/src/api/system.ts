import { Type, type Static } from 'typebox';

export const HealthResponse = Type.Object(
  { status: Type.Literal('ok'), uptimeSeconds: Type.Number() },
  { $id: 'HealthResponse', description: 'Liveness: the process is up and serving.' },
);
export type HealthResponse = Static<typeof HealthResponse>;

export const ReadinessCheck = Type.Object({
  name: Type.String(),
  ok: Type.Boolean(),
  detail: Type.Optional(Type.String()),
  latencyMs: Type.Number(),
});

export const ReadinessResponse = Type.Object(
  { ready: Type.Boolean(), checks: Type.Array(ReadinessCheck) },
  { $id: 'ReadinessResponse', description: 'Readiness: every dependency (database, bus) answers.' },
);
export type ReadinessResponse = Static<typeof ReadinessResponse>;

export const SystemInfo = Type.Object(
  {
    product: Type.Literal('Crosspoint'),
    version: Type.String(),
    installationId: Type.String({
      description: 'Random id of this hub installation, stable across restarts.',
    }),
    installedAt: Type.String({ format: 'date-time' }),
    database: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
    bus: Type.Union([Type.Literal('memory'), Type.Literal('nats')]),
    startedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'SystemInfo', description: 'What this hub is and what it runs on.' },
);
export type SystemInfo = Static<typeof SystemInfo>;
