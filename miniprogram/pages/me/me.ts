/**
 * "我的": who I am, my roles and my building; a visitor asks to join a building here and then sees
 * the request in review. Also my personal data (behind the privacy notice), elder mode, the privacy
 * agreement, and the way to my records and to the work pages of my roles. Data comes from
 * services/user; display shapes from ./view.
 */
import { PRIVACY_VERSION, Profile, WITHDRAWAL_EFFECTS } from '../../generated/domain';
import { BindingRequest, BuildingOption, CommunityChange, CommunityOption } from '../../components/binding-form/type';
import { PersonalInfoSubmit } from '../../components/personal-info-form/type';
import { NO_RETRY, sendOnce } from '../../services/api/idempotency';
import { adoptProfileChoice, elderMode, setElderMode } from '../../services/display/display';
import { showPrivacyAgreement } from '../../services/privacy/privacy';
import { ProfileChange, getMe, getTree, requestBinding, updateProfile, withdrawConsent } from '../../services/user/user';
import { shanghaiDateTime } from '../../utils/time';
import { HomeView, InfoView, LinkView, ProfileView, RequestView, buildingOptions, communityOptions, homeView, infoView, linksView, needsBindingForm, profileView, requestView } from './view';
import { loadEvents } from '../../utils/page-events/page-events';

interface MeData {
  loading: boolean;
  loadError: string;
  elder: boolean;
  profile: ProfileView | null;
  /** A resident's building; null for a visitor. */
  home: HomeView | null;
  request: RequestView | null;
  /** 居委会 and my grid's worker, to call. */
  contacts: Profile['contacts'];
  /** My records, and the work pages of my roles (居委会工作台, 服务核销). */
  links: LinkView[];
  info: InfoView | null;
  editingInfo: boolean;
  savingInfo: boolean;
  infoError: string;
  /** "已同意（2026年11月1日）", or '' while the current notice is not accepted. */
  privacyAccepted: string;
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
  contacts: [],
  home: null,
  request: null,
  links: [],
  info: null,
  editingInfo: false,
  savingInfo: false,
  infoError: '',
  privacyAccepted: '',
  showForm: false,
  communities: [],
  communityIndex: -1,
  buildings: [],
  submitting: false,
  formError: '',
};

Page({
  ...loadEvents,
  data: initialData,

  /** The key of the last request that got no answer, reused when the same request is sent again. */
  retry: NO_RETRY,

  onLoad() {
    this.setData({ elder: elderMode() });
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
    adoptProfileChoice(p.elderMode);
    this.setData({
      loading: false,
      elder: elderMode(),
      profile: profileView(p),
      home: homeView(p),
      request: requestView(p.latestBinding),
      contacts: p.contacts,
      links: linksView(p),
      info: infoView(p),
      privacyAccepted: p.privacy && p.privacy.version === PRIVACY_VERSION ? `已同意（${shanghaiDateTime(p.privacy.acceptedAt).split(' ')[0]}）` : '',
      showForm: needsBindingForm(p),
    });
  },

  /** Saves a change to my profile and shows the answer; the error, if any, is returned for the caller to place. */
  async change(change: ProfileChange): Promise<string> {
    const saved = await updateProfile(change);
    if (!saved.ok) return saved.error.message;
    this.show(saved.data);
    return '';
  },

  onElderChange(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
    const on = !!e.detail.value;
    // This phone first, at once; the profile carries it to the user's other phones.
    setElderMode(on);
    this.setData({ elder: on });
    void this.change({ elderMode: on }).then((error) => {
      if (error) wx.showToast({ title: '长辈模式已在本机开启，同步失败：' + error, icon: 'none' });
    });
  },

  async onReadPrivacy() {
    if (!(await showPrivacyAgreement())) return;
    const error = await this.change({ acceptPrivacy: PRIVACY_VERSION });
    wx.showToast({ title: error || '已同意隐私保护指引', icon: error ? 'none' : 'success' });
  },

  /** Withdrawing the consent says first what stops working; only a second yes withdraws. */
  onWithdrawPrivacy() {
    wx.showModal({
      title: '撤回隐私授权',
      content: `撤回后：${WITHDRAWAL_EFFECTS.join('；')}。`,
      confirmText: '确认撤回',
      confirmColor: '#C8161D',
      success: (res) => {
        if (res.confirm) void this.withdraw();
      },
    });
  },

  async withdraw() {
    const res = await withdrawConsent();
    if (!res.ok) {
      wx.showToast({ title: res.error.message, icon: 'none' });
      return;
    }
    this.show(res.data.profile);
    wx.showToast({ title: '已撤回隐私授权', icon: 'success' });
  },

  onEditInfo() {
    this.setData({ editingInfo: true, infoError: '' });
  },

  onCancelInfo() {
    this.setData({ editingInfo: false, infoError: '' });
  },

  async onSaveInfo(e: WechatMiniprogram.CustomEvent<PersonalInfoSubmit>) {
    if (this.data.savingInfo) return;
    const { acceptPrivacy, realName, phone, birthYear } = e.detail;
    this.setData({ savingInfo: true, infoError: '' });
    const error = await this.change(acceptPrivacy ? { realName, phone, birthYear, acceptPrivacy: PRIVACY_VERSION } : { realName, phone, birthYear });
    // On failure the form stays open with what was typed.
    this.setData({ savingInfo: false, infoError: error, editingInfo: !!error });
    if (!error) wx.showToast({ title: '已保存', icon: 'success' });
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
    this.setData({ submitting: true, formError: '' });
    const { sent, memo } = await sendOnce(this.retry, request, (key) => requestBinding(buildingId, room, key));
    this.retry = memo;
    if (!sent.ok) {
      this.setData({ submitting: false, formError: sent.error.message });
      return;
    }
    this.setData({ submitting: false, showForm: false, request: requestView(sent.data) });
    wx.showToast({ title: '已提交审核', icon: 'success' });
  },
});
