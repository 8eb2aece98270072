/**
 * "我的": who I am, my roles and my building; a visitor asks to join a building here and then sees
 * the request in review. Data comes from services/user; display shapes from ./view.
 */
import { Profile } from '../../generated/domain';
import { BindingRequest, BuildingOption, CommunityChange, CommunityOption } from '../../components/binding-form/type';
import { newIdempotencyKey } from '../../services/api/idempotency';
import { getMe, getTree, requestBinding } from '../../services/user/user';
import { HomeView, ProfileView, RequestView, buildingOptions, canOpenWorkbench, communityOptions, homeView, needsBindingForm, profileView, requestView } from './view';

interface MeData {
  loading: boolean;
  loadError: string;
  elder: boolean;
  profile: ProfileView | null;
  /** A resident's building; null for a visitor. */
  home: HomeView | null;
  request: RequestView | null;
  /** Committee members and admins get the entry to 居委会工作台. */
  workbench: boolean;
  showForm: boolean;
  communities: CommunityOption[];
  communityIndex: number;
  buildings: BuildingOption[];
  submitting: boolean;
  formError: string;
}

const initialData: MeData = {
  loading: true,
  loadError: '',
  elder: false,
  profile: null,
  home: null,
  request: null,
  workbench: false,
  showForm: false,
  communities: [],
  communityIndex: -1,
  buildings: [],
  submitting: false,
  formError: '',
};

Page({
  data: initialData,

  /** The key of the last request that got no answer, reused when the same request is sent again. */
  retry: { key: '', request: '' },

  onLoad() {
    void this.load();
  },

  onPullDownRefresh() {
    void this.load().then(() => wx.stopPullDownRefresh());
  },

  onRetry() {
    void this.load();
  },

  async load() {
    // A refresh keeps what is on screen; only the first load shows the loading state.
    const refreshing = this.data.profile !== null;
    this.setData({ loading: !refreshing, loadError: '' });
    const me = await getMe();
    if (!me.ok) {
      if (refreshing) wx.showToast({ title: me.error.message, icon: 'none' });
      else this.setData({ loading: false, loadError: me.error.message });
      return;
    }
    this.show(me.data);
    if (this.data.showForm) await this.loadCommunities();
  },

  show(p: Profile) {
    this.setData({
      loading: false,
      elder: p.elderMode,
      profile: profileView(p),
      home: homeView(p),
      request: requestView(p.latestBinding),
      workbench: canOpenWorkbench(p),
      showForm: needsBindingForm(p),
    });
  },

  async loadCommunities() {
    if (this.data.communities.length > 0) return;
    const tree = await getTree();
    if (!tree.ok) {
      this.setData({ formError: tree.error.message });
      return;
    }
    const communities = communityOptions(tree.data);
    this.setData({ communities });
    // Most visitors live in the one community that uses the app: save them a step.
    if (communities.length === 1) await this.chooseCommunity(0);
  },

  async chooseCommunity(index: number) {
    const community = this.data.communities[index];
    if (!community) return;
    this.setData({ communityIndex: index, buildings: [], formError: '' });
    const tree = await getTree(community.id);
    if (!tree.ok) {
      this.setData({ formError: tree.error.message });
      return;
    }
    this.setData({ buildings: buildingOptions(tree.data) });
  },

  onCommunityChange(e: WechatMiniprogram.CustomEvent<CommunityChange>) {
    const index = this.data.communities.findIndex((c) => c.id === e.detail.communityId);
    void this.chooseCommunity(index);
  },

  onChangeRequest() {
    this.setData({ showForm: true });
    void this.loadCommunities();
  },

  async onSubmitBinding(e: WechatMiniprogram.CustomEvent<BindingRequest>) {
    if (this.data.submitting) return;
    const { buildingId, room } = e.detail;
    const request = `${buildingId}/${room}`;
    // Same request after a lost answer: same key, so the server applies it once.
    const key = this.retry.request === request ? this.retry.key : newIdempotencyKey();
    this.setData({ submitting: true, formError: '' });
    const sent = await requestBinding(buildingId, room, key);
    this.retry = !sent.ok && sent.error.code === 'UNAVAILABLE' ? { key, request } : { key: '', request: '' };
    if (!sent.ok) {
      this.setData({ submitting: false, formError: sent.error.message });
      return;
    }
    this.setData({ submitting: false, showForm: false, request: requestView(sent.data) });
    wx.showToast({ title: '已提交审核', icon: 'success' });
  },
});
