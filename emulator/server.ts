// The generic local CloudBase: whatever functions it finds, on whatever data the folder holds.
// `npm start` (scripts/start.ts) serves the same with the product's demo neighbourhood.
import { exitOnFailure, serveLocalCloud } from './serve';

serveLocalCloud().catch(exitOnFailure);
