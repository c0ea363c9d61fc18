// What a fresh installation needs: default categories, the first admin, and the essay's questions.
import { claimSetting, countUsers, insertMissingCategories, type Db } from '@kb/db';
import type { Config } from '../config.ts';
import { essayMeetings } from '../demo/essay.ts';
import { systemActor } from './actor.ts';
import { captureMeeting } from './capture.ts';
import { defaultCategories } from './default-categories.ts';
import type { Redactor } from './redactor.ts';
import { createUser } from './users.ts';

export interface SeedReport {
  categoriesAdded: number;
  adminCreated: boolean;
  demoMeetings: number;
}

export async function seedInstallation(
  db: Db,
  redactor: Redactor,
  config: Config,
): Promise<SeedReport> {
  const categoriesAdded = await insertMissingCategories(db, defaultCategories);

  let adminCreated = false;
  if (config.admin && (await countUsers(db)) === 0) {
    await createUser(db, { ...config.admin, role: 'admin' }, systemActor);
    adminCreated = true;
  }

  // Loaded once per installation: deleting the demo questions later does not bring them back.
  let demoMeetings = 0;
  if (config.demoData) {
    demoMeetings = await db.transaction(async (tx) => {
      if (!(await claimSetting(tx, 'demo-data-loaded', true))) return 0;
      for (const meeting of essayMeetings) await captureMeeting(tx, redactor, meeting, systemActor);
      return essayMeetings.length;
    });
  }
  return { categoriesAdded, adminCreated, demoMeetings };
}
