/** What the binding form shows and what it emits. */
export interface CommunityOption {
  id: string;
  /** "友邻居民区 · 新翔街道" */
  label: string;
}

export interface BuildingOption {
  id: string;
  /** "2号楼 · 第1微网格" */
  label: string;
}

/** Detail of the `communitychange` event. */
export interface CommunityChange {
  communityId: string;
}

/** Detail of the `submit` event. */
export interface BindingRequest {
  buildingId: string;
  room: string;
}
