import { z } from 'zod/mini';
import { communityContract } from '../../../../domain/contract/community';
import { AppError } from '../../../../domain/result';
import { CONTACT_KINDS, Unit } from '../../../../domain/units';
import { RequestContext } from '../../../../server/kit/router';
import { recordAudit } from '../../../../server/repositories/audit-log';
import { toUnit, updateUnit } from '../../../../server/repositories/units';
import { loadManaged } from './manage-unit';

type Input = z.infer<typeof communityContract.setContact.input>;

/**
 * The committee says whom residents call: the 居委会's duty phone on its community, a grid worker's
 * work phone on their grid. 我的 › 联系我们 shows it to everyone who lives there, so the audit log keeps
 * who changed it (not the number: the unit itself holds that).
 */
export async function setContact(input: Input, ctx: RequestContext): Promise<Unit> {
  const unit = await loadManaged(input.unitId, ctx);
  if (!CONTACT_KINDS.includes(unit.kind)) throw new AppError('FAILED_PRECONDITION', '只能为居民区（居委会）和网格设置联系电话');
  await updateUnit(unit._id, { contact: input.contact }, ctx.now);
  await recordAudit({ actor: ctx.openid, action: 'manageUnit', target: unit._id, detail: { change: input.contact ? 'contact' : 'clearContact' }, at: ctx.now });
  return toUnit({ ...unit, contact: input.contact });
}
