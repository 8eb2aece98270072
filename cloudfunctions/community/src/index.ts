// Function `community`: the neighbourhood tree (street → community → grid → building).
import { communityContract } from '../../../domain/contract/community';
import { onFirstCall } from '../../../server/kit/on-first-call';
import { createFunction } from '../../../server/kit/router';

const manageUnit = onFirstCall(() => import('./use-cases/manage-unit'));
const tree = onFirstCall(() => import('./use-cases/tree'));
const unitContact = onFirstCall(() => import('./use-cases/unit-contact'));

export const main = createFunction('community', communityContract, {
  tree: tree.tree,
  createUnit: manageUnit.createUnit,
  renameUnit: manageUnit.renameUnit,
  archiveUnit: manageUnit.archiveUnit,
  setContact: unitContact.setContact,
});
