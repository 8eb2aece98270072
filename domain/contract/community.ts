import * as z from '../zod';
import { geoPointSchema, idSchema } from '../common';
import { partnerSchema, unitKindSchema, unitNameSchema, unitSchema } from '../units';

/** Function `community`: the neighbourhood tree, read by everyone, managed by committees and admins. */
export const communityContract = {
  tree: {
    input: z.strictObject({ communityId: z.optional(idSchema), includeArchived: z.optional(z.boolean()) }),
    output: z.object({ units: z.array(unitSchema), partners: z.array(partnerSchema) }),
  },
  createUnit: {
    input: z.strictObject({ kind: unitKindSchema, name: unitNameSchema, parentId: z.optional(idSchema), location: z.optional(geoPointSchema) }),
    output: unitSchema,
  },
  renameUnit: { input: z.strictObject({ unitId: idSchema, name: unitNameSchema }), output: unitSchema },
  archiveUnit: { input: z.strictObject({ unitId: idSchema }), output: unitSchema },
} as const;
