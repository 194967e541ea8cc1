import type { HelpBodies } from '../help-bodies.ts';

/** The help pages' bodies in Korean, per topic id, paragraph for paragraph (topics.ts). */
const bodies: HelpBodies = {};

export default bodies;
