// Who is signed in, shared by every page.
import type { UserDto } from './api.ts';

export const session = $state<{ user: UserDto | null }>({ user: null });

export const canCapture = (user: UserDto | null) =>
  user?.role === 'admin' || user?.role === 'editor';
