/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * The page states on the bare demo seed: empty lists, loading failed, first visits.
 */
import path from 'node:path';
import { renderStates } from './render';

renderStates({ dir: process.env.PREVIEW_DIR ?? path.resolve(__dirname, '..', '..', 'preview'), run: 'seed', world: 'seed' });
