#!/usr/bin/env node
// Refreshes the release facts synth checks definitions against (lib/facts/releases.json, lib/facts/extensions.json)
// from the Image Factory and the Kubernetes release channel. Needs internet access; commit the result.
//
//   npm run refresh-facts
//
// Talos releases: the factory's /versions. Official extensions: the factory's /version/<newest of each minor>/
// extensions/official (extensions are the same across the patches of a minor). Kubernetes: dl.k8s.io stable.txt.
/* global fetch */
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const FACTORY = 'https://factory.talos.dev';
const releasesFile = path.join(root, 'lib', 'facts', 'releases.json');
const extensionsFile = path.join(root, 'lib', 'facts', 'extensions.json');

async function get(url, as) {
  const response = await fetch(url, { headers: { accept: as === 'json' ? 'application/json' : 'text/plain' } });
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  return as === 'json' ? response.json() : response.text();
}

const parse = (v) => /^v(\d+)\.(\d+)\.(\d+)(?:-(alpha|beta|rc)\.(\d+))?$/.exec(v);
const PRE = { alpha: 0, beta: 1, rc: 2, undefined: 3 };
const key = (m) => [Number(m[1]), Number(m[2]), Number(m[3]), PRE[m[4]], Number(m[5] ?? 0)];
const compare = (a, b) => {
  const ka = key(parse(a));
  const kb = key(parse(b));
  return ka.reduce((d, x, i) => d || x - kb[i], 0);
};

async function main() {
  const today = new Date().toISOString().slice(0, 10);
  const releases = JSON.parse(fs.readFileSync(releasesFile, 'utf8'));
  const extensions = JSON.parse(fs.readFileSync(extensionsFile, 'utf8'));
  const oldest = Object.keys(releases.talos).sort((a, b) => compare(`${a}.0`, `${b}.0`))[0];
  const served = (await get(`${FACTORY}/versions`, 'json')).filter((v) => parse(v) && compare(v, `${oldest}.0-alpha.0`) >= 0);
  const talos = {};
  for (const v of served.sort(compare)) (talos[v.replace(/^(v\d+\.\d+).*$/, '$1')] ??= []).push(v);
  const official = {};
  for (const [minor, versions] of Object.entries(talos)) {
    const stable = versions.filter((v) => !v.includes('-'));
    const newest = (stable.length > 0 ? stable : versions).at(-1);
    official[minor] = (await get(`${FACTORY}/version/${newest}/extensions/official`, 'json')).map((e) => e.name).sort();
  }
  const kubernetes = (await get('https://dl.k8s.io/release/stable.txt', 'text')).trim().replace(/^v/, '');
  releases.asOf = today;
  releases.sources = { talos: `${FACTORY}/versions`, kubernetes: 'https://dl.k8s.io/release/stable.txt' };
  releases.talosNewest = served.filter((v) => !v.includes('-')).at(-1);
  releases.talos = talos;
  releases.kubernetesNewest = kubernetes;
  extensions.asOf = today;
  extensions.source = `${FACTORY}/version/<newest release of each minor>/extensions/official`;
  extensions.extensions = official;
  fs.writeFileSync(releasesFile, `${JSON.stringify(releases, null, 2)}\n`);
  fs.writeFileSync(extensionsFile, `${JSON.stringify(extensions, null, 2)}\n`);
  console.log(`refreshed lib/facts as of ${today}: Talos ${Object.keys(talos).join(', ')}, Kubernetes ${kubernetes}`);
}

main().catch((e) => {
  console.error(`refresh-facts: ${e.message} (it needs internet access to ${FACTORY} and dl.k8s.io); nothing was changed`);
  process.exit(1);
});
