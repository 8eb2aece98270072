/** What pages need from function `service`, typed by the contract. */
import { ActionOutput, Result } from '../../generated/domain';
import { callApi } from '../api/api';

export type CataloguePage = ActionOutput<'service', 'catalogue'>;
export type ServiceItem = CataloguePage['items'][number];

/** The service menu of my community, with each provider's rating; 20 a page. */
export function getCatalogue(cursor?: string): Promise<Result<CataloguePage>> {
  return callApi('service', 'catalogue', cursor ? { cursor } : {});
}
