import { CronSchedule, parseCron } from './cron';

/** What a function's config.json gives the emulator: its timeout, environment and one timer trigger. */
export interface TimerTrigger {
  name: string;
  schedule: CronSchedule;
}

export interface FunctionConfig {
  timeoutMs: number;
  env: Record<string, string>;
  triggers: TimerTrigger[];
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function readConfig(name: string, config: unknown): FunctionConfig {
  const c = isObject(config) ? config : {};
  const timeout = typeof c.timeout === 'number' && c.timeout > 0 ? Math.min(c.timeout, 900) : 3;
  const env: Record<string, string> = {};
  if (isObject(c.envVariables)) for (const [k, v] of Object.entries(c.envVariables)) env[k] = String(v);
  const triggers: TimerTrigger[] = [];
  const timers = (Array.isArray(c.triggers) ? c.triggers : []).filter((t) => isObject(t) && t.type === 'timer');
  if (timers.length > 1) {
    // WeChat's tooling uploads one timer trigger per function: several jobs run in order inside it.
    throw new Error(`cloudfunctions/${name}/config.json 声明了 ${timers.length} 个定时触发器，云函数只能有一个定时触发器：把定时任务合并到一个触发器里依次运行`);
  }
  for (const t of timers) {
    if (!isObject(t) || typeof t.config !== 'string') continue;
    // WeChat's rule: up to 60 characters of a-z, A-Z, 0-9, - and _, starting with a letter.
    if (typeof t.name !== 'string' || !/^[A-Za-z][A-Za-z0-9_-]{0,59}$/.test(t.name)) {
      throw new Error(`cloudfunctions/${name}/config.json: 定时触发器名称 ${JSON.stringify(t.name)} 不合规则（字母开头，最多 60 个字母、数字、- 或 _）`);
    }
    try {
      triggers.push({ name: String(t.name ?? 'timer'), schedule: parseCron(t.config) });
    } catch (error) {
      throw new Error(`cloudfunctions/${name}/config.json: ${(error as Error).message}`);
    }
  }
  return { timeoutMs: timeout * 1000, env, triggers };
}
