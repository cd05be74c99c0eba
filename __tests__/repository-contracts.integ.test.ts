/**
 * Repository-level promises of the README that no construct test sees: the single module importing the CDKTF
 * runtime, the commands (`npm run synth`, `npm test`, `.ci/run`, cdktf.json), what git ignores, the README's own
 * layout and dependency tables, and the pull-request workflow.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import YAML from 'yaml';

const root = path.resolve(__dirname, '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
/** The maintainers' doc holds the layout and dependency tables. */
const maintenance = fs.readFileSync(path.join(root, 'docs', 'maintenance.md'), 'utf8');
const packageJson = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
/** Folders that hold no project source: dependencies, generated or local output. */
const NOT_SOURCE = new Set(['node_modules', '.git', '.build', 'cdktf.out', 'coverage', 'access', '.rollout']);

/** Project files (relative paths) whose name matches `pattern`, outside NOT_SOURCE and `skip`. */
function projectFiles(pattern: RegExp, skip: readonly string[] = []): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!NOT_SOURCE.has(entry.name) && !skip.includes(rel)) walk(rel);
      } else if (pattern.test(entry.name)) {
        found.push(rel);
      }
    }
  };
  walk('');
  return found.sort();
}

/** Module specifiers a JS/TS source imports, re-exports or requires. */
function moduleSpecifiers(source: string): string[] {
  return [...source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)(['"])([^'"\n]+)\1/gm)].map((m) => m[2]);
}

/** The rows of the first Markdown table after `heading` in `doc`, as cells. */
function tableAfter(heading: string, doc = maintenance): string[][] {
  const section = doc.slice(doc.indexOf(`\n${heading}\n`));
  expect(section).not.toBe('');
  const lines = section.split('\n');
  const start = lines.findIndex((l) => l.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    );
  }
  return rows;
}

function backticked(text: string): string[] {
  return [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
}

describe('the CDKTF runtime behind constructs/cdk.ts', () => {
  test('defines constructs/cdk.ts as the only module importing cdktf or a prebuilt provider package', () => {
    // GIVEN every project source outside the generated bindings (.gen imports cdktf by design)
    const sources = projectFiles(/\.(ts|mts|cts|js|mjs|cjs)$/, ['.gen']);
    // WHEN
    const runtime = /^(cdktf|@cdktf\/provider-(?!generator\b)[^/]+)(\/|$)/;
    const importers = sources.filter((file) => moduleSpecifiers(fs.readFileSync(path.join(root, file), 'utf8')).some((s) => runtime.test(s)));
    // THEN (the provider generator is the offline bindings tool, not the runtime)
    expect(sources.length).toBeGreaterThan(50);
    expect(importers).toEqual(['constructs/cdk.ts']);
  });

  test('defines constructs/cdk.ts as a pure re-export list', () => {
    // GIVEN
    const file = path.join(root, 'constructs', 'cdk.ts');
    // WHEN
    const parsed = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022);
    const kinds = parsed.statements.map((s) => (ts.isExportDeclaration(s) && s.moduleSpecifier ? 'export … from' : ts.SyntaxKind[s.kind]));
    // THEN
    expect(kinds.length).toBeGreaterThan(0);
    expect(new Set(kinds)).toEqual(new Set(['export … from']));
  });
});

describe('the commands the README documents', () => {
  test('defines npm run synth and the cdktf.json app as the same direct runner of main.ts', () => {
    // GIVEN
    const cdktfJson = JSON.parse(fs.readFileSync(path.join(root, 'cdktf.json'), 'utf8'));
    // THEN
    expect(packageJson.scripts.synth).toBe('node scripts/run-ts.mjs main.ts');
    expect(cdktfJson.app).toBe(packageJson.scripts.synth);
    expect(cdktfJson.language).toBe('typescript');
  });

  test('defines npm test as a strict type-check of every TypeScript file and the linter, then jest', () => {
    // GIVEN the tsconfig.json that `tsc --noEmit` reads
    const config = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile);
    // WHEN
    const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
    const checked = new Set(parsed.fileNames.map((f) => path.relative(root, f)));
    // THEN
    expect(packageJson.scripts.test).toBe('node scripts/static-checks.mjs && jest');
    const staticChecks = fs.readFileSync(path.join(root, 'scripts', 'static-checks.mjs'), 'utf8');
    expect(staticChecks).toContain("command: 'tsc --noEmit --incremental --tsBuildInfoFile node_modules/.cache/tsc/tsbuildinfo'");
    expect(staticChecks).toContain("command: 'npm run --silent lint'");
    expect(parsed.options.strict).toBe(true);
    expect(projectFiles(/\.ts$/).filter((f) => !checked.has(f))).toEqual([]);
  });

  test('defines .ci/run as an executable that runs npm ci and then exactly npm test', () => {
    // GIVEN
    const file = path.join(root, '.ci', 'run');
    // WHEN
    const commands = fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'));
    // THEN
    expect(fs.statSync(file).mode & 0o111).not.toBe(0);
    expect(commands.slice(-2)).toEqual([expect.stringMatching(/^npm ci\b/), 'npm test']);
    expect(commands.filter((c) => /^npm (ci|install|i)\b/.test(c))).toHaveLength(1);
  });

  test('defines every npm script the README and docs name', () => {
    // GIVEN every `npm run <name>` in the README and docs/
    const docs = [readme, ...fs.readdirSync(path.join(root, 'docs')).map((f) => fs.readFileSync(path.join(root, 'docs', f), 'utf8'))].join('\n');
    // WHEN
    const named = [...new Set([...docs.matchAll(/npm run (?:--silent )?([a-z][\w:-]*)/g)].map((m) => m[1]))];
    // THEN
    expect(named.length).toBeGreaterThanOrEqual(10);
    expect(named.filter((n) => packageJson.scripts[n] === undefined)).toEqual([]);
    expect(packageJson.engines.node).toBe('>=20.9');
  });
});

