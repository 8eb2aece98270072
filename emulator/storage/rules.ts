import fs from 'node:fs';

/**
 * CloudBase storage security rules (docs.cloudbase.net/storage/security-rules): one JSON for the bucket,
 * `read` and `write` each a boolean or an expression over `auth` (the client, null when not signed in)
 * and `resource` (the file: `openid` of its creator, `path`). They bind clients only; functions and the
 * console always have every right. The emulator evaluates the subset the project uses: true, false, null,
 * 'strings', auth.* and resource.*, ==, !=, &&, ||, !, parentheses and `/regex/.test(x)`.
 */
export type Auth = { openid: string } | null;
export interface FileResource {
  path: string;
  /** Who created the file; '' for files a function wrote. */
  openid: string;
}
type Value = string | boolean | null | RegExp;
type Expr = (auth: Auth, resource: FileResource) => Value;
/** What an object (a signed-in `auth`) is in comparisons: equal to itself only, never to null. */
const OBJECT = '\u0000object';

const ACTIONS = ['read', 'write'] as const;
type Action = (typeof ACTIONS)[number];

export class StorageRules {
  private readonly compiled: Record<Action, Expr>;

  constructor(rules: Record<string, unknown>) {
    for (const key of Object.keys(rules)) if (!(ACTIONS as readonly string[]).includes(key)) throw new Error(`storage rule: unknown operation "${key}" (read, write)`);
    this.compiled = { read: compileRule(rules.read ?? false), write: compileRule(rules.write ?? false) };
  }

  /** Whether a client may do `action` on the file. */
  allows(action: Action, auth: Auth, resource: FileResource): boolean {
    return this.compiled[action](auth, resource) === true;
  }
}

/** Rules that allow a client everything: what the emulator does when no rule file is given. */
export const OPEN_RULES = new StorageRules({ read: true, write: true });

export function readStorageRules(file: string): StorageRules {
  const raw: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error(`${file}: storage rule must be an object with read and write`);
  try {
    return new StorageRules(raw as Record<string, unknown>);
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
}

function compileRule(rule: unknown): Expr {
  if (typeof rule === 'boolean') return () => rule;
  if (typeof rule !== 'string') throw new Error(`storage rule: expected a boolean or an expression, got ${JSON.stringify(rule)}`);
  return new Parser(rule).parse();
}

const TOKEN = /\s*(?:(\|\||&&|==|!=|[()!.,])|('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")|([A-Za-z_][A-Za-z0-9_]*)|(\/(?:[^/\\\n]|\\.)+\/[gimsuy]*))/y;

class Parser {
  private tokens: { kind: 'op' | 'str' | 'id' | 're'; text: string }[] = [];
  private at = 0;

  constructor(private readonly source: string) {
    TOKEN.lastIndex = 0;
    let pos = 0;
    while (pos < source.length) {
      if (/^\s*$/.test(source.slice(pos))) break;
      TOKEN.lastIndex = pos;
      const m = TOKEN.exec(source);
      if (!m) this.fail(`cannot read "${source.slice(pos, pos + 20)}"`);
      pos = TOKEN.lastIndex;
      if (m[1]) this.tokens.push({ kind: 'op', text: m[1] });
      else if (m[2]) this.tokens.push({ kind: 'str', text: m[2].slice(1, -1).replace(/\\(.)/g, '$1') });
      else if (m[3]) this.tokens.push({ kind: 'id', text: m[3] });
      else this.tokens.push({ kind: 're', text: m[4] });
    }
  }

  private fail(why: string): never {
    throw new Error(`storage rule "${this.source}": ${why}`);
  }

  private peek(text: string): boolean {
    return this.tokens[this.at]?.kind === 'op' && this.tokens[this.at].text === text;
  }

  private expect(text: string): void {
    if (!this.peek(text)) this.fail(`expected "${text}"`);
    this.at++;
  }

  parse(): Expr {
    const expr = this.or();
    if (this.at !== this.tokens.length) this.fail('unexpected text at the end');
    return expr;
  }

  private or(): Expr {
    let left = this.and();
    while (this.peek('||')) {
      this.at++;
      const [a, b] = [left, this.and()];
      left = (auth, res) => a(auth, res) === true || b(auth, res) === true;
    }
    return left;
  }

  private and(): Expr {
    let left = this.equality();
    while (this.peek('&&')) {
      this.at++;
      const [a, b] = [left, this.equality()];
      left = (auth, res) => a(auth, res) === true && b(auth, res) === true;
    }
    return left;
  }

  private equality(): Expr {
    const left = this.unary();
    for (const op of ['==', '!=']) {
      if (!this.peek(op)) continue;
      this.at++;
      const right = this.unary();
      return op === '==' ? (auth, res) => left(auth, res) === right(auth, res) : (auth, res) => left(auth, res) !== right(auth, res);
    }
    return left;
  }

  private unary(): Expr {
    if (this.peek('!')) {
      this.at++;
      const inner = this.unary();
      return (auth, res) => inner(auth, res) !== true;
    }
    return this.primary();
  }

  private primary(): Expr {
    const token = this.tokens[this.at++];
    if (!token) this.fail('the expression ends too early');
    if (token.kind === 'op' && token.text === '(') {
      const inner = this.or();
      this.expect(')');
      return inner;
    }
    if (token.kind === 'str') return () => token.text;
    if (token.kind === 're') {
      const m = /^\/(.*)\/([a-z]*)$/s.exec(token.text)!;
      const re = new RegExp(m[1], m[2]);
      this.expect('.');
      const method = this.tokens[this.at++];
      if (method?.kind !== 'id' || method.text !== 'test') this.fail('a regular expression only has .test(x)');
      this.expect('(');
      const arg = this.or();
      this.expect(')');
      return (auth, res) => {
        const value = arg(auth, res);
        return typeof value === 'string' && re.test(value);
      };
    }
    if (token.kind === 'id') {
      if (token.text === 'true' || token.text === 'false') return () => token.text === 'true';
      if (token.text === 'null') return () => null;
      if (token.text !== 'auth' && token.text !== 'resource') this.fail(`unknown name "${token.text}" (auth, resource)`);
      const fields: string[] = [];
      while (this.peek('.')) {
        this.at++;
        const field = this.tokens[this.at++];
        if (field?.kind !== 'id') this.fail('expected a field name after "."');
        fields.push(field.text);
      }
      if (this.peek('(')) this.fail('only a regular expression’s .test may be called');
      const root = token.text;
      return (auth, res) => {
        let value: unknown = root === 'auth' ? auth : res;
        for (const f of fields) value = typeof value === 'object' && value !== null ? ((value as Record<string, unknown>)[f] ?? null) : null;
        if (typeof value === 'object' && value !== null) return OBJECT; // `auth != null` for a signed-in client
        return typeof value === 'string' || typeof value === 'boolean' ? value : null;
      };
    }
    return this.fail(`unexpected "${token.text}"`);
  }
}
