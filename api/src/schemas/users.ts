import { z } from 'zod';
import { passwordSchema, roleSchema } from './auth.ts';

export const managedUserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  role: roleSchema,
  createdAt: z.string(),
});

export const createUserBody = z.object({
  email: z
    .email({ error: 'must be an email address' })
    .max(254)
    .transform((e) => e.toLowerCase()),
  password: passwordSchema,
  role: roleSchema,
});

export const updateUserBody = z
  .object({
    email: z
      .email({ error: 'must be an email address' })
      .max(254)
      .transform((e) => e.toLowerCase())
      .optional(),
    password: passwordSchema.optional(),
    role: roleSchema.optional(),
  })
  .refine(
    (body) => Object.values(body).some((v) => v !== undefined),
    'send at least one field to change',
  );

export const usersResponse = z.object({ users: z.array(managedUserSchema) });
export const userResponse = z.object({ user: managedUserSchema });

export type ManagedUserDto = z.infer<typeof managedUserSchema>;
