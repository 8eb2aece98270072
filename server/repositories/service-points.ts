import { z } from 'zod/mini';
import { GeoPoint } from '../../domain/common';
import { database } from '../kit/cloud';
import { dataOf, parseDocs, storedPointSchema, updateWhere } from './docs';

/** The only module that touches `service_points`: where services are given (the 15-minute service circle). */
export const SERVICE_POINTS = 'service_points';

export const servicePointDocSchema = z.object({
  _id: z.string(),
  communityId: z.string(),
  name: z.string(),
  address: z.string(),
  openingHours: z.string(),
  location: storedPointSchema,
  createdBy: z.string(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type ServicePointDoc = z.infer<typeof servicePointDocSchema>;

const points = () => database().collection(SERVICE_POINTS);
const parse = (res: unknown) => parseDocs(servicePointDocSchema, SERVICE_POINTS, dataOf(res));

/** Points read by another repository's aggregation (a lookup), checked like any read. */
export function parsePointDocs(raw: unknown[]): ServicePointDoc[] {
  return parse({ data: raw });
}

export async function insertServicePoint(doc: ServicePointDoc): Promise<void> {
  await points().add({ data: doc });
}

/** Points within `maxDistance` metres of `location`, nearest first: the store's geo query (geoNear). */
export async function servicePointsNear(location: GeoPoint, maxDistance: number, limit: number): Promise<ServicePointDoc[]> {
  const db = database();
  const [lng, lat] = location.coordinates;
  const res = await points()
    .where({ location: db.command.geoNear({ geometry: db.Geo.Point(lng, lat), maxDistance, minDistance: 0 }) })
    .limit(limit)
    .get();
  return parse(res);
}

/** An account's end: what the person created names their pseudonym instead. */
export async function pseudonymiseCreatorOfPoints(openid: string, pseudonym: string): Promise<number> {
  return updateWhere(SERVICE_POINTS, { createdBy: openid }, { createdBy: pseudonym });
}
