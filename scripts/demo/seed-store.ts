import { BINDINGS } from '../../server/repositories/bindings';
import { COUNCIL_BODIES } from '../../server/repositories/council-bodies';
import { COUNCIL_TOPICS } from '../../server/repositories/council-topics';
import { COUNCIL_CAMPAIGNS } from '../../server/repositories/council-campaigns';
import { COUNCIL_COMMENTS } from '../../server/repositories/council-comments';
import { COUNCIL_MEETINGS } from '../../server/repositories/council-meetings';
import { COUNCIL_PROGRESS, COUNCIL_PROJECTS } from '../../server/repositories/council-projects';
import { COUNCIL_ROLL } from '../../server/repositories/council-roll';
import { ACTIVITIES } from '../../server/repositories/activities';
import { SIGNUPS } from '../../server/repositories/signups';
import { DEMAND_CATEGORIES } from '../../server/repositories/demand-categories';
import { PARTNERS } from '../../server/repositories/partners';
import { UNITS } from '../../server/repositories/units';
import { USERS } from '../../server/repositories/users';
import { SERVICE_ITEMS } from '../../server/repositories/service-items';
import { SERVICE_POINTS } from '../../server/repositories/service-points';
import { SERVICE_SLOTS } from '../../server/repositories/service-slots';
import { MEMBER_REGISTRATIONS } from '../../server/repositories/member-registrations';
import { MEMBER_ROTAS } from '../../server/repositories/member-rotas';
import { MEMBER_TASKS } from '../../server/repositories/member-tasks';
import { MEMBER_TEAMS } from '../../server/repositories/member-teams';
import { DemoData, demoNeighbourhood } from '../../server/seed/demo-neighbourhood';
import { Database } from '../../emulator/store/database';
import { Doc } from '../../emulator/store/types';

/**
 * Seeds the demo neighbourhood straight into the emulator's store. It only ever writes to a local
 * store: nothing here can reach a cloud environment.
 */
export async function seedDemo(db: Database, options: { residents?: number; now?: Date } = {}): Promise<DemoData> {
  const data = demoNeighbourhood({ residents: options.residents, now: options.now ?? new Date() });
  const batches: [string, Doc[]][] = [
    [UNITS, data.units],
    [PARTNERS, data.partners],
    [USERS, data.users],
    [BINDINGS, data.bindings],
    [SERVICE_POINTS, data.servicePoints],
    [SERVICE_ITEMS, data.serviceItems],
    [SERVICE_SLOTS, data.serviceSlots],
    [MEMBER_TEAMS, data.memberTeams],
    [MEMBER_REGISTRATIONS, data.memberRegistrations],
    [MEMBER_ROTAS, data.memberRotas],
    [MEMBER_TASKS, data.memberTasks],
    [COUNCIL_BODIES, data.councilBodies],
    [COUNCIL_TOPICS, [...data.councilTopics, ...data.councilLife.councilTopics]],
    [COUNCIL_COMMENTS, data.councilLife.councilComments],
    [ACTIVITIES, data.councilLife.activities],
    [SIGNUPS, data.councilLife.signups],
    [COUNCIL_MEETINGS, data.councilLife.councilMeetings],
    [COUNCIL_PROJECTS, data.councilLife.councilProjects],
    [COUNCIL_PROGRESS, data.councilLife.councilProgress],
    [COUNCIL_CAMPAIGNS, data.councilLife.councilCampaigns],
    [COUNCIL_ROLL, data.councilLife.councilRoll],
    [DEMAND_CATEGORIES, data.demandCategories],
  ];
  for (const [collection, docs] of batches) {
    for (let i = 0; i < docs.length; i += 500) await db.insert(collection, docs.slice(i, i + 500));
  }
  return data;
}
