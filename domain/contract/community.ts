import * as z from '../zod';
import { geoPointSchema, idSchema } from '../common';
import { partnerSchema, unitContactInputSchema, unitKindSchema, unitNameSchema, unitSchema } from '../units';

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
  /** The committee sets (or, with null, clears) the phone residents call for its community or one of its grids. */
  setContact: { input: z.strictObject({ unitId: idSchema, contact: z.nullable(unitContactInputSchema) }), output: unitSchema },
} as const;
