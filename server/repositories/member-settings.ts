import { z } from 'zod/mini';
import { DEFAULT_POINTS, PointsSettings, pointsSettingsSchema } from '../../domain/members/model';
import { database } from '../kit/cloud';
import { Join, docById, parseDocs } from './docs';

/** The only module that touches `member_settings`: a community's points per verified hour and per task kind; _id = communityId. */
export const MEMBER_SETTINGS = 'member_settings';

const settingsDocSchema = z.object({ _id: z.string(), points: pointsSettingsSchema, updatedAt: z.date() });

export async function pointsSettingsOf(communityId: string): Promise<PointsSettings> {
  return (await docById(MEMBER_SETTINGS, settingsDocSchema, communityId))?.points ?? DEFAULT_POINTS;
}

/** For an aggregation of a document with a `communityId`: its community's settings (read with `pointsSettingsFrom`). */
export const settingsJoin = (): Join => ({ from: MEMBER_SETTINGS, localField: 'communityId', foreignField: '_id' });
export const pointsSettingsFrom = (raw: unknown[]): PointsSettings => parseDocs(settingsDocSchema, MEMBER_SETTINGS, raw)[0]?.points ?? DEFAULT_POINTS;

export async function savePointsSettings(communityId: string, points: PointsSettings, now: Date): Promise<void> {
  await database()
    .collection(MEMBER_SETTINGS)
    .doc(communityId)
    .set({ data: { points, updatedAt: now } });
}
