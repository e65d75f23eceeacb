import { Foundation1764028800000 } from './1764028800000-Foundation.js';
import { AdoptionReports1764115200000 } from './1764115200000-AdoptionReports.js';
import { Subsidies1764201600000 } from './1764201600000-Subsidies.js';
import { Compliance1764288000000 } from './1764288000000-Compliance.js';
import { Reports1764374400000 } from './1764374400000-Reports.js';
import { Tenancy1764460800000 } from './1764460800000-Tenancy.js';

/** Every migration in order. Listed explicitly so the app, the CLI and the tests load the same set under ESM. */
export const migrations = [
  Foundation1764028800000,
  AdoptionReports1764115200000,
  Subsidies1764201600000,
  Compliance1764288000000,
  Reports1764374400000,
  Tenancy1764460800000,
];
