import { roles } from '@kb/db/constants';
import { z } from 'zod';

export const roleSchema = z.enum(roles);

export const userSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  role: roleSchema,
});
export type UserDto = z.infer<typeof userSchema>;

export const loginBody = z.object({
  email: z.email({ error: 'must be an email address' }).max(254),
  password: z.string().min(1, 'is required').max(1024),
});

export const meResponse = z.object({ user: userSchema });
