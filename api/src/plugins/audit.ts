// The acting user of a request, as the audit log records them: routes hand `request.actor` to the
// domain service that writes the row, instead of each building it from the session.
import fp from 'fastify-plugin';
import { actorOf, type Actor } from '../domain/actor.ts';
import { AppError } from '../domain/errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user as an audit actor; only routes that need a session may read it. */
    readonly actor: Actor;
  }
}

export default fp(
  async (app) => {
    // A getter over request.user, which the auth hook sets before any handler runs: it can never
    // disagree with the session, and a public route that reads it by mistake answers 401.
    app.decorateRequest('actor', {
      getter() {
        if (!this.user) throw new AppError('unauthenticated', 401, 'Sign in to use this.');
        return actorOf(this.user);
      },
    });
  },
  { name: 'audit', dependencies: ['auth'] },
);
