/**
 * @jest-environment ./tests/miniprogram/jsdom-with-fetch.ts
 *
 * The page states in a living week: content, elder mode, the committee's view.
 */
import path from 'node:path';
import { renderStates } from './render';

renderStates({ dir: process.env.PREVIEW_DIR ?? path.resolve(__dirname, '..', '..', 'preview'), run: 'lively', world: 'lively' });
