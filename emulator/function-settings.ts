import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from './schema';

/**
 * What a function runs with besides its code: runtime, timeout, memory and environment variables.
 * WeChat's upload reads only `permissions` and `triggers` from a function's config.json; these are
 * set at deploy, from deploy/functions.json, and the function host runs with the same numbers, so a
 * test runs what is deployed. A function with no entry runs as the platform's default: 3 s, 256 MB.
 */

/** The Node.js runtimes CloudBase offers (docs.cloudbase.net, cloud-function/runtime-support). */
export const RUNTIMES = ['Nodejs16.13', 'Nodejs18.15', 'Nodejs20.19', 'Nodejs22.21', 'Nodejs24.11'] as const;
export type Runtime = (typeof RUNTIMES)[number];
/** The memory sizes (MB) the CloudBase console offers a function. */
export const MEMORY_SIZES = [128, 256, 512, 1024, 2048] as const;

export const DEFAULT_SETTINGS = { runtime: 'Nodejs20.19' as Runtime, timeout: 3, memorySize: 256 };

const envName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, '环境变量名只能含字母、数字和下划线，以字母开头');
export const functionSettingsSchema = z.strictObject({
  runtime: z.enum(RUNTIMES),
  /** Seconds; the platform stops a call that runs longer. */
  timeout: z.number().int().min(1).max(900),
  memorySize: z.union(MEMORY_SIZES.map((m) => z.literal(m)) as [z.ZodLiteral<128>, ...z.ZodLiteral<number>[]]),
  /** Values that are safe to write down. */
  env: z.record(envName, z.string()).default({}),
  /** Names only: each value comes from the deploying shell's environment, never from a file. */
  secrets: z.array(envName).default([]),
});
export type FunctionSettings = z.infer<typeof functionSettingsSchema>;

export const deployFunctionsSchema = z.strictObject({
  $comment: z.string().optional(),
  functions: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,59}$/), functionSettingsSchema),
});
export type DeployFunctions = z.infer<typeof deployFunctionsSchema>;

export const DEPLOY_FUNCTIONS_FILE = path.join(PROJECT_ROOT, 'deploy', 'functions.json');

export function readFunctionSettings(file = DEPLOY_FUNCTIONS_FILE): DeployFunctions {
  if (!fs.existsSync(file)) return { functions: {} };
  const parsed = deployFunctionsSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
  for (const [name, settings] of Object.entries(parsed.data.functions)) {
    const both = settings.secrets.filter((s) => s in settings.env);
    if (both.length) throw new Error(`${file}: ${name} lists ${both.join(', ')} both as a value and as a secret`);
  }
  return parsed.data;
}

/** The files of a function folder that are uploaded: the built entry and the manifest CloudBase installs from. */
export const CODE_FILES = ['index.js', 'package.json'] as const;
/** A folder of code the entry loads on first use (e.g. parts of its SDK few calls need); uploaded with it. */
export const CHUNK_FOLDER = 'lazy';
/** The name of an uploaded code file, relative to the function's folder. */
export const CODE_FILE_NAME = new RegExp(`^(${CODE_FILES.map((f) => f.replace('.', '\\.')).join('|')}|${CHUNK_FOLDER}/[A-Za-z0-9_.-]+\\.js)$`);

/** The code files of a function folder, relative to it. */
function codeFileNames(folder: string): string[] {
  const names: string[] = CODE_FILES.filter((name) => fs.existsSync(path.join(folder, name)));
  const chunks = path.join(folder, CHUNK_FOLDER);
  if (fs.existsSync(chunks)) {
    for (const name of fs.readdirSync(chunks).sort()) if (CODE_FILE_NAME.test(`${CHUNK_FOLDER}/${name}`)) names.push(`${CHUNK_FOLDER}/${name}`);
  }
  return names;
}

export function readCodeFiles(folder: string): Record<string, Buffer> {
  return Object.fromEntries(codeFileNames(folder).map((name) => [name, fs.readFileSync(path.join(folder, name))]));
}

/** Each code file's name, size and modification time: whether the code is still what it was, without reading it. */
function codeStamp(folder: string): string {
  return codeFileNames(folder)
    .map((name) => {
      const stat = fs.statSync(path.join(folder, name));
      return `${name}\0${stat.size}\0${stat.mtimeMs}`;
    })
    .join('\n');
}

/**
 * The codeHash of a function folder's code as it is now, worked out the first time it is asked for:
 * reading and hashing every function's code (~7 MB, ~35 ms of CPU) at each emulator start is wasted
 * on the many starts no deploy asks. Should the code change before it is asked for, the answer is ''
 * ("the target cannot say", deploy/model.ts), so a deploy still sends the new code.
 */
export function codeHashWhenAsked(folder: string): () => string {
  const stamp = codeStamp(folder);
  let hash: string | null = null;
  return () => (hash ??= codeStamp(folder) === stamp ? codeHash(readCodeFiles(folder)) : '');
}

/** A short fingerprint of a function's code, the same wherever it is computed. */
export function codeHash(files: Record<string, Buffer>): string {
  const hash = crypto.createHash('sha256');
  for (const name of Object.keys(files).sort()) {
    hash.update(`${name}\0${files[name].length}\0`);
    hash.update(files[name]);
  }
  return hash.digest('hex').slice(0, 16);
}
