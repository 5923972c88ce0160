// Shard 3 of the accessibility check of every page in the six languages: see support/accessibility.ts.
import { accessibilityShard } from './support/accessibility.js';

accessibilityShard(3);
