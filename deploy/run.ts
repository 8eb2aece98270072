import { readRepository, desiredState, RepositoryFiles } from './desired';
import { DeployTarget } from './model';
import { computePlan, formatPlan, isEmptyPlan } from './plan';

export interface DeployResult {
  output: string;
  changed: boolean;
}

/**
 * One deploy: what the repository declares, against what the target reports, printed as a plan and,
 * unless it is a dry run, applied step by step (a failed step stops the deploy; running it again
 * picks up from what the target then reports).
 */
export async function deploy(target: DeployTarget, options: { dryRun: boolean; local: boolean; env?: NodeJS.ProcessEnv; repo?: RepositoryFiles; log?: (line: string) => void }): Promise<DeployResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const desired = desiredState(options.repo ?? readRepository(), options.env ?? process.env, { requireSecrets: !options.local });
  const plan = computePlan(desired, await target.describe());
  const lines = [formatPlan(target.label, plan, desired.notes)];
  log(lines[0]);
  if (isEmptyPlan(plan)) return { output: lines.join('\n'), changed: false };
  if (options.dryRun) {
    lines.push('Dry run: nothing was changed.');
    log(lines[lines.length - 1]);
    return { output: lines.join('\n'), changed: false };
  }
  let steps = 0;
  for (const item of plan) {
    for (const operation of item.operations) {
      try {
        await target.apply(operation);
      } catch (error) {
        throw new Error(`${item.action} ${item.resource} failed after ${steps} step(s): ${(error as Error).message}`);
      }
      steps++;
    }
    if (item.operations.length) {
      lines.push(`  done    ${item.resource}`);
      log(lines[lines.length - 1]);
    }
  }
  lines.push(`Applied ${steps} step(s).`);
  log(lines[lines.length - 1]);
  return { output: lines.join('\n'), changed: true };
}
