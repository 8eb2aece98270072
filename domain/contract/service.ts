import * as z from '../zod';
import { seriesSchema } from '../activities';
import { geoPointSchema, idSchema, pageInput, pageOf, text } from '../common';
import { reasonSchema } from '../people';
import { bookingSchema, bookingStatusSchema, serviceItemFieldsSchema, serviceItemSchema, servicePointFieldsSchema, servicePointSchema, slotSchema, slotTemplateSchema } from '../services';

/** The booking code as scanned: 30 base64url characters (see server/booking-code.ts). */
const codeSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{10,64}$/, '预约码格式不正确'));

/** Function `service`: the service menu, service points, slots, bookings, redemption (核销) and ratings. */
export const serviceContract = {
  createPoint: { input: z.strictObject({ communityId: idSchema, fields: servicePointFieldsSchema }), output: servicePointSchema },
  createItem: { input: z.strictObject({ communityId: idSchema, fields: serviceItemFieldsSchema }), output: serviceItemSchema },
  setSchedule: {
    input: z.strictObject({
      itemId: idSchema,
      templates: z.array(slotTemplateSchema).check(z.minLength(1), z.maxLength(30)),
      /** How many weeks ahead (this one included) to generate dated slots for. */
      weeks: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(8))),
    }),
    output: z.object({ item: serviceItemSchema, generated: z.number(), existing: z.number() }),
  },
  cancelSlot: { input: z.strictObject({ slotId: idSchema, reason: reasonSchema }), output: z.object({ slot: slotSchema, cancelledBookings: z.number() }) },
  catalogue: {
    input: z.strictObject({ communityId: z.optional(idSchema), series: z.optional(seriesSchema), ...pageInput }),
    output: pageOf(serviceItemSchema),
  },
  /** One item of the menu, as the catalogue lists it (the detail page opened from a list or a message). */
  item: { input: z.strictObject({ itemId: idSchema }), output: serviceItemSchema },
  nearby: {
    input: z.strictObject({
      location: geoPointSchema,
      radiusMetres: z.optional(z.number().check(z.int(), z.minimum(50), z.maximum(5000))),
      limit: pageInput.limit,
    }),
    output: z.object({ items: z.array(z.object({ point: servicePointSchema, distanceMetres: z.number() })) }),
  },
  slots: { input: z.strictObject({ itemId: idSchema, ...pageInput }), output: pageOf(slotSchema) },
  book: { input: z.strictObject({ slotId: idSchema }), output: bookingSchema },
  cancel: { input: z.strictObject({ bookingId: idSchema }), output: bookingSchema },
  mine: { input: z.strictObject({ status: z.optional(bookingStatusSchema), ...pageInput }), output: pageOf(bookingSchema) },
  redeem: { input: z.strictObject({ itemId: idSchema, code: codeSchema }), output: bookingSchema },
  rate: {
    input: z.strictObject({
      bookingId: idSchema,
      stars: z.number().check(z.int('评分应为 1 到 5 的整数'), z.minimum(1, '评分至少 1 星'), z.maximum(5, '评分最多 5 星')),
      comment: z.optional(text(1, 200, '评价')),
    }),
    output: bookingSchema,
  },
} as const;
