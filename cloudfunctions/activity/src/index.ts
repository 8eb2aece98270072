// Function `activity`: publishing, signing up, approving, waitlists, check-in and volunteer hours.
import { createFunction } from '../../../server/kit/router';
import { get, list, mine } from './use-cases/browse';
import { cancelSignup } from './use-cases/cancel-signup';
import { cancelActivity, createActivity, updateActivityFields } from './use-cases/manage-activity';
import { review } from './use-cases/review';
import { signup } from './use-cases/signup';
import { AppError } from '../../../domain/result';

// Check-in, hours, rosters and their timers are being built alongside; until then they say so.
const comingSoon = async (): Promise<never> => {
  throw new AppError('FAILED_PRECONDITION', '这个功能正在建设中');
};

export const main = createFunction('activity', {
  create: createActivity,
  update: updateActivityFields,
  cancelActivity,
  review,
  roster: comingSoon,
  checkinCode: comingSoon,
  list,
  get,
  signup,
  cancel: cancelSignup,
  mine,
  checkin: comingSoon,
  checkout: comingSoon,
  hours: comingSoon,
  ranking: comingSoon,
});
