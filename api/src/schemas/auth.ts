import { roles } from '@kb/db/constants';
import { z } from 'zod';
import { text } from './common.ts';

export const roleSchema = z.enum(roles);

export const userSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  role: roleSchema,
});
export type UserDto = z.infer<typeof userSchema>;

/** Length and no control characters: the domain also refuses passwords that are easy to guess. */
export const passwordSchema = text()
  .min(12, 'must have at least 12 characters')
  .max(256, 'must have at most 256 characters');

export const loginBody = z.object({
  email: z.email({ error: 'must be an email address' }).max(254),
  // Any string: a password set before control characters were refused must still sign in, and
  // it is only ever hashed, never stored.
  password: z.string().min(1, 'is required').max(1024),
});

export const meResponse = z.object({ user: userSchema });

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1, 'is required').max(1024),
  newPassword: passwordSchema,
});
