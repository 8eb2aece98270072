/** Every area's page states: one file an area, each registering its pages' states. */
import './resident';
import './committee';
