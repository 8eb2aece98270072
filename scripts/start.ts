// `npm start`: the local CloudBase with every function, and on a fresh data folder the demo
// neighbourhood (README: demo identities) with a week of life made through the real functions.
import { exitOnFailure, serveLocalCloud } from '../emulator/serve';
import { seedLivingNeighbourhood } from './demo/living-neighbourhood';

serveLocalCloud({ firstStart: (emulator) => seedLivingNeighbourhood(emulator) }).catch(exitOnFailure);
