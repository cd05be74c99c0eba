/**
 * Reading values files from the project's `helm-values/` folder (the only file access behind the add-on checks).
 */
import fs from 'node:fs';
import path from 'node:path';
import { HelmValues, parseValues } from './helm-values';

/** The project's helm-values/ folder: beside the package.json above this module (source tree or .build bundle). */
export function projectHelmValuesDir(): string {
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'helm-values'))) return path.join(dir, 'helm-values');
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve('helm-values');
    dir = parent;
  }
}

/** Why a values file cannot be read: its name as given, what is wrong, and the fix. */
export class ValuesFileError extends Error {
  constructor(
    /** The values file's name as given (relative to the values folder). */
    readonly file: string,
    /** What is wrong with it. */
    readonly reason: string,
    /** How to fix it. */
    readonly fix: string,
  ) {
    super(`values file ${JSON.stringify(file)}: ${reason}. Fix: ${fix}`);
    this.name = 'ValuesFileError';
  }
}

/** Reads and parses one values file named relative to `valuesDir` (a `helm-values/` prefix is accepted). */
export function readValuesFile(valuesDir: string, file: string): HelmValues {
  const relative = file.replace(/^helm-values\//, '');
  const full = path.resolve(valuesDir, relative);
  if (path.isAbsolute(relative) || !full.startsWith(path.resolve(valuesDir) + path.sep)) {
    throw new ValuesFileError(file, 'is outside the values folder', 'name a file under helm-values/, e.g. cilium-extra.yaml');
  }
  if (!fs.existsSync(full)) throw new ValuesFileError(file, `does not exist in ${valuesDir}`, 'create the file or correct the name');
  return parseValues(fs.readFileSync(full, 'utf8'), `helm-values/${relative}`);
}
