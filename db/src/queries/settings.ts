import type { Db } from '../client.ts';
import { installationSettings } from '../schema/settings.ts';

/** Sets the value only when the key is new; returns whether this call set it. */
export async function claimSetting(db: Db, key: string, value: unknown): Promise<boolean> {
  const rows = await db
    .insert(installationSettings)
    .values({ key, value })
    .onConflictDoNothing()
    .returning({ key: installationSettings.key });
  return rows.length > 0;
}
