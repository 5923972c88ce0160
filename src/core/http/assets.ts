/**
 * Static assets in `public/` are served under names that contain a hash of their content,
 * with a one-year immutable cache; a new deploy changes the name, never the meaning of a URL.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PUBLIC_DIR = fileURLToPath(new URL('../../../public', import.meta.url));

export type AssetMap = { url: (name: string) => string; fileFor: (hashedName: string) => string | undefined };

export const buildAssetMap = (dir = PUBLIC_DIR): AssetMap => {
  const byName = new Map<string, string>();
  const byHashed = new Map<string, string>();
  for (const name of readdirSync(dir)) {
    const hash = createHash('sha256')
      .update(readFileSync(join(dir, name)))
      .digest('hex')
      .slice(0, 12);
    const ext = extname(name);
    const hashed = `${name.slice(0, name.length - ext.length)}.${hash}${ext}`;
    byName.set(name, `/assets/${hashed}`);
    byHashed.set(hashed, name);
  }
  return {
    url: (name) => byName.get(name) ?? `/assets/${name}`,
    fileFor: (hashedName) => byHashed.get(hashedName),
  };
};
