/** What the personal data form sends with `submit`. */
import { ActionInput } from '../../generated/domain';

type ProfileChange = ActionInput<'user', 'updateProfile'>;

export interface PersonalInfo {
  realName: NonNullable<ProfileChange['realName']> | null;
  phone: NonNullable<ProfileChange['phone']> | null;
  birthYear: NonNullable<ProfileChange['birthYear']> | null;
}

export interface PersonalInfoSubmit extends PersonalInfo {
  /** The user ticked the privacy notice with this save. */
  acceptPrivacy: boolean;
}
