import { runPipeline } from '../../emulator/store/aggregate';
import { Doc } from '../../emulator/store/types';

/** Volunteer hours, the volunteers and a community: the pipelines' test data. */
export const hoursLog = (): Doc[] => [
  { _id: 'h1', volunteer: 'wang', community: 'east', hours: 2, at: new Date('2024-01-10T02:00:00Z'), tags: ['elderly', 'meal'] },
  { _id: 'h2', volunteer: 'li', community: 'west', hours: 3, at: new Date('2024-01-31T23:30:00Z'), tags: ['tutoring'] },
  { _id: 'h3', volunteer: 'wang', community: 'east', hours: 4, at: new Date('2024-02-05T08:00:00Z'), tags: [] },
  { _id: 'h4', volunteer: 'zhao', community: 'east', hours: 1, at: new Date('2024-02-20T10:00:00Z') },
];

export const collections: Record<string, Doc[]> = {
  volunteers: [
    { _id: 'wang', name: '王芳', skills: ['first-aid'] },
    { _id: 'li', name: '李雷', skills: [] },
    { _id: 'zhao', name: '赵敏', skills: ['cooking'] },
  ],
  communities: [{ _id: 'east', members: ['wang', 'zhao'] }],
};
export const run = (input: Doc[], stages: Doc[]): Doc[] => runPipeline(input, stages, (name) => collections[name] ?? []);
