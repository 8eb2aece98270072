// Function `user`: who I am, my building, and the committee's work on members and roles.
import { ANSWER_TTL_MS } from '../../../server/kit/idempotency';
import { createFunction } from '../../../server/kit/router';
import { forgetKeysBefore } from '../../../server/repositories/idempotency-keys';
import { myProfile } from './profile';
import { changeRole } from './use-cases/change-role';
import { deleteAccount } from './use-cases/delete-account';
import { exportMine } from './use-cases/export-mine';
import { listMembers } from './use-cases/list-members';
import { pendingBindings } from './use-cases/pending-bindings';
import { recordConsents } from './use-cases/record-consents';
import { requestBinding } from './use-cases/request-binding';
import { reviewBinding } from './use-cases/review-binding';
import { updateProfile } from './use-cases/update-profile';
import { withdrawConsent } from './use-cases/withdraw-consent';

export const main = createFunction(
  'user',
  {
    me: (_input, ctx) => myProfile(ctx),
    updateProfile,
    requestBinding,
    reviewBinding,
    pendingBindings,
    assignRole: (input, ctx) => changeRole('assignRole', input, ctx),
    revokeRole: (input, ctx) => changeRole('revokeRole', input, ctx),
    listMembers,
    recordConsents,
    exportMine,
    withdrawConsent,
    deleteAccount,
  },
  [
    // The one timer trigger (config.json, daily): answers kept for retried writes may hold personal
    // data; keep them one day only.
    { name: 'forgetRetryAnswers', budgetMs: 8000, run: async (now) => ({ forgotten: await forgetKeysBefore(new Date(now.getTime() - ANSWER_TTL_MS)) }) },
  ],
  // The caller's own personal data, consent and account: never as an instance remembers them (`me`
  // reads itself afresh in its one request).
  { freshCaller: ['updateProfile', 'exportMine', 'withdrawConsent', 'deleteAccount'] },
);
