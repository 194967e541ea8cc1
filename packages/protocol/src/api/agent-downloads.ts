import { Type, type Static } from 'typebox';
import { IsoDateTime } from './common.ts';

/**
 * The single-file agent this hub offers (`scripts/build-agent.mjs` builds it): what the Downloads
 * screen shows next to its button. `available: false` when the hub has no build (a fresh clone
 * before `npm run build:agent`); the other fields are then null.
 */
export const AgentDownload = Type.Object(
  {
    available: Type.Boolean(),
    fileName: Type.String({ description: 'Name the file is saved as, e.g. crosspoint-agent.mjs.' }),
    version: Type.Union([Type.String(), Type.Null()]),
    bytes: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
    sha256: Type.Union([Type.String({ pattern: '^[0-9a-f]{64}$' }), Type.Null()]),
    builtAt: Type.Union([IsoDateTime, Type.Null()]),
    /** Whether a detached Ed25519 signature of the release key travels with the build. */
    signed: Type.Boolean(),
    /** The oldest Node.js the agent runs on, e.g. 20.19. */
    nodeVersion: Type.String(),
    /** The same version as one executable for Linux x64 with Node inside, when the hub has it. */
    executable: Type.Union([
      Type.Object({
        fileName: Type.String({ description: 'crosspoint-agent-linux-x64' }),
        bytes: Type.Integer({ minimum: 0 }),
        sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
        signed: Type.Boolean(),
      }),
      Type.Null(),
    ]),
  },
  { $id: 'AgentDownload' },
);
export type AgentDownload = Static<typeof AgentDownload>;
