import { hash, verify } from '@node-rs/argon2';

/** argon2id with the OWASP minimum (19 MiB, 2 passes, 1 lane): about 80 ms a hash on this machine. */
const options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hashed: string, password: string): Promise<boolean>;
  /** A hash of nothing, verified against when the account does not exist, so timing reveals nothing. */
  readonly decoy: Promise<string>;
}

export function createPasswordHasher(): PasswordHasher {
  return {
    hash: (password) => hash(password, options),
    verify: async (hashed, password) => {
      try {
        return await verify(hashed, password);
      } catch {
        return false;
      }
    },
    decoy: hash('decoy password that matches nothing', options),
  };
}
