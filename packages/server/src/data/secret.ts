/**
 * Pseudonymisation of CPR numbers: HMAC-SHA-256 with a per-installation secret. The secret is
 * created on first use (32 random bytes, hex) in a file readable by its owner only (mode 0600),
 * outside the database, so the database alone cannot be reversed by hashing every possible CPR
 * number. Losing the secret means new imports get new pseudonyms; keep it with the installation.
 */

import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export type Pseudonymise = (cpr: string) => string;

function readOrCreateSecret(path: string): Buffer {
  try {
    const text = readFileSync(path, 'utf8').trim();
    if (!/^[0-9a-f]{64}$/.test(text))
      throw new Error(
        `the secret file ${path} does not hold 64 hex digits; restore it or delete it to start over with new pseudonyms`,
      );
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
    return Buffer.from(text, 'hex');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const secret = randomBytes(32);
  try {
    writeFileSync(path, secret.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readOrCreateSecret(path);
    throw error;
  }
}

/** The pseudonymiser of an installation: CPR (10 digits, hyphen removed) → 64 hex digits. */
export function pseudonymiser(secretPath: string): Pseudonymise {
  const secret = readOrCreateSecret(secretPath);
  return (cpr) => createHmac('sha256', secret).update(cpr.replace('-', '')).digest('hex');
}
