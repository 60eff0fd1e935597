/** How the CLIs find a domain: from a pack's manifest, or from the scenes a file names. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DomainWithDialogue } from '../../src/dialogue/index.ts';
import { DOMAINS, domainNamed } from '../../src/domains/index.ts';

/** A scene is checked by the domain it names. */
export function anySceneProblem(v: unknown, where = 'scene'): string | null {
  const name = typeof v === 'object' && v !== null ? (v as { domain?: unknown }).domain : undefined;
  const domain = typeof name === 'string' ? domainNamed(name) : undefined;
  if (domain) return domain.sceneProblem(v, where);
  return `${where}.domain must be one of ${DOMAINS.map((d) => `"${d.name}"`).join(', ')} (got ${JSON.stringify(name)})`;
}

/** The domain a pack's manifest names; throws when Parley does not know it or the folder has no manifest. */
export function packDomain(packDir: string): DomainWithDialogue {
  const file = join(packDir, 'manifest.json');
  const name = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { domain?: unknown }).domain : undefined;
  const domain = typeof name === 'string' ? domainNamed(name) : undefined;
  if (!domain) throw new Error(`${packDir}: ${existsSync(file) ? `the manifest names domain ${JSON.stringify(name)}, which Parley does not know` : 'no manifest.json'}`);
  return domain;
}

/** The one domain the scenes of some records name (dialogue files carry it in every scene). */
export function domainOfScenes(scenes: readonly { domain: string }[]): DomainWithDialogue {
  const names = [...new Set(scenes.map((s) => s.domain))];
  if (names.length !== 1) throw new Error(`the records name ${names.length === 0 ? 'no domain' : `several domains (${names.join(', ')})`}`);
  const domain = domainNamed(names[0]!);
  if (!domain) throw new Error(`Parley does not know the domain "${names[0]}"`);
  return domain;
}
