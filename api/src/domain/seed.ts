// What a fresh installation needs: default categories, the first admin, and (unless DEMO_DATA is
// off) a demo that shows the product working: the essay's questions, two years of generated 1:1s,
// themes, a few answers and a proposed prep pack.
import {
  addDays,
  claimSetting,
  countUsers,
  formatDay,
  insertMissingCategories,
  listQuestions,
  type Db,
} from '@kb/db';
import type { Config } from '../config.ts';
import { essayMeetings } from '../demo/essay.ts';
import { askedInWords, demoAnswers, demoHistory } from '../demo/history.ts';
import { systemActor } from './actor.ts';
import { answer } from './answers.ts';
import { captureMeeting } from './capture.ts';
import { defaultCategories } from './default-categories.ts';
import { importQuestions } from './import.ts';
import { createPack } from './packs.ts';
import type { Redactor } from './redactor.ts';
import type { ThemeService } from './themes/index.ts';
import { createUser } from './users.ts';

export interface SeedReport {
  categoriesAdded: number;
  adminCreated: boolean;
  demoMeetings: number;
  demoQuestions: number;
}

export interface SeedContext {
  db: Db;
  redactor: Redactor;
  themes: ThemeService;
  config: Config;
  now?: Date;
}

export async function seedInstallation(context: SeedContext): Promise<SeedReport> {
  const { db, config } = context;
  const categoriesAdded = await insertMissingCategories(db, defaultCategories);

  let adminCreated = false;
  if (config.admin && (await countUsers(db)) === 0) {
    await createUser(db, { ...config.admin, role: 'admin' }, systemActor);
    adminCreated = true;
  }

  // Loaded once per installation: deleting the demo questions later does not bring them back.
  const claimed = config.demoData && (await claimSetting(db, 'demo-data-loaded', true));
  if (!claimed) return { categoriesAdded, adminCreated, demoMeetings: 0, demoQuestions: 0 };
  const demo = await loadDemo(context);
  return { categoriesAdded, adminCreated, ...demo };
}

async function loadDemo({ db, redactor, themes, config, now = new Date() }: SeedContext) {
  for (const meeting of essayMeetings) await captureMeeting(db, redactor, meeting, systemActor);

  // Through the import, as an executive bringing in their notes would: redacted, one meeting a day.
  const history = demoHistory({ until: now });
  const rows = history.flatMap((meeting) =>
    meeting.questions.map((q) => ({
      text: q.text,
      date: meeting.heldOn,
      categories: q.categories,
    })),
  );
  await importQuestions(
    db,
    redactor,
    { format: 'json', content: JSON.stringify(rows), dryRun: false },
    systemActor,
  );
  await themes.recompute(systemActor);

  // A few themes answered at past all-hands, so search, themes and packs show answers.
  const { items } = await listQuestions(db, {}, { offset: 0, limit: 5_000 });
  for (const demoAnswer of demoAnswers) {
    const asked = items.find((q) => askedInWords(q.text, demoAnswer.phrasing));
    if (!asked) continue;
    await answer(
      db,
      redactor,
      asked.themeId ? { themeId: asked.themeId } : { questionId: asked.id },
      {
        body: demoAnswer.body,
        status: 'answered',
        ownerId: null,
        answeredIn: demoAnswer.answeredIn,
        answeredOn: asked.week,
        reviewBy: null,
      },
      systemActor,
    );
  }

  // The next all-hands, two weeks out, prepared from what is rising and recurring.
  await createPack(
    db,
    redactor,
    { name: 'Next all-hands', eventOn: addDays(formatDay(now), 14), propose: true },
    systemActor,
    config.kAnonymity,
  );
  return {
    demoMeetings: essayMeetings.length + history.length,
    demoQuestions: essayMeetings.flatMap((m) => m.questions).length + rows.length,
  };
}
