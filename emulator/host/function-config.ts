import { parseCron } from './cron';
import type { TimerTrigger } from './types';

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A function's config.json as WeChat's upload reads it: `permissions` and `triggers`. Timeout, memory
 * and environment variables there would be silently dropped by the upload, so they are refused here;
 * they belong in deploy/functions.json. WeChat's tooling uploads one timer trigger per function, so a
 * second one is refused too: several jobs run in order inside the one trigger.
 */
export function readConfig(name: string, config: unknown): { triggers: TimerTrigger[] } {
  const c = isObject(config) ? config : {};
  const misplaced = ['timeout', 'memorySize', 'envVariables', 'runtime'].filter((key) => key in c);
  if (misplaced.length) {
    throw new Error(`cloudfunctions/${name}/config.json: ${misplaced.join(', ')} 不会随上传生效（微信只读取 permissions 和 triggers），请写在部署配置 deploy/functions.json 中`);
  }
  const timers = (Array.isArray(c.triggers) ? c.triggers : []).filter((t) => isObject(t) && t.type === 'timer');
  if (timers.length > 1) {
    throw new Error(`cloudfunctions/${name}/config.json 声明了 ${timers.length} 个定时触发器，云函数只能有一个定时触发器：把定时任务合并到一个触发器里依次运行`);
  }
  const triggers: TimerTrigger[] = [];
  for (const t of timers) {
    if (!isObject(t) || typeof t.config !== 'string') continue;
    // WeChat's rule: up to 60 characters of a-z, A-Z, 0-9, - and _, starting with a letter.
    if (typeof t.name !== 'string' || !/^[A-Za-z][A-Za-z0-9_-]{0,59}$/.test(t.name)) {
      throw new Error(`cloudfunctions/${name}/config.json: 定时触发器名称 ${JSON.stringify(t.name)} 不合规则（字母开头，最多 60 个字母、数字、- 或 _）`);
    }
    try {
      triggers.push({ name: t.name, config: t.config, schedule: parseCron(t.config) });
    } catch (error) {
      throw new Error(`cloudfunctions/${name}/config.json: ${(error as Error).message}`);
    }
  }
  return { triggers };
}
