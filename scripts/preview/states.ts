/**
 * The scenario registry: the states a page is previewed (and checked) in. A page registers its states
 * in scenarios/<area>.ts; a page in app.json without any is still rendered, in its default state
 * (the living week, as the person its package is for). Each state runs through the real functions
 * on the emulator with the demo seed.
 */
import type { World } from './world';

export interface PreviewState {
  /** What the state is, as the index shows it: 有内容, 空, 加载失败, 长辈模式, 居委会视角 … */
  name: string;
  /** 'seed': the bare demo seed (empty lists); 'lively': the seed and a living week (world.ts). */
  world: 'seed' | 'lively';
  /** Who looks (an openid of the demo seed); by default the person the page's package is for. */
  as?: string;
  /** The query `onLoad` receives. */
  query?: (world: World) => Record<string, string>;
  elder?: boolean;
  /** Every call fails as with no network: the page's loading-failed state. */
  offline?: boolean;
  /** The page's primary action, as a class of its WXML: the UI check wants it on the first screen. */
  primary?: string;
}

const registry = new Map<string, PreviewState[]>();

export function registerStates(route: string, states: PreviewState[]): void {
  registry.set(route, [...(registry.get(route) ?? []), ...states]);
}

/** Who a page is for when its state does not say: the committee, a provider, or a resident. */
export function defaultViewer(route: string): string {
  if (route.startsWith('packageCommittee/')) return 'demo-committee';
  if (route.startsWith('packageProvider/')) return 'demo-provider-1';
  return 'demo-resident-1';
}

export const DEFAULT_STATE: PreviewState = { name: '默认', world: 'lively' };

export function statesFor(route: string): PreviewState[] {
  return registry.get(route) ?? [DEFAULT_STATE];
}
