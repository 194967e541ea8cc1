import { createHash, randomBytes } from 'node:crypto';

/** A random secret for links, sessions and tokens (256 bits), URL-safe. */
export const newSecret = (): string => randomBytes(32).toString('base64url');

/** Only hashes of secrets are stored: a database leak does not hand out sessions or links. */
export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');
