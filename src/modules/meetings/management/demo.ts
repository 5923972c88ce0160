import type { Db } from '../../../core/db/client.js';
import type { FileStore } from '../../../core/storage/files.js';

/**
 * PLACEHOLDER written by the register (h/register) because management's demo was not on its
 * branch: management's own demoMeetings (meeting 41 with its agenda) replaces this file. The
 * register's demo makes a plain meeting 41 itself when none exists.
 */
export const demoMeetings = async (_db: Db, _context: { files: FileStore }) => {};
