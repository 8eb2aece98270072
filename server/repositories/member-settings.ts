import { z } from 'zod/mini';
import { DEFAULT_POINTS, PointsSettings, pointsSettingsSchema } from '../../domain/members/model';
import { database } from '../kit/cloud';
import { docById } from './docs';

/** The only module that touches `member_settings`: a community's points per verified hour and per task kind; _id = communityId. */
export const MEMBER_SETTINGS = 'member_settings';

const settingsDocSchema = z.object({ _id: z.string(), points: pointsSettingsSchema, updatedAt: z.date() });

export async function pointsSettingsOf(communityId: string): Promise<PointsSettings> {
  return (await docById(MEMBER_SETTINGS, settingsDocSchema, communityId))?.points ?? DEFAULT_POINTS;
}

export async function savePointsSettings(communityId: string, points: PointsSettings, now: Date): Promise<void> {
  await database()
    .collection(MEMBER_SETTINGS)
    .doc(communityId)
    .set({ data: { points, updatedAt: now } });
}
