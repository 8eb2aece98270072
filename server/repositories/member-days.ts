import crypto from 'node:crypto';
import { z } from 'zod/mini';
import { Tx } from '../kit/transaction';
import { readInTransaction } from './docs';

/**
 * The only module that touches `member_days`: hours credited to a member on a Shanghai calendar day,
 * written in the same transaction as the verification, so the 8 h cap holds when verifications race.
 */
export const MEMBER_DAYS = 'member_days';

const dayDocSchema = z.object({ _id: z.string(), openid: z.string(), date: z.string(), hours: z.number() });

export const dayIdOf = (openid: string, date: string) => crypto.createHash('sha256').update(`day|${openid}|${date}`).digest('hex').slice(0, 32);

export async function creditedOnDay(tx: Tx, openid: string, date: string): Promise<number> {
  return (await readInTransaction(tx, MEMBER_DAYS, dayIdOf(openid, date), dayDocSchema))?.hours ?? 0;
}

export async function setCreditedOnDay(tx: Tx, openid: string, date: string, hours: number): Promise<void> {
  await tx.collection(MEMBER_DAYS).doc(dayIdOf(openid, date)).set({ data: { openid, date, hours } });
}