describe('the two test tiers', () => {
  test('defines every test that starts processes as *.integ.test.ts, so npm run test:unit stays in-process', () => {
    // GIVEN the unit tier's files (jest.config.js: *.test.ts that are not *.integ.test.ts)
    const unit = fs.readdirSync(path.join(root, '__tests__')).filter((f) => f.endsWith('.test.ts') && !f.endsWith('.integ.test.ts'));
    // WHEN / THEN none reaches for a child process or a harness that spawns one
    const spawning = unit.filter((f) =>
      /child_process|support\/(terraform-cli|rollout-harness|identity-harness|twins)'/.test(fs.readFileSync(path.join(root, '__tests__', f), 'utf8')),
    );
    expect(unit.length).toBeGreaterThan(30);
    expect(spawning).toEqual([]);
    expect(packageJson.scripts['test:unit']).toBe('jest --selectProjects unit');
  });
});

describe('the documentation', () => {
  const docFiles = ['README.md', ...fs.readdirSync(path.join(root, 'docs')).map((f) => `docs/${f}`)];

  test('defines a short README: pitch, two commands, a definition, deploy and upgrade in brief, the docs index', () => {
    // GIVEN / WHEN
    const headings = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    // THEN
    expect(readme.split('\n').length).toBeLessThanOrEqual(180);
    expect(headings).toEqual([
      'Two commands',
      'A cluster definition',
      'Deploy',
      'Upgrade',
      'Change, remove, tear down',
      'What is tested here',
      'Documentation',
    ]);
  });

  test('defines every relative link of the README and docs as an existing file and heading', () => {
    // GIVEN every [text](relative.md#anchor) link
    const broken: string[] = [];
    for (const file of docFiles) {
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      for (const [, target, anchor] of text.matchAll(/\]\(((?!https?:)[^)#\s]+\.md)(?:#([^)\s]+))?\)/g)) {
        const resolved = path.join(root, path.dirname(file), target);
        if (!fs.existsSync(resolved)) {
          broken.push(`${file} → ${target}`);
          continue;
        }
        // GitHub anchors: lower case, punctuation dropped, spaces to dashes.
        const slugs = [...fs.readFileSync(resolved, 'utf8').matchAll(/^#+ (.+)$/gm)].map((m) =>
          m[1]
            .toLowerCase()
            .replace(/[^\w\- ]/g, '')
            .replace(/ /g, '-'),
        );
        if (anchor && !slugs.includes(anchor)) broken.push(`${file} → ${target}#${anchor}`);
      }
    }
    // THEN
    expect(broken).toEqual([]);
  });

  test('defines every doc in the README index', () => {
    // GIVEN / WHEN
    const indexed = new Set([...readme.slice(readme.indexOf('## Documentation')).matchAll(/\(docs\/([^)#]+)\)/g)].map((m) => m[1]));
    // THEN
    expect(fs.readdirSync(path.join(root, 'docs')).filter((f) => !indexed.has(f))).toEqual([]);
  });
});

describe('git-ignored files', () => {
  test('defines state, kubeconfig, talosconfig and build output as ignored, and sources and bindings as not', () => {
    // GIVEN paths a deploy or a build creates, and paths that must be committed
    const ignored = [
      'terraform.homelab.tfstate',
      'terraform.homelab.tfstate.backup',
      'state/homelab.tfstate',
      'access/homelab/kubeconfig',
      'access/homelab/talosconfig',
      'cdktf.out/stacks/homelab/cdk.tf.json',
      'cdktf.out/stacks/homelab/.terraform/terraform.tfstate',
      '.build/main-0123456789abcdef.cjs',
    ];
    const committed = [
      '.gen/PROVENANCE.json',
      '.gen/providers/talos/provider/index.ts',
      'clusters/homelab.ts',
      'lib/versions.ts',
      'helm-values/cilium.yaml',
    ];
    // WHEN git reports which of them it ignores (status 1: none)
    let out = '';
    try {
      out = execFileSync('git', ['check-ignore', '--no-index', ...ignored, ...committed], { cwd: root, encoding: 'utf8' });
    } catch (e) {
      out = (e as { stdout?: string }).stdout ?? '';
    }
    // THEN
    expect(out.trim().split('\n').sort()).toEqual([...ignored].sort());
  });
});

describe('docs/maintenance.md tables', () => {
  test('defines every path of the layout table and every construct it names', () => {
    // GIVEN
    const rows = tableAfter('## Layout');
    const constructSources = projectFiles(/\.ts$/)
      .filter((f) => f.startsWith('constructs/'))
      .map((f) => fs.readFileSync(path.join(root, f), 'utf8'))
      .join('\n');
    // WHEN
    const paths = rows.map((r) => backticked(r[0])[0]);
    const constructs = backticked(rows.find((r) => r[0] === '`constructs/`')![1]).filter((n) => /^[A-Z]\w+$/.test(n));
    // THEN
    expect(paths.filter((p) => !fs.existsSync(path.join(root, p)))).toEqual([]);
    expect(constructs.length).toBeGreaterThanOrEqual(7);
    expect(constructs.filter((c) => !new RegExp(`export class ${c} extends Construct\\b`).test(constructSources))).toEqual([]);
  });

  test('defines every package of the dependency table in package.json at its version, and every dependency in the table', () => {
    // GIVEN
    const rows = tableAfter('## Dependencies and why');
    const declared: Record<string, string> = { ...packageJson.dependencies, ...packageJson.devDependencies };
    // WHEN "`cdktf` 0.21.0, `constructs` 10" → [cdktf, 0.21.0], [constructs, 10]
    const named = rows.flatMap((r) => [...r[0].matchAll(/`([^`]+)`(?: (\d[\w.]*))?/g)].map((m) => ({ name: m[1], version: m[2] })));
    // THEN
    expect(named.filter((p) => declared[p.name] === undefined)).toEqual([]);
    for (const p of named.filter((n) => n.version))
      expect({ name: p.name, declared: declared[p.name] }).toEqual({
        name: p.name,
        declared: expect.stringMatching(new RegExp(`^${p.version!.replace(/\./g, '\\.')}(\\.|$)`)),
      });
    const names = new Set(named.map((p) => p.name));
    expect(Object.keys(declared).filter((d) => !d.startsWith('@types/') && !names.has(d))).toEqual([]);
  });
});

describe('.github/workflows/review.yml', () => {
  const workflow = YAML.parse(fs.readFileSync(path.join(root, '.github', 'workflows', 'review.yml'), 'utf8'));
  const steps = (job: string): Array<{ name?: string; run?: string; uses?: string; if?: string; with?: { script?: string } }> =>
    workflow.jobs[job].steps;

  test('defines a review job on pull requests that runs the tests and posts the report, with no credentials', () => {
    // THEN
    expect(Object.keys(workflow.on)).toEqual(['pull_request']);
    const runs = steps('review').map((s) => s.run ?? '');
    expect(runs).toContain('npm test');
    expect(runs.some((r) => /npm run --silent review -- --base "origin\/\$\{BASE_REF\}" --out review\.md/.test(r))).toBe(true);
    expect(steps('review').some((s) => s.uses?.startsWith('actions/github-script@') && /createComment/.test(s.with?.script ?? ''))).toBe(true);
    expect(JSON.stringify(workflow.jobs.review)).not.toMatch(/secrets\.|PROXMOX_VE_/);
  });

  test('defines a workflow file the GitHub Actions schema accepts', () => {
    // GIVEN / WHEN action-validator (the workflow JSON schema, offline) reads it
    const run = spawnSync(path.join(root, 'node_modules', '.bin', 'action-validator'), ['.github/workflows/review.yml'], {
      cwd: root,
      encoding: 'utf8',
    });
    // THEN
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  test('defines synth, the offline check and real-provider validation after the tests, each a project command', () => {
    // GIVEN the review job's shell steps
    const runs = steps('review')
      .map((s) => s.run?.trim() ?? '')
      .filter(Boolean);
    // WHEN / THEN they run in this order, and every npm script and script file they name exists
    const order = ['npm test', 'npm run synth', 'npm run check', 'bash scripts/validate-stacks.sh'].map((cmd) =>
      runs.findIndex((r) => r.split('\n').includes(cmd) || r.endsWith(cmd)),
    );
    expect(order.every((i, k) => i >= 0 && (k === 0 || i > order[k - 1]))).toBe(true);
    for (const script of runs.join('\n').matchAll(/npm run (?:--silent )?([\w:-]+)/g)) expect(Object.keys(packageJson.scripts)).toContain(script[1]);
    for (const file of runs.join('\n').matchAll(/bash (scripts\/[\w.-]+)/g)) expect(fs.existsSync(path.join(root, file[1]))).toBe(true);
  });

  test('fails the review job when the head does not validate', () => {
    // THEN the last step fails on the review's non-zero status
    const last = steps('review').at(-1)!;
    expect(last.if).toContain("steps.review.outputs.status != '0'");
    expect(last.run).toMatch(/exit 1\s*$/);
  });

  test('defines an optional live-diff job on a self-hosted lab runner, off unless LIVE_DIFF is true', () => {
    // GIVEN
    const live = workflow.jobs['live-diff'];
    // THEN
    expect(live.if).toContain("vars.LIVE_DIFF == 'true'");
    expect(live['runs-on']).toEqual(expect.arrayContaining(['self-hosted']));
    expect(live.needs).toBe('review');
    expect(steps('live-diff').some((s) => /npm run --silent diff\b/.test(s.run ?? ''))).toBe(true);
  });

  test('defines the live-diff job as leaving no plan file on the runner', () => {
    // GIVEN the live-diff steps after the diff
    const all = steps('live-diff');
    const diff = all.findIndex((s) => /\bdiff\b/.test(s.run ?? '') && s.name === 'cdktf diff');
    const cleanup = all.slice(diff + 1).find((s) => /rm -f cdktf\.out\/stacks\/\*\/plan/.test(s.run ?? ''));
    // THEN a later step removes the plan files whatever the diff's outcome
    expect(diff).toBeGreaterThanOrEqual(0);
    expect(cleanup?.if).toBe('${{ always() }}');
  });
});
