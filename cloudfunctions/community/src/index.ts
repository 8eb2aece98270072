// Function `community`: the neighbourhood tree (street → community → grid → building).
import { communityContract } from '../../../domain/contract/community';
import { createFunction } from '../../../server/kit/router';
import { archiveUnit, createUnit, renameUnit } from './use-cases/manage-unit';
import { tree } from './use-cases/tree';

export const main = createFunction('community', communityContract, { tree, createUnit, renameUnit, archiveUnit });
