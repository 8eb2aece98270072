import { z } from 'zod/mini';
import { demandContract } from '../../../../domain/contract/demand';
import { Dashboard, Figures } from '../../../../domain/demands/dashboard';
import { shanghaiMidnight } from '../../../../domain/demands/deadlines';
import { STAT_KEYS, StatKey, figuresOf } from '../../../../domain/demands/stats';
import { canManageCommunity, isAdmin } from '../../../../domain/permissions';
import { AppError } from '../../../../domain/result';
import { RequestContext } from '../../../../server/kit/router';
import { temporaryUrl, uploadFile } from '../../../../server/kit/storage';
import { StatsGroup, overdueOpen, statsByGridAndCategory } from '../../../../server/repositories/demands';
import { demandsCsv } from '../demands-csv';

type Input = z.infer<typeof demandContract.dashboard.input>;
const DAY = 86_400_000;
const CSV_LINK_SECONDS = 600;

/** Sums groups into figures. */
function figures(groups: readonly StatsGroup[]): Figures {
  const sum = Object.fromEntries(STAT_KEYS.map((k) => [k, 0])) as Record<StatKey, number>;
  const closeDays: number[] = [];
  for (const g of groups) {
    for (const k of STAT_KEYS) sum[k] += g[k];
    for (const d of g.closeDays) if (d !== null) closeDays.push(d);
  }
  return figuresOf(sum, closeDays);
}

function byKey<K>(groups: readonly StatsGroup[], key: (g: StatsGroup) => string, label: (g: StatsGroup) => K): { label: K; figures: Figures }[] {
  const buckets = new Map<string, StatsGroup[]>();
  for (const g of groups) buckets.set(key(g), [...(buckets.get(key(g)) ?? []), g]);
  return [...buckets.values()].map((gs) => ({ label: label(gs[0]), figures: figures(gs) }));
}

/**
 * The committee's (one community) or the street's (every community) figures for the demands
 * reported in a period: summed by the database per grid and category in one aggregation (with how
 * many are open and overdue), then folded here; the overdue list by the levels that missed; a CSV of
 * every demand on request.
 */
export async function dashboard(input: Input, ctx: RequestContext): Promise<Dashboard> {
  const communityId = input.communityId ?? null;
  if (communityId ? !canManageCommunity(ctx.user.roles, communityId) : !isAdmin(ctx.user.roles)) {
    throw new AppError('PERMISSION_DENIED', communityId ? '只有本居民区的居委会可以查看' : '只有街道管理员可以查看全街道');
  }
  if (input.from > input.to) throw new AppError('INVALID_ARGUMENT', '开始日期不能晚于结束日期');
  const from = shanghaiMidnight(input.from);
  const to = new Date(shanghaiMidnight(input.to).getTime() + DAY);
  if (to.getTime() - from.getTime() > 366 * DAY) throw new AppError('INVALID_ARGUMENT', '统计时段最长一年');

  const [groups, overdue] = await Promise.all([statsByGridAndCategory(communityId, from, to), overdueOpen(communityId, from, to, 20)]);
  const csv = input.format === 'csv' ? await exportCsv(communityId, input.from, input.to, from, to, ctx) : null;
  return {
    communityId,
    from: input.from,
    to: input.to,
    totals: figures(groups),
    byCategory: byKey(
      groups,
      (g) => g._id.categoryId,
      (g) => ({ id: g._id.categoryId, name: g.categoryName }),
    ).map((r) => ({ category: r.label, figures: r.figures })),
    byGrid: byKey(
      groups,
      (g) => g._id.gridId,
      (g) => ({ id: g._id.gridId, name: g.gridName }),
    ).map((r) => ({ grid: r.label, figures: r.figures })),
    overdue: overdue.map((d) => ({
      id: d._id,
      kind: d.kind,
      category: d.categoryName,
      communityId: d.communityId,
      grid: d.gridName,
      building: d.buildingName,
      state: d.state,
      level: d.level,
      dueAt: d.clock === 'idle' ? null : d.dueAt.toISOString(),
      missedBy: d.misses.map((m) => m.level),
    })),
    overdueCount: groups.reduce((n, g) => n + g.overdue, 0),
    csvFileId: csv?.fileId ?? null,
    csvUrl: csv?.url ?? null,
  };
}

async function exportCsv(communityId: string | null, fromDay: string, toDay: string, from: Date, to: Date, ctx: RequestContext) {
  const content = await demandsCsv(communityId, from, to);
  const fileId = await uploadFile(`exports/demands/${communityId ?? 'street'}-${fromDay}-${toDay}-${ctx.requestId}.csv`, content);
  return { fileId, url: await temporaryUrl(fileId, CSV_LINK_SECONDS) };
}
