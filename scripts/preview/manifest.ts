/**
 * What a render run leaves for the browser: one document per page state, listed in manifest-<run>.json
 * (one list per render file, so two jest workers never write the same file).
 */
import fs from 'node:fs';
import path from 'node:path';

export interface RenderedState {
  /** File name stem: documents are <id>.html, screenshots <id>.png. */
  id: string;
  route: string;
  /** The page's title as the navigation bar shows it. */
  title: string;
  /** The state's name, e.g. 有内容, 空, 加载失败, 长辈模式, 居委会视角. */
  state: string;
  elder: boolean;
}

export function readManifest(dir: string): RenderedState[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => /^manifest-.+\.json$/.test(f))
    .sort()
    .flatMap((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as RenderedState[]);
}

export function writeManifest(dir: string, run: string, states: RenderedState[]): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `manifest-${run}.json`), JSON.stringify(states, null, 1));
}
