import { call } from '../helpers/app';
import { postAs } from './circle-fixtures';
import { Actor, COMMUNITY } from './neighbourhood';
import { MANAGERS, Row } from './permission-table';

/**
 * Who may do what in the circle: residents bound to a building post (a visitor may not); only the
 * committee of the community (and admins) publish notices, hide, restore, work the queues; authors
 * remove only their own. A refused call changes nothing. Inputs carrying operator objects or
 * unknown fields are refused before anything is written.
 */
/** Bound to a building of the demo community in the seed. */
export const RESIDENTS: readonly Actor[] = ['resident', 'volunteer', 'gridWorker', 'committee'];

export const TABLE: Row[] = [
  {
    action: 'notice',
    what: 'publish a notice to the community',
    allowed: MANAGERS,
    input: async () => ({ communityId: COMMUNITY, title: '停电通知', content: '明天上午检修线路', audience: { kind: 'community' } }),
  },
  { action: 'hide', what: "hide a neighbour's post", allowed: MANAGERS, input: async (e) => ({ target: 'post', id: (await postAs(e, 'demo-resident-9', '一条普通动态')).id }) },
  {
    action: 'restore',
    what: 'restore a hidden post',
    allowed: MANAGERS,
    input: async (e) => {
      const id = (await postAs(e, 'demo-resident-9', '将被隐藏的动态')).id;
      await call(e, 'demo-committee', 'circle', 'hide', { target: 'post', id });
      return { target: 'post', id };
    },
  },
  { action: 'reviewQueue', what: 'see the review queue', allowed: MANAGERS, input: async () => ({ communityId: COMMUNITY }) },
  { action: 'reports', what: 'see the report queue', allowed: MANAGERS, input: async () => ({ communityId: COMMUNITY }) },
  {
    action: 'moderate',
    what: 'approve pending images',
    allowed: MANAGERS,
    input: async (e) => ({ target: 'post', id: (await postAs(e, 'demo-resident-9', '带图动态', { images: ['cloud://env.bucket/a.jpg'] })).id, decision: 'approve' }),
  },
  { action: 'remove', what: "delete a neighbour's post", allowed: [], input: async (e) => ({ target: 'post', id: (await postAs(e, 'demo-resident-9', '别人的动态')).id }) },
];
