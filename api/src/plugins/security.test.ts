import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import helmet from 'helmet';
import { describe, expect, it } from 'vitest';
import { fixedHeaders } from './security.ts';

const response = () => {
  const request = new IncomingMessage(new Socket());
  const answer = new ServerResponse(request);
  answer.setHeader('x-powered-by', 'something');
  return answer;
};

describe('fixedHeaders', () => {
  it('writes what the helmet middleware writes, and removes what it removes', () => {
    const options = {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'", "'sha256-abc'"] },
      },
      strictTransportSecurity: { maxAge: 86_400 },
    };
    const byHelmet = response();
    helmet(options)(new IncomingMessage(new Socket()), byHelmet, (error?: unknown) => {
      if (error) throw error;
    });
    const recorded = response();
    fixedHeaders(helmet(options))(recorded);

    expect(recorded.getHeaders()).toEqual(byHelmet.getHeaders());
    expect(recorded.getHeader('content-security-policy')).toBe(
      "default-src 'self';script-src 'self' 'sha256-abc'",
    );
    expect(recorded.hasHeader('x-powered-by')).toBe(false);
  });
});
