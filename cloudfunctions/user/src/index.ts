// Function `user`: who I am, my building, and the committee's work on members and roles.
import { ANSWER_TTL_MS } from '../../../server/kit/idempotency';
import { userContract } from '../../../domain/contract/user';
import { onFirstCall } from '../../../server/kit/on-first-call';
import { createFunction } from '../../../server/kit/router';
import { forgetKeysBefore } from '../../../server/repositories/idempotency-keys';

const profileActions = onFirstCall(() => import('./profile'));
const accountErasure = onFirstCall(() => import('./account-erasure'));
const changeRole = onFirstCall(() => import('./use-cases/change-role'));
const deleteAccount = onFirstCall(() => import('./use-cases/delete-account'));
const exportMine = onFirstCall(() => import('./use-cases/export-mine'));
const listMembers = onFirstCall(() => import('./use-cases/list-members'));
const pendingBindings = onFirstCall(() => import('./use-cases/pending-bindings'));
const recordConsents = onFirstCall(() => import('./use-cases/record-consents'));
const requestBinding = onFirstCall(() => import('./use-cases/request-binding'));
const reviewBinding = onFirstCall(() => import('./use-cases/review-binding'));
const updateProfile = onFirstCall(() => import('./use-cases/update-profile'));
const withdrawConsent = onFirstCall(() => import('./use-cases/withdraw-consent'));

export const main = createFunction(
  'user',
  userContract,
  {
    me: (_input, ctx) => profileActions.myProfile(ctx),
    updateProfile: updateProfile.updateProfile,
    requestBinding: requestBinding.requestBinding,
    reviewBinding: reviewBinding.reviewBinding,
    pendingBindings: pendingBindings.pendingBindings,
    assignRole: (input, ctx) => changeRole.changeRole('assignRole', input, ctx),
    revokeRole: (input, ctx) => changeRole.changeRole('revokeRole', input, ctx),
    listMembers: listMembers.listMembers,
    recordConsents: recordConsents.recordConsents,
    exportMine: exportMine.exportMine,
    withdrawConsent: withdrawConsent.withdrawConsent,
    deleteAccount: deleteAccount.deleteAccount,
  },
  [
    // The one timer trigger (config.json, every 5 minutes): accounts whose deletion was asked for
    // are erased (account-erasure.ts; the person was told by when); answers kept for retried writes
    // may hold personal data, so they are kept one day only.
    { name: 'eraseRequestedAccounts', budgetMs: 9000, run: (now, budget) => accountErasure.eraseRequestedAccounts(now, budget) },
    { name: 'forgetRetryAnswers', budgetMs: 8000, run: async (now) => ({ forgotten: await forgetKeysBefore(new Date(now.getTime() - ANSWER_TTL_MS)) }) },
  ],
  {
    // The caller's own personal data, consent and account: never as an instance remembers them.
    freshCaller: ['deleteAccount'],
    // Read afresh, together with what each action shows or checks of theirs, in one aggregation.
    readCaller: {
      me: profileActions.readProfile,
      updateProfile: profileActions.readProfile,
      withdrawConsent: profileActions.readProfile,
      requestBinding: requestBinding.readAsking,
      exportMine: exportMine.readEverything,
    },
  },
);
