import { createHash, randomBytes } from 'node:crypto';

/** A random URL-safe secret (256 bits). */
export const newSecret = () => randomBytes(32).toString('base64url');

/** What the database keeps of a secret: its SHA-256, so a leaked table opens nothing. */
export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** Personal API tokens carry a recognizable prefix so they can be spotted if leaked. */
export const API_TOKEN_PREFIX = 'wsis_';
export const newApiToken = () => `${API_TOKEN_PREFIX}${newSecret()}`;
