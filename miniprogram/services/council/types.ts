/** The council pages' data, named from the contract (no calls here, so pure view code and its tests can use them). */
import { ActionInput, ActionOutput } from '../../generated/domain';

export type Topic = ActionOutput<'council', 'topics'>['items'][number];
export type TopicPage = ActionOutput<'council', 'topics'>;
export type TopicDetail = ActionOutput<'council', 'topic'>;
export type Vote = ActionOutput<'council', 'vote'>;
export type Body = ActionOutput<'council', 'bodies'>['items'][number];
export type BodyPage = ActionOutput<'council', 'bodies'>;
export type TopicStage = Topic['stage'];
export type NewTopic = ActionInput<'council', 'propose'>;
export type NewVote = ActionInput<'council', 'openVote'>;
export type PaperBallot = ActionInput<'council', 'paperBallot'>;
export type BodyChange = ActionInput<'council', 'saveBody'>;
export type Scope = Body['scope'];
export type BodyKind = Body['kind'];
export type CouncilComment = ActionOutput<'council', 'comments'>['items'][number];
export type CommentPage = ActionOutput<'council', 'comments'>;
export type Meeting = ActionOutput<'council', 'meetings'>['items'][number];
export type MeetingPage = ActionOutput<'council', 'meetings'>;
export type ProjectDetail = ActionOutput<'council', 'project'>;
export type Project = ProjectDetail['project'];
export type Progress = ProjectDetail['updates'][number];
export type NewProgress = ActionInput<'council', 'reportProgress'>;
export type Campaign = ActionOutput<'council', 'campaign'>['campaign'];
export type CampaignDetail = ActionOutput<'council', 'campaign'>;
export type CampaignPage = ActionOutput<'council', 'campaigns'>;
export type NewCampaign = ActionInput<'council', 'openCampaign'>;
/** A resident as the committee lists them (user.listMembers). */
export type Member = ActionOutput<'user', 'listMembers'>['items'][number];
export type CampaignPaper = ActionInput<'council', 'campaignPaperBallot'>;
export type NewMeeting = ActionInput<'council', 'scheduleMeeting'>;
export type TopicFromDemand = ActionInput<'council', 'topicFromDemand'>;
export type Objection = ActionOutput<'council', 'objections'>['items'][number];
export type ThreeRatings = ActionOutput<'council', 'threeRatings'>;
